"""The fault tests' summary: kills survived, faults injected, fuzz cases run, sessions lost."""

from __future__ import annotations

import fault_tally

# test_kill_during_save.py kills one real process per test named test_kill_*.
_CHECKPOINT_KILLS = "test_kill_during_save.py::test_kill_"


def pytest_runtest_logreport(report) -> None:
    if report.when == "call" and report.passed and _CHECKPOINT_KILLS in report.nodeid:
        fault_tally.killed_and_survived()


def pytest_terminal_summary(terminalreporter) -> None:
    t = fault_tally
    if not (t.kills or t.faults or t.fuzz_cases):
        return
    terminalreporter.section("faults: what survived")
    terminalreporter.write_line(f"kills survived:   {t.kills} (SIGKILL, then a restart and check)")
    terminalreporter.write_line(f"faults injected:  {t.faults}")
    terminalreporter.write_line(f"fuzz cases run:   {t.fuzz_cases}")
    terminalreporter.write_line(f"sessions lost:    {t.sessions_lost}")
    terminalreporter.write_line(f"seed:             TRAININGLOG_FAULT_SEED={t.SEED}")
