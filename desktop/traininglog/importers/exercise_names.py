"""Exercise names from other apps, matched to the catalogue ("Bench Press (Barbell)" →
"Barbell Bench Press") or to the lifter's own mapping; anything else stays as written."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..domain.names import name_key
from ..domain.vocabulary import MUSCLE_GROUPS
from ..locations import shipped_file


@dataclass(frozen=True)
class KnownExercise:
    """A catalogue exercise: its name and the muscles it mainly trains."""

    name: str
    primary_muscles: tuple[str, ...]


@dataclass(frozen=True)
class MatchedName:
    """What a written name became: the name to store, its muscles, and whether it was known."""

    name: str
    target_muscle_groups: tuple[str, ...]
    known: bool


@lru_cache(maxsize=1)
def catalogue() -> dict[str, KnownExercise]:
    """The shipped catalogue keyed by `name_key` of every name and alias."""
    with shipped_file("data", "exercises.json").open(encoding="utf-8") as handle:
        entries = json.load(handle)["exercises"]
    by_key: dict[str, KnownExercise] = {}
    for entry in entries:
        muscles = tuple(m for m in entry["primaryMuscles"] if m in MUSCLE_GROUPS)
        known = KnownExercise(entry["name"], muscles)
        for label in (entry["name"], *entry["aliases"]):
            by_key.setdefault(name_key(label), known)
    return by_key


class ExerciseNames:
    """Turns names as another app wrote them into the names this log stores.

    A lifter's `name_map` (written name → name to use) wins over the catalogue; both are
    compared by `name_key`, so case, spaces and punctuation do not matter.
    """

    def __init__(self, name_map: Mapping[str, str] | None = None):
        self._known = catalogue()
        self._map = {name_key(k): v.strip() for k, v in (name_map or {}).items() if v.strip()}
        self._cache: dict[str, MatchedName] = {}

    def match(self, written: str) -> MatchedName:
        """The stored name and muscles for a written name; `known` is False when unmatched."""
        found = self._cache.get(written)
        if found is None:
            found = self._cache[written] = self._match(written)
        return found

    def _match(self, written: str) -> MatchedName:
        key = name_key(written)
        target = self._map.get(key)
        if target is not None:
            entry = self._known.get(name_key(target))
            if entry is not None:
                return MatchedName(entry.name, entry.primary_muscles, True)
            return MatchedName(target, (), True)
        entry = self._known.get(key) if key else None
        if entry is not None:
            return MatchedName(entry.name, entry.primary_muscles, True)
        return MatchedName(written.strip(), (), False)
