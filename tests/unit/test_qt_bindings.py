"""The Qt bindings the app runs on keep Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 takes a reference from None with every Qt call that returns
nothing, and from True with every signal emitted, until the interpreter aborts. That build is
excluded in pyproject.toml; this test fails on any build that does the same, in a child
process, so that a crash fails the test instead of ending the test run.
"""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

class Sender(QObject):
    fired = Signal(bool)

app = QApplication([])
label = QLabel("x")
label.show()
sender = Sender()
sender.fired.connect(lambda flag: None)
none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
for n in range(3000):
    app.processEvents()
    label.setText(str(n))
    sender.fired.emit(True)
print(sys.getrefcount(None) - none_before, sys.getrefcount(True) - true_before)
"""


def test_thousands_of_qt_calls_leave_none_and_true_alone():
    result = subprocess.run(
        [sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"the Qt bindings crashed the interpreter:\n{result.stderr}"
    none_drift, true_drift = map(int, result.stdout.split())
    # A few references come and go with caches; thousands lost is the bug.
    assert abs(none_drift) < 100, f"None lost {-none_drift} references in 3,000 Qt calls"
    assert abs(true_drift) < 100, f"True lost {-true_drift} references in 3,000 signals"
