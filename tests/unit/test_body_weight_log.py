"""The lifter's body weight on the day of a session: written as version 0.2.0 only when
there is one, carried by the index, CSV and markdown there and back, and listed as a log for
the chart."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from traininglog.domain import Exercise, Session, WorkingSet, problems
from traininglog.exporters.csv_table import export_csv
from traininglog.exporters.markdown import export_markdown, session_to_markdown
from traininglog.importers.detect import read_import
from traininglog.sessionfiles import SessionFileError, decode, encode
from traininglog.store import history_queries, queries


def weighed(day: int = 1, kg: float | None = 82.5, group: str | None = None) -> Session:
    return Session(
        id=f"6a000000-0000-4000-8000-0000000000{day:02d}",
        date=datetime(2026, 11, day, 18, 0),
        focus="upper",
        exercises=(
            Exercise(1, "Barbell Bench Press", ("chest",), (), (WorkingSet(1, 90, 5),), group),
            Exercise(2, "Barbell Row", ("upper-back", "lats"), (), (WorkingSet(1, 70, 8),), group),
        ),
        body_weight_kg=kg,
    )


def test_a_weighed_session_is_written_as_version_0_2_0_with_its_body_weight() -> None:
    session = weighed(group="A")
    assert problems(session) == []
    data = encode(session)
    document = json.loads(data)
    assert document["dataModelVersion"] == "0.2.0"
    assert document["bodyWeightKg"] == 82.5
    assert list(document)[-2:] == ["bodyWeightKg", "exercises"]
    assert decode(data) == session and encode(decode(data)) == data


def test_a_session_not_weighed_is_written_as_before() -> None:
    document = json.loads(encode(weighed(kg=None)))
    assert document["dataModelVersion"] == "0.0.1"
    assert "bodyWeightKg" not in document


@pytest.mark.parametrize(("kg", "message"), [(19.5, "less than the minimum 20"), (401, "greater")])
def test_a_body_weight_out_of_range_is_refused_with_its_path(kg: float, message: str) -> None:
    assert [str(p).split(": ")[0] for p in problems(weighed(kg=kg))] == ["bodyWeightKg"]
    document = json.loads(encode(weighed()))
    document["bodyWeightKg"] = kg
    with pytest.raises(SessionFileError) as refused:
        decode(json.dumps(document).encode())
    assert str(refused.value.problems[0]).startswith(f"bodyWeightKg: {kg}")
    assert message in str(refused.value.problems[0])


def test_a_body_weight_in_an_older_version_is_refused() -> None:
    document = json.loads(encode(weighed()))
    document["dataModelVersion"] = "0.1.0"
    with pytest.raises(SessionFileError) as refused:
        decode(json.dumps(document).encode())
    assert [str(p) for p in refused.value.problems] == [
        "bodyWeightKg: 82.5 is not possible in version 0.1.0: "
        "a body weight needs dataModelVersion 0.2.0"
    ]


def test_csv_and_markdown_carry_it_there_and_back(tmp_path: Path) -> None:
    sessions = [weighed(1), weighed(2, kg=None), weighed(3, 83.25, group="A")]
    csv_path, md_path = tmp_path / "all.csv", tmp_path / "all.md"
    export_csv(sessions, csv_path)
    header = csv_path.read_text("utf-8").splitlines()[0].split(",")
    assert header[header.index("deload") + 1] == "body_weight_kg"
    export_markdown(sessions, md_path)
    assert "Body weight 83.25kg" in session_to_markdown(sessions[2])
    for path in (csv_path, md_path):
        batch = read_import([path], weight_unit="kg")
        assert not batch.rejected, batch.rejected
        back = sorted((s for _, s in batch.sessions), key=lambda s: s.date)
        assert [encode(s) for s in back] == [encode(s) for s in sessions], path.name


def test_notes_in_pounds_are_read_in_kilograms(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text(
        "# 2026-12-01 Upper\nPhase 1 · Body weight 181.5 lb\n\n## Barbell Bench Press\n- 185 x 5\n",
        encoding="utf-8",
    )
    batch = read_import([path], weight_unit="lb")
    ((_, session),) = batch.sessions
    assert session.body_weight_kg == pytest.approx(82.327, abs=1e-3)


def test_the_index_keeps_it_and_lists_the_log(logbook) -> None:
    for session in (weighed(1), weighed(2, kg=None), weighed(9, 81.0)):
        logbook.save(session)
    assert queries.load_session(weighed(1).id) == weighed(1)
    assert history_queries.body_weights() == [("2026-11-01", 82.5), ("2026-11-09", 81.0)]
    assert history_queries.body_weights("2026-11-02") == [("2026-11-09", 81.0)]
    saved_again = replace(weighed(1), body_weight_kg=None)
    logbook.save(saved_again)
    assert history_queries.body_weights() == [("2026-11-09", 81.0)]
