"""Test configuration shared by every layer: offscreen Qt, a fresh data directory per test."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

# Set before anything imports Qt: every test runs without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pytest

from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook

REPO = Path(__file__).resolve().parents[1]
SEED_EXAMPLE = REPO.parent / "shared" / "examples" / "training_session_2026_02_16_3fcb25c2.json"
# The seed example ships with the project too, so the tests do not depend on ../shared.
SAMPLE_SESSION = REPO / "data" / "samples" / "training_session_2026_02_16_3fcb25c2.json"


@pytest.fixture
def folders(tmp_path: Path) -> DataDirectory:
    """An empty data directory."""
    return DataDirectory(tmp_path / "data").create()


@pytest.fixture
def logbook(folders: DataDirectory):
    """An open logbook over an empty data directory."""
    book = Logbook(folders)
    yield book
    book.close()


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    """A copy of the earlier command-line version's example session file."""
    source = SEED_EXAMPLE if SEED_EXAMPLE.exists() else SAMPLE_SESSION
    target = tmp_path / "incoming" / source.name
    target.parent.mkdir()
    shutil.copyfile(source, target)
    return target
