"""The CSV table's columns and cells, as the exporter writes them and the importer reads them."""

from __future__ import annotations

CSV_HEADER = (
    "date",
    "session_id",
    "focus",
    "phase",
    "week",
    "deload",
    "exercise_order",
    "exercise",
    "set_type",
    "set",
    "weight_kg",
    "reps_full",
    "reps_partial",
    "rpe",
    "rep_assessment",
    "rest_minutes",
    "notes",
)


# With supersets: the group letter beside the exercise's name. Written only when an exported
# session has a group, so that an export without any is the table it always was.
CSV_HEADER_GROUPED = (
    *CSV_HEADER[: CSV_HEADER.index("exercise") + 1],
    "superset",
    *CSV_HEADER[CSV_HEADER.index("exercise") + 1 :],
)


# A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(...)` in a
# note would be a live link, or worse). Such a cell is written with a leading apostrophe, which
# spreadsheets show as text; so is a cell that starts with an apostrophe itself, so that
# reading takes exactly one off and the round trip stays exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
TEXT_COLUMNS = ("focus", "exercise", "rep_assessment", "notes")


def protect_cell(text: str) -> str:
    """`text` as a spreadsheet shows it and never runs it."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def unprotect_cell(text: str) -> str:
    """What `protect_cell` was given."""
    return text[1:] if text.startswith("'") else text
