"""File ▸ Plan next session, and File ▸ Import / Export progression rules."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from traininglog.domain.progression import DoubleProgression, FixedIncrement

from helpers import stored_session

BENCH = "Barbell Bench Press"


def trigger(window, name: str) -> None:
    window.findChild(QAction, name).trigger()


def choose_file(monkeypatch, path) -> None:
    for method in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, method, lambda *args, **kwargs: (str(path), ""))


def test_plan_next_session_writes_each_exercises_targets_and_why(
    qtbot, window, logbook, monkeypatch, tmp_path
):
    logbook.save(stored_session("2026-01-12", bench=((60, 12, 8.0), (60, 12, 9.0))))
    window.controller.set_progression_rule(BENCH, DoubleProgression(8, 12, Fraction(5, 2), 2))
    window.controller.set_progression_rule("Barbell Back Squat", FixedIncrement(Fraction(5), 5))
    target = tmp_path / "plan.md"
    choose_file(monkeypatch, target)
    trigger(window, "planNextSession")
    page = target.read_text(encoding="utf-8")
    assert "## Barbell Bench Press\n\n| Set | Weight | Reps |" in page
    assert "| 1 | 62.5 kg | 8 |\n| 2 | 62.5 kg | 8 |" in page
    assert "Why: all sets reached 12: +2.5 kg." in page
    assert "## Barbell Back Squat\n\nNo targets yet" in page
    assert str(target) in window.statusBar().currentMessage()


def test_a_plan_for_the_focus_in_the_form_follows_its_last_session(
    qtbot, window, logbook, monkeypatch, tmp_path
):
    logbook.save(stored_session("2026-01-12", bench=((60, 12, 8.0), (60, 12, 9.0))))
    window.controller.changed.emit()
    window.controller.set_progression_rule(BENCH, DoubleProgression(8, 12, Fraction(5, 2), 2))
    window.controller.set_progression_rule("Barbell Back Squat", FixedIncrement(Fraction(5), 5))
    window.log_view.header.focus.setText("upper-strength")
    target = tmp_path / "plan.md"
    choose_file(monkeypatch, target)
    trigger(window, "planNextSession")
    page = target.read_text(encoding="utf-8")
    assert page.startswith("# Next upper-strength session — planned ")
    assert "| 1 | 62.5 kg | 8 |" in page
    assert "## Barbell Row\n\nNo progression rule; last time 60 kg × 10.\n" in page
    assert "Squat" not in page  # not an exercise of that session


def test_the_plan_as_a_pdf_page(qtbot, window, monkeypatch, tmp_path):
    window.controller.set_progression_rule(BENCH, DoubleProgression(8, 12, Fraction(5, 2), 2))
    target = tmp_path / "plan.pdf"
    choose_file(monkeypatch, target)
    trigger(window, "planNextSession")
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in window.statusBar().currentMessage()


def test_rules_exported_and_imported_again(qtbot, window, monkeypatch, tmp_path):
    controller = window.controller
    controller.set_progression_rule(BENCH, DoubleProgression(8, 12, Fraction(5, 2), 2))
    exported = tmp_path / "my-rules.json"
    choose_file(monkeypatch, exported)
    trigger(window, "exportRules")
    assert '"Barbell Bench Press"' in exported.read_text(encoding="utf-8")
    controller.set_progression_rule(BENCH, None)
    assert controller.progression_rule(BENCH) is None
    trigger(window, "importRules")
    assert controller.progression_rule(BENCH) == DoubleProgression(8, 12, Fraction(5, 2), 2)
    assert "Imported 1 progression rule from" in window.statusBar().currentMessage()


def test_a_broken_rules_file_is_named_with_each_problem_and_changes_nothing(
    qtbot, window, monkeypatch, tmp_path
):
    controller = window.controller
    controller.set_progression_rule(BENCH, DoubleProgression(8, 12, Fraction(5, 2), 2))
    kept = (controller.folders.root / "progression_rules.json").read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_text(
        '{"rulesVersion": 1, "rules": {"Squat": {"rule": "fixed-increment", "increment": -5,'
        ' "reps": 5, "sets": 3, "failuresBeforeDeload": 3, "deloadPercent": 10, "unit": "kg"},'
        ' "Row": {"rule": "more-weight"}}}',
        encoding="utf-8",
    )
    told = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: told.append(args[1:3]))
    choose_file(monkeypatch, broken)
    trigger(window, "importRules")
    ((title, text),) = told
    assert title == "Progression rules not imported"
    assert text.startswith(f"{broken} can't be imported, so nothing was changed")
    assert '• rules["Squat"].increment: -5 is less than the minimum 0' in text
    assert "• rules[\"Row\"].rule: 'more-weight' is not one of" in text
    assert (controller.folders.root / "progression_rules.json").read_bytes() == kept
