"""The one door for imports: which format each file is in, and reading it into an ImportBatch.

Formats: `json` (session files), `csv` (Training Log's own CSV export), `strong`, `hevy`,
`fitnotes` (other apps' CSV exports) and `markdown` (training notes). `auto` tells them
apart by the header line or the content. Nothing here raises for bad input: every problem
becomes a Rejection naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from ..domain import Problem
from ..domain.reports import Rejection
from ..exercises.matching import ExerciseNames
from .batch import ImportBatch
from .csv_tables import header_keys, header_line
from .fitnotes import is_fitnotes_header, read_fitnotes
from .hevy import is_hevy_header, read_hevy
from .json_files import read_session_files
from .markdown import looks_like_markdown, read_markdown
from .own_csv import is_own_csv_header, read_own_csv
from .strong import is_strong_header, read_strong
from .text_files import TextFile, Unreadable, decode_text, read_bytes, refuse

FORMATS = ("auto", "json", "csv", "strong", "hevy", "fitnotes", "markdown")
CSV_FORMATS = ("csv", "strong", "hevy", "fitnotes")
# What a folder is searched for, by format.
EXTENSIONS = {
    "auto": (".json", ".csv", ".md", ".markdown"),
    "json": (".json",),
    "csv": (".csv",),
    "strong": (".csv",),
    "hevy": (".csv",),
    "fitnotes": (".csv",),
    "markdown": (".md", ".markdown", ".txt"),
}


def detect_format(name: str, text: str) -> str | None:
    """The format of a file's text, or None when it is none Training Log reads."""
    if text.lstrip()[:1] in ("{", "["):
        return "json"
    keys = header_keys(header_line(text))
    if is_own_csv_header(keys):
        return "csv"
    if is_hevy_header(keys):
        return "hevy"
    if is_strong_header(keys):
        return "strong"
    if is_fitnotes_header(keys):
        return "fitnotes"
    if name.lower().endswith((".md", ".markdown", ".txt")) or looks_like_markdown(text):
        return "markdown"
    return None


def files_to_read(paths: Iterable[Path | str], format: str) -> tuple[list[Path], list[Rejection]]:
    """The files named, and those inside the folders named (recursively, by extension)."""
    found: list[Path] = []
    missing: list[Rejection] = []
    for path in map(Path, paths):
        if path.is_dir():
            wanted = EXTENSIONS[format]
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in wanted and not p.name.startswith(".")
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            missing.append(Rejection(str(path), (Problem("", "no such file or folder"),)))
    return found, missing


def read_import(
    paths: Iterable[Path | str],
    format: str = "auto",
    weight_unit: str | None = None,
    name_map: Mapping[str, str] | None = None,
) -> ImportBatch:
    """Every session in `paths` (files or folders) ready to import, and what was refused.

    `weight_unit` ("kg" or "lb") is the unit of a weight column that does not say its own
    (Strong's `Weight`, FitNotes' `Weight` without a unit column) and of markdown weights
    written without one (kg when None). `name_map` maps exercise names as written to the
    names to store, ahead of the catalogue.
    """
    if format not in FORMATS:
        raise ValueError(f"unknown import format {format!r}; one of {', '.join(FORMATS)}")
    if weight_unit not in (None, "kg", "lb"):
        raise ValueError(f"weight unit {weight_unit!r} is neither 'kg' nor 'lb'")
    files, missing = files_to_read(paths, format)
    batch = ImportBatch(rejected=missing)
    names = ExerciseNames(name_map)
    for path in files:
        try:
            batch.add(read_file(path, format, weight_unit, names))
        except Unreadable as refused:
            batch.rejected.append(refused.rejection)
    return batch


def read_file(
    path: Path, format: str, weight_unit: str | None, names: ExerciseNames
) -> ImportBatch:
    """One file's sessions; raises Unreadable when the file as a whole cannot be read."""
    if format == "json" or (format == "auto" and path.suffix.lower() == ".json"):
        return _session_file(path)
    data = read_bytes(path)
    label = str(path)
    text = decode_text(label, data)
    found = detect_format(path.name, text) if format == "auto" else format
    if found is None:
        first = header_line(text).strip()
        raise refuse(
            label,
            "is not a format Training Log imports (a session file, a Strong, Hevy or FitNotes "
            f"CSV export, or markdown notes); its first line is {first[:80]!r}",
        )
    if found == "json":
        return _session_file(path)
    source = TextFile(label, path.name, text)
    if found == "csv":
        batch = read_own_csv(source)
    elif found == "strong":
        batch = read_strong(source, weight_unit, names)
    elif found == "hevy":
        batch = read_hevy(source, names)
    elif found == "fitnotes":
        batch = read_fitnotes(source, weight_unit, names)
    else:
        batch = read_markdown(source, weight_unit, names)
    return batch.summarised(label, found)


def _session_file(path: Path) -> ImportBatch:
    sessions, rejected = read_session_files([path])
    return ImportBatch(sessions=sessions, rejected=rejected, formats={str(path): "json"})
