"""Each exercise's rep groups added up again per calendar year, kept beside them.

The Exercise tab shows an exercise's records and totals. Worked out from its rep groups
(`rep_groups.py`), they cost a pass over its whole history: 18,000 groups and 60-140 ms for
the most-used exercise at 50,000 sessions. Kept per year, they are a few rows a year
(`exercise_figures.py` reads them):

- `exercise_year`: the year's sessions, working sets, volume, body-weight sets and those of
  them with no weigh-in to count, and the most volume the exercise had in one session;
- `exercise_year_heaviest`: the heaviest load of each rep count that year.

A record's holder is the first session to reach it, so the reader takes the first year that
reached it and searches that year's rep groups alone for the session.

The rows follow the rep groups in the same transaction:

- sessions added (a save, an import): `add` adds their groups to their years' rows (new
  sessions only ever add to sums and raise maxima);
- a session's body-weight loads rewritten: `redo` works its years out again;
- an exercise row deleted (a session deleted or saved over): the trigger that deletes its
  rep groups works its year out again (schema 9, `migrations.py`);
- a rebuild: `fill`, once every rep group is in.
"""

from __future__ import annotations

from collections.abc import Sequence

# One exercise row's rep groups summed (its "entry": the exercise as done in one session),
# read in key order, which is rep-count order: the order `exercise_figures` sums them in
# when it looks for the session that holds the volume record.
_ENTRIES = (
    "SELECT name_key, started, session_id, sum(sets) AS sets, sum(volume_kg) AS volume_kg, "
    "sum(body_weight_sets) AS body_weight_sets, sum(unknown_loads) AS unknown_loads "
    "FROM rep_group {where} GROUP BY name_key, started, session_id, position"
)


def _years(entries: str) -> str:
    """The statement that adds up `entries` per exercise and year into `exercise_year`."""
    return (
        "INSERT INTO exercise_year (name_key, year, sessions, sets, volume_kg, "
        "body_weight_sets, unknown_loads, best_volume_kg) "
        "SELECT name_key, substr(started, 1, 4), count(DISTINCT session_id), sum(sets), "
        "sum(volume_kg), sum(body_weight_sets), sum(unknown_loads), "
        "max(CASE WHEN volume_kg > 0 THEN volume_kg END) "
        f"FROM ({entries}) WHERE true GROUP BY name_key, substr(started, 1, 4)"
    )


_HEAVIEST = (
    "INSERT INTO exercise_year_heaviest (name_key, year, reps_full, heaviest_kg) "
    "SELECT name_key, substr(started, 1, 4), reps_full, max(heaviest_kg) FROM rep_group "
    "{where} GROUP BY name_key, substr(started, 1, 4), reps_full"
)

# The rep groups of sessions just added: each exercise row's, found by their key (they have
# no index by session: `rep_groups.py`).
_NEW_GROUPS = (
    "FROM exercise e JOIN rep_group g ON g.name_key = e.name_key AND g.started = e.started "
    "AND g.session_id = e.session_id AND g.position = e.position "
    "WHERE e.session_id IN ({marks})"
)
# Their entries, summed in key order as `_ENTRIES` sums them, so that a year's best volume
# is the very sum the reader finds again.
_NEW_ENTRIES = (
    "SELECT e.name_key, e.started, e.session_id, sum(g.sets) AS sets, "
    "sum(g.volume_kg) AS volume_kg, sum(g.body_weight_sets) AS body_weight_sets, "
    f"sum(g.unknown_loads) AS unknown_loads {_NEW_GROUPS} GROUP BY e.session_id, e.position"
)
_YEARS = _years(_ENTRIES)

# Sessions just added: their groups added to what their years hold. They are new, so they
# count as new sessions and their entries can only raise the year's maxima.
_ADD_YEARS = (
    _years(_NEW_ENTRIES) + " ON CONFLICT (name_key, year) DO UPDATE SET "
    "sessions = sessions + excluded.sessions, sets = sets + excluded.sets, "
    "volume_kg = volume_kg + excluded.volume_kg, "
    "body_weight_sets = body_weight_sets + excluded.body_weight_sets, "
    "unknown_loads = unknown_loads + excluded.unknown_loads, "
    "best_volume_kg = max(coalesce(best_volume_kg, excluded.best_volume_kg), "
    "coalesce(excluded.best_volume_kg, best_volume_kg))"
)
_ADD_HEAVIEST = (
    "INSERT INTO exercise_year_heaviest (name_key, year, reps_full, heaviest_kg) "
    "SELECT e.name_key, substr(e.started, 1, 4), g.reps_full, max(g.heaviest_kg) "
    f"{_NEW_GROUPS} AND g.heaviest_kg IS NOT NULL "
    "GROUP BY e.name_key, substr(e.started, 1, 4), g.reps_full "
    "ON CONFLICT (name_key, year, reps_full) DO UPDATE SET "
    "heaviest_kg = max(heaviest_kg, excluded.heaviest_kg)"
)
_IN_YEAR = "WHERE name_key = ? AND started >= ? AND started < ? || '.'"
_CHUNK = 500  # ids per statement, well under SQLite's limit on parameters


def add(cursor, session_ids: Sequence[str]) -> None:
    """Add the rep groups of sessions just inserted (theirs are in, and counted nowhere yet)."""
    for start in range(0, len(session_ids), _CHUNK):
        chunk = tuple(session_ids[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        cursor.execute(_ADD_YEARS.format(marks=marks), chunk)
        cursor.execute(_ADD_HEAVIEST.format(marks=marks), chunk)


def redo(cursor, session_id: str) -> None:
    """Work out again the years of one session's exercises, after its rep groups changed."""
    years = cursor.execute(
        "SELECT DISTINCT name_key, substr(started, 1, 4) FROM exercise WHERE session_id = ?",
        (session_id,),
    ).fetchall()
    for name_key, year in years:
        for table in ("exercise_year", "exercise_year_heaviest"):
            cursor.execute(f"DELETE FROM {table} WHERE name_key = ? AND year = ?", (name_key, year))
        cursor.execute(_YEARS.format(where=_IN_YEAR), (name_key, year, year))
        cursor.execute(
            _HEAVIEST.format(where=f"{_IN_YEAR} AND heaviest_kg IS NOT NULL"),
            (name_key, year, year),
        )


def fill(cursor) -> None:
    """Every exercise's years, into empty tables, from every rep group (a rebuild, once all
    are in)."""
    cursor.execute(_YEARS.format(where=""))
    cursor.execute(_HEAVIEST.format(where="WHERE heaviest_kg IS NOT NULL"))
