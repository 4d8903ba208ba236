"""The names sync tools give files in a shared sessions folder: their conflict copies, which
are never read as sessions, and the temp names they skip.

A conflict copy is made when two computers changed one file before they synced. Each tool
names it after the file it conflicts with, as its documentation gives:

- Syncthing: `NAME.sync-conflict-20261203-101500-ABCDEFG.json`
- Dropbox: `NAME (conflicted copy 2026-12-03).json`, `NAME (Sam's conflicted copy 2026-12-03).json`
- Nextcloud and ownCloud: `NAME (conflicted copy 2026-12-03 101500).json`; older ownCloud
  clients `NAME_conflict-20261203-101500.json`
- OneDrive: `NAME-LAPTOP.json`, the other computer's name after the file's own
"""

from __future__ import annotations

import re

from .naming import SESSION_FILE_SUFFIX

_SYNCTHING = re.compile(r"\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}$")
_IN_BRACKETS = re.compile(r" \((?:[^()]*'s )?conflicted copy[^()]*(?:\(\d+\))?[^()]*\)$", re.I)
_OWNCLOUD = re.compile(r"_conflict-\d{8}-\d{6}$")
# OneDrive appends the computer's name to the app's own name for the file.
_ONEDRIVE = re.compile(
    r"^(?P<name>training_session_\d{4}_\d{2}_\d{2}_[0-9a-f]{8})-[A-Za-z0-9][A-Za-z0-9_-]{0,62}$"
)


def conflict_original(name: str) -> str | None:
    """The name of the file a sync tool's conflict copy is a copy of, or None when `name` is
    not a conflict copy."""
    if not name.endswith(SESSION_FILE_SUFFIX):
        return None
    stem = name[: -len(SESSION_FILE_SUFFIX)]
    # The app's own names hold neither: the startup scan asks this of every file.
    if "conflict" in stem.casefold():
        for pattern in (_SYNCTHING, _IN_BRACKETS, _OWNCLOUD):
            found = pattern.search(stem)
            if found and found.start() > 0:
                return stem[: found.start()] + SESSION_FILE_SUFFIX
    if "-" in stem and (onedrive := _ONEDRIVE.match(stem)):
        return onedrive["name"] + SESSION_FILE_SUFFIX
    return None


def is_conflict_copy(name: str) -> bool:
    return conflict_original(name) is not None
