"""Time `--self-test` of the bundled app against the pip-installed one; prints one JSON object.

    .venv/bin/python packaging/measure_startup.py [--runs 5] [--bundle PATH]

Each self-test is a fresh process with a fresh data directory, offscreen: interpreter start,
imports, the main window shown, one session saved to both stores, exit. `--version` times
the start alone. One untimed run of each first, so that both read from a warm page cache;
then the two alternate, so that a change in the machine's load hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def wall_seconds(command: list[str], data_dir: bool = True) -> float:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory() as scratch:
        extra = ["--data-dir", str(Path(scratch) / "data")] if data_dir else []
        started = time.perf_counter()
        result = subprocess.run([*command, *extra], env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr}")
    return elapsed


def compare(commands: dict[str, list[str]], runs: int, data_dir: bool = True) -> dict:
    """Runs interleaved, so that a change in the machine's load hits both alike."""
    for command in commands.values():
        wall_seconds(command, data_dir)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(wall_seconds(command, data_dir))
    return {
        name: {
            "command": " ".join(commands[name]),
            "median_s": round(statistics.median(values), 3),
            "runs_s": [round(t, 3) for t in values],
        }
        for name, values in times.items()
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--bundle", type=Path, default=REPO / "dist/training-log/training-log")
    args = parser.parse_args()
    figures = {
        "self_test": compare(
            {
                "bundled": [str(args.bundle), "--self-test"],
                "pip_installed": [sys.executable, "-m", "traininglog.ui.shell.selftest"],
            },
            args.runs,
        ),
        "version": compare(
            {
                "bundled": [str(args.bundle), "--version"],
                "pip_installed": [sys.executable, "-m", "traininglog", "--version"],
            },
            args.runs,
            data_dir=False,
        ),
    }
    json.dump(figures, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
