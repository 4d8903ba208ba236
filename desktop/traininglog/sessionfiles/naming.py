"""The session file-name convention: training_session_YYYY_MM_DD_<first 8 hex of _id>.json."""

from __future__ import annotations

import re

from ..domain import Session
from ..files.atomic import TEMP_FILE_PREFIX, TEMP_FILE_SUFFIX, TEMP_TAG

SESSION_FILE_SUFFIX = ".json"
_CONVENTIONAL = re.compile(r"training_session_\d{4}_\d{2}_\d{2}_[0-9a-f]{8}\.json")


def file_name(session: Session) -> str:
    """The file name a session is saved under."""
    short_id = session.id.replace("-", "")[:8].lower()
    day = session.date  # not strftime's %Y: glibc writes year 5 as "5", not "0005"
    return f"training_session_{day.year:04d}_{day.month:02d}_{day.day:02d}_{short_id}.json"


def is_conventional(name: str) -> bool:
    """True for names the app itself writes."""
    return _CONVENTIONAL.fullmatch(name) is not None  # `$` would allow a trailing "\n"


def is_session_file(name: str) -> bool:
    """True for a name the folder scan reads: any visible .json file."""
    return name.endswith(SESSION_FILE_SUFFIX) and not name.startswith(".")


# Other programs' temp files in a synced sessions folder: a transfer in flight, never ours to
# remove (Syncthing writes `.syncthing.NAME.tmp` beside the file it is receiving).
_OTHERS_TEMP_PREFIXES = (".syncthing.", ".~", ".dropbox", ".owncloud", ".nextcloud")


def is_temp_file(name: str) -> bool:
    """True for a temp file this app's interrupted atomic write left behind, as
    `write_atomically` names them here (`~syncthing~NAME.json.tl-TAG.RANDOM.tmp`, with this
    computer's TAG), or as earlier versions did (`.NAME.json.RANDOM.tmp`). Another computer's,
    and a sync tool's, are not."""
    if not name.endswith(TEMP_FILE_SUFFIX):
        return False
    if name.startswith(TEMP_FILE_PREFIX):
        return f"{SESSION_FILE_SUFFIX}.{TEMP_TAG}." in name
    return (
        name.startswith(".")
        and SESSION_FILE_SUFFIX + "." in name
        and ".tl-" not in name
        and not name.startswith(_OTHERS_TEMP_PREFIXES)
    )
