"""Where the sessions folder is, kept in the data folder so the window and the command line
read one answer: `DIR/settings.json`, `{"settingsVersion": 1, "sessionsFolder": "/path"}`.

The sessions folder may be shared with other computers by a sync tool; the index, the lock,
drafts, trash, quarantine and backups always stay in the local data folder. The first answer
given wins: `--sessions-dir`, then `TRAININGLOG_SESSIONS_DIR`, then this file, then
`DIR/sessions`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..files.atomic import write_atomically
from .datadir import DataDirectory, default_data_dir

SESSIONS_DIR_VARIABLE = "TRAININGLOG_SESSIONS_DIR"
SETTINGS_FILE_NAME = "settings.json"
SETTINGS_VERSION = 1
_MAX_BYTES = 64 * 1024


class SettingsFileError(ValueError):
    """The settings file can't be read; the message names the file and what is wrong."""


def settings_file(root: Path) -> Path:
    return root / SETTINGS_FILE_NAME


def read_sessions_folder(root: Path) -> Path | None:
    """The sessions folder the settings file names, or None when it names none."""
    path = settings_file(root)
    try:
        with open(path, "rb") as file:
            data = file.read(_MAX_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):
        return None  # no settings yet (or no data folder: opening it will say why)
    except OSError as error:
        raise SettingsFileError(f"{path}: can't be read ({error.strerror or error})") from None
    if len(data) > _MAX_BYTES:
        raise SettingsFileError(f"{path}: larger than {_MAX_BYTES // 1024} KB; not a settings file")
    try:
        doc = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        where = f"line {error.lineno}: " if isinstance(error, json.JSONDecodeError) else ""
        raise SettingsFileError(f"{path}: {where}not valid JSON ({error})") from None
    if not isinstance(doc, dict):
        raise SettingsFileError(f"{path}: the settings must be a JSON object")
    folder = doc.get("sessionsFolder")
    if folder is None:
        return None
    if not isinstance(folder, str) or not folder.strip():
        raise SettingsFileError(f"{path}: sessionsFolder must be a folder's path, as text")
    return Path(folder).expanduser()


def write_sessions_folder(root: Path, folder: Path | None) -> None:
    """Remember the sessions folder (None: `DIR/sessions`), keeping the file's other keys."""
    path = settings_file(root)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(doc, dict):
            doc = {}
    except (OSError, ValueError):
        doc = {}
    doc["settingsVersion"] = SETTINGS_VERSION
    if folder is None:
        doc.pop("sessionsFolder", None)
    else:
        doc["sessionsFolder"] = str(folder)
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(path, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode())


def resolve_folders(data_dir: Path | None, sessions_dir: Path | None = None) -> DataDirectory:
    """The data folder and its sessions folder, from the first place that says."""
    root = (data_dir or default_data_dir()).expanduser()
    if sessions_dir is None and os.environ.get(SESSIONS_DIR_VARIABLE):
        sessions_dir = Path(os.environ[SESSIONS_DIR_VARIABLE])
    if sessions_dir is None:
        sessions_dir = read_sessions_folder(root)
    if sessions_dir is not None:
        sessions_dir = sessions_dir.expanduser().absolute()
        if sessions_dir == (root / "sessions").absolute():
            sessions_dir = None
    return DataDirectory(root, sessions_dir)
