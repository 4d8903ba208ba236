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


def test_nothing_is_written_that_the_app_could_not_read_back(
    logbook: Logbook, folders: DataDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Numbering with a gap is a rule the schema cannot state. With the domain's rules out of
    # the way the schema accepts it, but the reader would refuse the file at the next start
    # and put it aside: the save refuses it instead, in the reader's words.
    monkeypatch.setattr(saving, "ensure_valid", lambda session: None)
    session = make_session(1)
    gap = dataclasses.replace(session.exercises[0], order=2)
    with pytest.raises(InvalidSession) as refused:
        logbook.save(dataclasses.replace(session, exercises=(gap,)))
    assert [str(p) for p in refused.value.problems] == [
        "exercises[0].Order: is 2, expected 1 (exercises are numbered 1, 2, 3… in order)"
    ]
    assert folder_bytes(folders.sessions) == {}
