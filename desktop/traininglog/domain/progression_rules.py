"""The progression rules file as text: `progression_rules.json` in the data folder maps
exercise names to the rule each follows, with its parameters. This module reads and writes
that text (no file I/O: `datafolder.progression_rules_file` does that).

Reading is strict: every problem is named by its JSON path and the rule broken, e.g.
`rules["Barbell Squat"].increment: -2.5 is less than the minimum 0`, and all of them are
reported at once. Writing is canonical (sorted keys, 2-space indent, a trailing newline), so a
file read and written again comes back byte for byte. Numbers are exact: 2.5 is 5/2.

    {
      "rules": {
        "Barbell Squat": {
          "deloadPercent": 10, "failuresBeforeDeload": 3, "increment": 2.5, "reps": 5,
          "rule": "fixed-increment", "sets": 3, "unit": "kg"
        }
      },
      "rulesVersion": 1
    }
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from .exact import UNITS, shown
from .limits import MAX_NAME_CHARS
from .names import name_key
from .plates import ROUNDINGS
from .progression import (
    DeloadWeeks,
    DoubleProgression,
    FixedIncrement,
    Rule,
    TrainingMaxWeeks,
    WeekSet,
)
from .validation import Problem, has_lone_surrogate

RULES_FILE_NAME = "progression_rules.json"
RULES_VERSION = 1
MAX_WEEKS = 52
MAX_SETS_A_WEEK = 20
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class InvalidRules(ValueError):
    """A rules document that breaks one or more rules; `problems` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class _Field:
    """One parameter of a rule: its key in the file, its attribute, what it holds."""

    key: str
    attr: str
    kind: str  # "whole", "number", "choice", "day", "weeks", "rule"
    low: Fraction | int = 0
    high: Fraction | int = 0
    choices: tuple[str, ...] = ()
    optional: bool = False


_UNIT = _Field("unit", "unit", "choice", choices=UNITS)
_SETS = _Field("sets", "sets", "whole", 1, 50)
_START = _Field("startWeight", "start_weight", "number", 0, 2500, optional=True)
_INCREMENT = _Field("increment", "increment", "number", 0, 100)

_RULES: dict[str, tuple[type, tuple[_Field, ...]]] = {
    DoubleProgression.kind: (
        DoubleProgression,
        (
            _Field("repsLow", "reps_low", "whole", 1, 100),
            _Field("repsHigh", "reps_high", "whole", 1, 100),
            _INCREMENT,
            _SETS,
            _START,
            _UNIT,
        ),
    ),
    FixedIncrement.kind: (
        FixedIncrement,
        (
            _INCREMENT,
            _Field("reps", "reps", "whole", 1, 100),
            _SETS,
            _Field("failuresBeforeDeload", "failures_before_deload", "whole", 1, 20),
            _Field("deloadPercent", "deload_percent", "number", 0, 90),
            _START,
            _UNIT,
        ),
    ),
    TrainingMaxWeeks.kind: (
        TrainingMaxWeeks,
        (
            _Field("trainingMax", "training_max", "number", 1, 2500),
            _Field("weeks", "weeks", "weeks"),
            _Field("cycleIncrement", "cycle_increment", "number", 0, 100),
            _Field("rounding", "rounding", "choice", choices=ROUNDINGS),
            _Field("since", "since", "day", optional=True),
            _UNIT,
        ),
    ),
    DeloadWeeks.kind: (
        DeloadWeeks,
        (
            _Field("of", "rule", "rule"),
            _Field("every", "every", "whole", 2, 52),
            _Field("percent", "percent", "number", 1, 100),
        ),
    ),
}
RULE_NAMES = tuple(_RULES)
_WRAPPED = tuple(name for name in RULE_NAMES if name != DeloadWeeks.kind)


# -- reading -------------------------------------------------------------------------------------


class _Object(dict):
    """A JSON object that remembers the keys written in it more than once."""

    twice: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    found = _Object(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        twice = []
        for key, _ in pairs:
            if key in seen:
                twice.append(key)
            seen.add(key)
        found.twice = tuple(twice)
    return found


def _not_a_constant(name: str) -> float:
    return float(name)  # NaN, Infinity: read, then refused as not a finite number by the checks


def parse_rules(text: str | bytes) -> dict[str, Rule]:
    """The rules a document holds, by exercise name as written; raises InvalidRules naming
    every problem by its JSON path."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            where = f"byte {error.start + 1} cannot be read"
            raise InvalidRules([Problem("", f"is not UTF-8 text ({where})")]) from None
    try:
        doc = json.loads(
            text, parse_float=Fraction, parse_constant=_not_a_constant, object_pairs_hook=_object
        )
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InvalidRules([Problem("", f"is not valid JSON: {error.msg} at {where}")]) from None
    except (ValueError, RecursionError) as error:
        raise InvalidRules([Problem("", f"is not valid JSON: {error}")]) from None
    reader = _Reader()
    rules = reader.document(doc)
    if reader.problems:
        raise InvalidRules(reader.problems)
    return rules


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def document(self, doc: object) -> dict[str, Rule]:
        if not self.keys(doc, "", ("rules", "rulesVersion"), (), "the rules file"):
            return {}
        assert isinstance(doc, dict)
        version = self.whole(doc["rulesVersion"], "rulesVersion", 1, None)
        if version is not None and version > RULES_VERSION:
            self.fail("rulesVersion", f"{version} is newer than this app reads ({RULES_VERSION})")
            return {}
        named = doc["rules"]
        if not isinstance(named, dict):
            self.fail("rules", f"is {_json_type(named)}, expected an object of exercise names")
            return {}
        for name in getattr(named, "twice", ()):
            self.fail(_named(name), _TWICE)
        rules: dict[str, Rule] = {}
        first_of: dict[str, str] = {}
        for name, value in named.items():
            at = _named(name)
            if not name.strip() or len(name) > MAX_NAME_CHARS or has_lone_surrogate(name):
                self.fail(at, f"is not an exercise name (1 to {MAX_NAME_CHARS} characters)")
                continue
            key = name_key(name)
            if key in first_of:
                self.fail(at, f"is the same exercise as {_named(first_of[key])}")
                continue
            first_of[key] = name
            rule = self.rule(value, at, RULE_NAMES)
            if rule is not None:
                rules[name] = rule
        return rules

    def rule(self, value: object, at: str, allowed: tuple[str, ...]) -> Rule | None:
        if not isinstance(value, dict):
            self.fail(at, f"is {_json_type(value)}, expected a rule (an object)")
            return None
        kind = value.get("rule")
        if "rule" not in value:
            self.fail(f"{at}.rule", f"is missing; one of: {', '.join(allowed)}")
            return None
        if kind not in allowed or not isinstance(kind, str):
            self.fail(f"{at}.rule", f"{_shown(kind)} is not one of: {', '.join(allowed)}")
            return None
        make, fields = _RULES[kind]
        required = tuple(f.key for f in fields if not f.optional)
        optional = tuple(f.key for f in fields if f.optional)
        before = len(self.problems)
        if not self.keys(value, at, ("rule", *required), optional, f"a {kind} rule"):
            return None
        args = {}
        for spec in fields:
            if spec.key in value:
                args[spec.attr] = self.value(spec, value[spec.key], f"{at}.{spec.key}")
        if len(self.problems) > before:
            return None
        if kind == DoubleProgression.kind and args["reps_high"] < args["reps_low"]:
            low, high = args["reps_low"], args["reps_high"]
            self.fail(f"{at}.repsHigh", f"{high} is less than repsLow {low}")
            return None
        try:
            return make(**args)
        except ValueError as error:  # a rule between parameters the checks above do not know
            self.fail(at, str(error))
            return None

    def value(self, spec: _Field, value: object, at: str) -> Any:
        if spec.kind == "whole":
            return self.whole(value, at, spec.low, spec.high)
        if spec.kind == "number":
            return self.number(value, at, spec.low, spec.high)
        if spec.kind == "choice":
            if not isinstance(value, str) or value not in spec.choices:
                self.fail(at, f"{_shown(value)} is not one of: {', '.join(spec.choices)}")
                return None
            return value
        if spec.kind == "day":
            return self.day(value, at)
        if spec.kind == "weeks":
            return self.weeks(value, at)
        return self.rule(value, at, _WRAPPED)

    def keys(
        self,
        value: object,
        at: str,
        required: tuple[str, ...],
        optional: tuple[str, ...],
        what: str,
    ) -> bool:
        if not isinstance(value, dict):
            self.fail(at, f"is {_json_type(value)}, expected {what} (an object)")
            return False
        self.twice(value, at)
        ok = True
        for key in required:
            if key not in value:
                self.fail(_join(at, key), "is missing")
                ok = False
        for key in value:
            if key not in required and key not in optional:
                self.fail(_join(at, key), f"is not a field of {what}")
                ok = False
        return ok and not getattr(value, "twice", ())

    def twice(self, value: dict, at: str) -> None:
        for key in getattr(value, "twice", ()):
            self.fail(_join(at, key), _TWICE)

    def number(self, value: object, at: str, low: Fraction | int, high: Fraction | int) -> Any:
        if isinstance(value, float):  # only NaN and ±Infinity are read as floats
            name = "NaN" if value != value else ("Infinity" if value > 0 else "-Infinity")
            self.fail(at, f"{name} is not a finite number")
            return None
        if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
            self.fail(at, f"{_shown(value)} is not a number")
            return None
        if value < low:
            self.fail(at, f"{shown(Fraction(value))} is less than the minimum {low}")
            return None
        if value > high:
            self.fail(at, f"{shown(Fraction(value))} is greater than the maximum {high}")
            return None
        return Fraction(value)

    def whole(
        self, value: object, at: str, low: Fraction | int, high: Fraction | int | None
    ) -> Any:
        if isinstance(value, Fraction) and value.denominator == 1:
            value = int(value)  # 5.0 is a whole number, as JSON Schema counts them
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(at, f"{_shown(value)} is not a whole number")
            return None
        if value < low:
            self.fail(at, f"{value} is less than the minimum {low}")
            return None
        if high is not None and value > high:
            self.fail(at, f"{value} is greater than the maximum {high}")
            return None
        return value

    def day(self, value: object, at: str) -> date | None:
        if isinstance(value, str) and _DAY.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(at, f"{_shown(value)} is not a day written YYYY-MM-DD")
        return None

    def weeks(self, value: object, at: str) -> tuple[tuple[WeekSet, ...], ...] | None:
        weeks = self.array(value, at, MAX_WEEKS)
        out = []
        for n, week in enumerate(weeks):
            sets = self.array(week, f"{at}[{n}]", MAX_SETS_A_WEEK)
            found = []
            for m, item in enumerate(sets):
                where = f"{at}[{n}][{m}]"
                if self.keys(item, where, ("percent", "reps"), (), "a week's set"):
                    assert isinstance(item, dict)
                    percent = self.number(item["percent"], f"{where}.percent", 1, 200)
                    reps = self.whole(item["reps"], f"{where}.reps", 1, 100)
                    if percent is not None and reps is not None:
                        found.append(WeekSet(percent, reps))
            out.append(tuple(found))
        return tuple(out)

    def array(self, value: object, at: str, most: int) -> list:
        if not isinstance(value, list):
            self.fail(at, f"is {_json_type(value)}, expected an array")
            return []
        if not 1 <= len(value) <= most:
            self.fail(at, f"has {len(value)} items; 1 to {most}")
            return []
        return value


# -- writing -------------------------------------------------------------------------------------


def rules_document(rules: Mapping[str, Rule]) -> dict[str, Any]:
    """The rules as a JSON-ready document (numbers as int or float, days as text)."""
    return {
        "rules": {name: _rule_document(rule) for name, rule in rules.items()},
        "rulesVersion": RULES_VERSION,
    }


def rules_text(rules: Mapping[str, Rule]) -> str:
    """The file's canonical text: sorted keys, 2-space indent, UTF-8 as is, a final newline."""
    return json.dumps(rules_document(rules), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def rule_for(rules: Mapping[str, Rule], exercise: str) -> Rule | None:
    """The rule of an exercise, its name matched in any case and spelling of spaces."""
    key = name_key(exercise)
    return next((rule for name, rule in rules.items() if name_key(name) == key), None)


def _rule_document(rule: Rule) -> dict[str, Any]:
    for kind, (make, fields) in _RULES.items():
        if type(rule) is make:
            doc: dict[str, Any] = {"rule": kind}
            for spec in fields:
                value = getattr(rule, spec.attr)
                if value is None and spec.optional:
                    continue
                doc[spec.key] = _WRITERS.get(spec.kind, _as_is)(value)
            return doc
    raise TypeError(f"{rule!r} is not a progression rule")


def _number(value: Fraction) -> int | float:
    """A number JSON holds exactly: an int, or a float whose shortest text is the value."""
    if value.denominator == 1:
        return value.numerator
    as_float = float(value)
    if Fraction(repr(as_float)) != value:
        raise ValueError(f"{value} has no exact decimal form to write")
    return as_float


def _as_is(value: Any) -> Any:
    return value


_WRITERS: dict[str, Callable[[Any], Any]] = {
    "number": _number,
    "day": date.isoformat,
    "weeks": lambda weeks: [
        [{"percent": _number(s.percent), "reps": s.reps} for s in week] for week in weeks
    ],
    "rule": _rule_document,
}


_TWICE = "is written twice in one object; which one is meant can't be told"


def _named(name: str) -> str:
    """The path of an exercise's rule: `rules["Barbell Squat"]`."""
    return f"rules[{json.dumps(name, ensure_ascii=False)}]"


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float, Fraction)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _shown(value: object) -> str:
    if isinstance(value, str):
        text = repr(value)
    elif isinstance(value, Fraction):
        text = shown(value)
    elif isinstance(value, bool):
        text = "true" if value else "false"
    elif value is None:
        text = "null"
    elif isinstance(value, (dict, list)):
        text = _json_type(value)
    else:
        text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"
