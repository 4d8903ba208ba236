"""The data directory: where the index, the session files, trash, quarantine and backups live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATA_DIR_VARIABLE = "TRAININGLOG_DATA_DIR"
# A training log is personal health data: what the app makes is the user's alone.
PRIVATE_UMASK = 0o077
APP_NAME = "TrainingLog"


def default_data_dir() -> Path:
    """`TRAININGLOG_DATA_DIR` if set, else the platform's per-user data folder."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


class SessionsFolderMissing(FileNotFoundError):
    """The sessions folder chosen outside the data folder is not there."""

    def __init__(self, folder: Path):
        super().__init__(
            2,
            f"the sessions folder {folder} is not there (a drive not mounted, or a sync folder "
            "not set up on this computer yet?); connect it, or choose another in Settings",
            str(folder),
        )


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
        """Make every folder that is missing, private (0700); returns self.

        A sessions folder kept elsewhere is never made: missing, it is a drive not mounted or
        a sync folder not there yet, and an empty new one would read as every session deleted.
        """
        if self.sessions_folder is not None and not self.sessions_folder.is_dir():
            raise SessionsFolderMissing(self.sessions_folder)
        for folder in (self.root, self.sessions, self.trash, self.quarantine, self.backups):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        return self

    def open_to_others(self) -> list[Path]:
        """The folders holding the log that other users of this computer can read."""
        folders = [self.root]
        if self.sessions_folder is not None and not self.sessions.is_relative_to(self.root):
            folders.append(self.sessions)
        return [f for f in folders if f.is_dir() and _mode(f) & 0o077]


def keep_private() -> None:
    """Everything this process creates from now on is readable by the user alone."""
    if os.name != "nt":
        os.umask(os.umask(PRIVATE_UMASK) | PRIVATE_UMASK)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777
