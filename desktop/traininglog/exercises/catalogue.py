"""The exercise catalogue that ships with the app, and finding an exercise by a few letters.

"bench" finds "Barbell Bench Press"; "pullup" finds "Pull-Up"; aliases such as
"Bench Press (Barbell)" lead to the catalogue's name. Exercises the lifter has used before
are searched too, so custom exercises complete like the rest.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..domain.names import name_key
from ..files.shipped import shipped_file

# The lifts most people log most: for a new lifter with no history of their own, "bench"
# should offer the barbell bench press before the bench dip.
STAPLES = frozenset(
    name_key(n)
    for n in (
        "Barbell Back Squat",
        "Barbell Bench Press",
        "Conventional Deadlift",
        "Barbell Overhead Press",
        "Barbell Row",
        "Pull-Up",
        "Chin-Up",
        "Romanian Deadlift",
        "Front Squat",
        "Incline Barbell Bench Press",
        "Dumbbell Bench Press",
        "Lat Pulldown",
        "Leg Press",
    )
)


@dataclass(frozen=True)
class CatalogueExercise:
    name: str
    aliases: tuple[str, ...]
    equipment: str
    primary_muscles: tuple[str, ...]
    secondary_muscles: tuple[str, ...]

    @property
    def target_muscle_groups(self) -> tuple[str, ...]:
        """What a session records as the exercise's targets: its primary muscles."""
        return self.primary_muscles


class Catalogue:
    """Look up exercises by name or alias, and search them by what was typed."""

    def __init__(self, exercises: Iterable[CatalogueExercise]):
        self.exercises = tuple(exercises)

    @functools.cached_property
    def _by_key(self) -> dict[str, CatalogueExercise]:
        by_key: dict[str, CatalogueExercise] = {}
        for exercise in self.exercises:
            for spelling in (exercise.name, *exercise.aliases):
                by_key.setdefault(name_key(spelling), exercise)
        return by_key

    @functools.cached_property
    def _spellings(self) -> list[tuple[_Spelling, str, bool]]:
        """(spelling, the name it stands for, is an alias): keyed at the first search, not at
        start-up, and reused for every keystroke after."""
        return [
            (_Spelling.of(spelling), exercise.name, spelling != exercise.name)
            for exercise in self.exercises
            for spelling in (exercise.name, *exercise.aliases)
        ]

    def find(self, name: str) -> CatalogueExercise | None:
        """The catalogue entry a name or alias means, ignoring case and punctuation."""
        return self._by_key.get(name_key(name))

    def with_secondary_muscle(self, muscle: str) -> list[str]:
        """Every name and alias of the exercises that work `muscle` as a secondary muscle."""
        return [
            spelling
            for exercise in self.exercises
            if muscle in exercise.secondary_muscles
            for spelling in (exercise.name, *exercise.aliases)
        ]

    def search(self, typed: str, used: Iterable[str] = (), limit: int = 12) -> list[str]:
        """Names that match what was typed, best first; used names come before unused ones."""
        words = [name_key(w) for w in typed.split() if name_key(w)]
        if not words:
            return []
        used_names = list(dict.fromkeys(used))
        used_keys = {name_key(n) for n in used_names}
        candidates: dict[str, tuple] = {}
        spellings = [(_Spelling.of(n), n, False) for n in used_names] + self._spellings
        for spelling, shown, is_alias in spellings:
            rank = _rank(spelling, words)
            if rank is None:
                continue
            shown_key = name_key(shown)
            rank = (
                shown_key not in used_keys,
                spelling.key != "".join(words),  # "deadlift" is an alias of one exercise
                rank[0] == 2,  # a match inside a word ("flat" for "lat") comes last
                shown_key not in STAPLES,
                is_alias,
                *rank,
                len(shown),
            )
            if shown not in candidates or rank < candidates[shown]:
                candidates[shown] = rank
        best = sorted(candidates, key=lambda name: (candidates[name], name))
        seen_keys: set[str] = set()
        unique = []
        for name in best:
            if name_key(name) not in seen_keys:
                seen_keys.add(name_key(name))
                unique.append(name)
        return unique[:limit]


@dataclass(frozen=True)
class _Spelling:
    key: str
    word_keys: tuple[str, ...]

    @classmethod
    def of(cls, spelling: str) -> _Spelling:
        words = tuple(name_key(w) for w in spelling.replace("-", " ").split())
        return cls(name_key(spelling), words)


def _rank(spelling: _Spelling, words: list[str]) -> tuple[int, int] | None:
    """None when a typed word is not in the spelling; else (how it matched, where)."""
    key, word_keys = spelling.key, spelling.word_keys
    if any(w not in key for w in words):
        return None
    if key.startswith("".join(words)):
        return (0, 0)
    if all(any(wk.startswith(w) for wk in word_keys) for w in words):
        return (1, key.find(words[0]))
    return (2, key.find(words[0]))


@functools.cache
def shipped_catalogue() -> Catalogue:
    """The catalogue in data/exercises.json, read once."""
    with open(shipped_file("data", "exercises.json"), encoding="utf-8") as f:
        document = json.load(f)
    return Catalogue(
        CatalogueExercise(
            name=item["name"],
            aliases=tuple(item.get("aliases", ())),
            equipment=item.get("equipment", "other"),
            primary_muscles=tuple(item.get("primaryMuscles", ())),
            secondary_muscles=tuple(item.get("secondaryMuscles", ())),
        )
        for item in document["exercises"]
    )
