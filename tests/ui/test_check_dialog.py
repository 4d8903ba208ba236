"""Help ▸ Check data and Repair; the start's repairs told; backups from the File menu."""

from __future__ import annotations

import os
import sqlite3
import time
import zipfile
from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from traininglog.controller import Controller
from traininglog.datafolder import health, reconcile
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.sessionfiles import encode, file_name
from traininglog.store import queries
from traininglog.ui.common.worker import Worker, jobs_running
from traininglog.ui.dialogs import check_dialog
from traininglog.ui.dialogs.check_dialog import (
    CheckDialog,
    DataSafetyActions,
    IntegrityWatch,
    start_healthy,
    tell_startup_health,
)


def make_session(n: int) -> Session:
    return Session(
        id=f"{n:08x}-3333-4444-8555-666677778888",
        date=datetime(2026, 6, 1, 18, 0) + timedelta(days=n),
        exercises=(Exercise(1, "Barbell Back Squat", ("quads",), (), (WorkingSet(1, 140, 3),)),),
    )


@pytest.fixture
def stored(logbook: Logbook) -> list[Session]:
    sessions = [make_session(n) for n in range(1, 31)]
    for s in sessions:
        logbook.save(s)
    return sessions


@pytest.fixture
def told(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: said.append(text))
    return said


def open_dialog(qtbot, controller: Controller) -> CheckDialog:
    dialog = CheckDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.worker.running, timeout=10_000)
    return dialog


def test_agreeing_data_needs_no_repair(qtbot, controller, stored) -> None:
    dialog = open_dialog(qtbot, controller)
    assert "Everything agrees" in dialog.summary.text()
    assert dialog.lines.toPlainText().endswith("database and files agree")
    assert not dialog.repair_button.isEnabled()
    assert dialog.close_button.isEnabled()


def test_a_folder_open_to_others_is_a_warning_in_the_dialog(
    qtbot, controller, folders, stored
) -> None:
    folders.root.chmod(0o750)
    dialog = open_dialog(qtbot, controller)
    assert f"{folders.root} can be read by other users of this computer (mode 750)" in (
        dialog.lines.toPlainText()
    )
    assert f"chmod 700 {folders.root}" in dialog.lines.toPlainText()


def test_disagreement_is_shown_and_repaired(qtbot, controller, folders, stored) -> None:
    (folders.sessions / file_name(stored[0])).unlink()
    newcomer = make_session(40)
    (folders.sessions / file_name(newcomer)).write_bytes(encode(newcomer))
    (folders.sessions / "broken.json").write_bytes(b"{")
    dialog = open_dialog(qtbot, controller)
    assert "disagree" in dialog.summary.text()
    report = dialog.lines.toPlainText()
    assert f"{file_name(stored[0])}: database row has no file" in report
    assert f"{file_name(newcomer)}: file is not in the database" in report
    assert dialog.repair_button.isEnabled()

    with qtbot.waitSignal(controller.changed, timeout=10_000):
        dialog.repair_button.click()
    qtbot.waitUntil(lambda: dialog.repair_report is not None, timeout=10_000)
    assert "Repaired" in dialog.summary.text()
    assert dialog.lines.toPlainText().endswith("database and files agree")
    assert not dialog.repair_button.isEnabled()
    assert reconcile.check(folders, deep=True).agrees
    # The deleted file's session is kept in trash/ (deleted by hand is deleted), and told.
    assert queries.session_count() == len(stored)
    assert (folders.trash / file_name(stored[0])).exists()
    assert f"{file_name(stored[0])} is gone from the folder" in dialog.lines.toPlainText()
    assert (folders.quarantine / "broken.json").exists()
    assert (folders.sessions / "broken.json").exists()


def test_a_damaged_index_is_found_and_rebuilt(qtbot, controller, folders, stored) -> None:
    controller.logbook.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    controller.logbook.db.close()
    data = bytearray(folders.database.read_bytes())
    data[3 * 4096 : 5 * 4096] = bytes(2 * 4096)
    folders.database.write_bytes(bytes(data))
    dialog = open_dialog(qtbot, controller)
    assert dialog.integrity is not None
    assert dialog.lines.toPlainText().startswith("the database failed its integrity check")
    dialog.repair_button.click()
    qtbot.waitUntil(lambda: dialog.repair_report is not None, timeout=10_000)
    recovery = dialog.repair_report.recovery
    assert recovery is not None and recovery.moved_to.parent == folders.backups
    assert dialog.repair_report.agrees
    assert {s.id for s in queries.load_sessions()} == {s.id for s in stored}  # on this thread


def test_read_only_cannot_repair(qtbot, folders, stored) -> None:
    (folders.sessions / file_name(stored[0])).unlink()
    reader = Logbook(folders, read_only=True)
    try:
        dialog = open_dialog(qtbot, Controller(reader))
        assert "disagree" in dialog.summary.text()
        assert not dialog.repair_button.isEnabled()
        assert "Another Training Log" in dialog.repair_button.toolTip()
    finally:
        reader.close()


def test_a_damaged_index_at_start_is_rebuilt_and_told(qtbot, folders, told) -> None:
    with Logbook(folders) as book:
        for n in range(1, 6):
            book.save(make_session(n))
    folders.database.write_bytes(os.urandom(20_000))
    with Logbook(folders) as book:
        found = start_healthy(book)
        assert found.recovery is not None and queries.session_count() == 5
    tell_startup_health(found)
    (text,) = told
    assert "The database was damaged" in text and str(found.recovery.moved_to) in text


def test_an_unreadable_settings_file_is_set_aside(qtbot, logbook, folders, tmp_path, told) -> None:
    path = tmp_path / "settings.ini"
    path.write_bytes(b"[General\nunit=kg\n")
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    assert settings.status() == QSettings.Status.FormatError
    found = start_healthy(logbook, settings)
    (aside,) = found.set_aside
    assert not path.exists() and aside.moved_to.parent == folders.backups
    tell_startup_health(found)
    assert told[0].startswith("The settings file could not be read")
    healthy = QSettings(str(tmp_path / "good.ini"), QSettings.Format.IniFormat)
    assert start_healthy(logbook, healthy).messages() == []


def test_the_integrity_watch_runs_off_the_gui_thread(qtbot, controller, folders, stored) -> None:
    watch = IntegrityWatch(folders)
    with qtbot.waitSignal(watch.checked, timeout=10_000) as result:
        watch.start()
    assert result.args == [None]
    controller.logbook.db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(folders.database.read_bytes())
    data[2 * 4096 : 4 * 4096] = bytes(2 * 4096)
    folders.database.write_bytes(bytes(data))
    with qtbot.waitSignal(watch.damaged, timeout=10_000) as damaged:
        watch.start()
    assert damaged.args[0]


def test_recover_rebuilds_and_says_where_the_old_file_went(
    qtbot, controller, folders, stored, told
) -> None:
    with qtbot.waitSignal(controller.changed):
        found = check_dialog.recover(controller, "page 3: btree corrupt")
    assert found.sessions == len(stored)
    assert told == [found.message()] and str(found.moved_to) in told[0]
    assert reconcile.check(folders, deep=True).agrees


def test_recover_first_stops_a_running_import(
    qtbot, controller, folders, stored, told, monkeypatch
) -> None:
    # An import on its own thread, writing batch after batch until it is cancelled.
    steps: list[int] = []

    def long_import(job) -> str:
        while not job.cancelled():
            steps.append(len(steps))
            time.sleep(0.005)
        return "stopped"

    worker = Worker()
    ended = []
    worker.finished.connect(ended.append)
    worker.start(long_import)
    qtbot.waitUntil(lambda: len(steps) > 3, timeout=5000)
    running_at_rebuild = []
    real_recover = health.recover

    def recover_now(*args):
        running_at_rebuild.append(jobs_running())
        return real_recover(*args)

    monkeypatch.setattr(health, "recover", recover_now)
    found = check_dialog.recover(controller, "page 3: btree corrupt")
    assert running_at_rebuild == [0]  # the import had ended before the database moved
    assert found is not None and found.sessions == len(stored)
    qtbot.waitUntil(lambda: ended == ["stopped"], timeout=5000)  # and its dialog hears it


def test_recover_waits_for_no_job_that_will_not_stop(qtbot, controller, stored, monkeypatch):
    monkeypatch.setattr(check_dialog, "stop_all_jobs", lambda: False)
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warned.append(text))
    assert check_dialog.recover(controller, "page 3: btree corrupt") is None
    assert "did not stop" in warned[0] and "page 3: btree corrupt" in warned[0]
    assert queries.session_count() == len(stored)  # the database was left as it was


def test_back_up_now_and_export_as_zip(qtbot, controller, folders, stored, tmp_path) -> None:
    actions = DataSafetyActions(controller)
    with qtbot.waitSignal(actions.message, timeout=10_000) as said:
        actions.back_up_now()
    assert said.args[0].startswith("Backed up the database to ")
    assert len(list(folders.backups.glob("traininglogs-*.db"))) == 1
    target = tmp_path / "sessions.zip"
    with qtbot.waitSignal(actions.message, timeout=10_000) as said:
        actions.write_sessions_zip(target)
    assert said.args[0] == f"Exported {len(stored)} session files to {target}"
    with zipfile.ZipFile(target) as archive:
        assert len(archive.namelist()) == len(stored)


def test_a_backup_on_quit_only_when_something_changed(controller, folders, stored) -> None:
    actions = DataSafetyActions(controller)
    actions.back_up_on_quit()
    actions.back_up_on_quit()
    assert len(list(folders.backups.glob("traininglogs-*.db"))) == 1
    controller.save(make_session(50))
    actions.back_up_on_quit()
    assert len(list(folders.backups.glob("traininglogs-*.db"))) in (1, 2)  # one per day kept
    newest = max(folders.backups.glob("traininglogs-*.db"), key=lambda p: p.stat().st_mtime_ns)
    connection = sqlite3.connect(newest)
    try:
        count = connection.execute("SELECT count(*) FROM session").fetchone()[0]
    finally:
        connection.close()
    assert count == len(stored) + 1


def test_help_check_data_opens_the_dialog(qtbot, controller, stored) -> None:
    actions = DataSafetyActions(controller)
    dialog = actions.check_data()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.worker.running, timeout=10_000)
    assert dialog.isVisible() and "Everything agrees" in dialog.summary.text()


def test_a_read_only_window_does_not_back_up(qtbot, folders, stored) -> None:
    reader = Logbook(folders, read_only=True)
    try:
        actions = DataSafetyActions(Controller(reader))
        with qtbot.waitSignal(actions.message) as said:
            actions.back_up_now()
        assert "Another Training Log" in said.args[0]
        actions.back_up_on_quit()
        assert list(folders.backups.iterdir()) == []
    finally:
        reader.close()


def test_export_as_zip_asks_where(qtbot, controller, stored, tmp_path, monkeypatch) -> None:
    target = tmp_path / "chosen.zip"
    monkeypatch.setattr(
        check_dialog.QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "")
    )
    actions = DataSafetyActions(controller)
    with qtbot.waitSignal(actions.message, timeout=10_000):
        actions.export_sessions_zip()
    assert zipfile.is_zipfile(target)
