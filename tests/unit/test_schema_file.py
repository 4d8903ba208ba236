"""The published schema: valid Draft 2020-12, described, and in step with the domain's numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError

from traininglog.domain import (
    BODY_WEIGHT_VERSION,
    DATA_MODEL_TYPE,
    DATA_MODEL_VERSION,
    GROUPS_VERSION,
    NEWEST_VERSION,
    limits,
)
from traininglog.domain.session import BODY_WEIGHT_KINDS, GROUP_LETTERS
from traininglog.domain.vocabulary import MUSCLE_GROUPS, REP_ASSESSMENTS
from traininglog.files.shipped import schema_path
from traininglog.sessionfiles import reader, set_reader
from traininglog.sessionfiles.schema import schema_problems, session_schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "data" / "schemas"
SCHEMA_FILE = SCHEMA_FILE / "training_session_log.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def definition(schema: dict[str, Any], name: str) -> dict[str, Any]:
    return schema["$defs"][name]


def test_the_app_loads_the_file_in_data_schemas(schema: dict[str, Any]) -> None:
    assert schema_path().resolve() == SCHEMA_FILE.resolve()
    assert session_schema() == schema


def test_the_schema_is_valid_draft_2020_12(schema: dict[str, Any]) -> None:
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)  # raises SchemaError when it is not


def test_check_schema_would_catch_a_broken_schema(schema: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(schema))
    broken["properties"]["phase"]["minimum"] = "zero"
    with pytest.raises(SchemaError):
        Draft202012Validator.check_schema(broken)


def test_the_file_is_utf8_json_with_a_trailing_newline() -> None:
    raw = SCHEMA_FILE.read_bytes()
    raw.decode("utf-8")
    assert raw.endswith(b"}\n")


def test_the_seed_example_validates_unchanged(seed_file: Path, schema: dict[str, Any]) -> None:
    document = json.loads(seed_file.read_bytes())
    assert schema_problems(document) == []
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(document)) == []


def test_formats_are_checked_not_just_annotated(seed_file: Path) -> None:
    document = json.loads(seed_file.read_bytes())
    document["date"] = "2026-02-30T10:00:00Z"  # only the date-time format can refuse this
    assert [p.path for p in schema_problems(document)] == ["date"]


def _properties(node: Any, where: str = "") -> list[tuple[str, Any]]:
    """(path, schema) of every entry of every `properties` in the schema."""
    found: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for name, child in node.get("properties", {}).items():
            found.append((f"{where}.{name}", child))
        for key, child in node.items():
            found.extend(_properties(child, f"{where}/{key}"))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found.extend(_properties(child, f"{where}[{index}]"))
    return found


def test_every_property_has_a_description(schema: dict[str, Any]) -> None:
    properties = _properties(schema)
    # session (and its body weight), exercise, sets (each with its body-weight kind), repCount,
    # and the rules of which version may hold what: 0.0.1 no groups, before 0.2.0 no body
    # weight, before 0.3.0 no body-weight set
    assert len(properties) == 12 + 6 + 5 + 8 + 2 + 3 + 2 + 6
    undescribed = [
        path
        for path, prop in properties
        if not (isinstance(prop.get("description"), str) and prop["description"].strip())
    ]
    assert undescribed == []


def test_the_document_and_each_definition_are_described(schema: dict[str, Any]) -> None:
    assert schema["description"].strip()
    for name, definition_schema in schema["$defs"].items():
        assert definition_schema.get("description", "").strip(), name


def test_the_schema_is_strict(schema: dict[str, Any]) -> None:
    objects = [schema, *(d for d in schema["$defs"].values() if d.get("type") == "object")]
    objects.append(definition(schema, "workingSet")["properties"]["repCount"])
    assert len(objects) == 5
    # Every key is required but the later versions' optional ones (an exercise's group).
    optional = {"group", "bodyWeightKg", "bodyWeight"}
    for node in objects:
        assert node["additionalProperties"] is False
        assert sorted(node["required"]) == sorted(set(node["properties"]) - optional)


def test_the_keys_are_the_readers_keys(schema: dict[str, Any]) -> None:
    working = definition(schema, "workingSet")["properties"]
    session_keys = [k for k in schema["properties"] if k != "bodyWeightKg"]
    assert session_keys == list(reader.SESSION_KEYS)
    assert "bodyWeightKg" in reader.SESSION_LATER_KEYS
    exercise_keys = [k for k in definition(schema, "exercise")["properties"] if k != "group"]
    assert exercise_keys == list(reader.EXERCISE_KEYS)
    assert "group" in reader.EXERCISE_LATER_KEYS
    for kind, keys in (
        ("warmupSet", set_reader.WARMUP_KEYS),
        ("workingSet", set_reader.WORKING_KEYS),
    ):
        written = list(definition(schema, kind)["properties"])
        assert [k for k in written if k != "bodyWeight"] == list(keys)
        assert written.index("bodyWeight") == written.index("weightKg") + 1  # as the codec writes
        assert definition(schema, kind)["properties"]["bodyWeight"]["enum"] == list(
            BODY_WEIGHT_KINDS
        )
    assert set_reader.SET_LATER_KEYS == ("bodyWeight",)
    assert list(working["repCount"]["properties"]) == list(set_reader.REP_COUNT_KEYS)


def test_the_enums_are_the_vocabulary(schema: dict[str, Any]) -> None:
    assert definition(schema, "muscleGroup")["enum"] == list(MUSCLE_GROUPS)
    rep_assessment = definition(schema, "workingSet")["properties"]["repAssessment"]
    assert rep_assessment["enum"] == [*REP_ASSESSMENTS, None]


def test_the_constants_are_the_domains(schema: dict[str, Any]) -> None:
    assert schema["properties"]["dataModelVersion"]["enum"] == [
        DATA_MODEL_VERSION,
        GROUPS_VERSION,
        BODY_WEIGHT_VERSION,
        NEWEST_VERSION,
    ]
    assert schema["properties"]["dataModelType"]["const"] == DATA_MODEL_TYPE
    assert NEWEST_VERSION in schema["$id"]
    group = definition(schema, "exercise")["properties"]["group"]
    assert group["enum"] == list(GROUP_LETTERS)


def test_the_numeric_limits_are_the_domains(schema: dict[str, Any]) -> None:
    top = schema["properties"]
    exercise = definition(schema, "exercise")["properties"]
    warmup = definition(schema, "warmupSet")["properties"]
    working = definition(schema, "workingSet")["properties"]
    full = working["repCount"]["properties"]["full"]
    partial = working["repCount"]["properties"]["partial"]

    def bounds(node: dict[str, Any]) -> tuple[Any, Any]:
        return node["minimum"], node["maximum"]

    assert bounds(top["phase"]) == (0, limits.MAX_PHASE)
    assert bounds(top["week"]) == (0, limits.MAX_WEEK)
    assert top["userId"]["maxLength"] == limits.MAX_USER_CHARS
    assert top["userName"]["maxLength"] == limits.MAX_USER_CHARS
    assert top["focus"]["maxLength"] == limits.MAX_FOCUS_CHARS
    assert top["exercises"]["maxItems"] == limits.MAX_EXERCISES

    assert bounds(exercise["Order"]) == (1, limits.MAX_EXERCISES)
    assert exercise["Name"]["maxLength"] == limits.MAX_NAME_CHARS
    assert exercise["targetMuscleGroups"]["maxItems"] == len(MUSCLE_GROUPS)
    assert exercise["warmupSets"]["maxItems"] == limits.MAX_SETS
    assert exercise["workingSets"]["maxItems"] == limits.MAX_SETS

    for sets in (warmup, working):
        assert bounds(sets["set"]) == (1, limits.MAX_SETS)
        assert bounds(sets["weightKg"]) == (0, limits.MAX_WEIGHT_KG)
        assert sets["notes"]["maxLength"] == limits.MAX_NOTES_CHARS
    assert bounds(warmup["repCount"]) == (0, limits.MAX_REPS)
    assert bounds(full) == (0, limits.MAX_REPS)
    assert bounds(partial) == (0, limits.MAX_REPS)
    assert bounds(working["rpe"]) == (limits.MIN_RPE, limits.MAX_RPE)
    assert working["rpe"]["multipleOf"] == limits.RPE_STEP
    assert bounds(working["actualRestMinutes"]) == (0, limits.MAX_REST_MINUTES)


def test_whole_numbers_are_integers_and_measures_are_numbers(schema: dict[str, Any]) -> None:
    warmup = definition(schema, "warmupSet")["properties"]
    working = definition(schema, "workingSet")["properties"]
    assert warmup["repCount"]["type"] == "integer"
    assert working["repCount"]["properties"]["full"]["type"] == "integer"
    assert warmup["set"]["type"] == working["set"]["type"] == "integer"
    assert warmup["weightKg"]["type"] == working["weightKg"]["type"] == "number"
    assert working["rpe"]["type"] == ["number", "null"]
    assert schema["properties"]["phase"]["type"] == ["integer", "null"]


def test_the_descriptions_state_the_ranges(schema: dict[str, Any]) -> None:
    working = definition(schema, "workingSet")["properties"]
    assert "1,000" in working["weightKg"]["description"]
    assert "1 to 10 in half steps" in working["rpe"]["description"]
    assert "2,000" in working["notes"]["description"]
    assert "180" in working["actualRestMinutes"]["description"]
