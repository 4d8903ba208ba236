"""Fixtures for driving the real window with pytest-qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from traininglog.controller import Controller
from traininglog.ui.shell.main_window import MainWindow


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    """Settings in a file of the test's own, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def controller(logbook) -> Controller:
    return Controller(logbook)


@pytest.fixture
def window(qtbot, controller, qsettings, monkeypatch):
    # A modal box would block the test; fail loudly if one is shown that a test did not expect.
    def unexpected(*args, **kwargs):
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    for name in ("warning", "question", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, unexpected)
    main = MainWindow(controller, qsettings)

    def forget_unsaved(widget):
        # Whatever a test left typed is not a question for the lifter at teardown.
        widget.log_view.editor.saved_draft = widget.log_view.editor.draft

    qtbot.addWidget(main, before_close_func=forget_unsaved)
    main.show()
    qtbot.waitExposed(main)
    return main
