"""Session files in the schema's format: single files or whole folders, recursively."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..domain import Problem, Session
from ..domain.reports import Rejection
from ..sessionfiles import SessionFileError, decode

# A session file is a few kilobytes; anything this large is not one and is not read whole.
MAX_FILE_BYTES = 5 * 1024 * 1024


def session_files_in(paths: Iterable[Path]) -> tuple[list[Path], list[Rejection]]:
    """The .json files named or inside the named folders, and the paths that do not exist."""
    found: list[Path] = []
    missing: list[Rejection] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*.json") if p.is_file()))
        elif path.is_file():
            found.append(path)
        else:
            missing.append(Rejection(str(path), (Problem("", "no such file or folder"),)))
    return found, missing


def read_session_file(path: Path) -> Session:
    """One session file; SessionFileError names every problem with its JSON path."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SessionFileError(
            [Problem("", f"is {size:,} bytes; a session file is at most {MAX_FILE_BYTES:,}")]
        )
    return decode(path.read_bytes())


def read_or_refuse(path: Path) -> Session | Rejection:
    """One session file, or its rejection naming every problem."""
    try:
        return read_session_file(path)
    except SessionFileError as error:
        return Rejection(str(path), tuple(error.problems))
    except OSError as error:
        return Rejection(str(path), (Problem("", f"cannot be read: {error.strerror}"),))


def read_session_files(paths: Iterable[Path]) -> tuple[list[tuple[str, Session]], list[Rejection]]:
    """Every readable session under `paths`, and a rejection for each file that is not one."""
    files, rejected = session_files_in(paths)
    sessions: list[tuple[str, Session]] = []
    for path in files:
        read = read_or_refuse(path)
        if isinstance(read, Rejection):
            rejected.append(read)
        else:
            sessions.append((str(path), read))
    return sessions, rejected
