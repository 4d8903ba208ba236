"""A save checks the schema's rules with the strict reader, and lets jsonschema word a refusal.

The reader holds the schema's rules (tests/unit/test_reader_matches_schema.py): what it
accepts, the schema accepts. A save therefore needs jsonschema only when the reader refuses,
and then says what the schema says, as it always did.
"""

from __future__ import annotations

import dataclasses

import pytest
from test_logbook import folder_bytes, make_session

from traininglog.datafolder import saving
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import InvalidSession
from traininglog.sessionfiles import schema


def test_a_valid_save_does_not_need_jsonschema(
    logbook: Logbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_jsonschema(document: object) -> list:
        raise AssertionError("jsonschema was asked about a session the reader accepts")

    monkeypatch.setattr(schema, "schema_problems", no_jsonschema)
    logbook.save(make_session(1))


def test_what_only_the_schema_refuses_is_refused_in_the_schemas_words(
    logbook: Logbook, folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The domain's rules refuse everything the schema does; with them out of the way, the
    # schema's rules still stop the save, worded by jsonschema.
    monkeypatch.setattr(saving, "ensure_valid", lambda session: None)
    with pytest.raises(InvalidSession) as refused:
        logbook.save(make_session(1, phase=1_000_000, focus="f" * 101))
    assert [str(p) for p in refused.value.problems] == [
        f"focus: '{'f' * 101}' is too long",
        "phase: 1000000 is greater than the maximum 100",
    ]
    assert folder_bytes(folders.sessions) == {}


def test_the_one_rule_only_the_reader_has_does_not_refuse_what_the_schema_accepts(
    logbook: Logbook, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Numbering with a gap is the domain's rule, not the schema's: with the domain's rules
    # out of the way, the schema step lets it through, as jsonschema alone did.
    monkeypatch.setattr(saving, "ensure_valid", lambda session: None)
    session = make_session(1)
    gap = dataclasses.replace(session.exercises[0], order=2)
    logbook.save(dataclasses.replace(session, exercises=(gap,)))
