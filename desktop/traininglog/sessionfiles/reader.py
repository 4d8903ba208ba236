"""Read a session document strictly: every rule of the published schema, with JSON paths.

This is the schema's rules written out by hand. jsonschema needs about 5 ms for a typical
session, which would make rebuilding 5,000 files take half a minute; this reader needs a
fraction of that. `tests/unit/test_reader_matches_schema.py` proves the two agree on
generated and mutated documents, so the schema file stays the single published contract.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from ..domain import (
    BODY_WEIGHT_LOAD_VERSION,
    BODY_WEIGHT_VERSION,
    DATA_MODEL_TYPE,
    DATA_MODEL_VERSION,
    GROUPS_VERSION,
    NEWEST_VERSION,
    Exercise,
    Problem,
    Session,
    limits,
)
from ..domain.session import GROUP_LETTERS
from ..domain.validation import numbering_problems
from ..domain.vocabulary import MUSCLE_GROUPS
from .set_reader import warmup_set, working_set
from .value_checks import MISSING, Checks, json_type, shown

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
EXERCISE_LATER_KEYS = ("group",)  # optional, from version 0.1.0
SESSION_LATER_KEYS = ("bodyWeightKg",)  # optional, from version 0.2.0
VERSIONS = (DATA_MODEL_VERSION, GROUPS_VERSION, BODY_WEIGHT_VERSION, BODY_WEIGHT_LOAD_VERSION)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_NAIVE = re.compile(
    r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
    r"(\.[0-9]{1,6})?$"
)
_RFC3339 = re.compile(
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
)
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
        raise SessionFileError([Problem("", f"the document is {json_type(doc)}, not an object")])
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
    theirs, ours = version_tuple(version), version_tuple(NEWEST_VERSION)
    if theirs is not None and ours is not None and theirs > ours:
        raise NewerFormatError(
            [
                Problem(
                    "dataModelVersion",
                    f"{version} is newer than this Training Log reads ({NEWEST_VERSION}); "
                    "update Training Log to open this file",
                )
            ]
        )


class _Reader(Checks):
    """The session and its exercises; the sets are `set_reader`'s."""

    groups_allowed = True  # False in a document of a version before supersets

    def session(self, doc: dict[str, Any]) -> Session | None:
        # Missing and unknown keys are reported; the fields that are there are still checked,
        # so one read names every problem.
        self.fields(doc, "", SESSION_KEYS, "a session", SESSION_LATER_KEYS)
        version = doc.get("dataModelVersion", MISSING)
        self.choice(version, "dataModelVersion", VERSIONS, nullable=False)
        self.version = version
        self.groups_allowed = version != DATA_MODEL_VERSION
        body_weight = self.number(
            doc.get("bodyWeightKg", MISSING),
            "bodyWeightKg",
            limits.MIN_BODY_WEIGHT_KG,
            limits.MAX_BODY_WEIGHT_KG,
        )
        if "bodyWeightKg" in doc and version in (DATA_MODEL_VERSION, GROUPS_VERSION):
            self.fail(
                "bodyWeightKg",
                f"{shown(doc['bodyWeightKg'])} is not possible in version {version}: "
                f"a body weight needs dataModelVersion {BODY_WEIGHT_VERSION}",
            )
        self.constant(doc.get("dataModelType", MISSING), "dataModelType", DATA_MODEL_TYPE)
        session_id = doc.get("_id", MISSING)
        if session_id is not MISSING and not (
            isinstance(session_id, str) and _UUID.fullmatch(session_id)  # `$` allows a "\n"
        ):
            self.fail("_id", f"{shown(session_id)} is not a UUID")
        user_id = self.text(doc.get("userId", MISSING), "userId", limits.MAX_USER_CHARS)
        user_name = self.text(doc.get("userName", MISSING), "userName", limits.MAX_USER_CHARS)
        date = None
        if "date" in doc:
            raw = doc["date"]
            date = parse_date(raw) if isinstance(raw, str) else None
            if date is None:
                self.fail("date", f"{shown(raw)} is not {DATE_EXPECTED}")
        phase = self.whole(doc.get("phase", MISSING), "phase", 0, limits.MAX_PHASE, nullable=True)
        week = self.whole(doc.get("week", MISSING), "week", 0, limits.MAX_WEEK, nullable=True)
        deload = doc.get("isDeloadWeek", False)
        if not isinstance(deload, bool):
            self.fail("isDeloadWeek", f"{shown(deload)} is not true or false")
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
            body_weight_kg=body_weight,
        )

    def exercise(self, item: object, path: str) -> Exercise | None:
        if not self.fields(
            item, path, EXERCISE_KEYS, "an exercise", EXERCISE_LATER_KEYS
        ) and not isinstance(item, dict):
            return None
        assert isinstance(item, dict)
        order = self.whole(item.get("Order", MISSING), f"{path}.Order", 1, limits.MAX_EXERCISES)
        name = self.text(
            item.get("Name", MISSING), f"{path}.Name", limits.MAX_NAME_CHARS, not_blank=True
        )
        superset = item.get("group")
        if "group" in item:
            self.choice(superset, f"{path}.group", tuple(GROUP_LETTERS), nullable=False)
            if not self.groups_allowed and superset in tuple(GROUP_LETTERS):
                self.fail(
                    f"{path}.group",
                    f"{shown(superset)} is not possible in version {DATA_MODEL_VERSION}: "
                    f"a group needs dataModelVersion {GROUPS_VERSION}",
                )
        groups = self.array(
            item.get("targetMuscleGroups", MISSING), f"{path}.targetMuscleGroups", 20
        )
        for n, group in enumerate(groups):
            self.choice(group, f"{path}.targetMuscleGroups[{n}]", MUSCLE_GROUPS, nullable=False)
            if group in groups[:n]:
                self.fail(f"{path}.targetMuscleGroups[{n}]", f"{shown(group)} is listed twice")
        warmups = tuple(
            warmup_set(self, s, f"{path}.warmupSets[{n}]")
            for n, s in enumerate(
                self.array(item.get("warmupSets", MISSING), f"{path}.warmupSets", limits.MAX_SETS)
            )
        )
        workings = tuple(
            working_set(self, s, f"{path}.workingSets[{n}]")
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
            group=superset,
        )
