"""The lifter's answers to "what is this exercise?" for names other apps wrote, kept for next time.

When an import finds "Jefferson Curl" and the lifter says it is their "Romanian Deadlift", the
next import of a newer export applies that without asking. The map lives beside the index as
`DIR/exercise-names.json`:

    {"exerciseNamesVersion": 1, "names": {"Jefferson Curl": "Romanian Deadlift"}}

Names are compared as the importers compare them (`name_key`: case, spaces and punctuation do
not matter), so one written name has one entry however it is spelled.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Mapping
from pathlib import Path

from ..domain.names import name_key
from ..files.atomic import write_atomically

FILE_NAME = "exercise-names.json"
VERSION = 1

log = logging.getLogger(__name__)


def name_map_path(root: Path) -> Path:
    return Path(root) / FILE_NAME


def read_name_map(root: Path) -> dict[str, str]:
    """Written name → name to store; empty when nothing was remembered.

    An unreadable file is set aside as `exercise-names.json.unreadable` (an import must not
    fail because of it, and the lifter's next answers must not overwrite it unseen).
    """
    path = name_map_path(root)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        return _set_aside(path, error)
    names = document.get("names") if isinstance(document, dict) else None
    if not isinstance(names, dict):
        return _set_aside(path, "it has no 'names' object")
    return {
        written: target.strip()
        for written, target in names.items()
        if isinstance(written, str) and isinstance(target, str) and target.strip()
    }


def remember_names(root: Path, choices: Mapping[str, str | None]) -> dict[str, str]:
    """Add the lifter's choices to the map and write it; returns the whole map.

    A choice of None, "" or the written name itself forgets that name: it is imported as
    written (or as the catalogue says) again.
    """
    names = read_name_map(root)
    for written, target in choices.items():
        key = name_key(written)
        if not key:
            continue
        names = {w: t for w, t in names.items() if name_key(w) != key}
        target = (target or "").strip()
        if target and name_key(target) != key:
            names[written.strip()] = target
    document = {"exerciseNamesVersion": VERSION, "names": dict(sorted(names.items()))}
    data = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_atomically(name_map_path(root), data.encode("utf-8"))
    return names


def _set_aside(path: Path, reason: object) -> dict[str, str]:
    log.warning("%s cannot be read (%s); set aside, starting a new one", path, reason)
    with contextlib.suppress(OSError):
        path.replace(path.with_name(path.name + ".unreadable"))
    return {}
