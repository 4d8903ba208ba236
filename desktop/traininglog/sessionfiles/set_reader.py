"""A session document's sets, read strictly: a warm-up set and a working set, every value
checked against the published schema, every problem named by its JSON path.

Most sets are well formed; a fast path accepts exactly those without a word and leaves every
other to the checks, which say what is wrong.
"""

from __future__ import annotations

from ..domain import (
    BODY_WEIGHT_LOAD_VERSION,
    BODY_WEIGHT_VERSION,
    DATA_MODEL_VERSION,
    GROUPS_VERSION,
    WarmupSet,
    WorkingSet,
    limits,
)
from ..domain.session import BODY_WEIGHT_KINDS
from ..domain.validation import has_lone_surrogate
from ..domain.vocabulary import REP_ASSESSMENTS
from .value_checks import MISSING, Checks, shown

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
SET_LATER_KEYS = ("bodyWeight",)  # optional, from version 0.3.0
EARLIER_VERSIONS = (DATA_MODEL_VERSION, GROUPS_VERSION, BODY_WEIGHT_VERSION)  # without them


def warmup_set(checks: Checks, item: object, path: str) -> WarmupSet | None:
    """A warm-up set, or None with the problems added to `checks`."""
    fast = _well_formed_warmup_set(item)
    if fast is not None:
        return fast
    if not checks.fields(
        item, path, WARMUP_KEYS, "a warm-up set", SET_LATER_KEYS
    ) and not isinstance(item, dict):
        return None
    assert isinstance(item, dict)
    return WarmupSet(
        number=checks.whole(item.get("set", MISSING), f"{path}.set", 1, limits.MAX_SETS),  # type: ignore[arg-type]
        weight_kg=checks.number(
            item.get("weightKg", MISSING), f"{path}.weightKg", 0, limits.MAX_WEIGHT_KG
        ),  # type: ignore[arg-type]
        reps=checks.whole(item.get("repCount", MISSING), f"{path}.repCount", 0, limits.MAX_REPS),  # type: ignore[arg-type]
        notes=checks.text(
            item.get("notes", MISSING), f"{path}.notes", limits.MAX_NOTES_CHARS, nullable=True
        ),
        body_weight=_body_weight(checks, item, path),
    )


def working_set(checks: Checks, item: object, path: str) -> WorkingSet | None:
    """A working set, or None with the problems added to `checks`."""
    fast = _well_formed_working_set(item)
    if fast is not None:
        return fast
    if not checks.fields(
        item, path, WORKING_KEYS, "a working set", SET_LATER_KEYS
    ) and not isinstance(item, dict):
        return None
    assert isinstance(item, dict)
    full = partial = None
    reps = item.get("repCount", MISSING)
    if reps is not MISSING and (
        checks.fields(reps, f"{path}.repCount", REP_COUNT_KEYS, "a rep count")
        or isinstance(reps, dict)
    ):
        full = checks.whole(reps.get("full", MISSING), f"{path}.repCount.full", 0, limits.MAX_REPS)
        partial = checks.whole(
            reps.get("partial", MISSING), f"{path}.repCount.partial", 0, limits.MAX_REPS
        )
    rpe = checks.number(
        item.get("rpe", MISSING), f"{path}.rpe", limits.MIN_RPE, limits.MAX_RPE, nullable=True
    )
    if rpe is not None and (rpe * 2) != int(rpe * 2):
        checks.fail(f"{path}.rpe", f"{rpe} is not in half steps (like 7, 7.5, 8)")
    return WorkingSet(
        number=checks.whole(item.get("set", MISSING), f"{path}.set", 1, limits.MAX_SETS),  # type: ignore[arg-type]
        weight_kg=checks.number(
            item.get("weightKg", MISSING), f"{path}.weightKg", 0, limits.MAX_WEIGHT_KG
        ),  # type: ignore[arg-type]
        full_reps=full,  # type: ignore[arg-type]
        partial_reps=partial,  # type: ignore[arg-type]
        rpe=rpe,
        rep_assessment=checks.choice(
            item.get("repAssessment", MISSING),
            f"{path}.repAssessment",
            REP_ASSESSMENTS,
            nullable=True,
        ),
        rest_minutes=checks.number(
            item.get("actualRestMinutes", MISSING),
            f"{path}.actualRestMinutes",
            0,
            limits.MAX_REST_MINUTES,
            nullable=True,
        ),
        notes=checks.text(
            item.get("notes", MISSING), f"{path}.notes", limits.MAX_NOTES_CHARS, nullable=True
        ),
        body_weight=_body_weight(checks, item, path),
    )


def _body_weight(checks: Checks, item: dict, path: str) -> str | None:
    """The set's `bodyWeight`, checked, and refused in a version before body-weight sets
    (`Checks.version`)."""
    if "bodyWeight" not in item:
        return None
    value = checks.choice(
        item["bodyWeight"], f"{path}.bodyWeight", BODY_WEIGHT_KINDS, nullable=False
    )
    if value is not None and checks.version in EARLIER_VERSIONS:
        checks.fail(
            f"{path}.bodyWeight",
            f"{shown(value)} is not possible in version {checks.version}: "
            f"a body-weight set needs dataModelVersion {BODY_WEIGHT_LOAD_VERSION}",
        )
    return value


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
