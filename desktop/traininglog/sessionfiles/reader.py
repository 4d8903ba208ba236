"""Read a session document strictly: every rule of the published schema, with JSON paths.

This is the schema's rules written out by hand. jsonschema needs about 5 ms for a typical
session, which would make rebuilding 5,000 files take half a minute; this reader needs a
fraction of that. `tests/unit/test_reader_matches_schema.py` proves the two agree on
generated and mutated documents, so the schema file stays the single published contract.
"""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any

from ..domain import (
    DATA_MODEL_TYPE,
    DATA_MODEL_VERSION,
    Exercise,
    Problem,
    Session,
    WarmupSet,
    WorkingSet,
    limits,
)
from ..domain.validation import NOT_UNICODE, has_lone_surrogate, numbering_problems
from ..domain.vocabulary import MUSCLE_GROUPS, REP_ASSESSMENTS

SESSION_KEYS = (
    "dataModelVersion",
    "dataModelType",
    "_id",
    "userId",
    "userName",
    "date",
    "phase",
    "week",
    "isDeloadWeek",
    "focus",
    "exercises",
)
EXERCISE_KEYS = ("Order", "Name", "targetMuscleGroups", "warmupSets", "workingSets")
WARMUP_KEYS = ("set", "weightKg", "repCount", "notes")
WORKING_KEYS = (
    "set",
    "weightKg",
    "repCount",
    "rpe",
    "repAssessment",
    "actualRestMinutes",
    "notes",
)
REP_COUNT_KEYS = ("full", "partial")

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_NAIVE = re.compile(
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(\.[0-9]{1,6})?$"
)
_RFC3339 = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)
# Stands for a key that is absent: `fields` reports it once, the value checks stay quiet.
MISSING = object()

DATE_EXPECTED = "a date and time like 2026-02-16T23:34:50 or 2026-02-16T23:34:50+01:00"


class SessionFileError(ValueError):
    """A document that is not a valid session; `problems` says every reason, with JSON paths."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


class NewerFormatError(SessionFileError):
    """A document written by a newer Training Log; it is refused, never half-read."""


def version_tuple(text: str) -> tuple[int, ...] | None:
    """(0, 0, 1) for "0.0.1"; None when the text is not a dotted version."""
    parts = text.split(".")
    # ASCII digits only: str.isdigit() is also true for "²", which int() cannot read.
    if not all(re.fullmatch(r"[0-9]{1,100}", part) for part in parts):
        return None
    return tuple(int(part) for part in parts)


def parse_date(text: str) -> datetime | None:
    """The session time from either accepted form, or None when it is neither."""
    # fullmatch: `$` alone would also match before a trailing newline.
    if not (_NAIVE.fullmatch(text) or _RFC3339.fullmatch(text)):
        return None
    normal = text.upper().replace("Z", "+00:00")
    fraction = re.search(r"\.([0-9]+)", normal)
    if fraction:  # RFC 3339 allows more digits than Python keeps; Python 3.10 wants 3 or 6
        normal = normal.replace(fraction.group(0), "." + fraction.group(1)[:6].ljust(6, "0"), 1)
    try:
        return datetime.fromisoformat(normal)
    except ValueError:
        return None


def from_document(doc: object) -> Session:
    """The session a parsed JSON document describes; raises SessionFileError with every problem."""
    if not isinstance(doc, dict):
        raise SessionFileError([Problem("", f"the document is {_json_type(doc)}, not an object")])
    _refuse_newer(doc)
    reader = _Reader()
    session = reader.session(doc)
    if reader.problems:
        raise SessionFileError(reader.problems)
    assert session is not None
    # Every range and vocabulary rule was checked above, exactly as the schema states them;
    # what a schema cannot say is that exercises and sets are numbered 1, 2, 3… in order.
    found = numbering_problems(session)
    if found:
        raise SessionFileError(found)
    return session


def _refuse_newer(doc: dict[str, Any]) -> None:
    version = doc.get("dataModelVersion", MISSING)
    if not isinstance(version, str):
        return
    theirs, ours = version_tuple(version), version_tuple(DATA_MODEL_VERSION)
    if theirs is not None and ours is not None and theirs > ours:
        raise NewerFormatError(
            [
                Problem(
                    "dataModelVersion",
                    f"{version} is newer than this Training Log reads ({DATA_MODEL_VERSION}); "
                    "update Training Log to open this file",
                )
            ]
        )


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, str) else _json_literal(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _json_literal(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _json_type(value)
    return repr(value)


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- structure ---------------------------------------------------------------------------

    def fields(self, obj: object, path: str, keys: tuple[str, ...], what: str) -> bool:
        """Check obj is an object with exactly `keys`; report missing and unknown ones."""
        if not isinstance(obj, dict):
            self.fail(path, f"is {_json_type(obj)}, expected {what} (an object)")
            return False
        ok = True
        for key in keys:
            if key not in obj:
                self.fail(_join(path, key), "is missing")
                ok = False
        for key in obj:
            if key not in keys:
                self.fail(_join(path, key), f"is not a field of {what}")
                ok = False
        return ok

    def array(self, value: object, path: str, max_items: int) -> list[Any]:
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.fail(path, f"is {_json_type(value)}, expected an array")
            return []
        if len(value) > max_items:
            self.fail(path, f"has {len(value)} items; at most {max_items}")
        return value

    # -- values ------------------------------------------------------------------------------

    def number(
        self, value: object, path: str, low: float, high: float, nullable: bool = False
    ) -> float | None:
        if value is MISSING:
            return None
        if value is None and nullable:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "a number or null" if nullable else "a number"
            self.fail(path, f"{_shown(value)} is not {kind}")
            return None
        if isinstance(value, float) and not math.isfinite(value):  # ints: no OverflowError
            self.fail(path, f"{value} is not a finite number")
            return None
        if value < low:
            self.fail(path, f"{_shown(value)} is less than the minimum {low}")
            return None
        if value > high:
            self.fail(path, f"{_shown(value)} is greater than the maximum {high}")
            return None
        return value

    def whole(
        self, value: object, path: str, low: int, high: int, nullable: bool = False
    ) -> int | None:
        if value is MISSING:
            return None
        if value is None and nullable:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # JSON Schema counts 5.0 as an integer
        if isinstance(value, bool) or not isinstance(value, int):
            kind = "a whole number or null" if nullable else "a whole number"
            self.fail(path, f"{_shown(value)} is not {kind}")
            return None
        return self.number(value, path, low, high)  # type: ignore[return-value]

    def text(
        self,
        value: object,
        path: str,
        max_chars: int,
        nullable: bool = False,
        not_blank: bool = False,
    ) -> str | None:
        if value is MISSING:
            return None
        if value is None and nullable:
            return None
        if not isinstance(value, str):
            kind = "text or null" if nullable else "text"
            self.fail(path, f"{_shown(value)} is not {kind}")
            return None
        if has_lone_surrogate(value):
            self.fail(path, NOT_UNICODE)
            return None
        if not_blank and not value.strip():
            self.fail(path, "is empty")
            return None
        if len(value) > max_chars:
            self.fail(path, f"is {len(value)} characters long; at most {max_chars}")
            return None
        return value

    def choice(self, value: object, path: str, allowed: tuple[str, ...], nullable: bool) -> Any:
        if value is MISSING:
            return None
        if value is None and nullable:
            return None
        if value not in allowed or not isinstance(value, str):
            self.fail(path, f"{_shown(value)} is not one of: {', '.join(allowed)}")
            return None
        return value

    def constant(self, value: object, path: str, expected: str) -> None:
        if value is MISSING:
            return
        if value != expected:
            self.fail(path, f"is {_shown(value)}, expected {expected!r}")

    # -- the document ------------------------------------------------------------------------

    def session(self, doc: dict[str, Any]) -> Session | None:
        # Missing and unknown keys are reported; the fields that are there are still checked,
        # so one read names every problem.
        self.fields(doc, "", SESSION_KEYS, "a session")
        self.constant(doc.get("dataModelVersion", MISSING), "dataModelVersion", DATA_MODEL_VERSION)
        self.constant(doc.get("dataModelType", MISSING), "dataModelType", DATA_MODEL_TYPE)
        session_id = doc.get("_id", MISSING)
        if session_id is not MISSING and not (
            isinstance(session_id, str) and _UUID.fullmatch(session_id)  # `$` allows a "\n"
        ):
            self.fail("_id", f"{_shown(session_id)} is not a UUID")
        user_id = self.text(doc.get("userId", MISSING), "userId", limits.MAX_USER_CHARS)
        user_name = self.text(doc.get("userName", MISSING), "userName", limits.MAX_USER_CHARS)
        date = None
        if "date" in doc:
            raw = doc["date"]
            date = parse_date(raw) if isinstance(raw, str) else None
            if date is None:
                self.fail("date", f"{_shown(raw)} is not {DATE_EXPECTED}")
        phase = self.whole(doc.get("phase", MISSING), "phase", 0, limits.MAX_PHASE, nullable=True)
        week = self.whole(doc.get("week", MISSING), "week", 0, limits.MAX_WEEK, nullable=True)
        deload = doc.get("isDeloadWeek", False)
        if not isinstance(deload, bool):
            self.fail("isDeloadWeek", f"{_shown(deload)} is not true or false")
        focus = self.text(
            doc.get("focus", MISSING),
            "focus",
            limits.MAX_FOCUS_CHARS,
            nullable=True,
            not_blank=True,
        )
        exercises = tuple(
            self.exercise(item, f"exercises[{n}]")
            for n, item in enumerate(
                self.array(doc.get("exercises", MISSING), "exercises", limits.MAX_EXERCISES)
            )
        )
        if self.problems:
            return None
        return Session(
            id=session_id.lower(),  # type: ignore[union-attr]  # one id form: canonical_id
            date=date,  # type: ignore[arg-type]
            exercises=exercises,  # type: ignore[arg-type]
            user_id=user_id or "",
            user_name=user_name or "",
            phase=phase,
            week=week,
            is_deload_week=deload,
            focus=focus,
        )

    def exercise(self, item: object, path: str) -> Exercise | None:
        if not self.fields(item, path, EXERCISE_KEYS, "an exercise") and not isinstance(item, dict):
            return None
        assert isinstance(item, dict)
        order = self.whole(item.get("Order", MISSING), f"{path}.Order", 1, limits.MAX_EXERCISES)
        name = self.text(
            item.get("Name", MISSING), f"{path}.Name", limits.MAX_NAME_CHARS, not_blank=True
        )
        groups = self.array(
            item.get("targetMuscleGroups", MISSING), f"{path}.targetMuscleGroups", 20
        )
        for n, group in enumerate(groups):
            self.choice(group, f"{path}.targetMuscleGroups[{n}]", MUSCLE_GROUPS, nullable=False)
            if group in groups[:n]:
                self.fail(f"{path}.targetMuscleGroups[{n}]", f"{_shown(group)} is listed twice")
        warmups = tuple(
            self.warmup(s, f"{path}.warmupSets[{n}]")
            for n, s in enumerate(
                self.array(item.get("warmupSets", MISSING), f"{path}.warmupSets", limits.MAX_SETS)
            )
        )
        workings = tuple(
            self.working(s, f"{path}.workingSets[{n}]")
            for n, s in enumerate(
                self.array(item.get("workingSets", MISSING), f"{path}.workingSets", limits.MAX_SETS)
            )
        )
        return Exercise(
            order=order,  # type: ignore[arg-type]
            name=name,  # type: ignore[arg-type]
            target_muscle_groups=tuple(groups),
            warmup_sets=warmups,  # type: ignore[arg-type]
            working_sets=workings,  # type: ignore[arg-type]
        )

    def warmup(self, item: object, path: str) -> WarmupSet | None:
        fast = _well_formed_warmup_set(item)
        if fast is not None:
            return fast
        if not self.fields(item, path, WARMUP_KEYS, "a warm-up set") and not isinstance(item, dict):
            return None
        assert isinstance(item, dict)
        return WarmupSet(
            number=self.whole(item.get("set", MISSING), f"{path}.set", 1, limits.MAX_SETS),  # type: ignore[arg-type]
            weight_kg=self.number(
                item.get("weightKg", MISSING), f"{path}.weightKg", 0, limits.MAX_WEIGHT_KG
            ),  # type: ignore[arg-type]
            reps=self.whole(item.get("repCount", MISSING), f"{path}.repCount", 0, limits.MAX_REPS),  # type: ignore[arg-type]
            notes=self.text(
                item.get("notes", MISSING), f"{path}.notes", limits.MAX_NOTES_CHARS, nullable=True
            ),
        )

    def working(self, item: object, path: str) -> WorkingSet | None:
        fast = _well_formed_working_set(item)
        if fast is not None:
            return fast
        if not self.fields(item, path, WORKING_KEYS, "a working set") and not isinstance(
            item, dict
        ):
            return None
        assert isinstance(item, dict)
        full = partial = None
        reps = item.get("repCount", MISSING)
        if reps is not MISSING and (
            self.fields(reps, f"{path}.repCount", REP_COUNT_KEYS, "a rep count")
            or isinstance(reps, dict)
        ):
            full = self.whole(
                reps.get("full", MISSING), f"{path}.repCount.full", 0, limits.MAX_REPS
            )
            partial = self.whole(
                reps.get("partial", MISSING), f"{path}.repCount.partial", 0, limits.MAX_REPS
            )
        rpe = self.number(
            item.get("rpe", MISSING), f"{path}.rpe", limits.MIN_RPE, limits.MAX_RPE, nullable=True
        )
        if rpe is not None and (rpe * 2) != int(rpe * 2):
            self.fail(f"{path}.rpe", f"{rpe} is not in half steps (like 7, 7.5, 8)")
        return WorkingSet(
            number=self.whole(item.get("set", MISSING), f"{path}.set", 1, limits.MAX_SETS),  # type: ignore[arg-type]
            weight_kg=self.number(
                item.get("weightKg", MISSING), f"{path}.weightKg", 0, limits.MAX_WEIGHT_KG
            ),  # type: ignore[arg-type]
            full_reps=full,  # type: ignore[arg-type]
            partial_reps=partial,  # type: ignore[arg-type]
            rpe=rpe,
            rep_assessment=self.choice(
                item.get("repAssessment", MISSING),
                f"{path}.repAssessment",
                REP_ASSESSMENTS,
                nullable=True,
            ),
            rest_minutes=self.number(
                item.get("actualRestMinutes", MISSING),
                f"{path}.actualRestMinutes",
                0,
                limits.MAX_REST_MINUTES,
                nullable=True,
            ),
            notes=self.text(
                item.get("notes", MISSING), f"{path}.notes", limits.MAX_NOTES_CHARS, nullable=True
            ),
        )


# Fast paths. A typical file is thousands of well-formed sets; these accept exactly the sets
# that the checks above would accept without a word, and return None for anything else,
# which then goes through the checks above for the full, path-naming messages.
_WARMUP_KEYSET = frozenset(WARMUP_KEYS)
_WORKING_KEYSET = frozenset(WORKING_KEYS)
_REP_COUNT_KEYSET = frozenset(REP_COUNT_KEYS)
_ASSESSMENTS = frozenset(REP_ASSESSMENTS)
_NUMBER = (int, float)


def _in(value: object, low: float, high: float) -> bool:
    # type() rather than isinstance(): True and False are ints to isinstance, not numbers here
    return type(value) in _NUMBER and low <= value <= high  # NaN fails both comparisons


def _whole_in(value: object, low: int, high: int) -> bool:
    return type(value) is int and low <= value <= high


def _note(value: object) -> bool:
    return value is None or (
        type(value) is str
        and len(value) <= limits.MAX_NOTES_CHARS
        and not has_lone_surrogate(value)
    )


def _well_formed_warmup_set(item: object) -> WarmupSet | None:
    if type(item) is not dict or item.keys() != _WARMUP_KEYSET:
        return None
    number, weight, reps, notes = item["set"], item["weightKg"], item["repCount"], item["notes"]
    if (
        _whole_in(number, 1, limits.MAX_SETS)
        and _in(weight, 0, limits.MAX_WEIGHT_KG)
        and _whole_in(reps, 0, limits.MAX_REPS)
        and _note(notes)
    ):
        return WarmupSet(number, weight, reps, notes)
    return None


def _well_formed_working_set(item: object) -> WorkingSet | None:
    if type(item) is not dict or item.keys() != _WORKING_KEYSET:
        return None
    reps = item["repCount"]
    if type(reps) is not dict or reps.keys() != _REP_COUNT_KEYSET:
        return None
    number, weight = item["set"], item["weightKg"]
    full, partial = reps["full"], reps["partial"]
    rpe, assessment, rest = item["rpe"], item["repAssessment"], item["actualRestMinutes"]
    notes = item["notes"]
    if (
        _whole_in(number, 1, limits.MAX_SETS)
        and _in(weight, 0, limits.MAX_WEIGHT_KG)
        and _whole_in(full, 0, limits.MAX_REPS)
        and _whole_in(partial, 0, limits.MAX_REPS)
        and (rpe is None or (_in(rpe, limits.MIN_RPE, limits.MAX_RPE) and rpe * 2 == int(rpe * 2)))
        and (assessment is None or (type(assessment) is str and assessment in _ASSESSMENTS))
        and (rest is None or _in(rest, 0, limits.MAX_REST_MINUTES))
        and _note(notes)
    ):
        return WorkingSet(number, weight, full, partial, rpe, assessment, rest, notes)
    return None


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
