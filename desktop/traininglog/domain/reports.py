"""What the save service tells its callers: paths written, rejections, scan and import results."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from . import Problem


@dataclass(frozen=True)
class SavedPaths:
    """Where a save landed: the index and the session's file."""

    database: Path
    session_file: Path
    sha256: str = ""  # of the file as written: what an edit of it is based on


@dataclass(frozen=True)
class Rejection:
    """Input that was refused: which source (file, maybe line) and every problem found."""

    source: str
    problems: tuple[Problem, ...]

    def lines(self) -> list[str]:
        """`FILE: JSON-PATH: reason`, one line per problem."""
        return [f"{self.source}: {problem}" for problem in self.problems]


@dataclass
class ImportReport:
    """The outcome of one import: what was added, what was already there, what was refused."""

    imported: list[tuple[str, Path]] = field(default_factory=list)
    already_stored: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    cancelled: bool = False
    # With `replace`: (source, session file) of each session saved over its stored version,
    # the stored versions' copies in trash/, and the folder holding them.
    replaced: list[tuple[str, Path]] = field(default_factory=list)
    trashed: list[Path] = field(default_factory=list)
    trash_folder: Path | None = None

    def nothing_added(self) -> str | None:
        """Why an import that found only sessions imported before added nothing; else None."""
        if self.imported or self.replaced or self.rejected or self.cancelled:
            return None
        total = len(self.already_stored) + len(self.conflicts)
        if not total:
            return None
        sessions = "the session was" if total == 1 else f"all {total:,} sessions were"
        if not self.conflicts:
            return f"nothing added: {sessions} imported before, unchanged"
        return (
            f"nothing added: {sessions} imported before, and {len(self.conflicts):,} read "
            "differently now; use --replace to replace them with this reading (for example "
            "after choosing another --weight-unit); the versions replaced go to trash/"
        )


@dataclass(frozen=True)
class TrashedSession:
    """A session the index held that its file no longer holds, kept in trash/."""

    file_name: str  # where it was
    trash_path: Path  # where it is now; restoring it brings it back
    date: datetime
    focus: str | None
    why: str  # "training_session_….json is gone from the folder"

    @property
    def reason(self) -> str:
        """`why` without the file's name: "is gone from the folder"."""
        return self.why.removeprefix(self.file_name).strip()

    @property
    def label(self) -> str:
        what = f"{self.date:%a} {self.date.day} {self.date:%b} {self.date.year}"
        return f"{what} ({self.focus})" if self.focus else what

    def line(self) -> str:
        return (
            f"{self.why}: its session of {self.label} is kept in {self.trash_path}; "
            f"`traininglog import {self.trash_path}` brings it back"
        )


@dataclass
class SyncReport:
    """What the startup scan found and did to bring the index in line with the files."""

    imported: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    trashed: list[TrashedSession] = field(default_factory=list)
    superseded: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (left alone, kept)
    not_files: list[tuple[str, str]] = field(default_factory=list)  # (name, "a folder"…)
    quarantined: list[Rejection] = field(default_factory=list)
    # A sync tool's conflict copies (copy, the file it conflicts with): never read.
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    # Files a newer Training Log wrote: left exactly as they are, and not in the index.
    newer: list[str] = field(default_factory=list)
    # Of those, the ones the index held: their rows go, so no older copy is written back.
    newer_dropped: list[str] = field(default_factory=list)
    temp_files_removed: int = 0
    # The index holds this many sessions and the sessions folder none of them: left alone.
    folder_holds_none: int = 0
    sessions_folder: str = ""

    @property
    def changed_anything(self) -> bool:
        return bool(
            self.imported
            or self.updated
            or self.dropped
            or self.trashed
            or self.superseded
            or self.quarantined
            or self.newer_dropped
        )

    def warnings(self) -> list[str]:
        """Lines worth telling the lifter about."""
        lines = [t.line() for t in self.trashed]
        if self.folder_holds_none:
            lines.append(
                f"the sessions folder {self.sessions_folder} holds none of the "
                f"{self.folder_holds_none:,} sessions in the index: is it the right folder, "
                "and is it mounted or synced? Nothing was changed"
            )
        lines += [f"{name}: an older copy of a session; moved to trash" for name in self.superseded]
        lines += [
            f"{name}: holds the same session as {kept}; left as it is and not read "
            "(delete the copy you don't want)"
            for name, kept in self.duplicates
        ]
        lines += [f"{name} is not a file ({kind}); left as it is" for name, kind in self.not_files]
        lines += [conflict_line(copy, original) for copy, original in self.conflicts]
        lines += [newer_line(name) for name in self.newer]
        for rejection in self.quarantined:
            lines += [
                f"{line} (left in place; a copy is in quarantine/)" for line in rejection.lines()
            ]
        return lines


def conflict_line(copy: str, original: str) -> str:
    return (
        f"{copy}: a sync tool's conflict copy of {original}; not read. Choose the version "
        f"to keep (`traininglog resolve {copy} --keep original|copy|both`)"
    )


def newer_line(name: str) -> str:
    return f"{name}: written by a newer Training Log; update to read it. Left as it is"


@dataclass
class CheckReport:
    """How the index and the files compare; `agrees` is what `traininglog check` exits on."""

    sessions_in_database: int = 0
    session_files: int = 0
    files_not_in_database: list[str] = field(default_factory=list)
    rows_without_file: list[str] = field(default_factory=list)
    content_differs: list[str] = field(default_factory=list)
    invalid_files: list[Rejection] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)
    leftover_temp_files: list[str] = field(default_factory=list)
    quarantined_files: list[str] = field(default_factory=list)
    not_files: list[tuple[str, str]] = field(default_factory=list)  # (name, "a folder"…)
    # Files that can't be read, already copied to quarantine/ and told: left for the lifter.
    known_unreadable: list[str] = field(default_factory=list)
    # Folders of the log that other users of the computer can read: a warning, not a
    # disagreement. Each with its mode.
    open_to_others: list[tuple[str, int]] = field(default_factory=list)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # (copy, original)
    newer: list[str] = field(default_factory=list)

    @property
    def agrees(self) -> bool:
        return not (
            self.files_not_in_database
            or self.rows_without_file
            or self.content_differs
            or self.invalid_files
            or self.duplicate_ids
            or self.conflicts
        )

    def lines(self) -> list[str]:
        out = [
            f"{self.sessions_in_database} sessions in the database, "
            f"{self.session_files} session files"
        ]
        out += [f"{n}: file is not in the database" for n in self.files_not_in_database]
        out += [f"{n}: database row has no file" for n in self.rows_without_file]
        out += [f"{n}: file and database differ" for n in self.content_differs]
        out += [f"{n}: another file holds the same session" for n in self.duplicate_ids]
        for rejection in self.invalid_files:
            out += rejection.lines()
        out += [
            f"{n}: can't be read; left in place, with a copy and the reason in quarantine/"
            for n in self.known_unreadable
        ]
        out += [f"{n} is not a file ({kind}); left as it is" for n, kind in self.not_files]
        out += [conflict_line(copy, original) for copy, original in self.conflicts]
        out += [newer_line(n) for n in self.newer]
        out += [f"{n}: left over from an interrupted save" for n in self.leftover_temp_files]
        if self.quarantined_files:
            out.append(f"{len(self.quarantined_files)} file(s) in quarantine")
        out += [
            f"warning: {folder} can be read by other users of this computer (mode {mode:o}); "
            f"`chmod 700 {folder}` makes it yours alone"
            for folder, mode in self.open_to_others
        ]
        out.append("database and files agree" if self.agrees else "database and files DISAGREE")
        return out
