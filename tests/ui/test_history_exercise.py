"""The Exercise tab: choosing an exercise by a few letters, every set with its estimated 1RM
(warm-ups greyed and left out), and the records, against the hand-worked fixed history."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from test_history_data import BENCH, import_fixed_history

from traininglog.domain.calculations import OneRepMaxFormula
from traininglog.ui.common.theme import colours
from traininglog.ui.history.exercise_sets import (
    COLUMNS,
    E1RM_KG_ROLE,
    IS_WARMUP_ROLE,
)

from bench.history import generate_history
from helpers import Paints


@pytest.fixture
def exercise_tab(qtbot, window, logbook):
    import_fixed_history(logbook)
    window.controller.changed.emit()
    window.findChild(type(window.undo_action), "viewExercise").trigger()
    return window.history.exercise


def choose(qtbot, view, typed: str) -> None:
    qtbot.keyClicks(view.search, typed)
    qtbot.keyClick(view.search, Qt.Key.Key_Return)


def column(view, row: int, key: str):
    return view.model.index(row, [k for k, _ in COLUMNS].index(key))


# newest session first; warm-ups before working sets
ROWS = [
    ("Mon 3 Feb 2025", "1", "90", "1", "10", 90.0),
    ("", "2", "70", "8", "7", 88.6667),
    ("Mon 13 Jan 2025", "1", "85", "3", "9", 93.5),
    ("", "2", "82.5", "5", "", 96.25),
    ("Mon 6 Jan 2025", "W1", "40", "8", "", None),
    ("", "1", "80", "5", "8", 93.3333),  # plain Epley: the RPE adds nothing
    ("", "2", "80", "5", "9", 93.3333),
    ("Mon 3 Jun 2024", "1", "60", "10", "", 80.0),
]


def test_completion_offers_only_exercises_with_a_history(qtbot, window, exercise_tab):
    view = exercise_tab
    assert view.search.hasFocus()  # View ▸ History: exercise puts the keyboard there
    qtbot.keyClicks(view.search, "ben")
    suggestions = view.search.suggestions()
    assert suggestions[0] == BENCH  # Barbell Row may follow: "bent-over row" is an alias
    assert set(suggestions) <= {BENCH, "Barbell Row", "Barbell Back Squat", "Pull-Up"}
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.search.text() == BENCH
    assert not view.search.list.isVisible()
    assert view.model.rowCount() == len(ROWS)


def test_every_set_newest_first_with_its_estimated_one_rep_max(qtbot, exercise_tab):
    view = exercise_tab
    choose(qtbot, view, "bench")
    for row, (day, number, weight, reps, rpe, e1rm) in enumerate(ROWS):
        shown = [column(view, row, k).data() for k in ("date", "set", "weight", "reps", "rpe")]
        assert shown == [day, number, weight, reps, rpe]
        assert column(view, row, "e1rm").data(E1RM_KG_ROLE) == pytest.approx(e1rm, abs=1e-3)
    assert column(view, 5, "e1rm").data() == "93.3"
    assert view.model.headerData(5, Qt.Orientation.Horizontal) == "e1RM\n(Epley, kg)"
    assert view.summary.text() == (
        "4 sessions · 7 working sets · 2,718 kg · 2024–2025 · warm-ups greyed, not counted"
    )


def test_warm_ups_are_greyed_and_never_estimated(qtbot, exercise_tab):
    view = exercise_tab
    choose(qtbot, view, "bench")
    warmup = column(view, 4, "set")
    assert warmup.data(IS_WARMUP_ROLE) is True
    assert warmup.data(Qt.ItemDataRole.ForegroundRole).name() == colours().faint
    assert column(view, 4, "e1rm").data() == ""
    assert column(view, 4, "e1rm").data(E1RM_KG_ROLE) is None
    assert column(view, 5, "set").data(Qt.ItemDataRole.ForegroundRole) is None
    assert column(view, 4, "date").data(Qt.ItemDataRole.ForegroundRole) is None  # the day is not


def records_table(view) -> list[tuple[str, ...]]:
    r = view.records
    return [tuple(r.cell_text(row, c) for c in range(4)) for row in range(r.rowCount())]


def test_records_by_hand(qtbot, exercise_tab):
    view = exercise_tab
    choose(qtbot, view, "bench")
    rows = records_table(view)
    assert rows[0] == ("Best e1RM (Epley)", "96.2", "Mon 13 Jan 2025", "82.5 kg × 5")
    assert rows[1] == ("Best session volume", "800", "Mon 6 Jan 2025", "")
    heaviest = {row[0]: row[1:3] for row in rows[2:]}
    assert heaviest == {
        "Heaviest for 1 rep": ("90", "Mon 3 Feb 2025"),
        "Heaviest for 2 reps": ("—", ""),
        "Heaviest for 3 reps": ("85", "Mon 13 Jan 2025"),
        "Heaviest for 4 reps": ("—", ""),
        "Heaviest for 5 reps": ("82.5", "Mon 13 Jan 2025"),
        "Heaviest for 6 reps": ("—", ""),
        "Heaviest for 7 reps": ("—", ""),
        "Heaviest for 8 reps": ("70", "Mon 3 Feb 2025"),
        "Heaviest for 9 reps": ("—", ""),
        "Heaviest for 10 reps": ("60", "Mon 3 Jun 2024"),
        "Heaviest for 11 reps": ("—", ""),
        "Heaviest for 12 reps": ("—", ""),
    }


def test_clicking_a_record_shows_the_session_s_sets(qtbot, exercise_tab):
    view = exercise_tab
    choose(qtbot, view, "bench")
    item = view.records.item(1, 0)  # best session volume: Mon 6 Jan 2025
    qtbot.mouseClick(
        view.records.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.records.visualItemRect(item).center(),
    )
    assert view.table.currentIndex().row() == 4  # that session's first set, its warm-up


def test_the_formula_and_unit_from_the_settings(qtbot, window, exercise_tab):
    view = exercise_tab
    choose(qtbot, view, "bench")
    window.settings.formula = OneRepMaxFormula.BRZYCKI
    window.settings.unit = "lb"
    window.history.apply_settings()
    assert records_table(view)[0] == (
        "Best e1RM (Brzycki)",
        "204.6",  # 92.8125 kg
        "Mon 13 Jan 2025",
        "181.88 lb × 5",  # 82.5 kg, lifted: as the form shows it,
    )
    assert column(view, 1, "e1rm").data(E1RM_KG_ROLE) == pytest.approx(86.897, abs=1e-3)
    assert view.model.headerData(5, Qt.Orientation.Horizontal) == "e1RM\n(Brzycki, lb)"
    assert column(view, 0, "weight").data() == "198.42"  # 90 kg, lifted: as the form shows it
    assert view.model.headerData(2, Qt.Orientation.Horizontal) == "Weight (lb)"
    assert "Brzycki" in view.model.headerData(
        5, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )


def test_pounds_alone_reformat_the_sets_already_shown(qtbot, window, exercise_tab):
    view = exercise_tab
    choose(qtbot, view, "bench")
    window.settings.unit = "lb"
    window.history.apply_settings()
    assert column(view, 0, "weight").data() == "198.42"  # 90 kg, lifted
    assert column(view, 0, "e1rm").data() == "198.4"  # an estimate: one decimal
    assert column(view, 4, "e1rm").data() == ""  # a warm-up has no estimate in any unit
    assert view.model.headerData(5, Qt.Orientation.Horizontal) == "e1RM\n(Epley, lb)"


def test_sets_come_a_page_at_a_time_and_are_read_ahead(qtbot, exercise_tab, monkeypatch):
    view = exercise_tab
    monkeypatch.setattr(type(view.model), "PAGE", 2)
    choose(qtbot, view, "bench")
    # The first page at once, the rest fetched while the window is idle; the day shows on
    # the first set of each session, also across pages.
    qtbot.waitUntil(lambda: view.model.rowCount() == len(ROWS), timeout=3000)
    assert [column(view, row, "date").data() for row in range(len(ROWS))] == [
        day for day, *_ in ROWS
    ]


def test_an_exercise_never_done(qtbot, exercise_tab):
    view = exercise_tab
    choose(qtbot, view, "Zercher Squat")
    assert view.model.rowCount() == 0
    assert view.summary.text() == "No sets of Zercher Squat in your history yet."
    assert records_table(view)[0][1] == "—"
    assert not view.export_button.isEnabled()


def test_sets_export_as_csv(qtbot, exercise_tab, tmp_path, monkeypatch):
    view = exercise_tab
    choose(qtbot, view, "bench")
    target = tmp_path / "bench.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader(target.read_text(encoding="utf-8").splitlines()))
    assert rows[0][:9] == [
        "date",
        "exercise",
        "set_type",
        "set",
        "weight_kg",
        "reps_full",
        "reps_partial",
        "rpe",
        "e1rm_epley_kg",
    ]
    assert len(rows) == 1 + len(ROWS)
    assert rows[5][:9] == ["2025-01-06T18:00:00", BENCH, "warmup", "1", "40", "8", "0", "", ""]
    assert rows[6][:9] == [
        "2025-01-06T18:00:00",
        BENCH,
        "working",
        "1",
        "80",
        "5",
        "0",
        "8",
        "93.33",
    ]
    assert rows[3][11] == "felt strong"


@pytest.mark.parametrize("formula", list(OneRepMaxFormula))
def test_every_column_fits_at_1280_px_whatever_the_formula_s_name(
    qtbot, window, logbook, formula, monkeypatch
):
    """Years of sets, so that the vertical scroll bar takes its room too."""
    from test_estimate_figures import choose_in_settings

    from bench.history import generate_history

    history = generate_history(150, seed=3)
    logbook.import_sessions([(s.id, s) for s in history])
    window.resize(1280, 800)
    choose_in_settings(qtbot, monkeypatch, formula=formula.value)
    window.show_settings()
    window.controller.changed.emit()
    window.findChild(type(window.undo_action), "viewExercise").trigger()
    view = window.history.exercise
    choose(qtbot, view, "Barbell Bench Press")
    qtbot.waitUntil(lambda: view.model.rowCount() > 40)
    qtbot.wait(50)
    assert view.table.verticalScrollBar().isVisible()
    header = view.table.horizontalHeader()
    assert formula.label in view.model.headerData(5, Qt.Orientation.Horizontal)
    assert not view.table.horizontalScrollBar().isVisible(), [
        header.sectionSize(c) for c in range(header.count())
    ]


def test_an_empty_exercise_view_follows_the_unit_at_once(qtbot, window, exercise_tab):
    view = exercise_tab
    assert view.name is None
    window.settings.unit = "lb"
    window.history.apply_settings()
    assert view.model.headerData(2, Qt.Orientation.Horizontal) == "Weight (lb)"
    assert "lb" in view.model.headerData(5, Qt.Orientation.Horizontal)


def test_the_records_texts_fit_their_columns_as_exercises_and_units_change(
    qtbot, window, exercise_tab
):
    view = exercise_tab
    records = view.records

    def fits() -> bool:
        metrics = records.fontMetrics()
        for column in (0, 1, 2):
            header = records.model().headerData(column, Qt.Orientation.Horizontal)
            texts = [records.item(row, column).text() for row in range(records.rowCount())]
            widest = max(metrics.horizontalAdvance(t) for t in [header, *texts])
            if records.columnWidth(column) < widest:
                return False
        return True

    assert fits()  # nothing chosen yet: dashes
    choose(qtbot, view, "bench")
    assert records.item(0, 2).text() == "Mon 13 Jan 2025"
    assert fits()
    window.settings.unit = "lb"
    window.history.apply_settings()
    assert records.item(1, 1).text() != "—"
    assert fits()


def test_choosing_an_exercise_paints_its_sets_once(qtbot, window, logbook):
    # Enough sets to fill the table and read ahead a page below it.
    history = generate_history(sessions=120, seed=3)
    logbook.import_sessions([(str(n), s) for n, s in enumerate(history)])
    window.controller.changed.emit()
    window.findChild(type(window.undo_action), "viewExercise").trigger()
    view = window.history.exercise
    qtbot.wait(100)
    sets = Paints(view.table.viewport())
    choose(qtbot, view, "Barbell Bench Press")
    qtbot.waitUntil(lambda: sets.count > 0)
    qtbot.wait(200)  # idle: the layouts, the page read ahead
    assert view.model.rowCount() > 50  # read ahead below the rows in sight
    assert sets.count == 1  # not again for each layout and for the rows read ahead
