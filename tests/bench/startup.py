"""Start to main window shown, in a fresh process, over an existing data directory.

    python tests/bench/startup.py DATA_DIR [--repeat 5]

The child runs what `traininglog` runs — imports, opening the index, building the main
window, the startup scan started off the GUI thread, the first paint — prints SHOWN and
exits; the parent measures the wall time from launching the process to reading that line.
Its floor is a child that imports the same modules, makes the QApplication and shows and
paints a bare QMainWindow. The two are launched in turn, so that both see the same load.
Prints both medians in seconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

CHILD = """
import sys
from pathlib import Path
from traininglog.controller import Controller
from traininglog.datafolder.datadir import DataDirectory
from traininglog.ui.shell.application import make_application, open_logbook, scan_once_shown
from traininglog.ui.shell.main_window import MainWindow
from PySide6.QtCore import QSettings

app = make_application()
logbook = open_logbook(DataDirectory(Path(sys.argv[1])))
controller = Controller(logbook)
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(controller, settings)
window.show()
scan_once_shown(window)
app.processEvents()
window.repaint()
print("SHOWN", flush=True)
window.folder_watch.stop()
logbook.close()
"""

# The floor: the same imports, a bare window.
FLOOR_CHILD = """
import sys
import traininglog.controller, traininglog.ui.shell.application, traininglog.ui.shell.main_window
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1256, 740)
window.show()
app.processEvents()
window.repaint()
print("SHOWN", flush=True)
"""


def _launch_seconds(code: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    assert child.stdout is not None
    seconds = None
    for line in child.stdout:
        if line.strip() == "SHOWN":
            seconds = time.perf_counter() - started
            break
    child.wait()
    if child.returncode != 0 or seconds is None:
        raise RuntimeError(f"the window did not start (exit {child.returncode})")
    return seconds


def startup_and_floor(data_dir: Path, repeat: int = 5) -> tuple[float, float]:
    """Median seconds from process launch to the main window shown and painted, and the
    same for a bare window with the app's imports (launched in turn with the app)."""
    settings = data_dir.parent / "startup-bench-settings.ini"
    app, floor = [], []
    for _ in range(repeat):
        floor.append(_launch_seconds(FLOOR_CHILD))
        app.append(_launch_seconds(CHILD, str(data_dir), str(settings)))
    return statistics.median(app), statistics.median(floor)


def startup_seconds(data_dir: Path, repeat: int = 5) -> float:
    """Median seconds from process launch to the main window shown and painted."""
    settings = data_dir.parent / "startup-bench-settings.ini"
    return statistics.median(
        _launch_seconds(CHILD, str(data_dir), str(settings)) for _ in range(repeat)
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    app, floor = startup_and_floor(args.data_dir, args.repeat)
    print(f"{app:.3f} (floor {floor:.3f})")
