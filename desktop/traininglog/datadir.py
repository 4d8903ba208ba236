"""The data directory: where the index, the session files, trash, quarantine and backups live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATA_DIR_VARIABLE = "TRAININGLOG_DATA_DIR"
APP_NAME = "TrainingLog"


def default_data_dir() -> Path:
    """`TRAININGLOG_DATA_DIR` if set, else the platform's per-user data folder."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataDirectory:
    """The folders of one data directory. `sessions` may live elsewhere (a synced folder)."""

    root: Path
    sessions_folder: Path | None = None

    @property
    def database(self) -> Path:
        return self.root / "traininglogs.db"

    @property
    def sessions(self) -> Path:
        return self.sessions_folder or self.root / "sessions"

    @property
    def trash(self) -> Path:
        return self.root / "trash"

    @property
    def quarantine(self) -> Path:
        return self.root / "quarantine"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def lock_file(self) -> Path:
        return self.root / "traininglog.lock"

    def create(self) -> DataDirectory:
        """Make every folder that is missing; returns self."""
        for folder in (self.root, self.sessions, self.trash, self.quarantine, self.backups):
            folder.mkdir(parents=True, exist_ok=True)
        return self
