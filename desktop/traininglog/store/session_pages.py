"""Finding a session to start from: the latest, or the latest with a focus."""

from __future__ import annotations

from peewee import SQL

from .models import SessionRow


def latest_session_id(focus: str | None = None) -> str | None:
    """The most recent session's id, optionally the most recent with this focus."""
    # Two sessions started at the same minute: the one stored last (the index's own order).
    query = (
        SessionRow.select(SessionRow.id)
        .order_by(SessionRow.started.desc(), SQL("rowid DESC"))
        .limit(1)
    )
    if focus is not None:
        query = query.where(SessionRow.focus == focus)
    return query.scalar()
