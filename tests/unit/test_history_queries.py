"""The History view's queries and calculations, against a small history worked out by hand
(see tests/ui/test_history_data.py for the figures)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from traininglog.domain.calculations import (
    E1rmRule,
    OneRepMaxFormula,
    records_for_exercise,
)
from traininglog.domain.names import name_key
from traininglog.domain.progress import (
    ProgressPoint,
    exercise_progress,
    monthly_best,
    monthly_mean,
    points_in_range,
    weekly_series,
)
from traininglog.domain.records_as_typed import StandingRecords
from traininglog.store import history_queries as hq
from traininglog.store import queries
from traininglog.store.estimates import e1rm_sql, e1rm_sql_by_callback, register
from traininglog.store.history_queries import RecordMark, SessionFilter
from ui.test_history_data import (
    BENCH,
    FIGURES,
    IDS,
    OLDEST_FIRST,
    SQUAT,
    fixed_history,
    import_fixed_history,
)

from bench.history import generate_history

ID_KEY = {v: k for k, v in IDS.items()}


@pytest.fixture
def stored(logbook):
    import_fixed_history(logbook)
    return logbook


def keys(shown: hq.ShownSessions) -> str:
    return "".join(ID_KEY[i] for i in shown.ids)


def test_everything_newest_first_with_totals(stored):
    shown = hq.shown_sessions()
    assert keys(shown) == OLDEST_FIRST[::-1]
    assert shown.count == 6
    assert shown.working_sets == 13
    assert shown.volume_kg == pytest.approx(5217.5)


@pytest.mark.parametrize(
    ("shown", "expected"),
    [
        (SessionFilter(focus="upper"), "DCA"),
        (SessionFilter(exercise="barbell back-squat"), "EB"),
        (SessionFilter(first_day="2025-01-08", last_day="2025-01-31"), "CB"),
        (SessionFilter(first_day="2025-02-03"), "ED"),
        (SessionFilter(last_day="2024-12-31"), "F"),
        (SessionFilter(text="SHOULDER"), "A"),  # a note, any case
        (SessionFilter(text="strong"), "C"),
        (SessionFilter(text="pull up"), "D"),  # an exercise name, by key
        (SessionFilter(text="row"), "A"),
        (SessionFilter(text="nothing like this"), ""),
        (SessionFilter(focus="upper", exercise=BENCH, first_day="2025-01-10"), "DC"),
    ],
)
def test_each_filter_lets_through_what_it_says(stored, shown, expected):
    result = hq.shown_sessions(shown)
    assert keys(result) == expected
    assert result.working_sets == sum(FIGURES[k][0] for k in expected)
    assert result.volume_kg == pytest.approx(sum(FIGURES[k][1] for k in expected))


def test_notes_match_in_any_script(logbook):
    session = fixed_history()[1]
    bench = session.exercises[0]
    noted = replace(bench.working_sets[1], notes="ЖИМ лёжа")
    bench = replace(bench, working_sets=(bench.working_sets[0], noted))
    logbook.import_sessions([("one", replace(session, exercises=(bench, *session.exercises[1:])))])
    assert keys(hq.shown_sessions(SessionFilter(text="жим"))) == "A"


@pytest.mark.parametrize(
    ("order", "descending", "expected"),
    [
        ("date", False, "FABCDE"),
        ("volume", True, "ABECDF"),
        ("volume", False, "FDCEBA"),
        ("focus", False, "BEACDF"),  # ties by time; no focus last
        ("focus", True, "DCAEBF"),  # no focus last both ways
        ("working_sets", True, "DAECBF"),
        ("exercises", False, "FBCEAD"),
        ("phase", False, "ABCDEF"),
        ("deload", True, "DECBAF"),
        ("notes", False, "CAFBDE"),  # "felt strong" < "left shoulder…"; none last
    ],
)
def test_sorting_is_the_query_s(stored, order, descending, expected):
    assert keys(hq.shown_sessions(order=order, descending=descending)) == expected


def test_session_lines_keep_the_order_given_and_preview_notes(stored):
    ids = [IDS["C"], IDS["A"], IDS["E"]]
    lines = hq.session_lines(ids)
    assert [line.summary.id for line in lines] == ids
    assert lines[0].notes == "Barbell Bench Press: felt strong"
    assert lines[1].notes == "Barbell Bench Press: left shoulder tight"
    assert lines[2].notes == ""
    assert lines[1].summary.volume_kg == pytest.approx(1400)
    assert hq.session_lines([]) == []


def test_day_span(stored):
    assert hq.day_span() == ("2024-06-03", "2025-02-06")


def test_day_span_of_nothing(logbook):
    assert hq.day_span() is None


def test_an_exercise_s_sets_summed_per_session_and_rep_count(stored):
    groups = hq.exercise_rep_groups("barbell bench press", OneRepMaxFormula.EPLEY)
    assert [(ID_KEY[g.session_id], g.full_reps, g.sets, g.heaviest_kg) for g in groups] == [
        ("F", 10, 1, 60),
        ("A", 5, 2, 80),
        ("C", 3, 1, 85),
        ("C", 5, 1, 82.5),
        ("D", 1, 1, 90),
        ("D", 8, 1, 70),
    ]
    assert [g.best_e1rm_kg for g in groups] == pytest.approx(
        [80, 93.3333, 93.5, 96.25, 90, 88.6667], abs=1e-3
    )
    assert [g.volume_kg for g in groups] == [600, 800, 255, 412.5, 90, 560]
    pull_ups = hq.exercise_rep_groups("Pull-Up", OneRepMaxFormula.EPLEY)
    assert [(g.heaviest_kg, g.best_e1rm_kg, g.volume_kg) for g in pull_ups] == [(None, None, 0)]


def test_the_set_behind_an_estimate_record(stored):
    best = hq.best_set(IDS["A"], 1, OneRepMaxFormula.EPLEY)
    assert best[:4] == (80, 5, 0, 8.0)  # the first of the session's two equal best
    assert best.e1rm_kg == pytest.approx(93.3333, abs=1e-3)
    assert hq.best_set(IDS["D"], 1, OneRepMaxFormula.BRZYCKI)[:2] == (90, 1)
    # Only when reps in reserve are chosen does D's 70 × 8 @7 count as 11 reps.
    assert hq.best_set(IDS["D"], 1, OneRepMaxFormula.EPLEY_RESERVE)[:2] == (70, 8)
    assert hq.best_set(IDS["D"], 2, OneRepMaxFormula.EPLEY) is None  # body weight only


def test_set_lines_newest_first_warm_ups_first_a_page_at_a_time(stored):
    lines = hq.exercise_set_lines(BENCH, OneRepMaxFormula.EPLEY)
    assert [(ID_KEY[x.session_id], x.kind, x.number) for x in lines] == [
        ("D", "working", 1),
        ("D", "working", 2),
        ("C", "working", 1),
        ("C", "working", 2),
        ("A", "warmup", 1),
        ("A", "working", 1),
        ("A", "working", 2),
        ("F", "working", 1),
    ]
    assert lines[4].e1rm_kg is None  # a warm-up has no estimate
    assert lines[5].e1rm_kg == pytest.approx(93.3333, abs=1e-3)
    assert lines[2].notes == "felt strong"
    page = hq.exercise_set_lines(BENCH, OneRepMaxFormula.EPLEY, offset=3, limit=2)
    assert [(ID_KEY[x.session_id], x.kind) for x in page] == [("C", "working"), ("A", "warmup")]


def progress(name: str, formula=OneRepMaxFormula.EPLEY):
    return exercise_progress(name, hq.exercise_rep_groups(name, formula))


def test_progress_points_per_session(stored):
    points = progress(BENCH).points
    assert [ID_KEY[p.session_id] for p in points] == list("FACD")
    assert [p.best_e1rm_kg for p in points] == pytest.approx([80, 93.3333, 96.25, 90], abs=1e-3)
    assert [p.top_set_kg for p in points] == [60, 80, 85, 90]
    brzycki = progress(BENCH, OneRepMaxFormula.BRZYCKI).points
    assert [p.best_e1rm_kg for p in brzycki] == pytest.approx([80, 90, 92.8125, 90], abs=1e-3)
    inside = points_in_range(points, "2025-01-06", "2025-01-31")
    assert [ID_KEY[p.session_id] for p in inside] == ["A", "C"]
    pull_ups = progress("Pull-Up").points
    assert [(p.best_e1rm_kg, p.top_set_kg) for p in pull_ups] == [(None, None)]  # body weight


def test_records_and_totals_by_hand(stored):
    found = progress(BENCH)
    records = found.records
    assert records.best_e1rm.value_kg == pytest.approx(96.25, abs=1e-3)
    assert records.best_e1rm.day == "2025-01-13"
    assert found.e1rm_position == 1
    assert {r: (h.value_kg, h.day) for r, h in records.heaviest_for_reps.items()} == {
        1: (90, "2025-02-03"),
        3: (85, "2025-01-13"),
        5: (82.5, "2025-01-13"),
        8: (70, "2025-02-03"),
        10: (60, "2024-06-03"),
    }
    volume = records.best_session_volume
    assert (volume.value_kg, volume.day) == (800, "2025-01-06")
    totals = found.totals
    assert (totals.sessions, totals.working_sets) == (4, 7)
    assert totals.volume_kg == pytest.approx(2717.5)
    assert (totals.first_day, totals.last_day) == ("2024-06-03", "2025-02-03")
    brzycki = progress(BENCH, OneRepMaxFormula.BRZYCKI)
    assert brzycki.records.best_e1rm.value_kg == pytest.approx(92.8125, abs=1e-3)
    assert brzycki.records.best_e1rm.day == "2025-01-13"
    reserve = progress(BENCH, OneRepMaxFormula.EPLEY_RESERVE)
    assert reserve.records.best_e1rm.value_kg == pytest.approx(98.6667, abs=1e-3)  # 80 × 5 @8
    assert reserve.records.best_e1rm.day == "2025-01-06"


@pytest.mark.parametrize("formula", list(OneRepMaxFormula))
def test_progress_records_are_records_for_exercise_s(logbook, formula):
    """The one-pass records agree with the domain's, on a generated history of many lifts."""
    history = generate_history(sessions=150, seed=7)
    logbook.import_sessions([(str(i), s) for i, s in enumerate(history)])
    by_key: dict[str, list] = {}
    for session in history:
        for exercise in session.exercises:
            by_key.setdefault(name_key(exercise.name), []).append((session, exercise))
    assert len(by_key) > 20
    for pairs in by_key.values():
        name = pairs[0][1].name
        expected = records_for_exercise(pairs, formula)
        found = progress(name, formula).records
        if found is None:  # no working sets at all
            assert not any(e.working_sets for _, e in pairs), name
            continue
        assert found.heaviest_for_reps == expected.heaviest_for_reps, name
        for mine, theirs in (
            (found.best_e1rm, expected.best_e1rm),
            (found.best_session_volume, expected.best_session_volume),
        ):
            if theirs is None:
                assert mine is None, name
            else:
                assert (mine.session_id, mine.day) == (theirs.session_id, theirs.day), name
                assert mine.value_kg == pytest.approx(theirs.value_kg), name


def _holders_in_python(formula):
    """What `records_for_exercise` says, exercise by exercise, as session → marks."""
    by_name: dict[str, list] = {}
    for session in fixed_history():
        for exercise in session.exercises:
            by_name.setdefault(exercise.name, []).append((session, exercise))
    marks: dict[str, set] = {}
    for name, pairs in by_name.items():
        records = records_for_exercise(pairs, formula)
        held = [records.best_e1rm, records.best_session_volume, *records.heaviest_for_reps.values()]
        for record in held:
            if record is not None:
                marks.setdefault(record.session_id, set()).add(
                    (name, record.kind, record.reps if record.kind == "weight-for-reps" else None)
                )
    return marks


@pytest.mark.parametrize("formula", list(OneRepMaxFormula))
def test_record_holders_agree_with_records_for_exercise(stored, formula):
    holders = hq.record_holders(stored.folders.database, formula)
    found = {sid: {(m.exercise, m.kind, m.reps) for m in marks} for sid, marks in holders.items()}
    assert found == _holders_in_python(formula)
    assert IDS["E"] not in holders  # beat nothing
    bench_e1rm = RecordMark(BENCH, "e1rm")
    holder = IDS["A"] if formula is OneRepMaxFormula.EPLEY_RESERVE else IDS["C"]
    assert bench_e1rm in holders[holder]


def test_sql_estimates_are_the_domain_s_own(logbook):
    connection = register(logbook.db.connection())
    cases = [
        (100, 5, None),
        (100, 1, None),
        (100, 1, 9.0),
        (80, 5, 8.5),
        (0, 5, None),
        (60, 0, 8.0),
        (50, 12, None),
        (50, 13, None),
        (50, 11, 8.0),
    ]
    rules = [E1rmRule(f, cap) for f in OneRepMaxFormula for cap in (5, 12, 30)]
    for rule in rules:
        for weight, reps, rpe in cases:
            sql = e1rm_sql(rule, "w", "r", "p")
            query = f"WITH v(w, r, p) AS (SELECT ?, ?, ?) SELECT {sql} FROM v"
            (value,) = connection.execute(query, (weight, reps, rpe)).fetchone()
            expected = rule.estimate(weight, reps, rpe)
            assert value == expected, (rule, weight, reps, rpe)


@settings(max_examples=300, deadline=None)
@given(
    weight=st.one_of(st.integers(0, 500), st.integers(0, 2000).map(lambda q: q / 4)),
    reps=st.integers(0, 35),
    rpe=st.one_of(st.none(), st.integers(2, 20).map(lambda h: h / 2)),
    formula=st.sampled_from(list(OneRepMaxFormula)),
    cap=st.integers(1, 30),
)
def test_the_estimate_written_in_sql_is_the_domain_s_to_the_last_bit(
    weight, reps, rpe, formula, cap
):
    sql_connection = register(sqlite3.connect(":memory:"))
    rule = E1rmRule(formula, cap)
    written = e1rm_sql(rule, "?1", "?2", "?3")
    called = e1rm_sql_by_callback(rule, "?1", "?2", "?3")
    row = sql_connection.execute(f"SELECT {written}, {called}", (weight, reps, rpe)).fetchone()
    assert row[0] == row[1] == rule.estimate(weight, reps, rpe)


@pytest.mark.parametrize("formula", list(OneRepMaxFormula))
def test_the_last_time_best_is_the_best_of_the_exercise_s_sets(stored, formula):
    for cap in (3, 12):
        rule = E1rmRule(formula, cap)
        lines = hq.exercise_set_lines(BENCH, rule)
        best = max((x.e1rm_kg for x in lines if x.e1rm_kg is not None), default=None)
        assert queries.best_estimated_one_rep_max(BENCH, rule) == best
        records = progress(BENCH, rule).records
        assert (records.best_e1rm.value_kg if records.best_e1rm else None) == best


def test_weekly_volume_overall_and_per_muscle_group(stored):
    first, last = "2025-01-06", "2025-02-09"
    trained = hq.training_weeks(first, last)
    assert trained == {"2025-01-06": False, "2025-01-13": False, "2025-02-03": True}
    overall = weekly_series(hq.weekly_volume(first, last), first, last, trained)
    assert overall == [
        (date(2025, 1, 6), 2400.0),
        (date(2025, 1, 13), 667.5),
        (date(2025, 1, 20), None),  # nobody trained: no figure, not a zero
        (date(2025, 1, 27), None),
        (date(2025, 2, 3), 1550.0),
    ]
    chest = weekly_series(hq.weekly_volume(first, last, "chest"), first, last, trained)
    assert [v for _, v in chest] == [800, 667.5, None, None, 650]
    lats = weekly_series(hq.weekly_volume(first, last, "lats"), first, last, trained)
    assert [v for _, v in lats] == [600, 0, None, None, 0]
    # "back" is no group of its own: upper-back and lower-back do not match it
    assert hq.weekly_volume(first, last, "back") == {}
    everything = weekly_series(hq.weekly_volume(), trained=hq.training_weeks())
    assert everything[0] == (date(2024, 6, 3), 600.0)
    assert everything[-1] == (date(2025, 2, 3), 1550.0)
    assert sum(v or 0 for _, v in everything) == pytest.approx(5217.5)


def test_secondary_muscles_count_by_the_factor_given(stored):
    first, last = "2025-01-06", "2025-02-09"
    # Hamstrings: a secondary muscle of the squat, which the sessions list as quads, glutes.
    squat = ["barbell back squat"]
    assert hq.weekly_volume(first, last, "hamstrings") == {}
    half = hq.weekly_volume(first, last, "hamstrings", secondary=squat, factor=0.5)
    assert half == {"2025-01-06": 500.0, "2025-02-03": 450.0}
    assert hq.weekly_volume(first, last, "hamstrings", secondary=squat, factor=0.0) == {}
    # An exercise that lists the group among its own targets counts in full, whatever the
    # catalogue says of it: bench was logged with triceps as a target.
    bench = ["barbell bench press"]
    full = hq.weekly_volume(first, last, "triceps", secondary=bench, factor=0.5)
    assert full == {"2025-01-06": 800.0, "2025-01-13": 667.5, "2025-02-03": 650.0}


def test_weekly_series_without_data():
    assert weekly_series({}) == []
    assert weekly_series({}, "2025-01-01", "2025-01-14") == [
        (date(2024, 12, 30), None),
        (date(2025, 1, 6), None),
        (date(2025, 1, 13), None),
    ]
    # A week trained without volume for what is shown (body weight only, or another
    # muscle group) is a real zero.
    assert weekly_series({}, "2025-01-06", "2025-01-12", ["2025-01-06"]) == [
        (date(2025, 1, 6), 0.0)
    ]


def test_nothing_stored(logbook):
    shown = hq.shown_sessions(SessionFilter(text="x"))
    assert (shown.count, shown.working_sets, shown.volume_kg) == (0, 0, 0)
    assert hq.exercise_rep_groups(SQUAT, OneRepMaxFormula.EPLEY) == []
    nothing = progress(SQUAT)
    assert nothing.records is None and nothing.points == [] and nothing.totals.sessions == 0
    assert hq.record_holders(logbook.folders.database, OneRepMaxFormula.EPLEY) == {}


def test_monthly_best_and_monthly_mean():
    def point(day: str, sid: str, e1rm, top) -> ProgressPoint:
        return ProgressPoint(datetime.fromisoformat(day), sid, e1rm, top)

    points = [
        point("2025-01-03", "a", 100.0, 80.0),
        point("2025-01-20", "b", 104.0, 75.0),
        point("2025-01-28", "c", None, 90.0),
        point("2025-03-02", "d", 90.0, None),
    ]
    assert monthly_best(points) == [
        point("2025-01-01", "b", 104.0, 90.0),
        point("2025-03-01", "d", 90.0, None),
    ]
    weeks = [(date(2024, 12, 30), 10.0), (date(2025, 1, 6), 20.0), (date(2025, 1, 13), 0.0)]
    assert monthly_mean(weeks) == [(date(2024, 12, 1), 10.0), (date(2025, 1, 1), 10.0)]
    # Weeks off count as nothing lifted in the month's average; a month with no training
    # at all has no figure.
    weeks = [(date(2025, 1, 6), 30.0), (date(2025, 1, 13), None), (date(2025, 2, 3), None)]
    assert monthly_mean(weeks) == [(date(2025, 1, 1), 15.0), (date(2025, 2, 1), None)]


@pytest.mark.parametrize("formula", list(OneRepMaxFormula))
def test_standing_records_are_the_domain_s_over_every_earlier_set(logbook, formula):
    """What the form's new set has to beat, added up by the index, is what
    `StandingRecords.of_sets` makes of the same sets, with any session left out."""
    history = generate_history(sessions=150, seed=11)
    logbook.import_sessions([(str(i), s) for i, s in enumerate(history)])
    names = queries.exercise_names()
    assert len(names) > 20
    for cap in (3, 12):
        rule = E1rmRule(formula, cap)
        for name in names:
            for excluding in (None, history[40].id):
                sets = [
                    (s.load_kg, s.full_reps, s.rpe)
                    for s in queries.exercise_history(name)
                    if s.session_id != excluding and s.load_kg is not None
                ]
                found = queries.standing_records(name, rule, excluding)
                assert found == StandingRecords.of_sets(sets, rule), (name, rule, excluding)


def test_standing_records_of_an_exercise_never_logged_are_empty(stored):
    assert queries.standing_records("Zercher Squat", E1rmRule()) == StandingRecords()


@pytest.mark.parametrize("descending", [True, False])
def test_the_sessions_in_date_order_are_read_off_one_index(stored, descending):
    """The sessions table's first order (every session, by date) needs no sorting and no
    table rows: at 50,000 sessions that was most of opening History."""
    sql, params = hq.shown_ids_sql(SessionFilter(), "date", descending)
    connection = stored.db.connection()
    plan = " ".join(str(row[-1]) for row in connection.execute(f"EXPLAIN QUERY PLAN {sql}", params))
    assert "COVERING INDEX session_order" in plan and "TEMP B-TREE" not in plan
    ids = [row[0] for row in connection.execute(sql, params)]
    assert ids == list(hq.shown_sessions(descending=descending).ids)
    assert "".join(ID_KEY[i] for i in ids) == (OLDEST_FIRST[::-1] if descending else OLDEST_FIRST)
