"""Export the body-weight log as a CSV table: a row per day weighed, oldest first."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from ..files.atomic import write_atomically

BODY_WEIGHT_HEADER = ("date", "body_weight_kg")


def export_body_weight_csv(weigh_ins: Iterable[tuple[str, float]], path: Path) -> int:
    """Write (day, kg) rows atomically; returns how many."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(BODY_WEIGHT_HEADER)
    count = 0
    for day, kg in weigh_ins:
        writer.writerow((day, int(kg) if float(kg).is_integer() else kg))
        count += 1
    write_atomically(path, buffer.getvalue().encode("utf-8"))
    return count
