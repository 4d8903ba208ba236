"""How other apps spell an exercise, reduced to the words that say which exercise it is.

"Bench Press (Barbell)", "Barbell Bench-Press" and "Flat Barbell Bench Press" all come down
to the equipment {barbell} and the words "bench press"; "Pull-ups", "Pull Ups" and "pullup" to
"pullup"; "Tricep"/"Triceps", "Dumbell"/"Dumbbell", "Pulldown"/"Pull-down"/"Pull Down" to one
word each. Plain text in, plain text out: no catalogue here, only the reading of a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Word groups first, so that "smith machine" is not read as the word "machine".
_PHRASES = (
    (re.compile(r"\bplate[\s-]*loaded\b"), " machine "),
    (re.compile(r"\bmachine[\s-]*plates?\b"), " machine "),
    (re.compile(r"\bsmith[\s-]*machine\b"), " smith "),
    (re.compile(r"\be[\s-]*z[\s-]*(curl[\s-]*)?bar\b"), " ezbar "),
    (re.compile(r"\b(trap|hex)[\s-]*bar\b"), " trapbar "),
    (re.compile(r"\bbody[\s-]*weight\b"), " bodyweight "),
)

# Equipment words, in the form the catalogue's "equipment" field gives them.
EQUIPMENT_WORDS = {
    "barbell": "barbell",
    "dumbbell": "dumbbell",
    "cable": "cable",
    "machine": "machine",
    "kettlebell": "kettlebell",
    "smith": "smith-machine",
    "ezbar": "ez-bar",
    "trapbar": "trap-bar",
    "band": "band",
    "bodyweight": "bodyweight",
}
WORD_OF_EQUIPMENT = {kind: word for word, kind in EQUIPMENT_WORDS.items()}

# Other spellings of one word (before and after plurals are taken off).
_SAME_WORD = {
    "dumbell": "dumbbell",
    "dumbells": "dumbbell",
    "db": "dumbbell",
    "dbs": "dumbbell",
    "bb": "barbell",
    "kb": "kettlebell",
    "bw": "bodyweight",
    "banded": "band",
    "triceps": "tricep",
    "biceps": "bicep",
    "flye": "fly",
    "flyes": "fly",
    "flys": "fly",
    "flies": "fly",
    "calves": "calf",
    "legged": "leg",
    "skullcrushers": "skullcrusher",
    "pressup": "pushup",
    "hyper": "hyperextension",
    "woodchopper": "woodchop",
    "chop": "woodchop",
    "crossovers": "crossover",
}

# Two words that are one ("pull up" → "pullup"), after plurals are taken off.
_JOINED = {
    ("pull", "up"): "pullup",
    ("chin", "up"): "chinup",
    ("push", "up"): "pushup",
    ("press", "up"): "pushup",
    ("sit", "up"): "situp",
    ("step", "up"): "stepup",
    ("get", "up"): "getup",
    ("muscle", "up"): "muscleup",
    ("pull", "down"): "pulldown",
    ("push", "down"): "pushdown",
    ("press", "down"): "pushdown",
    ("pull", "over"): "pullover",
    ("pull", "through"): "pullthrough",
    ("pull", "apart"): "pullapart",
    ("skull", "crusher"): "skullcrusher",
    ("wood", "chop"): "woodchop",
    ("wood", "chopper"): "woodchop",
    ("cross", "over"): "crossover",
    ("roll", "out"): "rollout",
    ("kick", "back"): "kickback",
    ("hyper", "extension"): "hyperextension",
    ("t", "bar"): "tbar",
    ("v", "bar"): "vbar",
    ("ab", "wheel"): "abwheel",
}

# Words that say nothing about which exercise it is.
_FILLER = frozenset({"the", "a", "an", "with", "on", "and", "exercise", "conventional", "grip"})
# "Flat" says nothing on a bench ("Flat Barbell Bench Press"), but "Flat Knee Raise" is lying.
_FLAT_MEANS_NOTHING = frozenset({"bench", "press", "fly"})

_NOT_PLURAL = frozenset({"press", "abs", "cross", "across", "plus", "bus", "atlas"})


def singular(word: str) -> str:
    """ "raise" for "raises", "press" for "presses", "fly" for "flies"; short words stay."""
    if len(word) <= 2 or word in _NOT_PLURAL or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


def words_of(name: str) -> list[str]:
    """The name's words, lower-case, singular, each spelled one way."""
    text = name.casefold().replace("'", "").replace("\u2019", "")
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    raw = [w for w in re.split(r"[^0-9a-z]+", text) if w]
    words = [singular(_SAME_WORD.get(w, w)) for w in raw]
    words = [_SAME_WORD.get(w, w) for w in words]
    joined: list[str] = []
    for word in words:
        if joined and (joined[-1], word) in _JOINED:
            joined[-1] = _JOINED[(joined[-1], word)]
        else:
            joined.append(word)
    kept = [w for w in joined if w not in _FILLER]
    if _FLAT_MEANS_NOTHING.intersection(kept):
        kept = [w for w in kept if w != "flat"]  # a flat bench is the bench
    return kept


@dataclass(frozen=True)
class Spelling:
    """A name read as equipment (in any order, in or out of parentheses) and the other words."""

    equipment: frozenset[str]
    words: tuple[str, ...]

    @classmethod
    def of(cls, name: str) -> Spelling:
        all_words = words_of(name)
        equipment = frozenset(EQUIPMENT_WORDS[w] for w in all_words if w in EQUIPMENT_WORDS)
        words = tuple(w for w in all_words if w not in EQUIPMENT_WORDS)
        return cls(equipment, words)

    def with_equipment(self, equipment: frozenset[str]) -> Spelling:
        return Spelling(equipment, self.words)

    @property
    def key(self) -> str:
        """Equipment first, then the words in their order."""
        return f"{'+'.join(sorted(self.equipment))}|{' '.join(self.words)}"

    @property
    def sorted_key(self) -> str:
        """Equipment first, then the words in any order (the last resort)."""
        return f"{'+'.join(sorted(self.equipment))}|{' '.join(sorted(self.words))}"

    @property
    def words_key(self) -> str:
        """The words alone, in any order, whatever the equipment."""
        return " ".join(sorted(self.words))
