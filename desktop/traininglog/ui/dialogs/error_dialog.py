"""The error dialog (message, details, Copy) and the hook that sends every uncaught exception
there — after the form has been written to its draft, so that no bug ever costs a typed set.

    hook = ExceptionHook(save_form=window.log_view.write_draft_now, parent=lambda: window)
    hook.install()        # sys.excepthook and threading.excepthook

An exception in a slot, a paint event or a worker thread reaches the hook; the app goes on.
Exceptions from other threads are passed to the GUI thread through a queued signal. While a
dialog is open, further exceptions are logged and counted in it rather than piling up dialogs.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...datafolder.errorlog import Failure, failure


class ErrorDialog(QDialog):
    """What went wrong in words, the details behind a button, and Copy for a bug report."""

    def __init__(self, failure: Failure, parent: QWidget | None = None):
        super().__init__(parent)
        self.failure = failure
        self.repeats = 0
        self.setObjectName("errorDialog")
        self.setWindowTitle("Training Log: a bug" if failure.is_bug else "Training Log")

        icon = QLabel()
        kind = (
            QStyle.StandardPixmap.SP_MessageBoxCritical
            if failure.is_bug
            else QStyle.StandardPixmap.SP_MessageBoxWarning
        )
        icon.setPixmap(self.style().standardIcon(kind).pixmap(32, 32))
        self.message = QLabel(failure.message)
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumWidth(420)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.more = QLabel()
        self.more.setObjectName("errorRepeats")
        self.more.hide()
        self.details = QPlainTextEdit(failure.details)
        self.details.setObjectName("errorDetails")
        self.details.setReadOnly(True)
        self.details.setMinimumHeight(180)
        self.details.setVisible(failure.is_bug)

        buttons = QDialogButtonBox()
        self.details_button = QPushButton("Hide &details" if failure.is_bug else "Show &details")
        self.details_button.setObjectName("detailsButton")
        self.details_button.clicked.connect(self.toggle_details)
        self.copy_button = QPushButton("&Copy")
        self.copy_button.setObjectName("copyButton")
        self.copy_button.setToolTip("Copy the message and the details, for a bug report")
        self.copy_button.clicked.connect(self.copy)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.details_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button.setDefault(True)

        top = QHBoxLayout()
        top.addWidget(icon, 0)
        words = QVBoxLayout()
        words.addWidget(self.message)
        words.addWidget(self.more)
        top.addLayout(words, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)

    def toggle_details(self) -> None:
        shown = not self.details.isVisible()
        self.details.setVisible(shown)
        self.details_button.setText("Hide &details" if shown else "Show &details")
        self.adjustSize()

    def copy(self) -> None:
        text = self.failure.report_text()
        if self.repeats:
            text += f"\n\n({self.repeats} more error(s) followed; see traininglog.log)"
        QGuiApplication.clipboard().setText(text)

    def add_repeat(self) -> None:
        """Another error while this dialog is open: counted here, its details in the log."""
        self.repeats += 1
        self.more.setText(
            f"{self.repeats} more error{'s' * (self.repeats != 1)} since; the log file in the "
            "data folder has them all."
        )
        self.more.show()


def show_error(error: BaseException, doing: str | None, parent: QWidget | None) -> ErrorDialog:
    """Log `error` and show it in a dialog (not blocking: the caller goes on)."""
    dialog = ErrorDialog(failure(error, doing), parent)
    dialog.open()
    return dialog


class ExceptionHook(QObject):
    """sys.excepthook and threading.excepthook: the draft first, then the log and the dialog."""

    _from_thread = Signal(object)

    def __init__(
        self,
        save_form: Callable[[], None],
        parent: Callable[[], QWidget | None] = lambda: None,
    ):
        super().__init__()
        self.save_form = save_form
        self.parent_window = parent
        self.dialog: ErrorDialog | None = None
        self.handled = 0
        self._busy = False
        self._previous: tuple | None = None
        self._from_thread.connect(self._on_exception)

    def install(self) -> ExceptionHook:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.handle
        threading.excepthook = self.handle_thread
        return self

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous
            self._previous = None

    def handle(self, kind, error, tb) -> None:
        """sys.excepthook: from the GUI thread at once, from others through a queued signal."""
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(tb)
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is app.thread():
            self._on_exception(error)
        else:
            self._from_thread.emit(error)

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(object)
    def _on_exception(self, error: BaseException) -> None:
        if self._busy:  # an exception while handling one: keep it, but show nothing more
            traceback.print_exception(type(error), error, error.__traceback__)
            return
        self._busy = True
        try:
            self.handled += 1
            with contextlib.suppress(Exception):  # the form first, whatever else fails
                self.save_form()
            found = failure(error, "go on")
            if self.dialog is not None and self.dialog.isVisible():
                self.dialog.add_repeat()
                return
            self.dialog = ErrorDialog(found, self.parent_window())
            self.dialog.open()
        except Exception:  # the hook itself must never be what kills the app
            traceback.print_exc()
        finally:
            self._busy = False
