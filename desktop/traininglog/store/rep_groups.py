"""Each exercise's working sets added up per session and rep count, kept beside the sets.

The Exercise tab and the progress chart read an exercise's whole history as these sums. Made
from the sets on every opening, they cost a B-tree search into the sets for each time the
exercise was done: 40 ms at 5,000 sessions, 400 ms at 50,000. Kept in `rep_group`, ordered by
exercise name and date, they are one range of one table.

The rows are derived from the sets in the same transaction as every change to them, and
each change goes on to the groups' sums per year (`exercise_years.py`):

- sessions written (a save, an import): `add` for their ids, before their body-weight loads
  are worked out; a rebuild fills the new index's at once, once every row and load is in
  (`fill`);
- a session's body-weight loads rewritten (`body_weight_loads`): `redo` for that session;
- a session deleted: its exercises go, and a trigger deletes their rep groups by their key.

What a group holds does not depend on the estimated-1RM formula: its estimate is worked out
from its heaviest load when read, which for a formula that reads only the load and the reps
is the best of its sets' estimates (an estimate grows with the load). A formula that reads
RPE needs each set's RPE, and reads the sets (`history_queries`).
"""

from __future__ import annotations

from collections.abc import Sequence

from . import exercise_years

# What a group adds up of its working sets `t`: its heaviest load, then its volume and how
# many of them are body-weight sets, and of those how many have no load for want of a
# weigh-in. The query that reads an exercise from its sets (`history_queries`, for a formula
# that reads RPE) adds up the same.
HEAVIEST = "max(CASE WHEN t.load_kg > 0 THEN t.load_kg END)"
VOLUME_AND_BODY_WEIGHT = (
    "coalesce(sum(t.load_kg * t.reps_full), 0.0), count(t.body_weight), "
    "count(CASE WHEN t.body_weight IS NOT NULL AND t.load_kg IS NULL THEN 1 END)"
)

# The sums of a session's exercises, by (exercise row, reps): the same groups, and the same
# additions in the same order, as the query over the sets they replace.
_SUMS = (
    "INSERT INTO rep_group (name_key, started, session_id, position, reps_full, sets, "
    "heaviest_kg, volume_kg, body_weight_sets, unknown_loads) "
    "SELECT e.name_key, e.started, e.session_id, e.position, t.reps_full, count(*), "
    f"{HEAVIEST}, {VOLUME_AND_BODY_WEIGHT} "
    'FROM exercise e JOIN "set" t ON t.session_id = e.session_id '
    "AND t.exercise_position = e.position AND t.kind = 'working' "
    "{where}GROUP BY e.rowid, t.reps_full"
)
_CHUNK = 500  # ids per statement, well under SQLite's limit on parameters


def add(cursor, session_ids: Sequence[str]) -> None:
    """The rep groups of sessions just inserted (none of theirs is there yet)."""
    for start in range(0, len(session_ids), _CHUNK):
        chunk = session_ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        cursor.execute(_SUMS.format(where=f"WHERE e.session_id IN ({marks}) "), tuple(chunk))
    exercise_years.add(cursor, session_ids)


def redo(cursor, session_id: str) -> None:
    """One session's rep groups again, after its sets' loads changed."""
    cursor.execute(
        "DELETE FROM rep_group WHERE (name_key, started, session_id) IN "
        "(SELECT name_key, started, session_id FROM exercise WHERE session_id = ?)",
        (session_id,),
    )
    cursor.execute(_SUMS.format(where="WHERE e.session_id = ? "), (session_id,))
    exercise_years.redo(cursor, session_id)


def fill(cursor) -> None:
    """Every session's rep groups, into an empty table (a rebuild, once every row and every
    body-weight load is in; their years after them: `exercise_years.fill`)."""
    cursor.execute(_SUMS.format(where=""))
