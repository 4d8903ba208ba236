"""The rep groups kept beside the sets (`store/rep_groups.py`), and their sums per year
(`store/exercise_years.py`), stay equal to the sums of the sets, whichever way sessions come
in or go (import, save, save over, delete, restore, rebuild) and when a weigh-in moves
body-weight sets' loads; an exercise read from them is what reading its sets gives, bit for
bit, by every formula and rep cap."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta

import pytest

from traininglog.datafolder import reconcile
from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.domain.calculations import E1rmRule, OneRepMaxFormula
from traininglog.domain.progress import exercise_progress
from traininglog.store import history_queries as hq
from traininglog.store import queries
from traininglog.store.exercise_figures import exercise_figures

from bench.history import generate_history

PULL_UP = "Pull-up"

# The sums of the sets, written out here as the test's own reference.
FROM_SETS = (
    "SELECT e.name_key, e.started, e.session_id, e.position, t.reps_full, count(*), "
    "max(CASE WHEN t.load_kg > 0 THEN t.load_kg END), "
    "coalesce(sum(t.load_kg * t.reps_full), 0.0), count(t.body_weight), "
    "count(CASE WHEN t.body_weight IS NOT NULL AND t.load_kg IS NULL THEN 1 END) "
    'FROM exercise e JOIN "set" t ON t.session_id = e.session_id '
    "AND t.exercise_position = e.position WHERE t.kind = 'working' "
    "GROUP BY e.session_id, e.position, t.reps_full ORDER BY 1, 2, 3, 4, 5"
)
KEPT = (
    "SELECT name_key, started, session_id, position, reps_full, sets, heaviest_kg, volume_kg, "
    "body_weight_sets, unknown_loads FROM rep_group ORDER BY 1, 2, 3, 4, 5"
)
RULES = (
    E1rmRule(OneRepMaxFormula.EPLEY, 12),
    E1rmRule(OneRepMaxFormula.BRZYCKI, 5),
    E1rmRule(OneRepMaxFormula.EPLEY, 1),
    E1rmRule(OneRepMaxFormula.EPLEY_RESERVE, 10),
)


def with_pull_ups(history: list[Session], weighed: bool = True) -> list[Session]:
    """Every third session also does weighted and assisted pull-ups (and zero-weight ones),
    and, if `weighed`, every fifth is weighed: body-weight loads that depend on other
    sessions."""
    out = []
    for n, session in enumerate(history):
        if n % 3 == 0:
            sets = (
                WorkingSet(1, 10 + n % 7, 5, rpe=8.0, body_weight="plus"),
                WorkingSet(2, 0, 8, body_weight="plus"),
                WorkingSet(3, 25, 8, rpe=9.5, body_weight="minus"),
                WorkingSet(4, 12.5, 5, body_weight="plus"),
            )
            order = len(session.exercises) + 1
            session = replace(
                session,
                exercises=(*session.exercises, Exercise(order, PULL_UP, ("lats",), (), sets)),
            )
        if weighed and n % 5 == 2:
            session = replace(session, body_weight_kg=70 + n % 11 + 0.25)
        out.append(session)
    return out


def kept_and_fresh(folders) -> tuple[list, list]:
    connection = sqlite3.connect(folders.database)
    try:
        return connection.execute(KEPT).fetchall(), connection.execute(FROM_SETS).fetchall()
    finally:
        connection.close()


def years_of(groups: list[tuple]) -> tuple[dict, dict]:
    """The test's own sums per exercise and year, of rep groups as `FROM_SETS` gives them:
    (sessions, sets, volume, body-weight sets, unknown loads, best session volume), and the
    heaviest load per rep count."""
    entries: dict[tuple, list[tuple]] = {}
    heaviest: dict[tuple, float] = {}
    for row in groups:
        key, started, session_id, position, reps, _sets, heavy = row[:7]
        entries.setdefault((key, started[:4], session_id, position), []).append(row)
        if heavy is not None:
            at = (key, started[:4], reps)
            heaviest[at] = max(heaviest.get(at, heavy), heavy)
    years: dict[tuple, list] = {}
    for (key, year, session_id, _), rows in entries.items():
        held = years.setdefault((key, year), [set(), 0, 0.0, 0, 0, None])
        volume = sum(row[7] for row in rows)
        held[0].add(session_id)
        held[1] += sum(row[5] for row in rows)
        held[2] += volume
        held[3] += sum(row[8] for row in rows)
        held[4] += sum(row[9] for row in rows)
        if volume > 0:
            held[5] = volume if held[5] is None else max(held[5], volume)
    return {k: (len(v[0]), *v[1:]) for k, v in years.items()}, heaviest


def assert_kept_equal_to_the_sets(folders) -> None:
    kept, fresh = kept_and_fresh(folders)
    assert kept == fresh
    assert kept  # something was compared
    connection = sqlite3.connect(folders.database)
    try:
        kept_years = {
            (row[0], row[1]): row[2:]
            for row in connection.execute("SELECT * FROM exercise_year ORDER BY 1, 2")
        }
        kept_heaviest = {
            row[:3]: row[3] for row in connection.execute("SELECT * FROM exercise_year_heaviest")
        }
    finally:
        connection.close()
    years, heaviest = years_of(fresh)
    assert kept_heaviest == heaviest
    assert kept_years.keys() == years.keys()
    for at, sums in years.items():
        assert kept_years[at] == pytest.approx(sums), at


def assert_figures_read_from_the_years_are_the_groups_summed() -> None:
    """The Exercise tab's records and totals, read from a few rows a year, are those of one
    pass over every rep group, by every formula and rep cap."""
    names = queries.exercise_names()
    assert PULL_UP in names and len(names) > 10
    for rule in RULES:
        for name in names:
            figures = exercise_figures(name, rule)
            summed = exercise_progress(name, hq.exercise_rep_groups(name, rule))
            assert (figures.records, figures.e1rm_position) == (
                summed.records,
                summed.e1rm_position,
            ), (name, rule)
            assert figures.totals == replace(
                summed.totals, volume_kg=pytest.approx(summed.totals.volume_kg)
            )
            assert figures.points == summed.points


@pytest.fixture
def history(logbook) -> list[Session]:
    sessions = with_pull_ups(generate_history(sessions=90, seed=5))
    report = logbook.import_sessions([(str(i), s) for i, s in enumerate(sessions)])
    assert len(report.imported) == len(sessions)
    return sessions


def test_an_exercise_read_from_its_rep_groups_is_its_sets_summed(history, folders):
    assert_kept_equal_to_the_sets(folders)
    names = queries.exercise_names()
    assert PULL_UP in names and len(names) > 10
    for rule in RULES:
        for name in names:
            kept = hq.exercise_rep_groups(name, rule)
            assert kept == hq.exercise_rep_groups_from_sets(name, rule), (name, rule)
            from_groups = exercise_progress(name, kept)
            from_sets = exercise_progress(name, hq.exercise_rep_groups_from_sets(name, rule))
            assert from_groups == from_sets
            assert from_groups.points == from_sets.points
    assert_figures_read_from_the_years_are_the_groups_summed()
    pull_ups = hq.exercise_rep_groups(PULL_UP, RULES[0])
    assert any(g.body_weight_sets for g in pull_ups)
    assert not any(g.unknown_loads for g in pull_ups)


def test_a_first_weigh_in_gives_every_body_weight_set_a_load(logbook, folders):
    sessions = with_pull_ups(generate_history(sessions=30, seed=6), weighed=False)
    logbook.import_sessions([(str(i), s) for i, s in enumerate(sessions)])
    assert_kept_equal_to_the_sets(folders)
    totals = exercise_progress(PULL_UP, hq.exercise_rep_groups(PULL_UP, RULES[0])).totals
    assert totals.unknown_loads == totals.body_weight_sets == 4 * 10  # 4 sets, 10 sessions
    logbook.save_over(replace(sessions[7], body_weight_kg=81.5))
    assert_kept_equal_to_the_sets(folders)
    totals = exercise_progress(PULL_UP, hq.exercise_rep_groups(PULL_UP, RULES[0])).totals
    assert (totals.unknown_loads, totals.body_weight_sets) == (0, 40)


def test_saves_weigh_ins_and_deletes_keep_them_equal(history, logbook, folders):
    first_weighed = next(s for s in history if s.body_weight_kg is not None)
    with_sets = next(s for s in history if any(e.name == PULL_UP for e in s.exercises))
    # A weigh-in earlier than any: the pull-ups before the first one get a load.
    early = replace(
        history[1],
        id="0e000000-0000-4000-8000-000000000001",
        date=min(history, key=lambda s: s.day).date - timedelta(days=3),
        body_weight_kg=66.0,
    )
    logbook.save(early)
    assert_kept_equal_to_the_sets(folders)
    assert not any(g.unknown_loads for g in hq.exercise_rep_groups(PULL_UP, RULES[0]))

    # A weigh-in changed, and a session saved over with other sets.
    logbook.save_over(replace(first_weighed, body_weight_kg=first_weighed.body_weight_kg + 9))
    fewer = replace(with_sets, exercises=with_sets.exercises[:-1])
    logbook.save_over(fewer)
    assert_kept_equal_to_the_sets(folders)

    # Deleted: its groups go; the loads its weigh-in gave go back to the next nearest.
    logbook.delete(early.id)
    trash = logbook.delete(first_weighed.id)
    kept, _ = kept_and_fresh(folders)
    assert not any(row[2] in (early.id, first_weighed.id) for row in kept)
    assert_kept_equal_to_the_sets(folders)

    logbook.restore(trash)
    assert_kept_equal_to_the_sets(folders)
    assert_figures_read_from_the_years_are_the_groups_summed()
    for rule in RULES:
        assert hq.exercise_rep_groups(PULL_UP, rule) == hq.exercise_rep_groups_from_sets(
            PULL_UP, rule
        )


def test_a_rebuild_makes_them_again(history, logbook, folders):
    connection = sqlite3.connect(folders.database)
    connection.execute("DELETE FROM rep_group")  # what the rebuild must not rely on
    connection.execute("DELETE FROM exercise_year")
    connection.commit()
    connection.close()
    count, rejected = reconcile.rebuild(folders)
    assert (count, rejected) == (len(history), [])
    assert_kept_equal_to_the_sets(folders)
    assert_figures_read_from_the_years_are_the_groups_summed()
