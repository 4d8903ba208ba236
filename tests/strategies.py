"""Hypothesis strategies for sessions: any value the schema accepts, and nothing else."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from hypothesis import strategies as st

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet, limits
from traininglog.domain.session import BODY_WEIGHT_KINDS
from traininglog.domain.vocabulary import MUSCLE_GROUPS, REP_ASSESSMENTS

# Weights as a lifter or a converter would produce them: whole, half, quarter kilos, or the
# odd float from a pound conversion.
weights = st.one_of(
    st.integers(0, limits.MAX_WEIGHT_KG),
    st.integers(0, limits.MAX_WEIGHT_KG * 4).map(lambda q: q / 4),
    st.floats(0, limits.MAX_WEIGHT_KG, allow_nan=False, allow_infinity=False),
)
reps = st.integers(0, limits.MAX_REPS)
notes = st.none() | st.text(max_size=60)
rpes = st.none() | st.integers(2, 20).map(lambda half_steps: half_steps / 2)
rests = st.none() | st.floats(0, limits.MAX_REST_MINUTES, allow_nan=False)
names = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())

offsets = st.none() | st.integers(-14 * 4, 14 * 4).map(
    lambda quarters: timezone(timedelta(minutes=15 * quarters))
)
dates = st.builds(
    lambda moment, tz: moment.replace(tzinfo=tz),
    st.datetimes(datetime(1990, 1, 1), datetime(2100, 1, 1)),
    offsets,
)


@st.composite
def exercises(draw, order: int, body_weight_sets: bool = True) -> Exercise:
    # Mostly plain sets; sometimes a body-weight set (plus, minus), as in a pull-up day.
    kinds = st.none() | st.sampled_from(BODY_WEIGHT_KINDS) if body_weight_sets else st.none()
    warmups = draw(st.lists(st.tuples(weights, reps, notes, kinds), max_size=4))
    workings = draw(
        st.lists(
            st.tuples(
                weights,
                reps,
                reps,
                rpes,
                st.none() | st.sampled_from(REP_ASSESSMENTS),
                rests,
                notes,
                kinds,
            ),
            max_size=5,
        )
    )
    return Exercise(
        order=order,
        name=draw(names),
        target_muscle_groups=tuple(
            draw(st.lists(st.sampled_from(MUSCLE_GROUPS), unique=True, max_size=4))
        ),
        warmup_sets=tuple(WarmupSet(n, *w) for n, w in enumerate(warmups, start=1)),
        working_sets=tuple(WorkingSet(n, *w) for n, w in enumerate(workings, start=1)),
        # Mostly on its own, as most exercises are; sometimes in a superset or circuit.
        group=draw(st.none() | st.none() | st.sampled_from("ABCZ")),
    )


@st.composite
def sessions(draw, max_exercises: int = 4, body_weight_sets: bool = True) -> Session:
    count = draw(st.integers(0, max_exercises))
    return Session(
        id=str(uuid.UUID(int=draw(st.integers(0, 2**128 - 1)), version=4)),
        date=draw(dates),
        exercises=tuple(draw(exercises(n, body_weight_sets)) for n in range(1, count + 1)),
        user_id=draw(st.text(max_size=20)),
        user_name=draw(st.text(max_size=30)),
        phase=draw(st.none() | st.integers(0, limits.MAX_PHASE)),
        week=draw(st.none() | st.integers(0, limits.MAX_WEEK)),
        is_deload_week=draw(st.booleans()),
        focus=draw(st.none() | names),
        # Mostly not weighed, as most sessions are not.
        body_weight_kg=draw(
            st.none() | st.none() | st.floats(20, 400) | st.sampled_from([20, 82.5, 400])
        ),
    )
