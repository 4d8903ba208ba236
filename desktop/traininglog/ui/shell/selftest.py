"""`traininglog --self-test`: prove an installation works, end to end, without a person.

It starts Qt (offscreen when there is no display), opens the real main window, saves one
small session through the controller, and checks that both the database row and the JSON file
exist. A bundle or a .deb is tested by running this inside it, because what breaks there is
what unit tests cannot see: a missing Qt plugin, a shipped file left out, lost metadata.

    python -m traininglog.ui.shell.selftest [--data-dir DIR]

Without a data directory it works in a temporary one and removes it afterwards, so it never
adds a session to the lifter's own log. Exit code 0 when everything worked, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

from ...datafolder.datadir import DataDirectory

PASSED = "self-test passed"
_ICON = "training-log.png"


class SelfTestFailure(Exception):
    """A check that did not hold; the message says which."""


def run_self_test(folders: DataDirectory | None = None) -> int:
    """Open the window, save one session, check both stores; 0 when all of it worked."""
    if folders is not None:
        return _run_reporting(folders)
    with tempfile.TemporaryDirectory(prefix="traininglog-selftest-") as scratch:
        return _run_reporting(DataDirectory(Path(scratch) / "data"))


def _run_reporting(folders: DataDirectory) -> int:
    try:
        _run(folders)
    except SelfTestFailure as failure:
        _say(f"self-test failed: {failure}")
        return 1
    except Exception as error:
        from ...datafolder.errors import describe

        message = describe(error)
        if message is None:  # a bug, or a broken installation: the details help
            _say(traceback.format_exc().rstrip())
            message = f"unexpected {type(error).__name__} (above)"
        _say(f"self-test failed: {message}")
        return 1
    _say(PASSED)
    return 0


def _run(folders: DataDirectory) -> None:
    started = time.perf_counter()
    _use_offscreen_without_display()

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QLabel

    from ... import __version__
    from ...controller import Controller
    from ...datafolder.logbook import Logbook
    from ...files.shipped import shipped_file
    from ...store import queries
    from .application import make_application
    from .main_window import MainWindow

    app = make_application()
    _say(f"training log {__version__}, Qt platform {QGuiApplication.platformName()}")
    icon = QIcon(str(shipped_file("resources", "icons", "hicolor", "48x48", "apps", _ICON)))
    if icon.isNull():
        raise SelfTestFailure("the app icon did not load")

    errors: list[str] = []
    # Nobody is there to click: a dialog that opens is closed again and counts as a failure.
    watchdog = QTimer()
    watchdog.timeout.connect(lambda: _close_dialogs(app, errors))
    watchdog.start(50)
    logbook = Logbook(folders)
    controller = Controller(logbook)
    controller.error.connect(errors.append)
    window = None
    with tempfile.TemporaryDirectory(prefix="traininglog-selftest-settings-") as settings_dir:
        # Its own settings file: closing the window must not rewrite the lifter's geometry.
        settings = QSettings(str(Path(settings_dir) / "selftest.ini"), QSettings.Format.IniFormat)
        try:
            controller.sync()
            window = MainWindow(controller, settings=settings)
            window.setWindowIcon(icon)
            window.show()
            _process_events(app)
            if not window.isVisible():
                raise SelfTestFailure("the main window did not show")
            shown_ms = (time.perf_counter() - started) * 1000
            _say(f"main window shown after {shown_ms:.0f} ms")
            count_label = window.findChild(QLabel, "sessionCount")
            count_before = queries.session_count()

            session = _sample_session()
            paths = controller.save(session)
            _process_events(app)
            if paths is None:
                raise SelfTestFailure(f"the save failed: {'; '.join(errors) or 'no message'}")
            _check_file(paths.session_file, session.id)
            stored = queries.load_session(session.id)
            if stored is None:
                raise SelfTestFailure(f"{paths.database}: no row for session {session.id}")
            if [e.name for e in stored.exercises] != [e.name for e in session.exercises]:
                raise SelfTestFailure(f"{paths.database}: the stored session differs")
            if queries.session_count() != count_before + 1:
                raise SelfTestFailure(f"{paths.database}: expected {count_before + 1} sessions")
            if count_label is not None and f"{count_before + 1:,} " not in count_label.text():
                raise SelfTestFailure(f"the window shows {count_label.text()!r} after the save")
            if errors:
                raise SelfTestFailure("; ".join(errors))
            _say(f"wrote {paths.session_file}")
            _say(f"wrote {paths.database} (session {session.id})")
        finally:
            if window is not None:
                window.close()
                _process_events(app)
            watchdog.stop()
            controller.close()
    if errors:
        raise SelfTestFailure("; ".join(errors))


def _use_offscreen_without_display() -> None:
    """On Linux and the BSDs, with no X11 or Wayland display and no choice made, go offscreen."""
    if sys.platform in ("win32", "darwin") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _close_dialogs(app, errors: list[str]) -> None:
    dialog = app.activeModalWidget()
    if dialog is None:
        return
    text = getattr(dialog, "text", lambda: "")()
    errors.append(f"a dialog opened: {dialog.windowTitle()}: {text}".rstrip(": "))
    dialog.reject()


def _process_events(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()
        time.sleep(0.01)


def _sample_session():
    from ...domain import Exercise, Session, WarmupSet, WorkingSet, new_session_id

    squat = Exercise(
        order=1,
        name="Back Squat",
        target_muscle_groups=("quads", "glutes"),
        warmup_sets=(WarmupSet(number=1, weight_kg=60.0, reps=5),),
        working_sets=(
            WorkingSet(
                number=1,
                weight_kg=100.0,
                full_reps=5,
                partial_reps=0,
                rpe=8.0,
                rep_assessment="good",
                rest_minutes=3.0,
                notes="written by traininglog --self-test",
            ),
        ),
    )
    return Session(
        id=new_session_id(),
        date=datetime.now().astimezone().replace(microsecond=0),
        exercises=(squat,),
        focus="self-test",
    )


def _check_file(path: Path, session_id: str) -> None:
    if not path.is_file():
        raise SelfTestFailure(f"{path}: the session file was not written")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SelfTestFailure(f"{path}: cannot be read back: {error}") from None
    if document.get("_id") != session_id:
        raise SelfTestFailure(f"{path}: holds {document.get('_id')!r}, not {session_id}")


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m traininglog.ui.shell.selftest",
        description="Open the window, save one session, check both stores; exit 0 if it worked.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="data directory to save into (default: a temporary one, removed afterwards)",
    )
    args = parser.parse_args(argv)
    folders = DataDirectory(args.data_dir.expanduser()) if args.data_dir else None
    return run_self_test(folders)


if __name__ == "__main__":
    sys.exit(main())
