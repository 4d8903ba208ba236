"""What the fault tests did, counted, for the summary printed at the end of the run.

`kills`: real processes killed with SIGKILL, each followed by a restart that passed `check`;
`faults`: failures injected (full disks, failing system calls, damaged databases, held locks);
`fuzz_cases`: inputs given to the readers; `sessions_lost`: sessions saved (or reported saved)
before a fault that were missing afterwards — every test also asserts it stays 0.
"""

from __future__ import annotations

import os
import random

kills = 0
faults = 0
fuzz_cases = 0
sessions_lost = 0
# Kill moments are random; a failure names the seed so that the run can be repeated.
SEED = int(os.environ.get("TRAININGLOG_FAULT_SEED") or random.SystemRandom().randrange(2**32))


def rng(salt: str) -> random.Random:
    return random.Random(f"{SEED}-{salt}")


def killed_and_survived(count: int = 1) -> None:
    global kills
    kills += count


def injected(count: int = 1) -> None:
    global faults
    faults += count


def fuzzed(count: int = 1) -> None:
    global fuzz_cases
    fuzz_cases += count


def lost(count: int) -> None:
    global sessions_lost
    sessions_lost += count
