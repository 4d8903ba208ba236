"""The error dialog, and uncaught exceptions: the form is kept, the app goes on, the bug is shown.

pytest-qt fails a test on an uncaught exception in a slot through its own sys.excepthook;
these tests put the app's hook in its place for their duration.
"""

from __future__ import annotations

import errno
import json
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from traininglog.datafolder import errorlog, errors
from traininglog.datafolder.errorlog import Failure
from traininglog.drafts.draft_file import draft_path
from traininglog.ui.dialogs.error_dialog import ErrorDialog, ExceptionHook, show_error

from helpers import add_exercise, to_working_sets, type_cells

pytestmark = pytest.mark.qt_no_exception_capture


@pytest.fixture
def hook(qtbot, tmp_path):
    errorlog.start_log(tmp_path / "logs", crash_log=False)
    saved_forms = []
    installed = ExceptionHook(save_form=lambda: saved_forms.append("saved")).install()
    installed.saved_forms = saved_forms
    yield installed
    installed.uninstall()
    if installed.dialog is not None:
        installed.dialog.close()
    errorlog.stop_log()


def raise_in_a_slot(error: BaseException) -> None:
    def slot() -> None:
        raise error

    QTimer.singleShot(0, slot)


def test_a_bug_shows_its_details_and_copies_them(qtbot) -> None:
    failure = Failure("Could not go on: KeyError: 'x'", "Traceback …\nKeyError: 'x'", True)
    dialog = ErrorDialog(failure)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Training Log: a bug"
    assert dialog.details.isVisible()
    assert dialog.details.toPlainText() == failure.details
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == failure.report_text()
    dialog.details_button.click()
    assert not dialog.details.isVisible() and dialog.details_button.text() == "Show &details"


def test_a_known_failure_keeps_its_details_folded(qtbot, tmp_path) -> None:
    error = OSError(errno.ENOSPC, "No space left on device", str(tmp_path))
    dialog = show_error(error, "save the session", None)
    qtbot.addWidget(dialog)
    assert dialog.message.text().endswith(errors.DISK_FULL)
    assert not dialog.failure.is_bug and not dialog.details.isVisible()
    assert dialog.windowTitle() == "Training Log"


def test_an_exception_in_a_slot_saves_the_form_then_shows_the_dialog(qtbot, hook) -> None:
    raise_in_a_slot(ZeroDivisionError("division by zero"))
    qtbot.waitUntil(lambda: hook.dialog is not None and hook.dialog.isVisible(), timeout=5000)
    assert hook.saved_forms == ["saved"]
    assert "ZeroDivisionError: division by zero" in hook.dialog.message.text()
    assert "ZeroDivisionError" in hook.dialog.details.toPlainText()
    # The app goes on: another event is handled.
    later = []
    QTimer.singleShot(0, lambda: later.append(True))
    qtbot.waitUntil(lambda: later == [True], timeout=2000)


def test_more_exceptions_while_the_dialog_is_open_are_counted_not_shown(qtbot, hook) -> None:
    raise_in_a_slot(ValueError("first"))
    qtbot.waitUntil(lambda: hook.dialog is not None, timeout=5000)
    first = hook.dialog
    for n in range(3):
        raise_in_a_slot(ValueError(f"again {n}"))
    qtbot.waitUntil(lambda: hook.handled == 4, timeout=5000)
    assert hook.dialog is first and first.repeats == 3
    assert first.more.text().startswith("3 more errors since")
    assert hook.saved_forms == ["saved"] * 4


def test_an_exception_in_another_thread_reaches_the_gui_thread(qtbot, hook) -> None:
    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: hook.dialog is not None, timeout=5000)
    assert "ZeroDivisionError" in hook.dialog.message.text()


def test_a_failing_draft_write_does_not_stop_the_dialog(qtbot, hook) -> None:
    def broken() -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    hook.save_form = broken
    raise_in_a_slot(RuntimeError("the real bug"))
    qtbot.waitUntil(lambda: hook.dialog is not None, timeout=5000)
    assert "the real bug" in hook.dialog.message.text()


def test_the_log_file_gets_the_traceback(qtbot, hook, tmp_path) -> None:
    raise_in_a_slot(KeyError("lost key"))
    qtbot.waitUntil(lambda: hook.dialog is not None, timeout=5000)
    text = (tmp_path / "logs" / "traininglog.log").read_text(encoding="utf-8")
    assert "bug while trying to go on" in text and "KeyError: 'lost key'" in text


def test_uninstall_gives_the_previous_hooks_back() -> None:
    import sys

    before = (sys.excepthook, threading.excepthook)
    hook = ExceptionHook(save_form=lambda: None).install()
    assert sys.excepthook == hook.handle
    hook.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_with_the_real_window_the_typed_form_survives_a_bug(qtbot, window, controller, tmp_path):
    view = window.log_view
    add_exercise(qtbot, view, "deadlift")
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["180", "3"])
    # Structural changes write the draft at once, cell edits on a 3-second timer: drop the
    # file, so that only the hook can have written what it then holds.
    draft_path(controller.folders.root).unlink(missing_ok=True)
    hook = ExceptionHook(save_form=view.write_draft_now, parent=lambda: window).install()
    try:
        raise_in_a_slot(AttributeError("a bug in a slot"))
        qtbot.waitUntil(lambda: hook.dialog is not None, timeout=5000)
        document = json.loads(draft_path(controller.folders.root).read_text(encoding="utf-8"))
        exercise = document["draft"]["exercises"][0]
        assert exercise["name"] == "Conventional Deadlift"
        assert (exercise["workings"][0]["weight"], exercise["workings"][0]["reps"]) == ("180", "3")
        assert hook.dialog.parent() is window
        assert view.editor.draft.exercises[0].workings[0].weight == "180"  # the form is intact
    finally:
        hook.uninstall()
        hook.dialog.close()
