"""Start to main window shown, in a fresh process, over an existing data directory.

    python tests/bench/startup.py DATA_DIR [--repeat 5]

The child runs what `traininglog` runs — imports, opening the index, the startup scan,
building the main window, the first paint — prints SHOWN and exits; the parent measures the
wall time from launching the process to reading that line. Prints the median in seconds.
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
from traininglog.ui.shell.application import make_application, open_logbook
from traininglog.ui.shell.main_window import MainWindow
from PySide6.QtCore import QSettings

app = make_application()
logbook = open_logbook(DataDirectory(Path(sys.argv[1])))
controller = Controller(logbook)
controller.sync()
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(controller, settings)
window.show()
app.processEvents()
window.repaint()
print("SHOWN", flush=True)
logbook.close()
"""


def startup_seconds(data_dir: Path, repeat: int = 5) -> float:
    """Median seconds from process launch to the main window shown and painted."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    settings = data_dir.parent / "startup-bench-settings.ini"
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(data_dir), str(settings)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
            text=True,
        )
        assert child.stdout is not None
        for line in child.stdout:
            if line.strip() == "SHOWN":
                times.append(time.perf_counter() - started)
                break
        child.wait()
        if child.returncode != 0:
            raise RuntimeError(f"the window did not start (exit {child.returncode})")
    return statistics.median(times)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{startup_seconds(args.data_dir, args.repeat):.3f}")
