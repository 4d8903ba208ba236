"""Hostile sizes: every reader is linear in its input, with caps that say so. Each shape is
read at two sizes; the larger must cost about its share more (not its square), stay within a
generous wall-clock bound on a slow machine, and stay within a memory bound."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import fault_tally
import pytest

from traininglog.importers.detect import read_import
from traininglog.sessionfiles import SessionFileError, decode

STRONG_HEADER = "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n"  # noqa: E501
HEAD = "# 2026-02-16 Upper\n## Barbell Bench Press\n"


def markdown(kind: str, n: int) -> str:
    return (
        HEAD
        + {
            "a long set line": "- 80 x 5 " + "a" * n + "\n",
            "a long number": "- " + "8" * n + " x 5\n",
            "many sets on one line": "- warmup: " + "20 x 5, " * (n // 8) + "\n",
            "spaces before a word": "- 80 x 5" + " " * n + "x\n",
            "a long heading": "## " + "Bench " * (n // 6) + "\n- 80 x 5\n",
            "many sessions": "".join(
                f"# 2026-02-16 {i}\n## Barbell Bench Press\n- 80 x 5\n" for i in range(n // 50)
            ),
        }[kind]
    )


def strong(kind: str, n: int) -> str:
    row = '2026-06-11 13:01:00,"Push",1h,"Bench Press (Barbell)",1,80,5,,,"{}",,\n'
    return (
        STRONG_HEADER
        + {
            "a long note": row.format("n" * n),
            "a quoted field never closed": row.format("x").replace('"x"', '"' + "x" * n),
            "many rows": row.format("") * (n // 60),
            "many commas": "," * n + "\n",
        }[kind]
    )


CASES = [
    ("md", "markdown", k)
    for k in (
        "a long set line",
        "a long number",
        "many sets on one line",
        "spaces before a word",
        "a long heading",
        "many sessions",
    )
] + [
    ("csv", "strong", k)
    for k in ("a long note", "a quoted field never closed", "many rows", "many commas")
]


def cost(path: Path) -> tuple[float, int]:
    tracemalloc.start()
    started = time.perf_counter()
    read_import([path], weight_unit="kg")
    took = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return took, peak


@pytest.mark.parametrize(("suffix", "app", "kind"), CASES, ids=[c[2] for c in CASES])
def test_a_reader_is_linear_in_a_hostile_input(tmp_path: Path, suffix, app, kind) -> None:
    make = markdown if app == "markdown" else strong
    small, large = 100_000, 400_000
    times, peaks = [], []
    for n in (small, large):
        path = tmp_path / f"{n}.{suffix}"
        path.write_text(make(kind, n), encoding="utf-8")
        took, peak = cost(path)
        times.append(took)
        peaks.append(peak)
        fault_tally.fuzzed()
    assert times[1] < 20, f"{kind}: {times[1]:.1f} s for {large:,} characters"
    # 4× the input: a linear reader costs about 4×; a quadratic one 16×. Generous for noise
    # (the small run is short), firm against a square.
    assert times[1] < 10 * times[0] + 0.5, f"{kind}: {times}"
    assert peaks[1] < 400 * large, f"{kind}: {peaks[1] / 1e6:.0f} MB for {large:,} characters"


@pytest.mark.parametrize(
    "shape",
    ['{"_id": "' + "x" * 2_000_000 + '"}', "[" * 100_000, '{"a": ' + "1" * 2_000_000 + "}"],
    ids=["a long string", "deep nesting", "a huge number"],
)
def test_a_session_file_of_a_hostile_shape_is_refused_quickly(shape: str) -> None:
    started = time.perf_counter()
    with pytest.raises(SessionFileError):
        decode(shape.encode())
    assert time.perf_counter() - started < 5
    fault_tally.fuzzed()
