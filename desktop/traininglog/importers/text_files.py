"""Reading an export or a notes file as text, refusing what cannot be one with a clear reason."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from ..domain import Problem
from ..domain.reports import Rejection

# Ten years of daily training in Strong is about 20 MB; a file past this is not an export.
MAX_IMPORT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class TextFile:
    """A file's name as reports show it, and its whole text."""

    label: str
    name: str
    text: str

    def at(self, line: int) -> str:
        """`FILE:LINE`, the source of a rejection or a session."""
        return f"{self.label}:{line}"


class Unreadable(Exception):
    """A file that cannot be imported at all; `rejection` says why."""

    def __init__(self, rejection: Rejection):
        super().__init__(rejection.lines())
        self.rejection = rejection


def refuse(label: str, message: str, path: str = "") -> Unreadable:
    """The exception for a whole file that is refused."""
    return Unreadable(Rejection(label, (Problem(path, message),)))


# What a file or a row whose weights have no unit is told; the import dialog offers a
# kg/lb choice when it sees either message.
NO_WEIGHT_UNIT = (
    "has no unit, so Training Log cannot tell kilograms from pounds: "
    "choose kg or lb (--weight-unit kg|lb) and import again"
)
EMPTY_WEIGHT_UNIT = "is empty, so the weight has no unit (kgs or lbs)"


def refuse_unitless_weights(label: str, column: str) -> Unreadable:
    """The exception for a file whose weight column does not say kg or lb."""
    return refuse(label, NO_WEIGHT_UNIT, column)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, when it is small enough to be an export and readable."""
    label = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise refuse(
                label,
                f"is {size / 1e6:.1f} MB; an export or notes file Training Log reads is at most "
                f"{MAX_IMPORT_BYTES // (1024 * 1024)} MiB (is this the right file?)",
            )
        data = path.read_bytes()
    except OSError as error:
        raise refuse(label, f"cannot be read: {error.strerror or error}") from None
    if not data.strip():
        raise refuse(label, "is empty")
    return data


def decode_text(label: str, data: bytes) -> str:
    """UTF-8 (with or without a byte-order mark) or UTF-16 with one; anything else is refused."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise refuse(label, "is not readable UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise refuse(label, "is a binary file, not a text export or notes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise refuse(
            f"{label}:{line}",
            f"is not UTF-8 text (byte {error.start + 1} cannot be read); "
            "save the file as UTF-8 and import it again",
        ) from None


def read_text(path: Path) -> TextFile:
    """The file as text; raises Unreadable with the reason when it cannot be imported."""
    return TextFile(str(path), path.name, decode_text(str(path), read_bytes(path)))
