"""What every write to the data folder shares: the check before a save, the error a refused
save raises, and the callbacks long operations report through."""

from __future__ import annotations

from collections.abc import Callable

from ..domain import InvalidSession, Session, ensure_valid
from ..sessionfiles import SessionFileError, from_document, to_document

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class SaveError(RuntimeError):
    """A save that could not be done; nothing was half-written."""


class ChangedElsewhere(SaveError):
    """The session's file is no longer the one the edit started from: another computer (or
    program) changed or deleted it. Nothing was written; `theirs` is what the file holds now
    (None when it is gone or can't be read)."""

    def __init__(self, session_id: str, file_name: str, theirs: Session | None, gone: bool):
        self.session_id, self.file_name, self.theirs, self.gone = (
            session_id,
            file_name,
            theirs,
            gone,
        )
        what = "deleted" if gone else "changed"
        super().__init__(
            f"{file_name} was {what} elsewhere (another computer, or a sync tool) since this "
            "session was opened; nothing was saved"
        )


def validate_for_saving(session: Session, schema: bool = True) -> None:
    """Domain rules, then the published schema (DESIGN.md, step 1).

    The schema's rules are checked by the strict reader, which holds exactly those rules
    (`tests/unit/test_reader_matches_schema.py` proves the two accept the same documents):
    0.3 ms for a typical session where jsonschema takes 5 to 30. A session the reader
    refuses is then given to jsonschema, so a refusal says what the schema says, as ever; and
    it is refused even where the schema has nothing to say, since the app could not read the
    file back.
    """
    ensure_valid(session)
    if schema:
        document = to_document(session)
        try:
            from_document(document)
            return  # what the reader accepts, the schema accepts
        except SessionFileError as refused:
            read_back = refused.problems
        # Imported here: jsonschema and its format checkers take a second or two to import,
        # which only a refused save pays.
        from ..sessionfiles.schema import schema_problems

        # In the schema's words where it has them; else the reader's, since a file the reader
        # refuses would be put aside at the next start: it is never written.
        raise InvalidSession(schema_problems(document) or read_back)
