"""Last time's RPE, feel, rest and notes are hints in a draft: kept through the draft file,
never values, never saved."""

from __future__ import annotations

import json
from datetime import datetime

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet, new_session_id
from traininglog.drafts.draft import (
    Draft,
    DraftExercise,
    DraftSet,
    repeat_sets,
    template_exercises,
    to_session,
)
from traininglog.drafts.draft_file import read_draft, write_draft

BENCH = Exercise(
    order=1,
    name="Barbell Bench Press",
    target_muscle_groups=("chest",),
    warmup_sets=(WarmupSet(1, 40, 8, "easy"),),
    working_sets=(WorkingSet(1, 82.5, 5, 2, 8.5, "hard", 3.0, "paused"),),
)


def test_repeat_copies_weight_and_reps_and_hints_the_rest():
    warmups, workings = repeat_sets(BENCH, "kg")
    (row,) = workings
    assert (row.weight, row.reps, row.partial, row.exact_weight_kg) == ("82.5", "5", "2", 82.5)
    assert (row.rpe, row.feel, row.rest, row.notes) == ("", "", "", "")
    assert [row.hint(c) for c in ("rpe", "feel", "rest", "notes")] == ["8.5", "hard", "3", "paused"]
    assert warmups[0].notes == "" and warmups[0].hint("notes") == "easy"


def test_a_draft_file_keeps_hints_as_hints_and_a_save_drops_them(tmp_path):
    session = Session(
        id=new_session_id(), date=datetime(2026, 1, 5, 18), exercises=(BENCH,), focus="upper"
    )
    draft = Draft(date="2026-01-12T18:00:00", exercises=template_exercises(session, "kg"))
    write_draft(tmp_path, draft)
    restored = read_draft(tmp_path)
    assert restored == draft
    saved = to_session(restored, "kg").exercises[0]
    working = saved.working_sets[0]
    assert (working.rpe, working.rep_assessment, working.rest_minutes, working.notes) == (
        None,
        None,
        None,
        None,
    )
    assert (working.weight_kg, working.full_reps, working.partial_reps) == (82.5, 5, 2)
    assert saved.warmup_sets[0].notes is None


def test_hints_that_are_not_column_text_pairs_are_dropped_and_old_drafts_load(tmp_path):
    good = DraftSet(weight="80", reps="5", hints=(("rpe", "8"),)).__dict__
    document = {
        "draftVersion": 1,
        "draft": {
            "date": "2026-01-12T18:00:00",
            "exercises": [
                {
                    "name": "Squat",
                    "workings": [
                        {**good, "hints": [["rpe", "8"], ["partial", "9"], ["feel", 3], "x"]},
                        {"weight": "90", "reps": "3"},  # a draft written before hints
                    ],
                }
            ],
        },
    }
    (tmp_path / "draft.json").write_text(json.dumps(document), encoding="utf-8")
    restored = read_draft(tmp_path)
    first, second = restored.exercises[0].workings
    assert first.hints == (("rpe", "8"),)
    assert second == DraftSet(weight="90", reps="3")
    assert isinstance(restored.exercises[0], DraftExercise)


def test_a_targets_weight_reps_and_words_come_back_with_the_draft(tmp_path):
    hints = [["weight", "62.5"], ["reps", "8"], ["target", "Target: 62.5 kg × 8 (why)"]]
    document = {
        "draftVersion": 1,
        "draft": {
            "date": "2026-01-12T18:00:00",
            "exercises": [{"name": "Squat", "workings": [{"hints": hints}]}],
        },
    }
    (tmp_path / "draft.json").write_text(json.dumps(document), encoding="utf-8")
    (row,) = read_draft(tmp_path).exercises[0].workings
    assert row.hint("weight") == "62.5" and row.hint("target").startswith("Target:")
    assert row.is_blank()
