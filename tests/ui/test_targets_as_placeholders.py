"""What to lift next time: an exercise's progression rule shows the next targets in grey in
the empty working-set cells of a new session, never saved unless typed."""

from __future__ import annotations

import json
from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from traininglog.domain.progression import DeloadWeeks, DoubleProgression
from traininglog.ui.logging_form.set_grid import PLACEHOLDER_ROLE

from helpers import add_exercise, stored_session, to_working_sets, type_cells

CTRL = Qt.KeyboardModifier.ControlModifier
BENCH = "Barbell Bench Press"
RULE = DoubleProgression(8, 12, Fraction(5, 2), sets=2)
TIP = "Target: 62.5 kg × 8 (all sets reached 12: +2.5 kg)"


def save(qtbot, window) -> dict:
    view = window.log_view
    assert view.save_button.isEnabled(), view.problem_label.text()
    window.saved_paths.paths = None
    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: window.saved_paths.paths is not None)
    return json.loads(window.saved_paths.paths.session_file.read_text(encoding="utf-8"))


def log_bench_reaching_the_top(qtbot, window) -> None:
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    assert view.working_model.rowCount() == 1  # no history yet, no start weight: no targets
    assert not view.working_model.index(0, 0).data(PLACEHOLDER_ROLE)
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["60", "12", "", "", "", "", "", "60", "12", "", "", "", "", ""])
    save(qtbot, window)


def placeholders(view) -> list[tuple[str, str]]:
    model = view.working_model
    return [
        (model.index(r, 0).data(PLACEHOLDER_ROLE), model.index(r, 1).data(PLACEHOLDER_ROLE))
        for r in range(model.rowCount())
    ]


def test_after_a_session_reaching_the_targets_the_next_shows_the_new_ones(qtbot, window):
    assert window.controller.set_progression_rule(BENCH, RULE)
    view = window.log_view
    log_bench_reaching_the_top(qtbot, window)
    assert not view.lift.target_note.isVisible()  # the first session had no targets

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    add_exercise(qtbot, view, "bench")
    assert placeholders(view) == [("62.5", "8"), ("62.5", "8")]
    assert view.lift.target_note.text() == f"{TIP}: in grey below, saved once typed"
    assert view.lift.target_note.isVisible()
    model = view.working_model
    assert model.index(0, 0).data() == "" and model.index(0, 1).data() == ""
    assert TIP in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert TIP in model.index(1, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "Plates: 62.5 kg: 20 kg bar + 20 · 1.25 per side" in model.index(0, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )

    # The first set typed as planned, the second left in grey: only the first is saved.
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["62.5", "8"])
    assert model.index(1, 0).data(PLACEHOLDER_ROLE) == "62.5"
    document = save(qtbot, window)
    (bench,) = document["exercises"]
    assert [(s["weightKg"], s["repCount"]["full"]) for s in bench["workingSets"]] == [(62.5, 8)]


def test_ctrl_p_on_an_empty_target_cell_shows_the_targets_plates(qtbot, window):
    window.controller.set_progression_rule(BENCH, RULE)
    view = window.log_view
    log_bench_reaching_the_top(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(view.lift.plate_view.isVisible, timeout=2000)
    assert view.lift.plate_view.text() == "62.5 kg: 20 kg bar + 20 · 1.25 per side"
    qtbot.keyClick(view.lift.plate_view, Qt.Key.Key_Escape)


def test_repeat_and_the_template_show_targets_over_last_times_weights(qtbot, window, logbook):
    logbook.save(stored_session("2026-01-12", bench=((60, 12, 8.0), (60, 12, 9.0))))
    window.controller.changed.emit()
    window.controller.set_progression_rule(BENCH, RULE)
    view = window.log_view
    view.header.focus.clear()
    qtbot.keyClicks(view.header.focus, "upper-strength")
    qtbot.keyClick(window, Qt.Key.Key_T, CTRL)  # start from the last upper-strength session
    assert view.name.text() == BENCH
    assert placeholders(view) == [("62.5", "8"), ("62.5", "8")]
    assert view.working_model.index(1, 3).data(PLACEHOLDER_ROLE) == "9"  # last time's RPE
    assert view.warmup_model.index(0, 0).data() == "40"  # warm-ups copied as before

    view.exercise_list.setCurrentRow(1)  # the row has no rule: last time's sets, typed in
    assert view.working_model.index(0, 0).data() == "60"

    view.exercise_list.setCurrentRow(0)
    view.editor.replace_sets(0, (), (), "Clear")
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL)  # repeat last time
    assert placeholders(view) == [("62.5", "8"), ("62.5", "8")]

    document = save(qtbot, window)
    assert [e["Name"] for e in document["exercises"]] == [BENCH, "Barbell Row"]
    assert document["exercises"][0]["workingSets"] == []  # grey targets are never saved


def test_a_planned_deload_ticks_the_sessions_deload_box(qtbot, window):
    window.controller.set_progression_rule(BENCH, DeloadWeeks(RULE, 2, Fraction(60)))
    view = window.log_view
    log_bench_reaching_the_top(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    view.editor.set_header(deload=False)
    add_exercise(qtbot, view, "bench")
    assert placeholders(view) == [("37.5", "8"), ("37.5", "8")]  # 60% of 62.5, rounded down
    assert "deload (every 2nd session)" in view.lift.target_note.text()
    assert view.header.deload.isChecked() and view.editor.draft.deload


def test_ctrl_enter_takes_a_sets_grey_weight_and_reps_as_lifted(qtbot, window):
    """The targets were lifted: Ctrl+Enter on each set takes its grey weight and reps, and
    moves on to the next; how it went (RPE, feel) is still today's to type."""
    assert window.controller.set_progression_rule(BENCH, RULE)
    view = window.log_view
    log_bench_reaching_the_top(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    grid = view.working_grid
    assert QApplication.focusWidget() is grid and grid.currentIndex().row() == 0
    qtbot.keyClick(grid, Qt.Key.Key_Return, CTRL)
    assert grid.currentIndex().row() == 1 and grid.currentIndex().column() == 0
    qtbot.keyClick(grid, Qt.Key.Key_Return, CTRL)
    rows = view.editor.draft.exercises[0].workings
    assert [(r.weight, r.reps, r.rpe) for r in rows[:2]] == [("62.5", "8", ""), ("62.5", "8", "")]
    document = save(qtbot, window)
    sets = document["exercises"][0]["workingSets"]
    assert [(s["weightKg"], s["repCount"]["full"], s["rpe"]) for s in sets] == [
        (62.5, 8, None),
        (62.5, 8, None),
    ]


def test_ctrl_enter_never_replaces_what_was_typed(qtbot, window):
    assert window.controller.set_progression_rule(BENCH, RULE)
    view = window.log_view
    log_bench_reaching_the_top(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["60"])  # a lighter weight than the target, typed
    grid = view.working_grid
    grid.setCurrentIndex(view.working_model.index(0, 0))
    qtbot.keyClick(grid, Qt.Key.Key_Return, CTRL)
    first = view.editor.draft.exercises[0].workings[0]
    assert (first.weight, first.reps) == ("60", "8")  # the reps from grey, the weight as typed


def test_the_grid_keys_are_listed_with_the_others(qtbot, window):
    rows = dict(window.shortcut_rows())
    assert rows["Copy the set above"] == "Ctrl+D"
    assert rows["Take a set's grey weight and reps as lifted"].startswith("Ctrl+Return")


def test_a_weighted_exercises_targets_stay_body_weight_sets(qtbot, window):
    # Weighted pull-ups at the top of the range: next time's target adds to the belt, and
    # taking it keeps the set a body-weight set (not a plain 22.5 kg pull-up).
    rule = DoubleProgression(6, 10, Fraction(5, 2), sets=1)
    assert window.controller.set_progression_rule("Pull-Up", rule)
    view = window.log_view
    add_exercise(qtbot, view, "pull-up")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["BW+20", "10"])
    save(qtbot, window)

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    add_exercise(qtbot, view, "pull-up")
    assert placeholders(view) == [("BW+22.5", "6")]
    tip = "Target: BW + 22.5 kg × 6 (all sets reached 10: +2.5 kg)"
    assert tip in view.working_model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    to_working_sets(qtbot, view)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)  # take the target
    (pull_ups,) = save(qtbot, window)["exercises"]
    (taken,) = pull_ups["workingSets"]
    assert (taken["weightKg"], taken.get("bodyWeight"), taken["repCount"]["full"]) == (
        22.5,
        "plus",
        6,
    )
