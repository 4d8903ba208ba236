"""quarantine/: copies of the files in the sessions folder that can't be read, with the reason.

The files themselves stay where they are: in a folder that a sync tool shares, a file moved away
is a file deleted on every other computer.
"""

from __future__ import annotations

from pathlib import Path

from ..domain import Problem
from ..domain.reports import Rejection
from ..files.atomic import write_atomically
from ..sessionfiles.scan import FileStat
from .datadir import DataDirectory


def free_path(path: Path) -> Path:
    """`path`, or `name.1.json`, `name.2.json`… when it is taken."""
    candidate, n = path, 0
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}.{n}{path.suffix}")
    return candidate


def copy_into(folder: Path, name: str, data: bytes) -> Path:
    """`data` written as `folder/name` (numbered when taken), atomically; where it went."""
    target = free_path(folder / name)
    write_atomically(target, data)
    return target


def quarantine_copy(
    folders: DataDirectory, name: str, data: bytes, problems: list[Problem]
) -> Rejection | None:
    """Copy a file that can't be read into quarantine/ with a .reason.txt beside it; the file
    stays where it is (a sync tool would delete it on every other computer if it moved).
    None when quarantine/ already holds these very bytes under that name: told once."""
    if is_quarantined(folders, name, data):
        return None
    target = copy_into(folders.quarantine, name, data)
    reason = "\n".join(str(p) for p in problems) + "\n"
    write_atomically(target.with_name(target.name + ".reason.txt"), reason.encode("utf-8"))
    return Rejection(name, tuple(problems))


def is_quarantined(folders: DataDirectory, name: str, data: bytes) -> bool:
    """Whether quarantine/ holds these very bytes under this name (or a numbered one)."""
    first = folders.quarantine / name
    candidate, n = first, 0
    while candidate.exists():
        if candidate.stat().st_size == len(data) and candidate.read_bytes() == data:
            return True
        n += 1
        candidate = first.with_name(f"{first.stem}.{n}{first.suffix}")
    return False


def note_unreadable(folders: DataDirectory, name: str, stat: FileStat, why: str) -> bool:
    """For a file that can't be copied (too large, refused): the reason alone, in
    quarantine/NAME.not-read.txt. False when this very file (its size and mtime) was noted
    already, so that it is told once."""
    if is_noted(folders, name, stat, why):
        return False
    write_atomically(_note_path(folders, name), _note(stat, why).encode("utf-8"))
    return True


def is_noted(folders: DataDirectory, name: str, stat: FileStat, why: str) -> bool:
    note = _note_path(folders, name)
    try:
        return note.read_text(encoding="utf-8") == _note(stat, why)
    except (OSError, UnicodeDecodeError):
        return False


def _note_path(folders: DataDirectory, name: str) -> Path:
    return folders.quarantine / f"{name}.not-read.txt"


def _note(stat: FileStat, why: str) -> str:
    return f"{stat.name} {why}\n(size {stat.size}, modified {stat.mtime_ns})\n"
