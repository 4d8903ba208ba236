"""The window over a data folder it can't write: it opens read-only and says so, the history
is there, and Save says why it is off."""

from __future__ import annotations

import errno
import shutil
from datetime import datetime

import pytest
from PySide6.QtWidgets import QMessageBox

from traininglog.controller import Controller
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.ui.shell import application
from traininglog.ui.shell.main_window import MainWindow


@pytest.fixture
def told(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", lambda parent, title, text: said.append(f"{title}: {text}")
    )
    return said


def saved_folder(tmp_path) -> DataDirectory:
    folders = DataDirectory(tmp_path / "data")
    with Logbook(folders) as book:
        book.save(
            Session(
                id="0a0b0c0d-1111-4222-8333-444455556666",
                date=datetime(2026, 3, 2, 18, 0),
                exercises=(
                    Exercise(1, "Barbell Back Squat", ("quads",), (), (WorkingSet(1, 140, 3),)),
                ),
            )
        )
    return folders


def test_a_folder_that_cannot_be_written_opens_read_only(
    qtbot, tmp_path, qsettings, told, monkeypatch
) -> None:
    folders = saved_folder(tmp_path)

    real_init = Logbook.__init__

    def on_read_only_media(self, folders, read_only=False, why=None):
        if not read_only:
            raise OSError(errno.EROFS, "Read-only file system", str(folders.lock_file))
        real_init(self, folders, read_only, why)

    monkeypatch.setattr(Logbook, "__init__", on_read_only_media)
    logbook = application.open_logbook(folders)
    assert logbook is not None and logbook.read_only
    assert told and "can't be written (Read-only file system)" in told[0]
    window = MainWindow(Controller(logbook), qsettings)
    qtbot.addWidget(window)
    window.show()
    view = window.log_view
    assert not view.save_button.isEnabled()
    assert view.problem_label.text() == (
        "Read-only: this folder can't be written (Read-only file system)"
    )
    assert window.controller.latest_session() is not None  # the history is there
    logbook.close()


def test_read_only_asked_for_says_so(qtbot, tmp_path, qsettings) -> None:
    folders = saved_folder(tmp_path)
    logbook = application.open_logbook(folders, read_only=True)
    window = MainWindow(Controller(logbook), qsettings)
    qtbot.addWidget(window)
    window.show()
    assert window.log_view.problem_label.text() == "Read-only: opened with --read-only"
    logbook.close()
    shutil.rmtree(folders.root)
