"""A rule's targets as empty rows of the form: grey weight and reps, in the display unit."""

from __future__ import annotations

from fractions import Fraction

from traininglog.domain.progression import Target
from traininglog.drafts.draft import Draft, DraftExercise, DraftSet, in_unit, target_rows

TARGET = Target(Fraction(125, 2), 8, "all sets reached 12: +2.5 kg")


def test_rows_are_blank_with_the_target_as_hints_and_last_times_how_it_went():
    last = (DraftSet(weight="60", reps="12", hints=(("rpe", "9"), ("notes", "slow"))),)
    first, second = target_rows((TARGET, TARGET), "kg", last)
    assert first.is_blank() and second.is_blank()
    assert (first.hint("weight"), first.hint("reps"), first.hint("rpe")) == ("62.5", "8", "9")
    assert first.hint("target") == "Target: 62.5 kg × 8 (all sets reached 12: +2.5 kg)"
    assert second.hint("rpe") == ""


def test_a_kg_target_shows_in_pounds_and_follows_a_change_of_unit():
    (row,) = target_rows((TARGET,), "lb")
    assert row.hint("weight") == "137.79"
    draft = Draft(date="2026-01-12T18:00", exercises=(DraftExercise("Bench", workings=(row,)),))
    back = in_unit(draft, "lb", "kg").exercises[0].workings[0]
    assert back.hint("weight") == "62.5"
    assert back.hint("target") == row.hint("target")
