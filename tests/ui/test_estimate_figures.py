"""The estimated-1RM figures a lifter reads in the window: plain Epley or Brzycki of the
weight and the full reps, named wherever a figure is shown, and the same figure everywhere."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt

from traininglog.domain import Exercise, Session, WorkingSet, new_session_id
from traininglog.domain.calculations import E1rmRule, OneRepMaxFormula
from traininglog.ui.common.app_settings import AppSettings
from traininglog.ui.dialogs.settings_dialog import SettingsDialog
from traininglog.ui.history.exercise_sets import COLUMNS

from helpers import add_exercise

SQUAT = "Barbell Back Squat"


def squat_session(day: str, *sets: tuple[float, int, float | None]) -> Session:
    return Session(
        id=new_session_id(),
        date=datetime.fromisoformat(f"{day}T18:00:00"),
        focus="lower",
        exercises=(
            Exercise(
                order=1,
                name=SQUAT,
                target_muscle_groups=("quads",),
                working_sets=tuple(
                    WorkingSet(n, w, r, 0, rpe) for n, (w, r, rpe) in enumerate(sets, 1)
                ),
            ),
        ),
    )


@pytest.fixture
def squat_history(logbook):
    # The best single is 182.5 kg at RPE 8; nothing else estimates higher by plain Epley.
    logbook.save(squat_session("2026-01-05", (150, 5, 8.0), (160, 3, 9.0)))
    logbook.save(squat_session("2026-01-12", (182.5, 1, 8.0), (150, 4, None)))


def test_a_single_at_rpe_8_is_its_weight_in_the_last_time_panel(qtbot, window, squat_history):
    window.controller.changed.emit()
    view = window.log_view
    add_exercise(qtbot, view, "back squat")
    best = view.last_time.best.text()
    assert "Best e1RM (Epley)" in best
    assert "182.5 kg" in best
    assert "204" not in best


def test_a_single_at_rpe_8_is_its_weight_in_the_exercise_records(qtbot, window, squat_history):
    window.controller.changed.emit()
    window.findChild(type(window.undo_action), "viewExercise").trigger()
    view = window.history.exercise
    qtbot.keyClicks(view.search, "back squat")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.records.cell_text(0, 0) == "Best e1RM (Epley)"
    assert view.records.cell_text(0, 1) == "182.5"
    assert view.records.cell_text(0, 3) == "182.5 kg × 1 @8"


def choose_in_settings(qtbot, monkeypatch, formula: str | None = None, cap: int | None = None):
    """Make the next Settings dialog pick these and press OK, through its own widgets."""
    seen = {}

    def exec_(dialog: SettingsDialog) -> int:
        seen["choices"] = [dialog.formula.itemText(i) for i in range(dialog.formula.count())]
        seen["tips"] = [
            dialog.formula.itemData(i, Qt.ItemDataRole.ToolTipRole)
            for i in range(dialog.formula.count())
        ]
        seen["formula"], seen["cap"] = dialog.formula.currentData(), dialog.rep_cap.value()
        if formula is not None:
            dialog.formula.setCurrentIndex(dialog.formula.findData(formula))
        if cap is not None:
            dialog.rep_cap.selectAll()
            qtbot.keyClicks(dialog.rep_cap, str(cap))
        dialog.accept()
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    return seen


def test_settings_offer_plain_formulas_first_and_reps_in_reserve_by_name(
    qtbot, window, monkeypatch
):
    seen = choose_in_settings(qtbot, monkeypatch)
    window.show_settings()
    assert seen["formula"] == "epley" and seen["cap"] == 12  # the defaults
    assert seen["choices"][:2] == ["Epley: w × (1 + reps / 30)", "Brzycki: w × 36 / (37 − reps)"]
    assert seen["choices"][2].startswith("Epley + reps in reserve (RPE)")
    assert "10 − RPE" in seen["tips"][2]
    assert "RPE" not in seen["tips"][0] and "RPE" not in seen["tips"][1]
    assert window.settings.e1rm_rule == E1rmRule(OneRepMaxFormula.EPLEY, 12)


def test_the_rep_cap_from_settings_blanks_longer_sets(qtbot, window, monkeypatch, logbook):
    logbook.save(squat_session("2026-01-05", (100, 12, None), (105, 13, None)))
    window.controller.changed.emit()
    add_exercise(qtbot, window.log_view, "back squat")
    assert "140 kg" in window.log_view.last_time.best.text()
    window.findChild(type(window.undo_action), "viewExercise").trigger()
    view = window.history.exercise
    qtbot.keyClicks(view.search, "back squat")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    e1rm = [k for k, _ in COLUMNS].index("e1rm")
    assert view.model.index(0, e1rm).data() == "140"  # 100 × 12: within the cap
    assert view.model.index(1, e1rm).data() == ""  # 13 reps: no estimate
    assert view.records.cell_text(0, 1) == "140"

    choose_in_settings(qtbot, monkeypatch, cap=13)
    window.show_settings()
    assert window.settings.rep_cap == 13
    assert AppSettings(window.settings.store).rep_cap == 13  # kept with the app's settings
    assert view.model.index(1, e1rm).data() == "150.5"  # 105 × (1 + 13/30)
    assert view.records.cell_text(0, 1) == "150.5"
    assert "150.5 kg" in window.log_view.last_time.best.text()


def test_reps_in_reserve_only_when_chosen_and_named_everywhere(
    qtbot, window, monkeypatch, squat_history
):
    choose_in_settings(qtbot, monkeypatch, formula="epley-rir")
    window.show_settings()
    window.controller.changed.emit()
    add_exercise(qtbot, window.log_view, "back squat")
    best = window.log_view.last_time.best.text()
    assert "Best e1RM (Epley + RIR)" in best and "200.8 kg" in best  # 182.5 × (1 + 3/30)
    window.findChild(type(window.undo_action), "viewExercise").trigger()
    view = window.history.exercise
    qtbot.keyClicks(view.search, "back squat")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.records.cell_text(0, 0) == "Best e1RM (Epley + RIR)"
    assert view.records.cell_text(0, 1) == "200.8"
    assert (
        view.model.headerData([k for k, _ in COLUMNS].index("e1rm"), Qt.Orientation.Horizontal)
        == "e1RM\n(Epley + RIR, kg)"
    )
    header, _ = view.model.csv_rows()
    assert "e1rm_epley_rir_kg" in header


def test_a_session_s_page_names_the_formula_of_each_estimate(qtbot, window, squat_history):
    window.controller.changed.emit()
    window.findChild(type(window.undo_action), "viewHistory").trigger()
    page = window.history
    qtbot.waitUntil(lambda: page.marks.known, timeout=5000)
    page.table.setCurrentIndex(page.model.index(0, 0))  # the newest: the 182.5 kg single
    text = page.detail.toPlainText()
    assert "e1RM (Epley) 182.5" in text
    assert "e1RM (Epley) 170" in text  # 150 × 4: 150 × (1 + 4/30)
    tip = page.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert f"{SQUAT}: best estimated 1RM (Epley)" in tip
