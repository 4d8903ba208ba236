"""A small fixed history for the History tests, with every figure worked out by hand.

Six sessions. Estimated 1RM by Epley is w × (1 + r/30), by Brzycki w × 36 / (37 − r), with
r the full reps (the RPE never counts) and a single its own weight. "Epley + RIR", the
RPE-aware choice, adds the reps in reserve (10 − RPE) to r: those figures are in brackets [ ].

    F  Mon 2024-06-03  (imported: no focus, phase or week)
       Barbell Bench Press   60 × 10                      e1RM 80 (Brzycki 80)
    A  Mon 2025-01-06  upper, phase 1 week 1
       Barbell Bench Press   W 40 × 8; 80 × 5 @8; 80 × 5 @9
                             e1RM 93.333 twice (Brzycki 90) [98.667, 96]; volume 800
       Barbell Row           60 × 10                      e1RM 80; volume 600
       notes: bench set 2 "left shoulder tight"
    B  Thu 2025-01-09  lower, phase 1 week 1
       Barbell Back Squat    W 60 × 5; 100 × 5 @8 twice    e1RM 116.667 [123.333]; volume 1,000
    C  Mon 2025-01-13  upper, phase 1 week 2
       Barbell Bench Press   85 × 3 @9; 82.5 × 5           e1RM 93.5, 96.25
                             (Brzycki 90, 92.8125) [96.333, 96.25]; volume 667.5
       notes: bench set 1 "felt strong"
    D  Mon 2025-02-03  upper, phase 2 week 1, deload
       Barbell Bench Press   90 × 1 @10; 70 × 8 @7         e1RM 90, 88.667
                             (Brzycki 90, 86.897) [90, 95.667]; volume 650
       Pull-Up               0 × 8 (body weight: no estimate, no volume)
    E  Thu 2025-02-06  lower, phase 2 week 1
       Barbell Back Squat    90 × 5 @7; 90 × 5             e1RM 105 twice [114, 105]; volume 900

Bench press records (Epley): best e1RM 96.25 (C, 82.5 × 5); heaviest for 1 rep 90 (D),
3 reps 85 (C), 5 reps 82.5 (C), 8 reps 70 (D), 10 reps 60 (F); best session volume 800 (A).
With Brzycki the best e1RM is C's 82.5 × 5 too: 92.8125; with Epley + RIR, A's 80 × 5 @8:
98.667. Every session but E holds a record.
"""

from __future__ import annotations

from datetime import datetime

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet

BENCH, ROW, SQUAT, PULL_UP = "Barbell Bench Press", "Barbell Row", "Barbell Back Squat", "Pull-Up"

IDS = {
    "F": "00000000-0000-4000-8000-00000000000f",
    "A": "00000000-0000-4000-8000-00000000000a",
    "B": "00000000-0000-4000-8000-00000000000b",
    "C": "00000000-0000-4000-8000-00000000000c",
    "D": "00000000-0000-4000-8000-00000000000d",
    "E": "00000000-0000-4000-8000-00000000000e",
}
# per session: working sets and volume (kg)
FIGURES = {
    "F": (1, 600.0),
    "A": (3, 1400.0),
    "B": (2, 1000.0),
    "C": (2, 667.5),
    "D": (3, 650.0),
    "E": (2, 900.0),
}
OLDEST_FIRST = "FABCDE"


def _bench(*sets: WorkingSet, warmups: tuple[WarmupSet, ...] = (), order: int = 1) -> Exercise:
    return Exercise(order, BENCH, ("chest", "front-delts", "triceps"), warmups, sets)


def _squat(*sets: WorkingSet, warmups: tuple[WarmupSet, ...] = ()) -> Exercise:
    return Exercise(1, SQUAT, ("quads", "glutes"), warmups, sets)


def _session(key: str, when: str, focus, phase, week, *exercises, deload=False) -> Session:
    return Session(
        id=IDS[key],
        date=datetime.fromisoformat(when),
        exercises=exercises,
        user_id="tester",
        user_name="Tester",
        phase=phase,
        week=week,
        is_deload_week=deload,
        focus=focus,
    )


def fixed_history() -> list[Session]:
    """The six sessions, oldest first."""
    return [
        _session("F", "2024-06-03T07:30:00", None, None, None, _bench(WorkingSet(1, 60, 10))),
        _session(
            "A",
            "2025-01-06T18:00:00",
            "upper",
            1,
            1,
            _bench(
                WorkingSet(1, 80, 5, 0, 8.0, "good"),
                WorkingSet(2, 80, 5, 0, 9.0, "hard", notes="left shoulder tight"),
                warmups=(WarmupSet(1, 40, 8),),
            ),
            Exercise(2, ROW, ("upper-back", "lats"), (), (WorkingSet(1, 60, 10),)),
        ),
        _session(
            "B",
            "2025-01-09T18:00:00",
            "lower",
            1,
            1,
            _squat(
                WorkingSet(1, 100, 5, 0, 8.0),
                WorkingSet(2, 100, 5, 0, 8.0),
                warmups=(WarmupSet(1, 60, 5),),
            ),
        ),
        _session(
            "C",
            "2025-01-13T18:00:00",
            "upper",
            1,
            2,
            _bench(WorkingSet(1, 85, 3, 0, 9.0, notes="felt strong"), WorkingSet(2, 82.5, 5)),
        ),
        _session(
            "D",
            "2025-02-03T18:00:00",
            "upper",
            2,
            1,
            _bench(WorkingSet(1, 90, 1, 0, 10.0), WorkingSet(2, 70, 8, 0, 7.0)),
            Exercise(2, PULL_UP, ("lats", "biceps"), (), (WorkingSet(1, 0, 8),)),
            deload=True,
        ),
        _session(
            "E",
            "2025-02-06T18:00:00",
            "lower",
            2,
            1,
            _squat(WorkingSet(1, 90, 5, 0, 7.0), WorkingSet(2, 90, 5)),
        ),
    ]


def import_fixed_history(logbook) -> None:
    report = logbook.import_sessions([(f"fixed-{s.id[-1]}", s) for s in fixed_history()])
    assert len(report.imported) == 6, report
