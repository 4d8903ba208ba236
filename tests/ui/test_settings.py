"""Settings: name, units and folders, set through the dialog's own widgets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox

from traininglog.datafolder.datadir import DataDirectory
from traininglog.ui.common.app_settings import AppSettings
from traininglog.ui.dialogs.settings_dialog import SettingsDialog
from traininglog.ui.shell.application import chosen_folders

from helpers import add_exercise, to_working_sets, type_cells


def fill_dialog(qtbot, monkeypatch, name: str | None = None, unit: str | None = None):
    """Make the next Settings dialog type these values into its fields and press OK."""

    def exec_(dialog: SettingsDialog) -> int:
        if name is not None:
            dialog.name.clear()
            qtbot.keyClicks(dialog.name, name)
        if unit is not None:
            dialog.unit.setCurrentIndex(dialog.unit.findData(unit))
        dialog.accept()
        return 1

    monkeypatch.setattr(SettingsDialog, "exec", exec_)


def test_switching_to_pounds_converts_what_is_typed_and_saves_the_same_kilos(
    qtbot, window, monkeypatch
):
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["100", "5"])
    fill_dialog(qtbot, monkeypatch, name="Sam Lifter", unit="lb")
    window.findChild(type(window.save_action), "settings").trigger()
    assert view.working_model.headerData(0, Qt.Orientation.Horizontal, 0) == "Weight (lb)"
    assert view.editor.draft.exercises[0].workings[0].weight == "220.46"
    assert view.editor.dirty
    assert view.save()
    document = json.loads(window.saved_paths.paths.session_file.read_text(encoding="utf-8"))
    assert document["exercises"][0]["workingSets"][0]["weightKg"] == 100  # exactly, not 99.99
    assert (document["userName"], document["userId"]) == ("Sam Lifter", "sam")


def test_a_weight_typed_in_pounds_is_stored_in_kilograms(qtbot, window, monkeypatch):
    fill_dialog(qtbot, monkeypatch, unit="lb")
    window.show_settings()
    view = window.log_view
    add_exercise(qtbot, view, "squat")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["225", "5"])
    assert view.save()
    document = json.loads(window.saved_paths.paths.session_file.read_text(encoding="utf-8"))
    assert document["exercises"][0]["workingSets"][0]["weightKg"] == pytest.approx(102.06)


def test_folders_from_settings_are_used_when_the_command_line_names_none(tmp_path: Path):
    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    settings.data_dir = str(tmp_path / "elsewhere")
    settings.sessions_dir = str(tmp_path / "synced")
    chosen = chosen_folders(None, settings)
    assert chosen.root == tmp_path / "elsewhere"
    assert chosen.sessions == tmp_path / "synced"
    given = chosen_folders(DataDirectory(tmp_path / "cli"), settings)
    assert given.root == tmp_path / "cli"  # --data-dir wins over Settings


def test_the_history_shows_the_new_unit_once_settings_are_saved(
    qtbot, window, monkeypatch, logbook
):
    from helpers import stored_session

    logbook.save(stored_session("2026-01-05", bench=((100, 5, 8.0),)))
    window.controller.changed.emit()
    fill_dialog(qtbot, monkeypatch, unit="lb")
    window.show_settings()
    model = window.history.model
    volume = next(
        c
        for c in range(model.columnCount())
        if "Volume" in model.headerData(c, Qt.Orientation.Horizontal, 0)
    )
    assert model.headerData(volume, Qt.Orientation.Horizontal, 0).endswith("(lb)")


def test_the_sessions_folder_chosen_in_settings_is_the_command_lines_too(
    qtbot, window, monkeypatch, tmp_path: Path
):
    from traininglog.datafolder.folder_settings import resolve_folders, settings_file

    synced = tmp_path / "Sync" / "training"
    synced.mkdir(parents=True)

    def exec_(dialog: SettingsDialog) -> int:
        dialog.sessions_dir.clear()
        qtbot.keyClicks(dialog.sessions_dir, str(synced))
        buttons = dialog.findChild(QDialogButtonBox)
        qtbot.mouseClick(
            buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    window.show_settings()
    root = window.controller.folders.root
    assert json.loads(settings_file(root).read_text(encoding="utf-8"))["sessionsFolder"] == str(
        synced
    )
    monkeypatch.delenv("TRAININGLOG_SESSIONS_DIR", raising=False)
    assert resolve_folders(root).sessions == synced


def test_every_field_of_settings_has_its_own_alt_key(qtbot):
    from PySide6.QtWidgets import QFormLayout, QLabel

    dialog = SettingsDialog(AppSettings(QSettings()))
    qtbot.addWidget(dialog)
    form = dialog.findChild(QFormLayout)
    keys = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel) and "&" in label.text():
            keys.append(label.text().split("&", 1)[1][0].casefold())
    assert len(keys) >= 12
    assert len(keys) == len(set(keys)), sorted(keys)
