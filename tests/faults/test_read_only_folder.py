"""A data folder that can't be written — a backup disk, a snapshot, a folder mounted
read-only — opens for reading: history, export and check work, saving and importing say why
they can't, and nothing on the disk changes. A real read-only tmpfs, where the system allows
mounting one; `--read-only` on an ordinary folder everywhere."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "examples"


def traininglog(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRAININGLOG_")}
    result = subprocess.run(
        [sys.executable, "-m", "traininglog", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        # SQLite's shared-memory and log files of a WAL database, which even reading it
        # makes where it can; they hold nothing of the log.
        if p.is_file() and not p.name.endswith(("-shm", "-wal"))
    }


@pytest.fixture
def read_only_data(tmp_path: Path):
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"mounting a tmpfs needs root: {mounted.stderr.strip()}")
    data = mount_point / "log"
    try:
        assert traininglog(data, "import", str(EXAMPLES)).returncode == 0
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True)
        yield data
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_folder_on_read_only_media_opens_for_reading(read_only_data: Path, tmp_path) -> None:
    data = read_only_data
    before = fingerprint(data)
    history = traininglog(data, "history", "--json")
    assert history.returncode == 0, history.stderr
    assert len(json.loads(history.stdout)) == 1
    assert "reading it read-only" in history.stderr
    out = tmp_path / "out.csv"
    assert traininglog(data, "export", "--format", "csv", str(out)).returncode == 0
    assert out.read_text().count("\n") > 1
    check = traininglog(data, "check")
    assert check.returncode == 0, check.stderr
    imported = traininglog(data, "import", str(EXAMPLES))
    assert imported.returncode == 1
    assert "read-only" in imported.stderr
    assert fingerprint(data) == before


def test_read_only_on_an_ordinary_folder_changes_nothing(tmp_path: Path) -> None:
    data = tmp_path / "log"
    assert traininglog(data, "import", str(EXAMPLES)).returncode == 0
    (data / "sessions" / "extra.json").write_text("{}")  # would be quarantined by a scan
    before = fingerprint(data)
    history = traininglog(data, "--read-only", "history", "--json")
    assert history.returncode == 0, history.stderr
    assert len(json.loads(history.stdout)) == 1
    assert traininglog(data, "--read-only", "check").returncode == 1  # extra.json is news
    refused = traininglog(data, "--read-only", "import", str(EXAMPLES))
    assert refused.returncode == 2
    assert "--read-only" in refused.stderr
    assert traininglog(data, "--read-only", "check", "--repair").returncode == 2
    assert fingerprint(data) == before
