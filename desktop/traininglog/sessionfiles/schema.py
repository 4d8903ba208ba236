"""The published JSON Schema, loaded and compiled once, with errors in the app's words."""

from __future__ import annotations

import functools
import json
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from ..domain import Problem
from ..files.shipped import schema_path


@functools.cache
def session_schema() -> dict[str, Any]:
    """The schema document."""
    with open(schema_path(), encoding="utf-8") as f:
        return json.load(f)


@functools.cache
def validator() -> Draft202012Validator:
    """One validator, built once: building it costs milliseconds, validating reuses it."""
    schema = session_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def schema_problems(document: object) -> list[Problem]:
    """Every way the document breaks the schema, as JSON path and rule."""
    errors = sorted(validator().iter_errors(document), key=lambda e: list(map(str, e.path)))
    return [Problem(_where(error), _message(error)) for error in errors]


def _where(error: ValidationError) -> str:
    path = json_path(error.absolute_path)
    if error.validator == "required" and "'" in error.message:
        key = error.message.split("'")[1]
        return f"{path}.{key}" if path else key
    return path


def json_path(parts: Any) -> str:
    """`exercises[0].workingSets[2].rpe` from the parts of a path."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _message(error: ValidationError) -> str:
    rule, value, instance = error.validator, error.validator_value, error.instance
    if rule == "maximum":
        return f"{instance} is greater than the maximum {value}"
    if rule == "minimum":
        return f"{instance} is less than the minimum {value}"
    if rule == "required":
        return "is missing"
    if rule == "additionalProperties":
        return error.message.replace("Additional properties are not allowed", "unknown field")
    if rule == "enum":
        return f"{instance!r} is not one of: {', '.join(str(v) for v in value if v is not None)}"
    if rule == "const":
        return f"is {instance!r}, expected {value!r}"
    if rule == "multipleOf":
        return f"{instance} is not in steps of {value}"
    if rule in ("anyOf", "oneOf", "not") and "title" in error.schema:
        return f"{instance!r} is not {error.schema['title']}"
    if rule == "type":
        return f"{instance!r} is not of type {value}"
    return error.message
