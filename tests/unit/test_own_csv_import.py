"""Training Log's own CSV export reads back as the sessions it was written from."""

from __future__ import annotations

import csv
import tempfile
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.exercises.catalogue import shipped_catalogue
from traininglog.exporters.csv_table import export_csv
from traininglog.importers.detect import read_import
from traininglog.sessionfiles import encode

from strategies import sessions


def what_csv_carries(session: Session) -> Session:
    """The session as its CSV rows can hold it: no user, muscles from the catalogue, blank
    notes as none (a CSV cell cannot tell "" from nothing)."""
    catalogue = shipped_catalogue()

    def muscles(name: str) -> tuple[str, ...]:
        known = catalogue.find(name)
        return known.target_muscle_groups if known and known.name == name else ()

    return replace(
        session,
        user_id="",
        user_name="",
        exercises=tuple(
            replace(
                e,
                target_muscle_groups=muscles(e.name),
                warmup_sets=tuple(replace(w, notes=w.notes or None) for w in e.warmup_sets),
                working_sets=tuple(replace(w, notes=w.notes or None) for w in e.working_sets),
            )
            for e in session.exercises
        ),
    )


def has_a_row_per_exercise(session: Session) -> bool:
    # One row per set: an exercise without sets, or a session without exercises, has none.
    # And no NUL character: a file holding one is taken for binary and refused as a whole.
    return (
        bool(session.exercises)
        and all(e.warmup_sets or e.working_sets for e in session.exercises)
        and b"\\u0000" not in encode(session)
    )


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        (sessions(body_weight_sets=True) | sessions()).filter(has_a_row_per_exercise),
        max_size=3,
        unique_by=lambda s: s.id,
    )
)
def test_json_to_csv_to_import_gives_the_same_sessions(originals: list[Session]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        export_csv(originals, path)
        batch = read_import([path])
    assert batch.rejected == []
    assert batch.formats == {str(path): "csv"}
    assert [s for _, s in batch.sessions] == [what_csv_carries(s) for s in originals]


def test_a_bad_row_refuses_its_session_and_names_file_line_and_column(tmp_path: Path) -> None:
    def session(session_id: str, day: int) -> Session:
        bench = Exercise(1, "Barbell Bench Press", ("chest",), (), (WorkingSet(1, 80, 5),))
        return Session(session_id, datetime(2026, 2, day, 18, 0), (bench,), focus="upper")

    first = session("00000000-2222-4333-8444-555555555555", 1)
    second = session("11111111-2222-4333-8444-555555555555", 3)
    path = tmp_path / "export.csv"
    export_csv([first, second], path)
    lines = path.read_bytes().decode("utf-8").split("\r\n")  # read_text would fold \r\n
    bad_line = next(n for n, line in enumerate(lines) if second.id in line)
    cells = lines[bad_line].split(",")
    cells[10] = "heavy"  # weight_kg
    lines[bad_line] = ",".join(cells)
    path.write_bytes("\r\n".join(lines).encode("utf-8"))
    batch = read_import([path])
    assert [s.id for _, s in batch.sessions] == [first.id]
    problems = [line for r in batch.rejected for line in r.lines()]
    assert problems == [f"{path}:{bad_line + 1}: weight_kg: 'heavy' is not a number"]


def test_a_note_that_looks_like_a_formula_is_text_in_a_spreadsheet_and_comes_back(
    tmp_path: Path,
) -> None:
    """`=HYPERLINK(...)` in a note would run when the export is opened in a spreadsheet."""
    notes = ['=HYPERLINK("http://x")', "+1 rep", "-5 kg belt", "@gym", "'quoted", "\tindent"]
    session = Session(
        id="0b5c3f4e-1d2a-4b6c-8d7e-9f0a1b2c3d4e",
        date=datetime(2026, 3, 2, 18, 0),
        focus="=cmd|' /C calc'!A0",
        exercises=(
            Exercise(
                1,
                "-Custom Press",
                (),
                (),
                tuple(WorkingSet(n, 60, 5, notes=note) for n, note in enumerate(notes, 1)),
            ),
        ),
    )
    path = tmp_path / "export.csv"
    export_csv([session], path)
    text = path.read_text(encoding="utf-8")
    with path.open(newline="", encoding="utf-8") as f:
        cells = [c for row in csv.reader(f) for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t")) for c in cells), text
    assert "'=HYPERLINK" in text
    assert [s for _, s in read_import([path]).sessions] == [what_csv_carries(session)]
