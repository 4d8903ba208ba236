"""Exercise names from other apps, matched to the catalogue ("Bench Press (Barbell)" →
"Barbell Bench Press") or to the lifter's own mapping; anything else stays as written.

A written name is tried against the catalogue's names and aliases in this order, the first
that gives exactly one exercise wins:

1. the same letters and digits (case, spaces and punctuation ignored);
2. the same equipment and the same words in the same order, once spellings are made one
   ("Flat Barbell Bench Press" = "Bench Press (Barbell)", "Pull-ups" = "Pull Up"); a name with
   no equipment word also stands for itself with the catalogue entry's equipment
   ("Leg Extension Machine" = "Leg Extension");
3. the same equipment and the same words in any order;
4. the same words, when the name says no equipment or only "machine"/"cable" and the one
   exercise with those words is a machine or cable one (the apps use the two for the same
   stations: Hevy's "Lat Pulldown (Machine)" is the cable pulldown). "Incline Press" is not
   guessed to be the dumbbell one, though that is the only "incline press" alias.

Words are never dropped to make a match: "Incline Bench Press" never becomes the flat
"Barbell Bench Press", and "Pull Up (Assisted)" is the assisted pull-up, not the pull-up.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from ..domain.names import name_key
from ..domain.vocabulary import MUSCLE_GROUPS
from ..files.shipped import shipped_file
from .spelling import WORD_OF_EQUIPMENT, Spelling


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


# Equipment the apps use for the same stations: a name may say one where the catalogue says
# the other (rule 4 above).
_STATIONS = frozenset({"machine", "cable"})


@lru_cache(maxsize=1)
def _entries() -> tuple[dict, ...]:
    with shipped_file("data", "exercises.json").open(encoding="utf-8") as handle:
        return tuple(json.load(handle)["exercises"])


@lru_cache(maxsize=1)
def catalogue() -> dict[str, KnownExercise]:
    """The shipped catalogue keyed by `name_key` of every name and alias."""
    by_key: dict[str, KnownExercise] = {}
    for entry in _entries():
        known = _known(entry)
        for label in (entry["name"], *entry["aliases"]):
            by_key.setdefault(name_key(label), known)
    return by_key


def _known(entry: dict) -> KnownExercise:
    muscles = tuple(m for m in entry["primaryMuscles"] if m in MUSCLE_GROUPS)
    return KnownExercise(entry["name"], muscles)


class _SpellingIndex:
    """The catalogue's names and aliases read as `Spelling`s, keyed for rules 2 to 4."""

    def __init__(self, entries: tuple[dict, ...]):
        self.ordered: dict[str, KnownExercise | None] = {}
        self.any_order: dict[str, KnownExercise | None] = {}
        self.words: dict[str, set[tuple[KnownExercise, str]]] = {}
        for entry in entries:
            known = _known(entry)
            kind = entry.get("equipment", "other")
            for label in (entry["name"], *entry["aliases"]):
                spelling = Spelling.of(label)
                if not spelling.words:
                    continue
                forms = [spelling]
                if not spelling.equipment and kind in WORD_OF_EQUIPMENT:
                    forms.append(spelling.with_equipment(frozenset({kind})))
                for form in forms:
                    _add_unique(self.ordered, form.key, known)
                    _add_unique(self.any_order, form.sorted_key, known)
                self.words.setdefault(spelling.words_key, set()).add((known, kind))

    def find(self, written: str) -> KnownExercise | None:
        spelling = Spelling.of(written)
        if not spelling.words:
            return None
        for table, key in ((self.ordered, spelling.key), (self.any_order, spelling.sorted_key)):
            found = table.get(key)
            if found is not None:
                return found
        if not spelling.equipment <= _STATIONS:
            return None
        candidates = self.words.get(spelling.words_key, set())
        exercises = {known for known, _ in candidates}
        if len(exercises) != 1 or not all(kind in _STATIONS for _, kind in candidates):
            return None
        return next(iter(exercises))


def _add_unique(table: dict[str, KnownExercise | None], key: str, known: KnownExercise) -> None:
    """Keep a key only while one exercise has it; two make it ambiguous (None)."""
    if key in table and table[key] != known:
        table[key] = None
    else:
        table.setdefault(key, known)


@lru_cache(maxsize=1)
def _spelling_index() -> _SpellingIndex:
    return _SpellingIndex(_entries())


def find_in_catalogue(written: str) -> KnownExercise | None:
    """The catalogue exercise a name means, by the rules above; None when none or unsure."""
    key = name_key(written)
    if not key:
        return None
    found = catalogue().get(key)
    return found if found is not None else _spelling_index().find(written)


class ExerciseNames:
    """Turns names as another app wrote them into the names this log stores.

    A lifter's `name_map` (written name → name to use) wins over the catalogue; both are
    compared by `name_key`, so case, spaces and punctuation do not matter.
    """

    def __init__(self, name_map: Mapping[str, str] | None = None):
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
            entry = find_in_catalogue(target)
            if entry is not None:
                return MatchedName(entry.name, entry.primary_muscles, True)
            return MatchedName(target, (), True)
        entry = find_in_catalogue(written)
        if entry is not None:
            return MatchedName(entry.name, entry.primary_muscles, True)
        return MatchedName(written.strip(), (), False)


def find_exercise(typed: str, stored: Iterable[str]) -> str | None:
    """The exercise a typed name means, as the log stores it, by any name the importers know.

    `stored` are the names in the log. Case and punctuation never matter; a catalogue alias
    or another app's name leads to the catalogue name; a lifter's own exercise is found by its
    words too ("jefferson curls" for "Jefferson Curl"). None when nothing is meant for sure.
    """
    by_key = {name_key(name): name for name in stored}
    key = name_key(typed)
    if not key:
        return None
    if key in by_key:
        return by_key[key]
    known = find_in_catalogue(typed)
    if known is not None:
        return by_key.get(name_key(known.name), known.name)
    spelling = Spelling.of(typed)
    for attribute in ("key", "sorted_key"):
        wanted = getattr(spelling, attribute)
        found = {n for n in by_key.values() if getattr(Spelling.of(n), attribute) == wanted}
        if len(found) == 1:
            return found.pop()
    return None


def close_names(typed: str, stored: Iterable[str], limit: int = 5) -> list[str]:
    """Names near a typed one that means none: the log's and the catalogue's, closest first."""
    stored = list(stored)
    spellings: dict[str, str] = {}
    for name in stored:
        spellings.setdefault(name.casefold(), name)
    for entry in _entries():
        for label in (entry["name"], *entry["aliases"]):
            spellings.setdefault(label.casefold(), entry["name"])
    close = difflib.get_close_matches(typed.casefold(), spellings, n=limit * 4, cutoff=0.6)
    words = set(Spelling.of(typed).words)
    if words:
        close += sorted((s for s in spellings if words <= set(Spelling.of(s).words)), key=len)
    names = list(dict.fromkeys(spellings[s] for s in close))
    logged = set(stored)
    return sorted(names, key=lambda name: name not in logged)[:limit]  # the log's first
