"""The .deb, built and tested the way a user gets it: `pytest tests/packaging` (minutes).

Not in the default run (pyproject's testpaths); packaging/test_bundle.sh does the work and
prints one line per check. TRAININGLOG_BUNDLE_NO_BUILD=1 tests the .deb already in dist/.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_deb_extracts_validates_and_runs_its_self_test():
    command = [str(REPO / "packaging" / "test_bundle.sh")]
    if os.environ.get("TRAININGLOG_BUNDLE_NO_BUILD") == "1":
        command.append("--no-build")
    result = subprocess.run(
        command, cwd=REPO, capture_output=True, text=True, timeout=1800, check=False
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report[-8000:]
    closing = result.stdout.strip().splitlines()[-1]
    assert closing.startswith("test_bundle.sh: ") and closing.endswith(" passed, 0 failed"), closing
