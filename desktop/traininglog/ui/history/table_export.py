"""Writing what a table shows to a CSV file, written atomically like every other file."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from ...files.atomic import write_atomically


def write_csv(path: Path, header: list[str], rows: Iterable[list[object]]) -> int:
    """Write a header and rows as UTF-8 CSV; returns the number of rows."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    write_atomically(path, buffer.getvalue().encode("utf-8"))
    return count
