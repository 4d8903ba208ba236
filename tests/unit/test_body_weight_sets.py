"""Sets whose load counts the lifter's body weight (weighted and assisted pull-ups, dips):
written as version 0.3.0 only when a set is one, refused in an older version's document, and
read back exactly."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet, problems
from traininglog.sessionfiles import SessionFileError, decode, encode

SESSION_ID = "6b000000-0000-4000-8000-000000000001"


def pull_ups(kind: str | None = "plus", body_weight_kg: float | None = None) -> Session:
    return Session(
        id=SESSION_ID,
        date=datetime(2026, 11, 3, 18, 0),
        exercises=(
            Exercise(
                1,
                "Pull-up",
                ("lats",),
                (WarmupSet(1, 0, 5, None, kind),),
                (
                    WorkingSet(1, 20, 6, body_weight=kind),
                    WorkingSet(2, 0, 9, body_weight=kind),
                    WorkingSet(3, 12.5, 5, rpe=9, notes="belt", body_weight=kind),
                ),
            ),
            Exercise(2, "Barbell Curl", ("biceps",), (), (WorkingSet(1, 30, 10),)),
        ),
        body_weight_kg=body_weight_kg,
    )


@pytest.mark.parametrize("kind", ["plus", "minus"])
def test_a_body_weight_set_is_written_as_version_0_3_0_after_its_weight(kind: str) -> None:
    session = pull_ups(kind)
    assert problems(session) == []
    data = encode(session)
    document = json.loads(data)
    assert document["dataModelVersion"] == "0.3.0"
    working = document["exercises"][0]["workingSets"][0]
    assert list(working)[:3] == ["set", "weightKg", "bodyWeight"]
    assert working["bodyWeight"] == kind
    assert document["exercises"][0]["warmupSets"][0]["bodyWeight"] == kind
    assert "bodyWeight" not in document["exercises"][1]["workingSets"][0]
    assert decode(data) == session and encode(decode(data)) == data


def test_a_session_without_body_weight_sets_keeps_its_older_version() -> None:
    assert json.loads(encode(pull_ups(None)))["dataModelVersion"] == "0.0.1"
    assert json.loads(encode(pull_ups(None, 82.5)))["dataModelVersion"] == "0.2.0"
    assert b'bodyWeight"' not in encode(pull_ups(None, 82.5))


def test_a_body_weight_set_in_an_older_version_is_refused_with_its_path() -> None:
    document = json.loads(encode(pull_ups()))
    document["dataModelVersion"] = "0.2.0"
    with pytest.raises(SessionFileError) as refused:
        decode(json.dumps(document).encode())
    first = str(refused.value.problems[0])
    assert first == (
        "exercises[0].warmupSets[0].bodyWeight: 'plus' is not possible in version 0.2.0: "
        "a body-weight set needs dataModelVersion 0.3.0"
    )
    assert len(refused.value.problems) == 4  # the warm-up and the three working sets


def test_an_unknown_kind_is_refused_by_the_reader_and_the_save_check() -> None:
    document = json.loads(encode(pull_ups()))
    document["exercises"][0]["workingSets"][1]["bodyWeight"] = "assisted"
    with pytest.raises(SessionFileError) as refused:
        decode(json.dumps(document).encode())
    assert [str(p) for p in refused.value.problems] == [
        "exercises[0].workingSets[1].bodyWeight: 'assisted' is not one of: plus, minus"
    ]
    wrong = pull_ups("assisted")
    assert [p.path for p in problems(wrong)][:2] == [
        "exercises[0].warmupSets[0].bodyWeight",
        "exercises[0].workingSets[0].bodyWeight",
    ]
