"""Import and export of session files for the window's File menu (the CLI shares the parts)."""

from __future__ import annotations

from pathlib import Path

from .exporters.csv_table import export_csv
from .exporters.json_files import export_session_files
from .importers.json_files import read_session_files
from .logbook import Logbook
from .reports import ImportReport
from .store import queries


def import_session_files(logbook: Logbook, paths: list[Path]) -> ImportReport:
    sessions, rejected = read_session_files(paths)
    report = logbook.import_sessions(sessions)
    report.rejected[:0] = rejected
    return report


def export_everything(fmt: str, target: Path) -> int:
    sessions = queries.load_sessions()
    if fmt == "json":
        return export_session_files(sessions, target)
    return export_csv(sessions, target)
