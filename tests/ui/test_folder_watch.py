"""Sessions saved on another computer reach an open window within 2 s, without a restart:
written into the sessions folder the way a sync tool writes (a temp file, then a rename)."""

from __future__ import annotations

import dataclasses
import os
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QTableWidget

from traininglog.sessionfiles import decode, encode, file_name
from traininglog.store import queries
from traininglog.ui.dialogs.sync_conflicts import SyncConflictsDialog
from traininglog.ui.shell import application

from helpers import stored_session, type_cells

ARRIVAL_S = 2.0


@pytest.fixture
def watching(qtbot, window):
    window.folder_watch.start()
    yield window
    window.folder_watch.stop()
    qtbot.waitUntil(lambda: not window.folder_watch.worker.running, timeout=5000)


def as_a_sync_tool_writes(folder, name: str, data: bytes) -> None:
    """Syncthing's way: `.syncthing.NAME.tmp` in the folder, then renamed into place."""
    temp = folder / f".syncthing.{name}.tmp"
    temp.write_bytes(data)
    os.replace(temp, folder / name)


def wait_for(qtbot, condition) -> float:
    started = time.monotonic()
    qtbot.waitUntil(condition, timeout=int(ARRIVAL_S * 1000))
    return time.monotonic() - started


def test_a_session_saved_elsewhere_appears_in_the_history(qtbot, watching) -> None:
    window = watching
    folder = window.controller.folders.sessions
    s = stored_session("2026-02-16")
    as_a_sync_tool_writes(folder, file_name(s), encode(s))
    took = wait_for(qtbot, lambda: window.history.model.total == 1)
    assert took < ARRIVAL_S
    assert queries.load_session(s.id) == s
    assert "1 session arrived" in window.statusBar().currentMessage()
    # The last-time panel knows it too: a new session's bench shows what was done then.
    assert window.controller.last_time("Barbell Bench Press") is not None


def test_a_session_deleted_elsewhere_goes_to_the_trash_with_a_notice(
    qtbot, watching, logbook
) -> None:
    window = watching
    s = stored_session("2026-02-16")
    path = logbook.save(s).session_file
    window.controller.changed.emit()
    assert window.history.model.total == 1
    path.unlink()
    wait_for(qtbot, lambda: window.history.model.total == 0)
    (kept,) = logbook.folders.trash.iterdir()
    assert decode(kept.read_bytes()) == s
    assert "1 deleted elsewhere (kept in trash)" in window.statusBar().currentMessage()
    notice = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    )
    assert any("Restore" in b.text() for b in notice.findChildren(QPushButton))


def test_an_edit_in_progress_is_never_overwritten_by_a_change_elsewhere(
    qtbot, watching, logbook
) -> None:
    window = watching
    s = stored_session("2026-02-16")
    path = logbook.save(s).session_file
    window.controller.changed.emit()
    window.edit_session(s.id)
    view = window.log_view
    view.exercise_list.setCurrentRow(0)
    grid = view.working_grid
    cell = grid.visualRect(grid.model().index(0, 0)).center()
    qtbot.mouseClick(grid.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    type_cells(qtbot, ["85"])
    typed = view.editor.draft
    theirs = dataclasses.replace(s, focus="changed on the laptop")
    as_a_sync_tool_writes(path.parent, path.name, encode(theirs))
    wait_for(qtbot, lambda: view.banner.isVisible())
    assert "changed on another computer" in view.banner.text.text()
    assert view.editor.draft == typed  # what was typed stays
    assert queries.load_session(s.id) == theirs  # the index has theirs; the form has mine
    qtbot.mouseClick(view.banner.load_button, Qt.MouseButton.LeftButton)
    assert view.header.focus.text() == "changed on the laptop"
    assert not view.banner.isVisible()


def test_a_session_open_but_untouched_is_brought_up_to_date(qtbot, watching, logbook) -> None:
    window = watching
    s = stored_session("2026-02-16")
    path = logbook.save(s).session_file
    window.controller.changed.emit()
    window.edit_session(s.id)
    theirs = dataclasses.replace(s, focus="changed on the laptop")
    as_a_sync_tool_writes(path.parent, path.name, encode(theirs))
    view = window.log_view
    wait_for(qtbot, lambda: view.header.focus.text() == "changed on the laptop")
    assert view.banner.isVisible() and "now shows that version" in view.banner.text.text()
    assert not view.editor.dirty


def test_a_conflict_copy_that_arrives_is_offered_to_resolve(qtbot, watching, logbook) -> None:
    """Syncthing kept both versions of a session changed on two computers: the window shows
    them side by side, and the lifter's choice is the one file left."""
    window = watching
    s = stored_session("2026-02-16")
    path = logbook.save(s).session_file
    window.controller.changed.emit()
    theirs = dataclasses.replace(s, focus="changed on the laptop")
    copy_name = f"{path.stem}.sync-conflict-20261203-101500-ABCDEFG.json"
    as_a_sync_tool_writes(path.parent, copy_name, encode(theirs))

    def dialog():
        return window.findChild(SyncConflictsDialog)

    wait_for(qtbot, lambda: dialog() is not None and dialog().isVisible())
    assert "1 conflict to resolve" in window.statusBar().currentMessage()
    table = dialog().findChild(QTableWidget, "versionDifferences")
    rows = {table.item(r, 0).text(): table.item(r, 2).text() for r in range(table.rowCount())}
    assert rows == {"focus": '"changed on the laptop"'}
    assert queries.load_session(s.id) == s  # nothing read from the copy yet
    qtbot.mouseClick(dialog().findChild(QPushButton, "keep_copy"), Qt.MouseButton.LeftButton)
    assert not (path.parent / copy_name).exists()
    assert path.read_bytes() == encode(theirs)
    assert queries.load_session(s.id) == theirs
    assert sorted(p.read_bytes() for p in logbook.folders.trash.iterdir()) == sorted(
        [encode(s), encode(theirs)]
    )


def test_a_sessions_folder_that_goes_away_is_told_once_not_at_every_rescan(qtbot, watching) -> None:
    """A synced folder on a drive that was unplugged: the scan fails at every rescan, and
    the lifter is told once (the next time the folder is there, it is told again)."""
    window = watching
    told: list[str] = []
    window.controller.error.disconnect(window.on_error)  # no modal box in the test
    window.controller.error.connect(told.append)
    folder = window.controller.folders.sessions
    folder.rename(folder.with_name("unplugged"))
    for _ in range(3):
        window.folder_watch.scan_now()
        qtbot.waitUntil(lambda: not window.folder_watch.worker.running, timeout=5000)
    assert len(told) == 1 and "folder" in told[0].lower()
    folder.with_name("unplugged").rename(folder)
    window.folder_watch.scan_now()
    qtbot.waitUntil(lambda: not window.folder_watch.worker.running, timeout=5000)
    folder.rename(folder.with_name("unplugged"))
    window.folder_watch.scan_now()
    qtbot.waitUntil(lambda: not window.folder_watch.worker.running, timeout=5000)
    assert len(told) == 2
    folder.with_name("unplugged").rename(folder)


# -- the startup scan, once the window is up ----------------------------------------------


def test_the_startup_scan_runs_after_the_window_is_shown_and_tells_what_it_found(
    qtbot, window, logbook
) -> None:
    # While the app was closed: a session arrived, a stored one's file went, a file broke.
    gone = stored_session("2026-02-16")
    gone_path = logbook.save(gone).session_file
    window.controller.changed.emit()
    gone_path.unlink()
    arrived = stored_session("2026-02-18")
    folder = window.controller.folders.sessions
    (folder / file_name(arrived)).write_bytes(encode(arrived))
    (folder / "broken.json").write_bytes(b"{")
    told = []
    window.folder_watch.scanned_at_start.connect(told.append)

    application.scan_once_shown(window)
    assert told == [] and window.history.model.total == 1  # the index as it was, at first
    qtbot.waitUntil(lambda: told != [], timeout=5000)
    window.folder_watch.stop()

    (report,) = told
    assert report.imported == [file_name(arrived)]
    assert window.history.model.total == 1 and queries.load_session(arrived.id) == arrived
    assert "broken.json" in window.statusBar().currentMessage()
    assert "quarantine" in window.statusBar().currentMessage()
    (kept,) = logbook.folders.trash.iterdir()
    assert decode(kept.read_bytes()) == gone
    notice = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    )
    assert any("Restore" in b.text() for b in notice.findChildren(QPushButton))
    # Told once: the next rescan does not tell the same findings again.
    arrivals = []
    window.folder_watch.arrived.connect(arrivals.append)
    window.folder_watch.scan_now()
    qtbot.waitUntil(lambda: not window.folder_watch.worker.running, timeout=5000)
    assert arrivals == []


def test_a_read_only_window_does_not_scan_at_start(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(type(window.controller), "read_only", property(lambda self: True))
    window.folder_watch.scan_at_start()
    assert not window.folder_watch.worker.running
