"""Session ⇄ the JSON bytes of a session file, in exactly the seed's format.

`encode` writes 2-space indented UTF-8 with a trailing newline; whole-number floats are
written as integers (80, not 80.0), so a file this app wrote re-saves byte-identical. The
version written is the oldest that holds what the session uses (`Session.data_model_version`):
a session in no superset is written exactly as version 0.0.1 always was.
"""

from __future__ import annotations

import json
import math
from json.encoder import encode_basestring as _escape  # C-accelerated, as json.dumps uses
from typing import Any

from ..domain import DATA_MODEL_TYPE, Exercise, Problem, Session, WarmupSet, WorkingSet
from .reader import SessionFileError, from_document


def to_document(session: Session) -> dict[str, Any]:
    """The session as the JSON document the schema describes."""
    return {
        "dataModelVersion": session.data_model_version,
        "dataModelType": DATA_MODEL_TYPE,
        "_id": session.id,
        "userId": session.user_id,
        "userName": session.user_name,
        "date": session.date.isoformat(),
        "phase": session.phase,
        "week": session.week,
        "isDeloadWeek": session.is_deload_week,
        "focus": session.focus,
        **(
            {"bodyWeightKg": _number(session.body_weight_kg)}
            if session.body_weight_kg is not None
            else {}
        ),
        "exercises": [_exercise(e) for e in session.exercises],
    }


def _exercise(exercise: Exercise) -> dict[str, Any]:
    grouped = {"group": exercise.group} if exercise.group is not None else {}
    return {
        "Order": exercise.order,
        "Name": exercise.name,
        **grouped,
        "targetMuscleGroups": list(exercise.target_muscle_groups),
        "warmupSets": [_warmup(s) for s in exercise.warmup_sets],
        "workingSets": [_working(s) for s in exercise.working_sets],
    }


def _body_weight(one_set: WarmupSet | WorkingSet) -> dict[str, str]:
    return {"bodyWeight": one_set.body_weight} if one_set.body_weight is not None else {}


def _warmup(warmup: WarmupSet) -> dict[str, Any]:
    return {
        "set": warmup.number,
        "weightKg": _number(warmup.weight_kg),
        **_body_weight(warmup),
        "repCount": warmup.reps,
        "notes": warmup.notes,
    }


def _working(working: WorkingSet) -> dict[str, Any]:
    return {
        "set": working.number,
        "weightKg": _number(working.weight_kg),
        **_body_weight(working),
        "repCount": {"full": working.full_reps, "partial": working.partial_reps},
        "rpe": _number(working.rpe),
        "repAssessment": working.rep_assessment,
        "actualRestMinutes": _number(working.rest_minutes),
        "notes": working.notes,
    }


def _number(value: float | None) -> float | int | None:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def encode(session: Session) -> bytes:
    """The bytes of the session's file: exactly `json.dumps(doc, indent=2, ensure_ascii=False)`.

    json.dumps with an indent always runs its pure-Python encoder (about 2 ms a session).
    Sets are the bulk of a file and all look alike, so each is written with one template and
    the C string escaper json.dumps itself uses; a test holds the bytes equal to json.dumps.
    """
    fields = (
        ("dataModelVersion", session.data_model_version),
        ("dataModelType", DATA_MODEL_TYPE),
        ("_id", session.id),
        ("userId", session.user_id),
        ("userName", session.user_name),
        ("date", session.date.isoformat()),
        ("phase", session.phase),
        ("week", session.week),
        ("isDeloadWeek", session.is_deload_week),
        ("focus", session.focus),
    )
    if session.body_weight_kg is not None:
        fields += (("bodyWeightKg", _number(session.body_weight_kg)),)
    lines = ["{"]
    head = [f"  {_escape(k)}: {_value(v)}" for k, v in fields]
    lines.append(",\n".join(head) + ",")
    if not session.exercises:
        lines.append('  "exercises": []')
    else:
        lines.append('  "exercises": [')
        lines.append(",\n".join(_exercise_text(e) for e in session.exercises))
        lines.append("  ]")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _exercise_text(e: Exercise) -> str:
    muscles = (
        "[\n" + ",\n".join(f"        {_escape(m)}" for m in e.target_muscle_groups) + "\n      ]"
        if e.target_muscle_groups
        else "[]"
    )
    warmups = _sets_text([_warmup_text(s) for s in e.warmup_sets])
    workings = _sets_text([_working_text(s) for s in e.working_sets])
    return (
        "    {\n"
        f'      "Order": {e.order},\n'
        f'      "Name": {_escape(e.name)},\n'
        f"{_group_text(e)}"
        f'      "targetMuscleGroups": {muscles},\n'
        f'      "warmupSets": {warmups},\n'
        f'      "workingSets": {workings}\n'
        "    }"
    )


def _group_text(e: Exercise) -> str:
    return f'      "group": {_escape(e.group)},\n' if e.group is not None else ""


def _sets_text(items: list[str]) -> str:
    return "[\n" + ",\n".join(items) + "\n      ]" if items else "[]"


def _warmup_text(w: WarmupSet) -> str:
    return (
        "        {\n"
        f'          "set": {w.number},\n'
        f'          "weightKg": {_value(_number(w.weight_kg))},\n'
        f"{_body_weight_text(w)}"
        f'          "repCount": {w.reps},\n'
        f'          "notes": {_value(w.notes)}\n'
        "        }"
    )


def _working_text(s: WorkingSet) -> str:
    return (
        "        {\n"
        f'          "set": {s.number},\n'
        f'          "weightKg": {_value(_number(s.weight_kg))},\n'
        f"{_body_weight_text(s)}"
        '          "repCount": {\n'
        f'            "full": {s.full_reps},\n'
        f'            "partial": {s.partial_reps}\n'
        "          },\n"
        f'          "rpe": {_value(_number(s.rpe))},\n'
        f'          "repAssessment": {_value(s.rep_assessment)},\n'
        f'          "actualRestMinutes": {_value(_number(s.rest_minutes))},\n'
        f'          "notes": {_value(s.notes)}\n'
        "        }"
    )


def _body_weight_text(s: WarmupSet | WorkingSet) -> str:
    return (
        f'          "bodyWeight": {_escape(s.body_weight)},\n' if s.body_weight is not None else ""
    )


def _value(value: Any) -> str:
    """A scalar exactly as json.dumps writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _escape(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float) and math.isfinite(value):
        return float.__repr__(value)
    raise ValueError(f"{value!r} cannot be written to a session file")


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


class _KeyTwice(Exception):
    def __init__(self, key: str):
        self.key = key


def _no_key_twice(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json.loads keeps the last of two equal keys without a word; a session file with one
    written twice is refused instead (an edit by hand gone wrong, or a merge)."""
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _KeyTwice(key)
            seen.add(key)
    return found


def parse_json(data: bytes) -> Any:
    """Parse JSON bytes; SessionFileError says what is wrong and at which line and column."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SessionFileError(
            [Problem("", f"is not UTF-8 text (byte {error.start + 1} cannot be read)")]
        ) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_no_key_twice)
    except _KeyTwice as twice:
        raise SessionFileError(
            [Problem(twice.key, "is written twice in one object; which one is meant can't be told")]
        ) from None
    except json.JSONDecodeError as error:
        raise SessionFileError(
            [
                Problem(
                    "",
                    f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
                )
            ]
        ) from None
    except RecursionError:
        raise SessionFileError([Problem("", "is nested too deeply to be a session")]) from None
    except ValueError as error:  # NaN/Infinity, or an integer with thousands of digits
        raise SessionFileError([Problem("", f"is not valid JSON: {error}")]) from None


def decode(data: bytes) -> Session:
    """The session in a file's bytes; raises SessionFileError naming every problem."""
    return from_document(parse_json(data))
