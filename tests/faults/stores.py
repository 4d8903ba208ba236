"""What both stores hold, byte for byte, to prove that a failed save changed nothing."""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass

from traininglog.datafolder.datadir import DataDirectory
from traininglog.domain import Exercise, Session, WorkingSet, limits
from traininglog.sessionfiles.naming import is_temp_file


@dataclass(frozen=True)
class Stores:
    files: dict[str, tuple[bytes, int]]  # name → (bytes, mtime_ns) of every file in sessions/
    database: list[str]  # the index's SQL dump

    @classmethod
    def of(cls, folders: DataDirectory) -> Stores:
        files = {
            p.name: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folders.sessions.iterdir())
        }
        connection = sqlite3.connect(folders.database)
        try:
            dump = list(connection.iterdump())
        finally:
            connection.close()
        return cls(files, dump)


def temp_files(folders: DataDirectory) -> list[str]:
    return [p.name for p in folders.sessions.iterdir() if is_temp_file(p.name)]


def heavy(session: Session, exercises: int = 20) -> Session:
    """The same session made large: many exercises, each set with the longest notes allowed."""
    note = "n" * limits.MAX_NOTES_CHARS
    return dataclasses.replace(
        session,
        exercises=tuple(
            Exercise(
                order=k,
                name=f"Exercise {k}",
                working_sets=tuple(
                    WorkingSet(n, 100, 5, 0, 8, "good", 3, note) for n in range(1, 11)
                ),
            )
            for k in range(1, exercises + 1)
        ),
    )


def changed(session: Session, **changes: object) -> Session:
    return dataclasses.replace(session, **changes)
