"""Two versions of a session, field by field: what a lifter reads to choose between them."""

from __future__ import annotations

import json

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
