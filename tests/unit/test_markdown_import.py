"""Markdown training notes: the grammar line by line, and whole files into sessions."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from traininglog.domain import WarmupSet, WorkingSet, ensure_valid
from traininglog.importers.detect import read_import
from traininglog.importers.markdown_lines import (
    NotUnderstood,
    muscles,
    session_facts,
    session_heading,
)
from traininglog.importers.markdown_sets import SetLine, set_line, warmup_sets
from traininglog.importers.set_values import BadValue
from traininglog.sessionfiles import encode

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("80 x 5", SetLine(1, 80.0, 5)),
        ("80x5", SetLine(1, 80.0, 5)),
        ("80 X 5", SetLine(1, 80.0, 5)),
        ("80 × 5", SetLine(1, 80.0, 5)),
        ("80*5", SetLine(1, 80.0, 5)),
        ("80 x 5 reps", SetLine(1, 80.0, 5)),
        ("62,5 x 5", SetLine(1, 62.5, 5)),
        ("80 x 5 @8", SetLine(1, 80.0, 5, rpe=8.0)),
        ("80kg x 5 @ 8", SetLine(1, 80.0, 5, rpe=8.0)),
        ("80 kgs x 5 RPE 8", SetLine(1, 80.0, 5, rpe=8.0)),
        ("80 x 5 @rpe8.5", SetLine(1, 80.0, 5, rpe=8.5)),
        ("80 x 5 @8.3", SetLine(1, 80.0, 5, rpe=8.5)),
        (
            "80kg x 5+2 @9.5 perfect rest 3min",
            SetLine(1, 80.0, 5, 2, 9.5, "perfect", 3.0),
        ),
        ("80 x 5 + 2", SetLine(1, 80.0, 5, 2)),
        ("80 x 5 GRINDER", SetLine(1, 80.0, 5, rep_assessment="grinder")),
        ("80 x 5, @8, hard, rest 90s", SetLine(1, 80.0, 5, 0, 8.0, "hard", 1.5)),
        ("80 x 5 rest 2:30", SetLine(1, 80.0, 5, rest_minutes=2.5)),
        ("80 x 5 rest: 4 min", SetLine(1, 80.0, 5, rest_minutes=4.0)),
        ("80 x 5 rest 3", SetLine(1, 80.0, 5, rest_minutes=3.0)),
        ("3x5 @ 80kg", SetLine(3, 80.0, 5)),
        ("3 x 5 @ 80", SetLine(3, 80.0, 5)),
        ("3x5 @ 80kg @8", SetLine(3, 80.0, 5, rpe=8.0)),
        ("5 x 5 @ 8", SetLine(1, 5.0, 5, rpe=8.0)),
        ("100 x 5 x 3", SetLine(3, 100.0, 5)),
        ("185lb x 5 # felt fast", SetLine(1, 83.915, 5, notes="felt fast")),
        ("185 lbs x 5", SetLine(1, 83.915, 5)),
        ("100 pounds x 1", SetLine(1, 45.359, 1)),
        ("BW x 12", SetLine(1, 0.0, 12, body_weight="plus")),
        ("bodyweight x 10", SetLine(1, 0.0, 10, body_weight="plus")),
        ("BW+20kg x 5", SetLine(1, 20.0, 5, body_weight="plus")),
        ("BW + 20 kg x 5", SetLine(1, 20.0, 5, body_weight="plus")),
        ("bw+20 x 5", SetLine(1, 20.0, 5, body_weight="plus")),
        ("BW + 45lb x 3", SetLine(1, 20.412, 3, body_weight="plus")),
        ("BW+45lb x 3", SetLine(1, 20.412, 3, body_weight="plus")),
        ("BW-30kg x 8", SetLine(1, 30.0, 8, body_weight="minus")),
        ("BW − 30 kg x 8 @9", SetLine(1, 30.0, 8, rpe=9.0, body_weight="minus")),
        ("BW–12,5 x 8", SetLine(1, 12.5, 8, body_weight="minus")),
        ("3x5 @ BW+20kg", SetLine(3, 20.0, 5, body_weight="plus")),
        ("3 x 8 @ BW-30kg", SetLine(3, 30.0, 8, body_weight="minus")),
        ("BW x 5 x 3", SetLine(3, 0.0, 5, body_weight="plus")),
        ("80 x 5 #   two spaces  ", SetLine(1, 80.0, 5, notes="two spaces")),
        ("80 x 5 # a # in a note", SetLine(1, 80.0, 5, notes="a # in a note")),
        ('80 x 5 # "line one\\nline two"', SetLine(1, 80.0, 5, notes="line one\nline two")),
        ('80 x 5 # ""', SetLine(1, 80.0, 5, notes="")),
        ("80 x 5 #", SetLine(1, 80.0, 5)),
    ],
)
def test_set_lines(text, expected):
    assert set_line(text, "kg") == expected


def test_a_weight_without_a_unit_is_in_the_lifters_unit():
    assert set_line("185 x 5", "lb").weight_kg == 83.915
    assert set_line("80kg x 5", "lb").weight_kg == 80.0


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        ("heavy x 5", "weight", "'heavy' is not a weight: write 80, 80kg, 185lb or BW"),
        ("80 x 5 @12", "rpe", "12 is outside 1 to 10"),
        ("80 x 5 @0.5", "rpe", "0.5 is outside 1 to 10"),
        ("2000 x 1", "weight", "2000 kg is more than the maximum 1000 kg"),
        ("80 x 5 rest 200min", "rest", "a rest of 200 minutes is more than 180"),
        ("80 x 5 quickly", "set", "'quickly' is not understood"),
        ("0 x 5 @ 80kg", "sets", "0 sets; a line holds 1 to 200"),
        ("BW+ x 5", "weight", "'BW+' is not a weight: write BW, BW+20kg (added) or BW-30kg"),
        ("BW+abc x 5", "weight", "'BW+abc' is not a weight"),
        ("BW-30 stone x 5", "weight", "'BW-30 stone' is not a weight"),
        ("BW+2000 x 5", "weight", "2000 kg is more than the maximum 1000 kg"),
    ],
)
def test_bad_set_lines_say_what_is_wrong(text, field, message):
    with pytest.raises(BadValue) as raised:
        set_line(text, "kg")
    assert raised.value.field == field
    assert str(raised.value).startswith(message)


@pytest.mark.parametrize("text", ["Felt tired today.", "Bench Press", "x 5", "80 x"])
def test_prose_is_not_a_set(text):
    with pytest.raises(NotUnderstood):
        set_line(text, "kg")


@pytest.mark.parametrize(
    "text",
    [
        "warmup: 20 x 5, 40 x 5",
        "Warm-up: 20x5; 40x5",
        "W: 20 x 5,40 x 5",
        "warm up: 20 x 5 , 40kg x 5",
        "wu: 20 x 5, 1x5 @ 40kg",
    ],
)
def test_warmup_lines(text):
    found = warmup_sets(text, "kg")
    assert [(s.count, s.weight_kg, s.reps) for s in found] == [(1, 20.0, 5), (1, 40.0, 5)]


def test_a_decimal_comma_in_a_warmup_weight_is_not_a_separator():
    found = warmup_sets("warmup: 22,5 x 5, 2x3 @ 42,5kg", "kg")
    assert [(s.count, s.weight_kg, s.reps) for s in found] == [(1, 22.5, 5), (2, 42.5, 3)]


def test_a_warmup_note_belongs_to_the_lines_last_set():
    assert warmup_sets("warmup: 20 x 5, 2x3 @ 40kg # bar felt light", "kg") == [
        SetLine(1, 20.0, 5),
        SetLine(1, 40.0, 3),
        SetLine(1, 40.0, 3, notes="bar felt light"),
    ]


def test_a_warmup_is_weight_and_reps_only():
    with pytest.raises(BadValue, match="a warm-up is weight x reps only"):
        warmup_sets("warmup: 20 x 5 @6", "kg")
    assert warmup_sets("80 x 5", "kg") is None


@pytest.mark.parametrize(
    ("text", "date", "focus"),
    [
        ("2026-02-16 Upper Strength", datetime(2026, 2, 16), "Upper Strength"),
        ("2026-02-16", datetime(2026, 2, 16), None),
        ("2026-2-6 Push", datetime(2026, 2, 6), "Push"),
        ("2026-02-16 18:30 Upper", datetime(2026, 2, 16, 18, 30), "Upper"),
        ("2026-02-16 7:05 — Lower", datetime(2026, 2, 16, 7, 5), "Lower"),
        ("2026-02-16 - Lower", datetime(2026, 2, 16), "Lower"),
        ('2026-02-16 "5x5 day"', datetime(2026, 2, 16), "5x5 day"),
        (
            "2026-02-16T18:30:05.5+01:00 Upper",
            datetime(2026, 2, 16, 18, 30, 5, 500000, timezone(timedelta(hours=1))),
            "Upper",
        ),
        ("2026-02-16 06:00Z", datetime(2026, 2, 16, 6, tzinfo=timezone.utc), None),
    ],
)
def test_session_headings(text, date, focus):
    heading = session_heading(text)
    assert (heading.date, heading.date.tzinfo, heading.focus) == (date, date.tzinfo, focus)


@pytest.mark.parametrize("text", ["2026-02-30 Push", "2026-02-16 25:00 Push", "2026-02-16Push"])
def test_bad_session_headings(text):
    with pytest.raises(BadValue):
        session_heading(text)


def test_phase_week_and_deload_lines():
    facts = session_facts("Week 5 · Deload | Phase 2")
    assert (facts.phase, facts.week, facts.deload) == (2, 5, True)
    assert session_facts("phase: 3") is not None
    assert session_facts("Felt great") is None


def test_muscle_lines():
    assert muscles("Muscles: Upper Back, abs, front delts") == ("upper-back", "abs", "front-delts")
    assert muscles("targets: none") == ()
    assert muscles("80 x 5") is None
    with pytest.raises(BadValue, match="'pecs' is not a muscle group"):
        muscles("Muscles: pecs")


def read(name: str, **options):
    return read_import([FIXTURES / name], **options)


def test_notes_file_sessions_exercises_and_sets():
    batch = read("notes.md")
    assert batch.rejected == []
    assert batch.formats == {str(FIXTURES / "notes.md"): "markdown"}
    assert [source.rsplit(":", 1)[1] for source, _ in batch.sessions] == ["5", "24", "36"]
    assert batch.exercise_count == 6
    assert batch.set_count == 22
    assert batch.unmapped_names == {"Zercher Carry"}
    for _, session in batch.sessions:
        ensure_valid(session)
        assert (session.user_id, session.user_name) == ("", "")


def test_notes_file_first_session():
    upper = read("notes.md").sessions[0][1]
    assert upper.date == datetime(2026, 2, 16)
    assert (upper.focus, upper.phase, upper.week, upper.is_deload_week) == (
        "Upper Strength",
        2,
        5,
        False,
    )
    bench, row, pull_up = upper.exercises
    assert (bench.name, bench.target_muscle_groups) == ("Barbell Bench Press", ("chest",))
    assert bench.warmup_sets == (
        WarmupSet(1, 20.0, 5),
        WarmupSet(2, 40.0, 5),
        WarmupSet(3, 60.0, 3),
    )
    assert bench.working_sets == (
        WorkingSet(1, 80.0, 5, rpe=8.0),
        WorkingSet(2, 80.0, 5, 2, 9.5, "perfect", 3.0),
        WorkingSet(3, 83.915, 5, notes="felt fast"),
    )
    assert row.name == "Barbell Row"
    assert row.warmup_sets == (WarmupSet(1, 40.0, 8),)
    assert row.working_sets == (
        WorkingSet(1, 70.0, 5),
        WorkingSet(2, 70.0, 5),
        WorkingSet(3, 70.0, 5),
        WorkingSet(4, 72.5, 5, rpe=9.0, rep_assessment="hard"),
    )
    assert pull_up.working_sets == (
        WorkingSet(1, 0.0, 12, body_weight="plus"),
        WorkingSet(2, 10.0, 6, rest_minutes=2.5, notes="last one was ugly", body_weight="plus"),
    )


def test_notes_file_later_sessions():
    lower, deload = (s for _, s in read("notes.md").sessions[1:])
    assert lower.date == datetime(2026, 2, 18, 7, 30)
    assert (lower.focus, lower.phase, lower.week) == ("Lower", 2, 5)
    squat, carry = lower.exercises
    assert squat.name == "Barbell Back Squat"
    assert squat.warmup_sets == (WarmupSet(1, 60.0, 5), WarmupSet(2, 100.0, 3))
    assert squat.working_sets == (
        WorkingSet(1, 140.0, 5, rpe=8.5),
        WorkingSet(2, 140.0, 5, rpe=8.5),
        WorkingSet(3, 140.0, 5, rpe=8.5),
        WorkingSet(4, 61.235, 8, rep_assessment="good", rest_minutes=1.5),
    )
    assert (carry.name, carry.target_muscle_groups) == (
        "Zercher Carry",
        ("upper-back", "abs", "quads"),
    )
    assert deload.date == datetime(2026, 2, 23, 18)
    assert (deload.phase, deload.week, deload.is_deload_week) == (2, 6, True)
    assert deload.exercises[0].working_sets == (
        WorkingSet(1, 70.0, 5, rpe=6.0, rep_assessment="easy"),
        WorkingSet(2, 70.0, 5, rpe=6.0, rep_assessment="easy"),
    )


def test_reading_the_same_notes_again_gives_the_same_ids_and_bytes():
    first = [(s.id, encode(s)) for _, s in read("notes.md").sessions]
    assert first == [(s.id, encode(s)) for _, s in read("notes.md").sessions]
    assert len({i for i, _ in first}) == 3


def test_ids_come_from_file_name_date_focus_and_repeat(tmp_path):
    text = "# 2026-02-16 Push\n## Bench Press\n- 80 x 5\n"
    (tmp_path / "a.md").write_text(text * 2, encoding="utf-8")
    (tmp_path / "b.md").write_text(text, encoding="utf-8")
    first, repeat = (s.id for _, s in read_import([tmp_path / "a.md"]).sessions)
    (other,) = (s.id for _, s in read_import([tmp_path / "b.md"]).sessions)
    assert len({first, repeat, other}) == 3
    # An added session elsewhere in the file leaves the others' ids alone.
    (tmp_path / "a.md").write_text("# 2026-01-01 Legs\n" + text * 2, encoding="utf-8")
    assert [s.id for _, s in read_import([tmp_path / "a.md"]).sessions][1:] == [first, repeat]


def test_a_bad_line_rejects_its_session_only():
    batch = read("notes_bad.md")
    assert [s.focus for _, s in batch.sessions] == ["Good Day", "Fine Again"]
    assert [line.replace(f"{FIXTURES}/", "") for r in batch.rejected for line in r.lines()] == [
        "notes_bad.md:9: weight: 'heavy' is not a weight: write 80, 80kg, 185lb or BW",
        "notes_bad.md:10: rpe: 12 is outside 1 to 10",
        "notes_bad.md:18: heading: '2026-02-30' is not a date and time "
        "(day is out of range for month)",
        "notes_bad.md:21: set: a set needs a session heading like '# 2026-02-16' above it "
        "(an exercise heading is one level below its session's, like '## Bench Press')",
        "notes_bad.md:25: line: 'Felt tired today.' is not part of a session: after the heading "
        "come 'Phase 2, Week 5, Deload' and exercises ('## Barbell Bench Press')",
        "notes_bad.md:28: set: 'quickly' is not understood: after weight x reps come @RPE, how "
        "it felt (easy, good, perfect, hard, grinder, failed), rest 3min, or # a note",
    ]
    assert [label.replace(f"{FIXTURES}/", "") for label in batch.rejected_sessions] == [
        "notes_bad.md:6: 2026-03-04 00:00:00 Bad Weight",
        "notes_bad.md:23: 2026-03-06 00:00:00 Wandering Text",
    ]


def test_headings_one_level_deeper_and_text_outside_sessions(tmp_path):
    path = tmp_path / "log.md"
    path.write_text(
        "# Log 2026\nAnything here is an introduction.\n"
        "## 2026-03-01 Push\r\n### Bench Press  \r\n+ 80 x 5\r\n\r\n"
        "## Thoughts\nWhatever I like.\n- not a set either\n"
        "<!-- a comment\nthat spans lines -->\n---\n",
        encoding="utf-8",
    )
    batch = read_import([path])
    assert batch.rejected == []
    ((_, session),) = batch.sessions
    assert session.exercises[0].name == "Barbell Bench Press"
    assert session.exercises[0].working_sets == (WorkingSet(1, 80.0, 5),)


def test_a_quoted_name_is_kept_exactly_and_a_muscles_line_wins(tmp_path):
    path = tmp_path / "log.md"
    path.write_text(
        '# 2026-03-01\n## "Bench Press"\nMuscles: chest, triceps\n- 80 x 5\n', encoding="utf-8"
    )
    ((_, session),) = read_import([path]).sessions
    assert session.focus is None
    bench = session.exercises[0]
    assert (bench.name, bench.target_muscle_groups) == ("Bench Press", ("chest", "triceps"))


def test_a_file_without_sessions_says_how_one_starts(tmp_path):
    path = tmp_path / "todo.md"
    path.write_text("# Things to buy\n- chalk\n", encoding="utf-8")
    assert [line for r in read_import([path]).rejected for line in r.lines()] == [
        f"{path}: has no sessions: a session starts with a heading like "
        "'# 2026-02-16 Upper Strength'"
    ]


def test_a_copied_session_with_the_same_id_is_refused(tmp_path):
    block = (
        "# 2026-03-0{day} Push\n"
        '<!-- training-log {{"_id": "3fcb25c2-5ca4-4c42-9530-f957959f633d"}} -->\n'
        "## Bench Press\n- 80 x 5\n"
    )
    path = tmp_path / "log.md"
    path.write_text(block.format(day=1) + block.format(day=2), encoding="utf-8")
    batch = read_import([path])
    assert len(batch.sessions) == 1
    assert [line for r in batch.rejected for line in r.lines()] == [
        f"{path}:5: _id: the session at line 1 has the same id; remove the training-log "
        "comment from a copied session"
    ]


def test_markdown_weights_follow_the_weight_unit(tmp_path):
    path = tmp_path / "log.md"
    shutil.copyfile(FIXTURES / "notes.md", path)
    bench = read_import([path], weight_unit="lb").sessions[0][1].exercises[0]
    assert bench.working_sets[0].weight_kg == 36.287  # "80" in pounds
    assert bench.working_sets[1].weight_kg == 80.0  # "80kg" says its unit


@pytest.mark.parametrize(
    ("text", "date", "focus"),
    [
        ("Mon 16 Feb 2026", datetime(2026, 2, 16), None),
        ("Monday 16 February 2026 Upper", datetime(2026, 2, 16), "Upper"),
        ("Mon, 16 Feb 2026 — Upper", datetime(2026, 2, 16), "Upper"),
        ("16 Feb 2026", datetime(2026, 2, 16), None),
        ("16th Feb. 2026 18:30 Push", datetime(2026, 2, 16, 18, 30), "Push"),
        ("Feb 16, 2026 Upper", datetime(2026, 2, 16), "Upper"),
        ("Monday, February 16, 2026", datetime(2026, 2, 16), None),
    ],
)
def test_session_headings_with_the_month_in_words(text, date, focus):
    heading = session_heading(text)
    assert (heading.date, heading.focus) == (date, focus)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Tue 16 Feb 2026", "16 Feb 2026 is a Monday, not a Tuesday"),
        ("30 Feb 2026", "is not a date"),
    ],
)
def test_month_in_words_headings_that_are_wrong(text, message):
    with pytest.raises(BadValue, match=message):
        session_heading(text)


def test_date_lines_and_headings_of_every_form_start_sessions():
    batch = read("notes_date_forms.md")
    assert batch.rejected == []
    assert [source.rsplit(":", 1)[1] for source, _ in batch.sessions] == ["3", "11", "17"]
    first, second, third = (s for _, s in batch.sessions)
    assert first.date == datetime(2026, 2, 16)
    assert (first.phase, first.week) == (2, 5)
    assert [e.name for e in first.exercises] == ["Barbell Bench Press", "Pull-Up"]
    assert [len(e.working_sets) for e in first.exercises] == [2, 1]
    assert second.date == datetime(2026, 2, 18)
    assert [e.name for e in second.exercises] == ["Barbell Back Squat"]
    assert (third.date, third.focus) == (datetime(2026, 2, 23), "Lower")
    assert [e.name for e in third.exercises] == ["Conventional Deadlift", "Leg Press"]


def test_a_date_line_with_time_and_focus(tmp_path):
    path = tmp_path / "log.txt"
    path.write_text("Date: 2026-02-16 18:30 Upper\n## Bench Press\n- 80 x 5\n", encoding="utf-8")
    ((_, session),) = read_import([path]).sessions
    assert (session.date, session.focus) == (datetime(2026, 2, 16, 18, 30), "Upper")


def test_a_date_line_in_notes_that_are_not_a_session_is_reported(tmp_path):
    path = tmp_path / "log.md"
    path.write_text("date: next tuesday\n## Bench Press\n- 80 x 5\n", encoding="utf-8")
    lines = [line for r in read_import([path]).rejected for line in r.lines()]
    assert lines and "does not start with a date" in lines[0]
