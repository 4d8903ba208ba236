"""Sanity checks for the bundled exercise catalogue, data/exercises.json."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

CATALOGUE_PATH = Path(__file__).resolve().parents[2] / "data" / "exercises.json"

MUSCLE_GROUPS = (
    "chest",
    "lats",
    "upper-back",
    "traps",
    "front-delts",
    "side-delts",
    "rear-delts",
    "biceps",
    "triceps",
    "forearms",
    "abs",
    "obliques",
    "lower-back",
    "glutes",
    "quads",
    "hamstrings",
    "adductors",
    "abductors",
    "calves",
    "neck",
)

BIG_LIFTS = (
    "Barbell Back Squat",
    "Barbell Bench Press",
    "Conventional Deadlift",
    "Barbell Overhead Press",
    "Barbell Row",
)


def _normalise(text: str) -> str:
    """Lowercase and drop everything that is not a letter or digit."""
    return re.sub(r"[^0-9a-z]", "", text.casefold())


@pytest.fixture(scope="module")
def catalogue() -> dict:
    with CATALOGUE_PATH.open(encoding="utf-8") as fh:
        return json.load(fh)


@pytest.fixture(scope="module")
def exercises(catalogue: dict) -> list[dict]:
    return catalogue["exercises"]


def test_file_is_utf8_with_trailing_newline() -> None:
    raw = CATALOGUE_PATH.read_bytes()
    raw.decode("utf-8")
    assert raw.endswith(b"\n"), "exercises.json must end with a newline"


def test_top_level_shape(catalogue: dict) -> None:
    assert isinstance(catalogue["catalogueVersion"], int)
    assert catalogue["catalogueVersion"] >= 1
    equipment = catalogue["equipment"]
    assert equipment, "equipment list is empty"
    assert len(set(equipment)) == len(equipment), "equipment list has duplicates"
    assert isinstance(catalogue["exercises"], list)


def test_has_enough_exercises(exercises: list[dict]) -> None:
    assert len(exercises) >= 120, f"only {len(exercises)} exercises in the catalogue"


def test_exercise_fields(exercises: list[dict]) -> None:
    expected = {"name", "aliases", "equipment", "primaryMuscles", "secondaryMuscles"}
    for ex in exercises:
        name = ex.get("name")
        assert isinstance(name, str), f"exercise without a string name: {ex!r}"
        assert name.strip() == name, f"{name!r}: name has surrounding whitespace"
        assert name, "exercise with an empty name"
        assert set(ex) == expected, f"{name!r}: unexpected keys {sorted(set(ex) ^ expected)}"
        assert isinstance(ex["aliases"], list), f"{name!r}: aliases is not a list"
        # Spellings ("Pull-ups", "Bench Press (Barbell)") are matched without aliases; these
        # are for other names of the same lift, and a handful is enough.
        assert len(ex["aliases"]) <= 8, f"{name!r}: more than 8 aliases"
        for alias in ex["aliases"]:
            assert isinstance(alias, str), f"{name!r}: non-string alias {alias!r}"
            assert alias, f"{name!r}: empty alias"
            assert alias.strip() == alias, f"{name!r}: alias {alias!r} has surrounding whitespace"


def test_names_unique_case_insensitively(exercises: list[dict]) -> None:
    seen: dict[str, str] = {}
    for ex in exercises:
        key = ex["name"].casefold()
        assert key not in seen, f"{ex['name']!r} duplicates {seen[key]!r}"
        seen[key] = ex["name"]


def test_aliases_do_not_collide(exercises: list[dict]) -> None:
    # Every normalised name/alias must belong to exactly one exercise. An alias may
    # normalise to its own exercise's name (e.g. "Pull Up" for "Pull-Up").
    owner: dict[str, tuple[str, str]] = {}
    for ex in exercises:
        name = ex["name"]
        labels = [name, *ex["aliases"]]
        own: dict[str, str] = {}
        for label in labels:
            key = _normalise(label)
            assert key, f"{name!r}: {label!r} normalises to an empty string"
            own.setdefault(key, label)
        for key, label in own.items():
            if key in owner:
                other_name, other_label = owner[key]
                pytest.fail(f"{name!r}: {label!r} collides with {other_label!r} of {other_name!r}")
        for key, label in own.items():
            owner[key] = (name, label)

        # Within one exercise, aliases must not repeat each other or the name.
        folded = [a.casefold() for a in ex["aliases"]]
        assert len(set(folded)) == len(folded), f"{name!r}: duplicate aliases"
        assert name.casefold() not in folded, f"{name!r}: alias repeats the name"


def test_equipment_values_are_known(catalogue: dict, exercises: list[dict]) -> None:
    allowed = set(catalogue["equipment"])
    for ex in exercises:
        assert isinstance(ex["equipment"], str), f"{ex['name']!r}: equipment is not a string"
        assert ex["equipment"] in allowed, f"{ex['name']!r}: unknown equipment {ex['equipment']!r}"


def test_muscle_groups(exercises: list[dict]) -> None:
    vocabulary = set(MUSCLE_GROUPS)
    for ex in exercises:
        name = ex["name"]
        primary = ex["primaryMuscles"]
        secondary = ex["secondaryMuscles"]
        assert 1 <= len(primary) <= 3, f"{name!r}: needs 1-3 primary muscles, has {primary}"
        assert len(secondary) <= 4, f"{name!r}: more than 4 secondary muscles: {secondary}"
        assert len(set(primary)) == len(primary), f"{name!r}: repeated primary muscle"
        assert len(set(secondary)) == len(secondary), f"{name!r}: repeated secondary muscle"
        unknown = (set(primary) | set(secondary)) - vocabulary
        assert not unknown, f"{name!r}: unknown muscle groups {sorted(unknown)}"
        overlap = set(primary) & set(secondary)
        assert not overlap, f"{name!r}: {sorted(overlap)} listed as primary and secondary"


def test_sorted_by_name(exercises: list[dict]) -> None:
    names = [ex["name"] for ex in exercises]
    for before, after in itertools.pairwise(names):
        assert before.casefold() <= after.casefold(), (
            f"{after!r} is out of order: it comes after {before!r}"
        )


@pytest.mark.parametrize("lift", BIG_LIFTS)
def test_big_lifts_present(exercises: list[dict], lift: str) -> None:
    names = {ex["name"] for ex in exercises}
    assert lift in names, f"{lift!r} is missing from the catalogue"
