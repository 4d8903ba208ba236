"""File ▸ Export…: each format written on the worker, a summary with the path, cancel, errors."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from traininglog.importers.detect import read_import
from traininglog.store import queries
from traininglog.ui.dialogs import export_dialog
from traininglog.ui.dialogs.export_dialog import ExportDialog

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


@pytest.fixture
def stored(logbook):
    """Five sessions in the log: two from Hevy, three from markdown notes."""
    batch = read_import([FIXTURES / "hevy_kg.csv", FIXTURES / "notes.md"])
    assert len(logbook.import_sessions(batch.sessions).imported) == 5
    return list(queries.load_sessions())


@pytest.fixture
def dialog(qtbot, controller, qsettings, stored):
    shown = ExportDialog(controller, settings=qsettings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    qtbot.waitUntil(lambda: not shown.worker.running, timeout=30_000)


def choose(qtbot, dialog, monkeypatch, key: str, target: Path) -> None:
    """Pick the format, then the target through the (patched) file dialog."""
    qtbot.mouseClick(dialog.format_buttons[key], Qt.MouseButton.LeftButton)
    if key == "json":
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(target))
    else:
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(dialog.browse_button, Qt.MouseButton.LeftButton)
    assert dialog.target.text() == str(target)


def export_and_wait(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20_000)


def by_id(sessions):
    return {s.id: s for s in sessions}


def test_the_dialog_says_how_many_sessions_and_offers_four_formats(dialog):
    assert "<b>5 sessions</b>" in dialog.heading.text()
    assert list(dialog.format_buttons) == ["json", "csv", "markdown", "body-weight"]
    assert dialog.format.key == "json"
    assert dialog.target_label.text() == "Into &folder:"
    dialog.format_buttons["csv"].click()
    assert dialog.target_label.text() == "&File:"
    assert dialog.target.text().endswith("training-log.csv")


def test_json_export_writes_one_session_file_each_that_imports_again(
    qtbot, dialog, monkeypatch, tmp_path, stored
):
    target = tmp_path / "out" / "sessions"
    choose(qtbot, dialog, monkeypatch, "json", target)
    export_and_wait(qtbot, dialog)
    assert len(list(target.glob("*.json"))) == 5
    again = read_import([target], format="json")
    assert by_id(s for _, s in again.sessions) == by_id(stored)
    assert dialog.status.text().startswith("Exported 5 sessions to <a href=")
    assert str(target) in dialog.status.text()
    assert (dialog.progress.value(), dialog.progress.maximum()) == (5, 5)


def test_csv_export_writes_a_row_per_set(qtbot, dialog, monkeypatch, tmp_path, stored):
    target = tmp_path / "history.csv"
    choose(qtbot, dialog, monkeypatch, "csv", target)
    export_and_wait(qtbot, dialog)
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sets = sum(len(e.warmup_sets) + len(e.working_sets) for s in stored for e in s.exercises)
    assert len(rows) == sets == dialog.result.set_rows
    assert {row["session_id"] for row in rows} == {s.id for s in stored}
    assert f"Exported 5 sessions ({sets} sets) to" in dialog.status.text()
    assert str(target) in dialog.status.text()


def test_the_body_weight_log_exports_as_a_table(
    qtbot, dialog, monkeypatch, tmp_path, stored, logbook
):
    from dataclasses import replace

    logbook.save(replace(stored[0], body_weight_kg=82.5))
    target = tmp_path / "weight.csv"
    choose(qtbot, dialog, monkeypatch, "body-weight", target)
    export_and_wait(qtbot, dialog)
    assert target.read_bytes() == f"date,body_weight_kg\r\n{stored[0].day},82.5\r\n".encode()
    assert "Exported the body weight of 1 day weighed to" in dialog.status.text()


def test_markdown_export_round_trips_through_import(qtbot, dialog, monkeypatch, tmp_path, stored):
    target = tmp_path / "notes" / "log.md"
    target.parent.mkdir()
    choose(qtbot, dialog, monkeypatch, "markdown", target)
    export_and_wait(qtbot, dialog)
    assert target.read_text(encoding="utf-8").startswith("# ")
    again = read_import([target])
    assert not again.rejected
    assert by_id(s for _, s in again.sessions) == by_id(stored)
    assert dialog.status.text().startswith("Exported 5 sessions to")


def test_cancel_stops_the_export_and_writes_nothing(qtbot, dialog, monkeypatch, tmp_path):
    def slow_csv(sessions, path):
        for _session in sessions:
            time.sleep(0.2)
        path.write_text("never", encoding="utf-8")
        return 0

    monkeypatch.setattr(export_dialog, "export_csv", slow_csv)
    target = tmp_path / "history.csv"
    choose(qtbot, dialog, monkeypatch, "csv", target)
    with qtbot.waitSignal(dialog.worker.progress, timeout=10_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible() and not dialog.close_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # cancels; does not close
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    assert dialog.result.cancelled
    assert dialog.isVisible()
    assert dialog.status.text() == "Export cancelled: nothing was written."
    assert not target.exists()
    assert dialog.close_button.isEnabled() and dialog.export_button.isVisible()


def test_a_failed_export_says_why(qtbot, dialog, monkeypatch, tmp_path):
    target = tmp_path / "no such folder" / "history.md"
    choose(qtbot, dialog, monkeypatch, "markdown", target)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Could not export"), timeout=10_000)
    assert "No such file or directory" in dialog.status.text()
    assert "A folder is missing" in dialog.status.text()
    assert dialog.result is None and dialog.export_button.isEnabled()


def test_the_apps_own_sessions_folder_is_refused(qtbot, dialog, monkeypatch, folders):
    choose(qtbot, dialog, monkeypatch, "json", folders.sessions)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "own sessions folder" in dialog.status.text()
    assert not dialog.worker.running and dialog.result is None


def test_a_typed_path_is_used(qtbot, dialog, tmp_path):
    dialog.format_buttons["csv"].click()
    dialog.target.clear()
    target = tmp_path / "typed.csv"
    qtbot.keyClicks(dialog.target, str(target))
    export_and_wait(qtbot, dialog)
    assert target.exists()
