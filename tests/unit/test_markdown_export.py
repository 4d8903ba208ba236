"""Markdown export: the notes grammar, read back by the importer into value-equal sessions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.exercises.matching import ExerciseNames
from traininglog.exporters.markdown import export_markdown, session_to_markdown
from traininglog.importers.detect import read_import
from traininglog.importers.markdown import read_markdown
from traininglog.importers.text_files import TextFile
from traininglog.sessionfiles import decode, encode

from strategies import sessions

NAMES = ExerciseNames()
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def read_back(text: str) -> list[Session]:
    batch = read_markdown(TextFile("export.md", "export.md", text), None, NAMES)
    assert batch.rejected == [], [line for r in batch.rejected for line in r.lines()]
    return [session for _, session in batch.sessions]


def test_the_seed_session_as_notes(seed_file):
    session = decode(seed_file.read_bytes())
    assert session_to_markdown(session) == (
        "# 2026-02-16 23:34:50.722615 upper-strength\n"
        "Phase 2 · Week 5\n"
        '<!-- training-log {"_id": "3fcb25c2-5ca4-4c42-9530-f957959f633d", '
        '"userId": "apoorva", "userName": "Apoorva Sharma"} -->\n'
        "\n"
        "## Barbell Bench Press\n"
        "Muscles: none\n"  # the catalogue would say chest; the file says nothing
        "- warmup: 20kg x 5\n"
        "- 80kg x 5 @8 perfect\n"
    )


def test_a_session_with_everything_reads_back_equal():
    session = Session(
        id="0b7a4c2e-1d3f-4e5a-9b6c-7d8e9f0a1b2c",
        date=datetime(2026, 2, 16, 18, 30, tzinfo=timezone(timedelta(hours=-3, minutes=-30))),
        exercises=(
            Exercise(
                1,
                "Barbell Bench Press",
                ("chest",),
                (
                    WarmupSet(1, 20, 5),
                    WarmupSet(2, 40, 5, "bar only\nthen plates"),
                    WarmupSet(3, 60, 3),
                ),
                (
                    WorkingSet(1, 82.5, 5, 2, 9.5, "perfect", 3.25, "felt fast"),
                    WorkingSet(2, 0, 12, rest_minutes=0, notes=""),
                    WorkingSet(3, 61.23496995, 8, rpe=1, rep_assessment="failed"),
                ),
            ),
            Exercise(2, "Bench Press", ("triceps", "chest")),  # an alias, kept as written
            Exercise(3, "2026-01-01 Curl", ()),  # looks like a date
            Exercise(4, "Zercher Carry"),
        ),
        user_id="me",
        phase=0,
        week=520,
        is_deload_week=True,
        focus="5/3/1 week",
    )
    text = session_to_markdown(session)
    assert '## "Bench Press"' in text
    assert '# 2026-02-16 18:30-03:30 "5/3/1 week"' in text
    (back,) = read_back(text)
    assert back == session
    assert encode(back) == encode(session)


# Every session the schema accepts: names, focus and notes with line breaks, '#', quotes or
# surrounding spaces are written as JSON strings, so the full strategy is used unnarrowed.
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    st.lists(
        sessions(body_weight_sets=True) | sessions(),
        min_size=1,
        max_size=3,
        unique_by=lambda s: s.id,
    )
)
def test_export_then_import_gives_value_equal_sessions(generated):
    text = "\n".join(session_to_markdown(s, NAMES) for s in generated)
    back = read_back(text)
    assert back == generated
    assert [encode(s) for s in back] == [encode(s) for s in generated]
    assert [s.date.utcoffset() for s in back] == [s.date.utcoffset() for s in generated]


def test_export_markdown_writes_one_file_that_imports_back(tmp_path, seed_file):
    notes = read_import([FIXTURES / "notes.md", FIXTURES / "hevy_kg.csv"]).sessions
    everything = [decode(seed_file.read_bytes()), *(s for _, s in notes)]
    path = tmp_path / "history.md"
    assert export_markdown(everything, path) == len(everything) == 6
    batch = read_import([path])
    assert batch.formats == {str(path): "markdown"}
    assert batch.rejected == []
    assert [s for _, s in batch.sessions] == everything


def test_exported_notes_import_into_the_same_logbook_as_already_stored(
    logbook, seed_file, tmp_path
):
    stored = decode(seed_file.read_bytes())
    assert len(logbook.import_sessions([(str(seed_file), stored)]).imported) == 1
    path = tmp_path / "export.md"
    export_markdown([stored], path)
    report = logbook.import_sessions(read_import([path]).sessions)
    assert (report.imported, report.conflicts, report.rejected) == ([], [], [])
    assert len(report.already_stored) == 1


def test_names_that_read_as_dates_or_other_apps_names_come_back_as_they_were():
    # An exercise heading that would start a session ("Mon 16 Feb 2026 …") or that the
    # importer would match to a catalogue entry ("Bench Press (Barbell)") is written quoted.
    names = ["Mon 16 Feb 2026 Squat", "16 Feb 2026", "Feb 16, 2026 Row", "Bench Press (Barbell)"]
    session = Session(
        id="0b7a4c2e-1d3f-4e5a-9b6c-7d8e9f0a1b2d",
        date=datetime(2026, 2, 16, 18, 30),
        exercises=tuple(
            Exercise(n, name, (), (), (WorkingSet(1, 80, 5),)) for n, name in enumerate(names, 1)
        ),
    )
    text = session_to_markdown(session)
    assert '## "Mon 16 Feb 2026 Squat"' in text
    assert read_back(text) == [session]
