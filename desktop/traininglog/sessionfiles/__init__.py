"""Session files: the JSON codec, the schema, the reader, the file names and the scan.

May import `domain` and `files`.
"""

from .codec import decode, encode, parse_json, to_document
from .naming import file_name
from .reader import NewerFormatError, SessionFileError, from_document

__all__ = [
    "NewerFormatError",
    "SessionFileError",
    "decode",
    "encode",
    "file_name",
    "from_document",
    "parse_json",
    "to_document",
]
