"""The checks a session document's values go through, each naming the JSON path of what is
wrong: objects with exactly their keys, arrays, numbers in range, whole numbers, text, choices
from a vocabulary. Every problem found is kept, so one read names them all."""

from __future__ import annotations

import math
from typing import Any

from ..domain import Problem
from ..domain.validation import NOT_UNICODE, has_lone_surrogate

# Stands for a key that is absent: `fields` reports it once, the value checks stay quiet.
MISSING = object()


class Checks:
    """The problems found so far, and the checks that add to them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.version: object = None  # the document's dataModelVersion, once read

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    # -- structure ---------------------------------------------------------------------------

    def fields(
        self,
        obj: object,
        path: str,
        keys: tuple[str, ...],
        what: str,
        optional: tuple[str, ...] = (),
    ) -> bool:
        """Check obj is an object with exactly `keys` (and perhaps some of `optional`); report
        missing and unknown ones."""
        if not isinstance(obj, dict):
            self.fail(path, f"is {json_type(obj)}, expected {what} (an object)")
            return False
        ok = True
        for key in keys:
            if key not in obj:
                self.fail(join(path, key), "is missing")
                ok = False
        for key in obj:
            if key not in keys and key not in optional:
                self.fail(join(path, key), f"is not a field of {what}")
                ok = False
        return ok

    def array(self, value: object, path: str, max_items: int) -> list[Any]:
        if value is MISSING:
            return []
        if not isinstance(value, list):
            self.fail(path, f"is {json_type(value)}, expected an array")
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
            self.fail(path, f"{shown(value)} is not {kind}")
            return None
        if isinstance(value, float) and not math.isfinite(value):  # ints: no OverflowError
            self.fail(path, f"{value} is not a finite number")
            return None
        if value < low:
            self.fail(path, f"{shown(value)} is less than the minimum {low}")
            return None
        if value > high:
            self.fail(path, f"{shown(value)} is greater than the maximum {high}")
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
            self.fail(path, f"{shown(value)} is not {kind}")
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
            self.fail(path, f"{shown(value)} is not {kind}")
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
            self.fail(path, f"{shown(value)} is not one of: {', '.join(allowed)}")
            return None
        return value

    def constant(self, value: object, path: str, expected: str) -> None:
        if value is MISSING:
            return
        if value != expected:
            self.fail(path, f"is {shown(value)}, expected {expected!r}")


def json_type(value: object) -> str:
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


def shown(value: object) -> str:
    text = repr(value) if isinstance(value, str) else _json_literal(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _json_literal(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json_type(value)
    return repr(value)


def join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key
