"""CSV exports as records with their physical line numbers and columns found by meaning."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import TypeVar

from ..domain import Problem
from ..domain.names import name_key
from .set_values import BadValue
from .text_files import TextFile, refuse

T = TypeVar("T")


def header_line(text: str) -> str:
    """The first line that is not blank: the header of a CSV export.

    Any line break ends it, a lone carriage return included (csv refuses one mid-field).
    """
    for line in re.split(r"\r\n|\r|\n", text[:65536]):
        if line.strip():
            return line
    return ""


def delimiter_of(header: str) -> str:
    """`;` for Strong's newer export, a tab for tab-separated files, `,` otherwise."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def header_keys(header: str) -> list[str]:
    """The header's column names as `name_key`s ("Weight (kg)" → "weightkg")."""
    try:
        cells = next(csv.reader([header], delimiter=delimiter_of(header)), [])
    except csv.Error:  # not a CSV header at all: no columns to recognise
        return []
    return [name_key(cell) for cell in cells]


@dataclass(frozen=True)
class Record:
    """One CSV record: the line it starts on and its cells."""

    line: int
    cells: list[str]


class TableError(Exception):
    """The CSV cannot be read past `line`; `message` says why."""

    def __init__(self, line: int, message: str):
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


class Columns:
    """Which cell holds which field, found through a table of header names per field."""

    def __init__(self, source: TextFile, header: Record, known: Mapping[str, str]):
        self.source = source
        self.line = header.line
        self.width = len(header.cells)
        self.index: dict[str, int] = {}
        self.title: dict[str, str] = {}
        self.key: dict[str, str] = {}
        for i, cell in enumerate(header.cells):
            field = known.get(name_key(cell))
            if field and field not in self.index:
                self.index[field] = i
                self.title[field] = cell.strip()
                self.key[field] = name_key(cell)

    def require(self, fields: Mapping[str, str], what: str) -> None:
        """Refuse the file when a needed field has no column (`fields`: field → column name)."""
        missing = [title for field, title in fields.items() if field not in self.index]
        if missing:
            raise refuse(
                self.source.at(self.line),
                f"is not {what}: no {', '.join(repr(m) for m in missing)} column",
                "header",
            )

    def has(self, field: str) -> bool:
        return field in self.index


def records(source: TextFile) -> Iterator[Record]:
    """Every non-blank record after the header, with the line it starts on."""
    header = header_line(source.text)
    reader = csv.reader(
        io.StringIO(source.text, newline=""), delimiter=delimiter_of(header), strict=True
    )
    line = 1
    try:
        for cells in reader:
            start, line = line, reader.line_num + 1
            if cells and any(c.strip() for c in cells):
                yield Record(start, cells)
    except csv.Error as error:
        raise TableError(line, f"cannot be read as CSV ({error})") from None


def split_header(source: TextFile) -> tuple[Record, Iterator[Record]]:
    """The header record and the records after it."""
    rows = records(source)
    try:
        first = next(rows)
    except StopIteration:
        raise refuse(source.label, "is empty") from None
    except TableError as error:
        raise refuse(source.at(error.line), error.message) from None
    return first, rows


class Row:
    """One record read through `Columns`, collecting a Problem per bad cell."""

    def __init__(self, columns: Columns, record: Record):
        self.columns = columns
        self.cells = record.cells
        self.line = record.line
        self.problems: list[Problem] = []
        width = columns.width
        if len(self.cells) < width:
            self.problems.append(
                Problem(
                    "",
                    f"has {len(self.cells)} of the {width} columns; the row looks cut short",
                )
            )
        elif any(c.strip() for c in self.cells[width:]):
            self.problems.append(
                Problem("", f"has {len(self.cells)} columns but the header has {width}")
            )

    def text(self, field: str) -> str:
        """The field's cell, stripped; '' when the file has no such column."""
        i = self.columns.index.get(field)
        cells = self.cells
        return cells[i].strip() if i is not None and i < len(cells) else ""

    def value(self, field: str, parse: Callable[[str], T], default: T) -> T:
        """`parse` of the field's cell; on BadValue, the problem is noted and `default` used."""
        try:
            return parse(self.text(field))
        except BadValue as error:
            self.problem(field, str(error))
            return default

    def problem(self, field: str, message: str) -> None:
        self.problems.append(Problem(self.columns.title.get(field, field), message))
