"""A sync tool's conflict copy, and the lifter's choice between it and the file it is a copy
of: keep the original, keep the copy, or keep both (the copy as a session of its own).

The chosen outcome is written as the one file by the save service; the other version goes to
trash/, so a choice made by mistake is undone by restoring it from there.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from ..domain import Session, new_session_id
from ..sessionfiles import SessionFileError, decode
from ..sessionfiles.sync_names import conflict_original
from .datadir import DataDirectory
from .logbook import Logbook
from .reconcile import move_to
from .saving import SaveError


class Keep(Enum):
    ORIGINAL = "original"
    COPY = "copy"
    BOTH = "both"


@dataclass(frozen=True)
class Conflict:
    """Both versions, as far as each can be read (None: gone, or not a session)."""

    copy_name: str
    original_name: str
    copy: Session | None
    original: Session | None
    copy_problem: str | None = None


@dataclass(frozen=True)
class Resolved:
    kept: Path | None  # the session file that holds the outcome
    trashed: list[Path]  # where the versions not kept went

    def lines(self) -> list[str]:
        out = [f"kept: {self.kept}"] if self.kept is not None else []
        return out + [f"moved to trash: {p}" for p in self.trashed]


def read_conflict(folders: DataDirectory, copy_name: str) -> Conflict:
    """The conflict copy `copy_name` and the file it is a copy of, both read."""
    original_name = conflict_original(copy_name)
    if original_name is None:
        raise SaveError(f"{copy_name} is not a sync tool's conflict copy")
    sessions = folders.sessions
    copy_path = sessions / copy_name
    if not copy_path.is_file():
        raise SaveError(f"{copy_path} is not there (resolved on another computer?)")
    copy, problem = _read(copy_path)
    original, _ = _read(sessions / original_name)
    return Conflict(copy_name, original_name, copy, original, problem)


def resolve(book: Logbook, copy_name: str, keep: Keep) -> Resolved:
    """Carry out the lifter's choice; nothing is deleted, every version not kept is in trash/."""
    conflict = read_conflict(book.folders, copy_name)
    sessions, trash = book.folders.sessions, book.folders.trash
    copy_path = sessions / copy_name
    original_path = sessions / conflict.original_name
    if keep is Keep.ORIGINAL:
        if conflict.original is None:
            raise SaveError(f"{conflict.original_name} is not there to keep; keep the copy instead")
        return Resolved(original_path, [move_to(trash, copy_path)])
    if conflict.copy is None:
        raise SaveError(f"{copy_name} can't be kept: {conflict.copy_problem}")
    if keep is Keep.COPY:
        paths, original_kept = book.save_over(conflict.copy)
        trashed = [original_kept] if original_kept is not None else []
    else:  # both: the copy becomes a session of its own
        paths = book.save(dataclasses.replace(conflict.copy, id=new_session_id()))
        trashed = []
    trashed.append(move_to(trash, copy_path))
    return Resolved(paths.session_file, trashed)


def _read(path: Path) -> tuple[Session | None, str | None]:
    try:
        return decode(path.read_bytes()), None
    except FileNotFoundError:
        return None, "it is not there"
    except SessionFileError as error:
        return None, str(error)
    except OSError as error:
        return None, error.strerror or str(error)
