"""A training log is personal health data: the folder the app makes is the lifter's alone."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX modes do not exist on Windows")


def traininglog(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAININGLOG_")}
    return subprocess.run(
        [sys.executable, "-m", "traininglog", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_a_new_data_folder_and_everything_in_it_is_private(tmp_path: Path) -> None:
    data = tmp_path / "log"
    before = os.umask(0o022)  # the usual desktop umask, which would leave everything readable
    try:
        result = traininglog(data, "import", str(EXAMPLES))
    finally:
        os.umask(before)
    assert result.returncode == 0, result.stderr
    found = modes(data)
    assert any(name.startswith("sessions/") for name in found)
    assert any(name.startswith("traininglogs.db") for name in found)
    open_to_others = {name: oct(mode) for name, mode in found.items() if mode & 0o077}
    assert open_to_others == {}


def test_check_warns_when_the_folder_is_readable_by_others(tmp_path: Path) -> None:
    data = tmp_path / "log"
    assert traininglog(data, "import", str(EXAMPLES)).returncode == 0
    data.chmod(0o755)
    result = traininglog(data, "check")
    assert result.returncode == 0, result.stderr  # a warning, not a disagreement
    assert f"warning: {data} can be read by other users of this computer" in result.stderr
    assert f"chmod 700 {data}" in result.stderr

    data.chmod(0o700)
    assert "other users" not in traininglog(data, "check").stderr
