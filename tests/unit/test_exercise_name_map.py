"""The remembered exercise-name map: written next to the index, read back, forgiving of damage."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from traininglog.exercises.name_map import name_map_path, read_name_map, remember_names
from traininglog.importers.detect import read_import

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"


def test_nothing_remembered_is_an_empty_map(tmp_path: Path):
    assert read_name_map(tmp_path) == {}
    assert not name_map_path(tmp_path).exists()


def test_choices_are_written_as_json_and_read_back(tmp_path: Path):
    remember_names(
        tmp_path, {"Jefferson Curl": "Romanian Deadlift", "Zercher Carry": "Farmer Carry"}
    )
    document = json.loads((tmp_path / "exercise-names.json").read_text(encoding="utf-8"))
    assert document == {
        "exerciseNamesVersion": 1,
        "names": {"Jefferson Curl": "Romanian Deadlift", "Zercher Carry": "Farmer Carry"},
    }
    assert read_name_map(tmp_path) == document["names"]


def test_a_new_answer_replaces_the_old_one_however_the_name_is_spelled(tmp_path: Path):
    remember_names(tmp_path, {"Jefferson Curl": "Romanian Deadlift", "Nackenbrücke": "Neck Bridge"})
    names = remember_names(tmp_path, {"jefferson-curl ": "Good Morning"})
    assert names == {"jefferson-curl": "Good Morning", "Nackenbrücke": "Neck Bridge"}
    assert read_name_map(tmp_path) == names


@pytest.mark.parametrize("target", [None, "", "  ", "JEFFERSON CURL"])
def test_an_empty_answer_or_the_name_itself_forgets_it(tmp_path: Path, target):
    remember_names(tmp_path, {"Jefferson Curl": "Romanian Deadlift", "Plank": "Front Plank"})
    assert remember_names(tmp_path, {"Jefferson Curl": target}) == {"Plank": "Front Plank"}


def test_the_file_is_replaced_atomically(tmp_path: Path):
    remember_names(tmp_path, {"A": "Barbell Row"})
    remember_names(tmp_path, {"B": "Barbell Row"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exercise-names.json"]  # no temp files


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b'{"names": ["a"]}', b"\xff\xfe\x00garbage"],
)
def test_an_unreadable_file_is_set_aside_not_fatal(tmp_path: Path, content, caplog):
    name_map_path(tmp_path).write_bytes(content)
    with caplog.at_level(logging.WARNING):
        assert read_name_map(tmp_path) == {}
    assert (tmp_path / "exercise-names.json.unreadable").read_bytes() == content
    assert "exercise-names.json" in caplog.text
    # The next answers start a new map; the damaged one stays for the lifter to look at.
    assert remember_names(tmp_path, {"Jefferson Curl": "Romanian Deadlift"}) == {
        "Jefferson Curl": "Romanian Deadlift"
    }


def test_entries_that_are_not_names_are_ignored(tmp_path: Path):
    document = {"names": {"Jefferson Curl": "Romanian Deadlift", "Bad": 3, "Empty": " "}}
    name_map_path(tmp_path).write_text(json.dumps(document), encoding="utf-8")
    assert read_name_map(tmp_path) == {"Jefferson Curl": "Romanian Deadlift"}


def test_the_importers_apply_the_remembered_map(tmp_path: Path):
    remember_names(tmp_path, {"Jefferson Curl": "Romanian Deadlift"})
    path = FIXTURES / "strong_classic.csv"
    batch = read_import([path], weight_unit="kg", name_map=read_name_map(tmp_path))
    names = {e.name for _, s in batch.sessions for e in s.exercises}
    assert "Romanian Deadlift" in names and "Jefferson Curl" not in names
    assert "Jefferson Curl" not in batch.unmapped_names
