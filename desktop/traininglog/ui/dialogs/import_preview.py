"""What the import dialog shows before anything is written, and the two jobs it runs.

No Qt here: `read_preview` and `run_import` run on the worker's thread (`ui/common/worker.py`), each
with the database connection that thread opens.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ...datafolder.logbook import Logbook
from ...domain.reports import ImportReport, Rejection
from ...exercises.name_map import read_name_map, remember_names
from ...importers.batch import ImportBatch
from ...importers.detect import files_to_read, read_import
from ...importers.text_files import EMPTY_WEIGHT_UNIT, NO_WEIGHT_UNIT

if TYPE_CHECKING:
    from ..common.worker import Job

FORMAT_NAMES = {
    "json": "Session file (JSON)",
    "strong": "Strong CSV",
    "hevy": "Hevy CSV",
    "fitnotes": "FitNotes CSV",
    "markdown": "Markdown notes",
}
_FILE_AND_LINE = re.compile(r"(.+?):(\d+): ")
_NO_UNIT = (NO_WEIGHT_UNIT, EMPTY_WEIGHT_UNIT)
SUMMARIES_IN_TOOLTIP = 20


@dataclass
class FileGroup:
    """One row of the files table: a chosen file, or a chosen folder and the files in it."""

    path: Path
    is_folder: bool = False
    files: list[Path] = field(default_factory=list)
    formats: Counter[str] = field(default_factory=Counter)
    sessions: int = 0
    problems: int = 0
    needs_unit: bool = False
    summaries: list[str] = field(default_factory=list)  # one line per file read

    @property
    def tooltip(self) -> str:
        """The path, then how each file was read (the first 20 of a folder's)."""
        more = len(self.summaries) - SUMMARIES_IN_TOOLTIP
        lines = [str(self.path), *self.summaries[:SUMMARIES_IN_TOOLTIP]]
        if more > 0:
            lines.append(f"… and {more:,} more files")
        return "\n".join(lines)

    def format_text(self) -> str:
        if not self.formats:
            return "kg or lb?" if self.needs_unit else "not read"
        if not self.is_folder:
            return FORMAT_NAMES.get(next(iter(self.formats)), "?")
        return ", ".join(f"{FORMAT_NAMES.get(f, f)} × {n:,}" for f, n in self.formats.most_common())


@dataclass
class Preview:
    """What reading the chosen files found, and how it compares with the stored sessions."""

    paths: tuple[Path, ...]
    weight_unit: str | None
    name_map: dict[str, str]
    batch: ImportBatch
    check: ImportReport  # a dry run of the import
    groups: list[FileGroup]

    @property
    def new_sessions(self) -> int:
        return len(self.check.imported)

    @property
    def needs_unit(self) -> bool:
        return any(group.needs_unit for group in self.groups)

    def name_uses(self) -> dict[str, int]:
        """Each name not in the catalogue → how many sets it has, the most first."""
        return dict(self.batch.unmapped_by_sets())

    def problem_lines(self) -> list[str]:
        """Every error, with file and line, as the lifter reads it (file names shortened)."""
        return problem_lines(self.paths, self.batch, self.check)

    @property
    def left_out(self) -> list[str]:
        """Sessions not imported because one of their rows or lines was refused."""
        return self.batch.rejected_sessions


def problem_lines(paths: Sequence[Path], batch: ImportBatch, report: ImportReport) -> list[str]:
    """What reading `paths` refused and what the import (or its dry run) refused or kept as
    stored, one line each with file and line; paths relative to the chosen files' folder."""
    rejected = [*batch.rejected, *report.rejected]
    lines = [line for rejection in rejected for line in rejection.lines()]
    lines += [f"{label}: left out, a row of it has an error" for label in batch.rejected_sessions]
    lines += report.conflicts
    base = common_folder(paths)
    if base is not None:
        prefix = str(base).rstrip(os.sep) + os.sep
        lines = [line.replace(prefix, "") for line in lines]
    return _by_file_and_line(lines)


def file_warnings(batch: ImportBatch) -> list[str]:
    """A warning per file with more than 5% of its rows skipped, the file by its name."""
    found = (s.warning(Path(s.label).name) for s in batch.summaries.values())
    return [warning for warning in found if warning is not None]


def _by_file_and_line(lines: list[str]) -> list[str]:
    """Each file's lines together (files in the order met), in line order within a file."""
    files: dict[str, int] = {}

    def key(line: str) -> tuple[int, int]:
        found = _FILE_AND_LINE.match(line)
        name, number = (found[1], int(found[2])) if found else (line.partition(": ")[0], 0)
        return files.setdefault(name, len(files)), number

    return sorted(lines, key=key)


def source_file(source: str) -> str:
    """`FILE` of a `FILE:LINE` source (or of a plain `FILE`)."""
    head, _, tail = source.rpartition(":")
    return head if head and tail.isdigit() else source


def needs_weight_unit(rejection: Rejection) -> bool:
    return any(p.message in _NO_UNIT for p in rejection.problems)


def read_preview(
    logbook: Logbook,
    paths: Sequence[Path],
    weight_unit: str | None,
    job: Job,
) -> Preview:
    """Read the files (with the names the lifter mapped before) and dry-run the import."""
    name_map = read_name_map(logbook.folders.root)
    batch = read_import(paths, weight_unit=weight_unit, name_map=name_map)
    job.check()
    check = logbook.import_sessions(
        batch.sessions, dry_run=True, progress=job.report, cancelled=job.cancelled
    )
    job.check()
    return Preview(tuple(paths), weight_unit, name_map, batch, check, _groups(paths, batch, check))


def run_import(
    logbook: Logbook,
    preview: Preview,
    choices: Mapping[str, str],
    job: Job,
    replace: bool = False,
) -> tuple[ImportReport, ImportBatch]:
    """Remember the lifter's name choices, then import (reading again if they changed names).

    Returns the save service's report and the batch imported (whose rejections the summary
    repeats).
    """
    batch = preview.batch
    if choices:
        name_map = remember_names(logbook.folders.root, choices)
        if name_map != preview.name_map:
            batch = read_import(preview.paths, weight_unit=preview.weight_unit, name_map=name_map)
    job.check()
    report = logbook.import_sessions(
        batch.sessions, progress=job.report, cancelled=job.cancelled, replace=replace
    )
    return report, batch


def _groups(paths: Sequence[Path], batch: ImportBatch, check: ImportReport) -> list[FileGroup]:
    groups = [FileGroup(Path(p), Path(p).is_dir()) for p in paths]
    owner: dict[str, FileGroup] = {}
    for group in groups:
        found, _ = files_to_read([group.path], "auto")
        group.files = found
        for path in found:
            owner.setdefault(str(path), group)
        owner.setdefault(str(group.path), group)
    for name, fmt in batch.formats.items():
        if name in owner:
            owner[name].formats[fmt] += 1
    for name, summary in batch.summaries.items():
        if name in owner:
            owner[name].summaries.append(summary.text(Path(name).name))
    for source, _ in batch.sessions:
        if (group := owner.get(source_file(source))) is not None:
            group.sessions += 1
    rejected = [*batch.rejected, *check.rejected]
    for rejection in rejected:
        if (group := owner.get(source_file(rejection.source))) is not None:
            group.problems += len(rejection.problems)
            group.needs_unit = group.needs_unit or needs_weight_unit(rejection)
    for label in batch.rejected_sessions:  # `FILE:LINE: "Workout" of DATE`
        if (group := owner.get(source_file(label.partition(": ")[0]))) is not None:
            group.problems += 1
    return groups


def common_folder(paths: Sequence[Path]) -> Path | None:
    """The folder all of `paths` are in (a folder counts as its own); None across drives."""
    folders = [str(p if p.is_dir() else p.parent) for p in paths]
    if not folders:
        return None
    try:
        return Path(os.path.commonpath(folders))
    except ValueError:  # different drives
        return None
