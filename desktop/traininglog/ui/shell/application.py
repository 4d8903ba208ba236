"""Starting the window: the application object, the data directory, the startup scan."""

from __future__ import annotations

import contextlib
import errno
import gc
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ...controller import Controller
from ...datafolder import errorlog
from ...datafolder.datadir import DataDirectory, default_data_dir
from ...datafolder.errors import describe
from ...datafolder.folder_settings import resolve_folders, write_sessions_folder
from ...datafolder.logbook import Logbook
from ...datafolder.writerlock import DataDirectoryBusy
from ...files.shipped import shipped_file
from ..common.app_settings import AppSettings
from ..common.theme import apply_theme
from ..dialogs.check_dialog import IntegrityWatch, recover, start_healthy, tell_startup_health
from ..dialogs.error_dialog import ExceptionHook
from ..dialogs.welcome import WelcomeDialog, needs_welcome
from .main_window import MainWindow


def make_application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Training Log")
    app.setOrganizationName("TrainingLog")
    apply_theme(app, AppSettings().colour_scheme)
    app.setDesktopFileName("training-log")  # Wayland app_id → the menu entry's name and icon
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        with contextlib.suppress(FileNotFoundError):
            icon.addFile(
                str(
                    shipped_file(
                        "resources",
                        "icons",
                        "hicolor",
                        f"{size}x{size}",
                        "apps",
                        "training-log.png",
                    )
                )
            )
    app.setWindowIcon(icon)
    return app  # type: ignore[return-value]


def open_logbook(
    folders: DataDirectory, parent=None, read_only: bool = False, why: str | None = None
) -> Logbook | None:
    """Open for writing; if another instance writes it, offer read-only; if the folder can't
    be written, open it read-only and say so. None: give up."""
    if read_only:
        try:
            return Logbook(folders, read_only=True, why=why or "opened with --read-only")
        except Exception as error:
            return _cannot_open(parent, error)
    try:
        return Logbook(folders)
    except OSError as error:
        if error.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            return _cannot_open(parent, error)
        QMessageBox.information(
            parent,
            "Opened read-only",
            f"{folders.root} can't be written ({error.strerror}), so it is open read-only: "
            "you can look at your history and export it, but not save.",
        )
        return open_logbook(
            folders, parent, read_only=True, why=f"this folder can't be written ({error.strerror})"
        )
    except DataDirectoryBusy as busy:
        answer = QMessageBox.question(
            parent,
            "Training Log is already open",
            f"{busy}.\n\nOpen it read-only? You can look at your history but not save.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            return Logbook(
                folders, read_only=True, why="another Training Log is writing this folder"
            )
        return None
    except Exception as error:
        return _cannot_open(parent, error)


def _cannot_open(parent, error: Exception) -> None:
    """Say why the data can't be opened, in the lifter's words; a bug is raised as it is."""
    message = describe(error)
    if message is None:
        raise error
    QMessageBox.critical(parent, "Training Log cannot open its data", message)


def chosen_folders(folders: DataDirectory | None, settings: AppSettings) -> DataDirectory:
    """The folders the command line resolved when it named any, else the data folder chosen
    in Settings with the sessions folder its settings file names.

    A sessions folder remembered only in the window's settings (as earlier versions kept
    it) moves into the data folder's settings file, which the command line reads too.
    """
    if folders is not None:
        return folders
    root = Path(settings.data_dir).expanduser() if settings.data_dir else default_data_dir()
    folders = resolve_folders(root)
    if folders.sessions_folder is None and settings.sessions_dir:
        legacy = Path(settings.sessions_dir).expanduser()
        with contextlib.suppress(OSError):
            write_sessions_folder(root, legacy)
        folders = DataDirectory(root, legacy)
    return folders


# The startup scan waits this long after the window is shown, so that it does not compete
# with the first paint for the interpreter (a thread holds the GIL for 5 ms at a time).
SCAN_AFTER_SHOWN_MS = 200


def scan_once_shown(window: MainWindow) -> None:
    """The startup scan runs once the window is up, off the GUI thread: the window shows
    the index as it is, refreshes if the scan changes it, and then tells what it found
    (warnings, sessions kept in trash/, conflict copies). Then the folder is watched for
    sessions other computers save, as they arrive."""
    QTimer.singleShot(SCAN_AFTER_SHOWN_MS, window.folder_watch.scan_at_start)
    window.folder_watch.start()


def keep_start_objects_out_of_collections() -> None:
    """Python's full garbage collection walks every object the start made (some 45,000: Qt
    wrappers, modules, the catalogue), about 30 ms each time, and it comes at random, in
    the middle of a scroll. Freezing them once the window is up leaves the collector only
    what was made since."""
    gc.collect()
    gc.freeze()


def run(folders: DataDirectory | None, read_only: bool = False) -> int:
    """Open the main window; `folders` None means "as Settings say". Returns the exit code."""
    app = make_application()
    settings = AppSettings()
    folders = chosen_folders(folders, settings)
    hook = ExceptionHook(save_form=lambda: None).install()  # bugs reach a dialog from here on
    logbook = open_logbook(folders, read_only=read_only)
    if logbook is None:
        hook.uninstall()
        return 1
    if not logbook.read_only:  # one writer of the log file, as of the data
        errorlog.start_log(folders.root)
    found = start_healthy(logbook, settings.store)  # before the scan: a damaged index rebuilt
    controller = Controller(logbook)
    window = MainWindow(controller)
    hook.save_form = window.log_view.write_draft_now  # the form's draft is written first
    hook.parent_window = lambda: window
    window.show()
    welcome = needs_welcome(window.settings) and not logbook.read_only
    if welcome and WelcomeDialog(window.settings, window).exec():
        window.apply_settings()
    window.log_view.header.focus.setFocus()  # the first thing typed; the date rarely changes
    tell_startup_health(found, window)  # what happened, and where the old file went
    scan_once_shown(window)
    watch = IntegrityWatch(folders, window)  # PRAGMA quick_check, off the GUI thread
    watch.damaged.connect(lambda problem: recover(controller, problem, window))
    watch.start()
    window.offer_draft_restore()
    QTimer.singleShot(0, keep_start_objects_out_of_collections)  # once the window is up
    try:
        return app.exec()
    finally:
        window.safety.back_up_on_quit()  # only when something changed
        hook.uninstall()
        controller.close()
        errorlog.stop_log()
