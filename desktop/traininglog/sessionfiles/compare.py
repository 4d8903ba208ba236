"""Two versions of a session, field by field: what a lifter reads to choose between them."""

from __future__ import annotations

import json
import re

from ..domain import Session
from .codec import to_document


def differences(left: Session | None, right: Session | None) -> list[tuple[str, str, str]]:
    """(JSON path, left's value, right's value) for every field the two hold differently; a
    side that is missing shows "—". Paths read as the session file's: `exercises[0].Name`."""
    a = _flat(to_document(left)) if left is not None else {}
    b = _flat(to_document(right)) if right is not None else {}
    rows = []
    for path in list(a) + [p for p in b if p not in a]:
        if a.get(path, _ABSENT) != b.get(path, _ABSENT):
            rows.append((path, _shown(a.get(path, _ABSENT)), _shown(b.get(path, _ABSENT))))
    return rows


_ABSENT = object()


def _flat(value: object, path: str = "") -> dict[str, object]:
    if isinstance(value, dict):
        out: dict[str, object] = {}
        for key, item in value.items():
            out |= _flat(item, f"{path}.{key}" if path else key)
        return out
    if isinstance(value, list) and value and all(isinstance(v, (dict, list)) for v in value):
        out = {}
        for n, item in enumerate(value):
            out |= _flat(item, f"{path}[{n}]")
        return out
    return {path: value}


def _shown(value: object) -> str:
    if value is _ABSENT:
        return "—"
    return json.dumps(value, ensure_ascii=False)


_FIELD_WORDS = {
    "weightKg": "weight (kg)",
    "repCount.full": "reps",
    "repCount.partial": "partial reps",
    "repCount": "reps",
    "rpe": "RPE",
    "repAssessment": "feel",
    "actualRestMinutes": "rest (min)",
    "notes": "notes",
    "set": "number",
    "Name": "name",
    "Order": "order",
    "group": "superset",
    "dataModelVersion": "file format version",
    "targetMuscleGroups": "muscles",
    "isDeloadWeek": "deload",
    "userName": "lifter",
    "userId": "lifter's id",
}
_PATH = re.compile(
    r"^exercises\[(?P<exercise>\d+)\](?:\.(?P<kind>warmupSets|workingSets)\[(?P<set>\d+)\])?"
    r"(?:\.(?P<field>.+))?$"
)


def field_label(path: str, *sessions: Session | None) -> str:
    """`exercises[0].workingSets[1].weightKg` → "Barbell Back Squat, set 2: weight (kg)", in
    the words of the form; the exercise's name from whichever version has it."""
    match = _PATH.match(path)
    if not match:
        return _FIELD_WORDS.get(path, path)
    n = int(match["exercise"])
    name = next(
        (s.exercises[n].name for s in sessions if s is not None and n < len(s.exercises)),
        f"exercise {n + 1}",
    )
    where = name
    if match["kind"]:
        kind = "warm-up " if match["kind"] == "warmupSets" else ""
        where += f", {kind}set {int(match['set']) + 1}"
    field = match["field"]
    return f"{where}: {_FIELD_WORDS.get(field, field)}" if field else where
