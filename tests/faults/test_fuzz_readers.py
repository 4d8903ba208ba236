"""The session-file reader and the CSV readers, fed anything: a clear error or a valid session.

Never an exception other than the reader's own error, never a session the domain refuses, and
every session read writes back to the same session. The inputs are bytes, not documents (the
reader-versus-schema test mutates documents; the import test cuts fixture texts): random
bytes, JSON of any shape nested deep, numbers too large for a float, text in any script, the
byte damage a disk or a transfer does, and CSV files with a real header over random rows.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import fault_tally
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from traininglog.domain import problems
from traininglog.importers.detect import read_import
from traininglog.sessionfiles import SessionFileError, decode, encode

from strategies import sessions

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
SCRATCH = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None
KEYS = [
    "dataModelVersion",
    "dataModelType",
    "_id",
    "userId",
    "userName",
    "date",
    "phase",
    "week",
    "isDeloadWeek",
    "focus",
    "exercises",
    "Order",
    "Name",
    "targetMuscleGroups",
    "warmupSets",
    "workingSets",
    "set",
    "weightKg",
    "repCount",
    "full",
    "partial",
    "rpe",
    "repAssessment",
    "actualRestMinutes",
    "notes",
]
HUGE_NUMBERS = ["1e999", "-1e999", "9" * 400, "-" + "9" * 5000, "1e-999", "0e0", "-0", "4e308"]

huge_ints = st.integers(min_value=-(10**400), max_value=10**400)
scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | huge_ints
    | st.floats()
    | st.text()
    | st.sampled_from(["0.0.1", "training_session_log", "2026-02-16T23:34:50", "good"])
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=5)
        | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=40,
)


def verdict(data: bytes) -> None:
    """The reader's promise: a clear error, or a valid session that writes back the same."""
    fault_tally.fuzzed()
    try:
        session = decode(data)
    except SessionFileError as error:
        assert error.problems, "an error without a reason"
        assert all(str(p).strip() for p in error.problems)
        return
    assert problems(session) == []
    assert decode(encode(session)) == session


@FUZZ
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    verdict(data)


@FUZZ
@given(json_values, st.booleans())
def test_json_of_any_shape(value: object, ascii_only: bool) -> None:
    verdict(json.dumps(value, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass"))


@st.composite
def damaged_session_files(draw: st.DrawFn) -> bytes:
    """A valid session file with the damage disks, editors and transfers do."""
    data = bytearray(encode(draw(sessions(max_exercises=2))))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(
            st.sampled_from(["flip", "cut", "insert", "number", "nest", "escape", "encoding"])
        )
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            at = min(at, len(data) - 1)
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "cut":
            data = data[:at] + data[at + draw(st.integers(1, 200)) :]
        elif kind == "insert":
            data[at:at] = draw(
                st.binary(min_size=1, max_size=20)
                | st.text(max_size=10).map(lambda t: t.encode("utf-8", "surrogatepass"))
            )
        elif kind == "number":
            digits = [i for i, b in enumerate(data) if chr(b).isdigit()]
            if digits:
                i = draw(st.sampled_from(digits))
                data[i : i + 1] = draw(st.sampled_from(HUGE_NUMBERS)).encode()
        elif kind == "nest":
            depth = draw(st.sampled_from([2, 50, 999, 1000, 1001, 5000, 50_000]))
            data = bytearray(b"[" * depth + bytes(data) + b"]" * depth)
        elif kind == "escape":
            escape = draw(st.sampled_from([r"\ud800", r"\udfff", r"\u0000", r"\uffff", "\\"]))
            data[at:at] = escape.encode()
        else:
            codec = draw(st.sampled_from(["utf-16", "utf-32", "latin-1", "utf-8-sig"]))
            data = bytearray(bytes(data).decode("utf-8", "replace").encode(codec, "replace"))
    return bytes(data)


@FUZZ
@given(damaged_session_files())
def test_damaged_session_files(data: bytes) -> None:
    verdict(data)


# -- the CSV readers ---------------------------------------------------------------------------


# Found by this fuzz test: a CSV cell of 310+ digits read as float('inf') and the reps
# reader then raised OverflowError.
TOO_LARGE_FOR_A_FLOAT = ["9" * 400, "-" + "9" * 5000]
CSV_NUMBERS = HUGE_NUMBERS

HEADERS = sorted(
    {(path.read_bytes().decode("utf-8-sig").splitlines()[0]) for path in FIXTURES.glob("*.csv")}
)
cells = (
    st.text(max_size=12)
    | st.sampled_from([*CSV_NUMBERS, "NaN", "inf", "-inf", "1,5", "62,5", "W", "D", "F"])
    | st.sampled_from(["2026-02-16 17:45:03", "2 Mar 2026, 19:59", "2026-13-45 25:61:00"])
    | st.sampled_from(["Rest Timer", "warmup", "normal", "dropset", "kgs", "lbs", "0:01:00"])
    | st.integers(-(10**30), 10**30).map(str)
    | st.floats().map(repr)
)


def csv_cell(text: str, quote: bool) -> str:
    return '"' + text.replace('"', '""') + '"' if quote else text


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[bytes, str | None]:
    header = draw(st.sampled_from(HEADERS))
    separator = ";" if ";" in header else ","
    width = header.count(separator) + 1
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        row = draw(st.lists(cells, min_size=0, max_size=width + 2))
        rows.append(separator.join(csv_cell(c, draw(st.booleans())) for c in row))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = newline.join([header, *rows])
    if draw(st.booleans()):  # cut anywhere, as a download that stopped
        text = text[: draw(st.integers(0, len(text)))]
    codec = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    unit = draw(st.sampled_from([None, "kg", "lb"]))
    return text.encode(codec, "surrogatepass" if codec.startswith("utf") else "replace"), unit


def import_verdict(data: bytes, suffix: str, weight_unit: str | None) -> None:
    fault_tally.fuzzed()
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        path = Path(folder) / f"export{suffix}"
        path.write_bytes(data)
        batch = read_import([path], weight_unit=weight_unit)
    for _, session in batch.sessions:
        assert problems(session) == []
    for rejection in batch.rejected:
        assert rejection.source.startswith(str(path))
        assert all(p.message.strip() for p in rejection.problems)


@FUZZ
@given(csv_files())
def test_csv_files_with_a_real_header_over_random_rows(file: tuple[bytes, str | None]) -> None:
    data, unit = file
    import_verdict(data, ".csv", unit)


@settings(FUZZ, max_examples=150)
@given(st.binary(max_size=3000), st.sampled_from([".csv", ".md", ".txt", ""]))
def test_random_bytes_as_an_import(data: bytes, suffix: str) -> None:
    import_verdict(data, suffix, "kg")


@pytest.mark.parametrize("depth", [10_000, 200_000])
def test_deep_nesting_in_an_import_file(tmp_path: Path, depth: int) -> None:
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * depth + b"]" * depth)
    fault_tally.fuzzed()
    batch = read_import([path])
    assert batch.sessions == [] and len(batch.rejected) == 1


@pytest.mark.parametrize("cell", TOO_LARGE_FOR_A_FLOAT)
def test_a_number_too_large_for_a_float_is_refused(tmp_path: Path, cell: str) -> None:
    header = "Date,Exercise,Category,Weight (kgs),Reps,Distance,Distance Unit,Time,Comment"
    path = tmp_path / "fitnotes.csv"
    path.write_text(f"{header}\n2026-02-01,Overhead Press,Shoulders,40.0,{cell},,,,\n")
    fault_tally.fuzzed()
    batch = read_import([path])
    assert batch.sessions == []
    assert "reps" in " ".join(str(p) for r in batch.rejected for p in r.problems).lower()
