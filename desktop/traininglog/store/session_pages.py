"""The sessions table's query: one page of summaries in any column's order."""

from __future__ import annotations

from .models import SessionRow
from .queries import _SUMMARY_FIELDS, SessionSummary

SORTABLE = {
    "date": SessionRow.started,
    "focus": SessionRow.focus,
    "phase": SessionRow.phase,
    "week": SessionRow.week,
    "deload": SessionRow.is_deload_week,
    "exercises": SessionRow.exercise_count,
    "working_sets": SessionRow.working_set_count,
    "volume": SessionRow.volume_kg,
}


def count_sessions() -> int:
    return SessionRow.select().count()


def summary_page(
    offset: int, limit: int, order: str = "date", descending: bool = True
) -> list[SessionSummary]:
    """Rows `offset`…`offset+limit` of the sessions in the given order (ties by date, id)."""
    column = SORTABLE[order]
    key = column.desc() if descending else column.asc()
    tie = SessionRow.started.desc() if descending else SessionRow.started.asc()
    query = (
        SessionRow.select(*_SUMMARY_FIELDS)
        .order_by(key, tie, SessionRow.id)
        .offset(offset)
        .limit(limit)
        .tuples()
    )
    return [SessionSummary(*row[:6], bool(row[6]), *row[7:]) for row in query]


def latest_session_id(focus: str | None = None) -> str | None:
    """The most recent session's id, optionally the most recent with this focus."""
    query = SessionRow.select(SessionRow.id).order_by(SessionRow.started.desc()).limit(1)
    if focus is not None:
        query = query.where(SessionRow.focus == focus)
    return query.scalar()
