"""Startup health: a damaged index is moved aside and rebuilt; unreadable files are set aside.

What runs when, and why (DESIGN.md asks for a 1.0 s start with 5,000 sessions):
- On every open (`Logbook`): the database file's header and size are checked (one 100-byte
  read), and SQLite opens it and reads its schema. That finds a file that is not a database,
  one overwritten with garbage and one cut short, at no measurable cost.
- `PRAGMA quick_check` reads every page: about 0.1 s of CPU for 5,000 sessions, and it grows
  with the history. So the window runs it on a second connection off the GUI thread right after
  it is shown (`integrity_problem_at`), and the backup taken on quit checks its copy with it.
- A -wal file that went missing takes the last commits with it: the index is behind, not
  broken, and the startup scan adds back every session whose file it lacks. (Were it deleted
  in the middle of a checkpoint, quick_check finds the damage.)

Whatever the check finds, the files are the truth: the damaged index goes to backups/ (with its
-wal and -shm) for inspection, and a new one is built from the session files.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.reports import Rejection
from ..drafts.draft import Draft
from ..drafts.draft_file import draft_path
from ..files.aside import dated_free_path
from ..files.atomic import fsync_folder
from ..store.db import integrity_problem
from . import reconcile
from .logbook import Logbook
from .saving import Cancelled, Progress


@dataclass(frozen=True)
class Recovery:
    """A damaged index that was moved aside and rebuilt from the session files."""

    problem: str
    moved_to: Path
    sessions: int
    quarantined: tuple[Rejection, ...] = ()

    def message(self) -> str:
        text = (
            f"The database was damaged ({self.problem}). It was moved to {self.moved_to} and "
            f"a new one was built from your {self.sessions:,} session files: nothing is lost."
        )
        if self.quarantined:
            text += (
                f" {len(self.quarantined)} file(s) could not be read: they are left where they "
                "are, with a copy in the quarantine folder and a note saying why."
            )
        return text


@dataclass(frozen=True)
class SetAside:
    """A file that could not be read and was moved out of the way."""

    what: str
    moved_to: Path
    reason: str

    def message(self) -> str:
        return (
            f"{self.what[:1].upper()}{self.what[1:]} could not be read ({self.reason}). "
            f"It was moved to {self.moved_to} and Training Log started without it."
        )


@dataclass
class StartupHealth:
    """What the start found and did; the window tells the lifter every line of `messages`."""

    recovery: Recovery | None = None
    set_aside: list[SetAside] = field(default_factory=list)

    def messages(self) -> list[str]:
        lines = [self.recovery.message()] if self.recovery else []
        return lines + [s.message() for s in self.set_aside]


def at_start(logbook: Logbook, progress: Progress | None = None) -> StartupHealth:
    """After opening: rebuild an index that opening moved aside; set aside a bad draft.

    Run before the startup scan (which then finds nothing left to do).
    """
    health = StartupHealth(rebuild_if_moved_aside(logbook, progress))
    unreadable = set_aside_unreadable_draft(logbook.folders.root, logbook.folders.backups)
    if unreadable is not None:
        health.set_aside.append(unreadable)
    return health


def rebuild_if_moved_aside(logbook: Logbook, progress: Progress | None = None) -> Recovery | None:
    """Fill the new index from the files when opening found the old one damaged."""
    if logbook.moved_aside is None or logbook.read_only or logbook.damage_rebuilt:
        return None
    sessions, rejected = reconcile.rebuild(logbook.folders, progress)
    logbook.damage_rebuilt = True
    problem = logbook.damage or "it could not be opened"
    return Recovery(problem, logbook.moved_aside, sessions, tuple(rejected))


def recover(
    logbook: Logbook,
    problem: str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Recovery:
    """Move a damaged index aside and build a new one from the session files."""
    moved_to = logbook.replace_index(problem)
    sessions, rejected = reconcile.rebuild(logbook.folders, progress, cancelled)
    logbook.damage_rebuilt = True
    return Recovery(problem, moved_to, sessions, tuple(rejected))


def integrity_problem_at(database: Path) -> str | None:
    """`PRAGMA quick_check` on a connection of its own: safe off the GUI thread."""
    if not database.exists():
        return None
    try:
        connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        return str(error)
    try:
        return integrity_problem(connection)
    finally:
        connection.close()


def set_aside_unreadable_draft(root: Path, folder: Path) -> SetAside | None:
    """Move a draft file that cannot be read into `folder`; None when it reads (or is absent)."""
    path = draft_path(root)
    try:
        document = json.loads(path.read_bytes().decode("utf-8"))
        Draft.from_json(document["draft"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError) as error:
        return set_aside(path, folder, "the unsaved form (draft)", _short(error))
    return None


def set_aside(path: Path, folder: Path, what: str, reason: str) -> SetAside:
    """Move a file that cannot be read into `folder` under a dated name; returns where."""
    target = dated_free_path(folder, f"{path.stem}-unreadable", path.suffix)
    os.replace(path, target)
    with contextlib.suppress(OSError):
        fsync_folder(folder)
    return SetAside(what, target, reason)


def _short(error: BaseException) -> str:
    text = f"{type(error).__name__}: {error}"
    return text if len(text) <= 120 else text[:117] + "…"
