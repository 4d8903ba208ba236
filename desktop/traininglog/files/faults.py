"""Named points in the save protocol where a test can kill the process.

`TRAININGLOG_KILL_AT=json-written traininglog import …` dies with SIGKILL right after the
JSON file is in place and before the database knows of it. Unset, a checkpoint costs one
dictionary look-up. This is how the fault tests prove that a crash at any step loses nothing.
"""

from __future__ import annotations

import os
import signal

KILL_AT_VARIABLE = "TRAININGLOG_KILL_AT"


def checkpoint(name: str) -> None:
    """Die here, at once and without clean-up, if the environment asks for it."""
    if os.environ.get(KILL_AT_VARIABLE) == name:
        os.kill(os.getpid(), signal.SIGKILL)
