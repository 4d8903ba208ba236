"""The first start asks the lifter's name and units, once; the name goes into sessions."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from traininglog.ui.dialogs.welcome import WelcomeDialog, needs_welcome

from helpers import add_exercise, to_working_sets, type_cells


def test_the_first_start_asks_the_name_and_unit_once(qtbot, window) -> None:
    settings = window.settings
    assert needs_welcome(settings)
    dialog = WelcomeDialog(settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name, "Sam Lifter")
    dialog.unit.setCurrentIndex(dialog.unit.findData("lb"))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    assert ok.text() == "&Start logging"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert (settings.user_name, settings.unit) == ("Sam Lifter", "lb")
    assert not needs_welcome(settings)
    window.apply_settings()
    window.activateWindow()  # back from the dialog
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    view = window.log_view
    add_exercise(qtbot, view, "bench")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["225", "5"])
    assert view.save()
    doc = json.loads(window.saved_paths.paths.session_file.read_text(encoding="utf-8"))
    assert (doc["userName"], doc["userId"]) == ("Sam Lifter", "sam")


def test_closing_the_welcome_is_an_answer_too(qtbot, window) -> None:
    dialog = WelcomeDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert not needs_welcome(window.settings)  # not asked at every start
    assert window.settings.user_name == ""
