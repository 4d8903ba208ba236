"""Body-weight sets in the index: their load counts the weigh-in nearest their day, every
e1RM, volume and record reads that load, and a weigh-in saved, changed or deleted later moves
the loads of the sets it is nearest to, whichever way the sessions came in (save, import,
rebuild, the startup scan)."""

from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timedelta

import pytest

from traininglog.datafolder import reconcile
from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet
from traininglog.domain.body_weight import BodyWeightEntry, BodyWeightLog
from traininglog.domain.calculations import (
    E1rmRule,
    records_for_exercise,
    session_volume_kg,
)
from traininglog.domain.loads import set_load_kg
from traininglog.domain.progress import exercise_progress
from traininglog.sessionfiles import encode
from traininglog.store import history_queries, queries

PULL_UP = "Pull-up"
DAY_ONE = datetime(2026, 3, 2, 18, 0)


def session(
    n: int,
    day: int,
    *sets: WorkingSet,
    weighed: float | None = None,
    warmups: tuple[WarmupSet, ...] = (),
) -> Session:
    exercises = (Exercise(1, PULL_UP, ("lats",), warmups, tuple(sets)),) if sets or warmups else ()
    return Session(
        id=f"6c{n:06d}-0000-4000-8000-000000000000",
        date=DAY_ONE + timedelta(days=day),
        exercises=(*exercises, curls(len(exercises) + 1)),
        body_weight_kg=weighed,
    )


def curls(order: int) -> Exercise:
    return Exercise(order, "Barbell Curl", ("biceps",), (), (WorkingSet(1, 30.5, 10),))


def weighted(kg: float, reps: int = 5, n: int = 1) -> WorkingSet:
    return WorkingSet(n, kg, reps, body_weight="plus")


def assisted(kg: float, reps: int = 8, n: int = 1) -> WorkingSet:
    return WorkingSet(n, kg, reps, body_weight="minus")


def index_loads(connection: sqlite3.Connection) -> dict[tuple[str, str, int], float | None]:
    rows = connection.execute(
        'SELECT session_id, kind, number, load_kg FROM "set" WHERE body_weight IS NOT NULL'
    )
    return {(sid, kind, number): load for sid, kind, number, load in rows}


def index_volumes(connection: sqlite3.Connection) -> dict[str, float]:
    return dict(connection.execute("SELECT id, volume_kg FROM session"))


def expected(stored: list[Session]) -> tuple[dict, dict]:
    """What the domain says the loads and volumes are, from every stored session."""
    log = BodyWeightLog(
        BodyWeightEntry(s.date.date(), s.body_weight_kg)
        for s in sorted(stored, key=lambda s: s.date)
        if s.body_weight_kg is not None
    )
    loads, volumes = {}, {}
    for s in stored:
        nearest = log.nearest(s.date.date())
        body = None if nearest is None else float(nearest.weight)
        volumes[s.id] = session_volume_kg(s, body)
        for e in s.exercises:
            for kind, sets in (("warmup", e.warmup_sets), ("working", e.working_sets)):
                for one in sets:
                    if one.body_weight is not None:
                        loads[(s.id, kind, one.number)] = set_load_kg(one, body)
    return loads, volumes


def connection_of(folders) -> sqlite3.Connection:
    return sqlite3.connect(folders.database)


def test_a_weighted_pull_up_counts_the_body_weight_of_its_day(logbook, folders) -> None:
    logbook.save(session(1, 0, weighted(20, 5), assisted(30, 8, 2), weighed=82.5))
    connection = connection_of(folders)
    assert index_loads(connection) == {
        (session(1, 0).id, "working", 1): 102.5,
        (session(1, 0).id, "working", 2): 52.5,
    }
    assert index_volumes(connection)[session(1, 0).id] == 102.5 * 5 + 52.5 * 8 + 30.5 * 10
    history = queries.exercise_history(PULL_UP)
    assert [(h.weight_kg, h.body_weight, h.load_kg) for h in history] == [
        (20, "plus", 102.5),
        (30, "minus", 52.5),
    ]
    rule = E1rmRule()
    assert queries.best_estimated_one_rep_max(PULL_UP, rule) == pytest.approx(102.5 * (1 + 5 / 30))
    groups = history_queries.exercise_rep_groups(PULL_UP, rule)
    assert [(g.full_reps, g.heaviest_kg, g.volume_kg) for g in groups] == [
        (5, 102.5, 512.5),
        (8, 52.5, 420.0),
    ]


def test_without_a_weigh_in_the_load_is_unknown_and_left_out_not_counted_as_0(
    logbook, folders
) -> None:
    logbook.save(session(1, 0, weighted(20, 5)))
    connection = connection_of(folders)
    assert list(index_loads(connection).values()) == [None]
    assert index_volumes(connection)[session(1, 0).id] == 30.5 * 10  # the curls alone
    assert queries.best_estimated_one_rep_max(PULL_UP, E1rmRule()) is None
    (history,) = queries.exercise_history(PULL_UP)
    assert (history.weight_kg, history.body_weight, history.load_kg) == (20, "plus", None)
    # The exercise view's summary says the set was left out.
    totals = exercise_progress(PULL_UP, history_queries.exercise_rep_groups(PULL_UP, E1rmRule()))
    assert (totals.totals.body_weight_sets, totals.totals.unknown_loads) == (1, 1)
    assert totals.totals.volume_kg == 0 and totals.records.best_e1rm is None


def test_a_weigh_in_saved_later_moves_the_loads_it_is_nearest_to(logbook, folders) -> None:
    pull_ups = session(1, 3, weighted(10))
    logbook.save(pull_ups)
    logbook.save(session(2, 10, weighed=80))  # 7 days after
    connection = connection_of(folders)
    assert list(index_loads(connection).values()) == [90.0]
    logbook.save(session(3, 0, weighed=84))  # 3 days before: nearer
    assert list(index_loads(connection).values()) == [94.0]
    logbook.save(session(3, 0, weighed=85.5))  # corrected
    assert list(index_loads(connection).values()) == [95.5]
    assert index_volumes(connection)[pull_ups.id] == 95.5 * 5 + 30.5 * 10
    logbook.delete(session(3, 0).id)
    assert list(index_loads(connection).values()) == [90.0]
    logbook.save(session(2, 10))  # the weigh-in taken out of the session
    assert list(index_loads(connection).values()) == [None]
    assert index_volumes(connection)[pull_ups.id] == 30.5 * 10


def test_two_weigh_ins_equally_near_the_earlier_counts(logbook, folders) -> None:
    logbook.save(session(1, 0, weighed=80))
    logbook.save(session(2, 4, weighed=90))
    logbook.save(session(4, 2, assisted(20)))
    assert list(index_loads(connection_of(folders)).values()) == [60.0]


def test_the_records_of_the_index_are_the_domains_with_body_weight_loads(logbook) -> None:
    stored = [
        session(1, 0, weighted(0, 12), weighted(10, 8, 2), weighed=80),
        session(2, 7, weighted(15, 6), assisted(20, 10, 2)),
        session(3, 14, weighted(20, 3), weighed=83.5),
    ]
    for s in stored:
        logbook.save(s)
    rule = E1rmRule()
    log = BodyWeightLog(
        BodyWeightEntry(s.date.date(), s.body_weight_kg) for s in stored if s.body_weight_kg
    )
    domain = records_for_exercise(
        [(s, s.exercises[0]) for s in stored],
        rule,
        body_weight_on=lambda s: float(log.nearest(s.date.date()).weight),
    )
    marks = history_queries.record_holders(logbook.folders.database, rule)
    e1rm_holder = next(
        sid
        for sid, found in marks.items()
        for m in found
        if m.kind == "e1rm" and m.exercise == PULL_UP
    )
    assert domain is not None and domain.best_e1rm is not None
    assert e1rm_holder == domain.best_e1rm.session_id == stored[0].id  # (80 + 10) × 8: 114
    assert domain.heaviest_for_reps[6].value_kg == 95.0  # 80 (nearest, 7 days) + 15


def test_warm_ups_have_their_load_and_never_count(logbook, folders) -> None:
    logbook.save(
        session(1, 0, weighted(5), weighed=80, warmups=(WarmupSet(1, 0, 5, None, "plus"),))
    )
    connection = connection_of(folders)
    assert index_loads(connection) == {
        (session(1, 0).id, "warmup", 1): 80.0,
        (session(1, 0).id, "working", 1): 85.0,
    }
    assert index_volumes(connection)[session(1, 0).id] == 85.0 * 5 + 30.5 * 10


def random_history(seed: int, count: int = 30) -> list[Session]:
    rng = random.Random(seed)
    found = []
    for n in range(1, count + 1):
        kind = rng.choice(["plus", "minus", None, None])
        sets = [
            WorkingSet(
                k, rng.choice([0, 2.5, 10, 17.5, 40, 120]), rng.randint(1, 12), body_weight=kind
            )
            for k in range(1, rng.randint(1, 3) + 1)
        ]
        weighed = rng.choice([None, None, rng.choice([61.3, 70, 82.7, 95.25, 140])])
        found.append(session(n, rng.randint(0, 60), *sets, weighed=weighed))
    return found


@pytest.mark.parametrize("seed", range(6))
def test_after_any_saves_and_deletes_the_index_holds_what_the_domain_says(
    seed: int, logbook, folders
) -> None:
    rng = random.Random(seed)
    history = random_history(seed)
    stored: dict[str, Session] = {}
    connection = connection_of(folders)
    for step in range(60):
        if stored and rng.random() < 0.25:
            gone = rng.choice(sorted(stored))
            logbook.delete(gone)
            del stored[gone]
        else:
            s = rng.choice(history)
            if s.id in stored and rng.random() < 0.5:  # the same session, edited
                s = Session(**{**s.__dict__, "body_weight_kg": rng.choice([None, 77.7, 101])})
            logbook.save(s)
            stored[s.id] = s
        loads, volumes = expected(list(stored.values()))
        assert index_loads(connection) == loads, f"step {step}"
        assert index_volumes(connection) == volumes, f"step {step}"
    # Built again from the files, in batches, the index holds the same.
    count, rejected = reconcile.rebuild(folders)
    assert (count, rejected) == (len(stored), [])
    connection = connection_of(folders)
    loads, volumes = expected(list(stored.values()))
    assert index_loads(connection) == loads
    assert index_volumes(connection) == volumes


def test_an_import_and_the_startup_scan_fill_in_the_loads(logbook, folders) -> None:
    history = random_history(11, 40)
    unique = list({s.id: s for s in history}.values())
    logbook.import_sessions([(f"{s.id}.json", s) for s in unique[:20]])
    # A weigh-in arriving as a file behind the app's back (a sync), found by the scan.
    late = session(99, 30, weighed=66.6)
    (folders.sessions / "synced-in.json").write_bytes(encode(late))
    reconcile.sync(folders)
    loads, volumes = expected([*unique[:20], late])
    connection = connection_of(folders)
    assert index_loads(connection) == loads
    assert index_volumes(connection) == volumes
    assert any(v is not None for v in loads.values()) and any(
        s.body_weight_kg is None for s in unique[:20]
    )
