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


# Columns of the later document versions, each written only when an exported session uses
# it, so that an export using none is the table it always was: the lifter's body weight
# after the deload flag, an exercise's superset letter after its name, and a body-weight
# set's kind (plus, minus, or empty for a plain set) after its weight.
LATER_COLUMNS = {"body_weight_kg": "deload", "superset": "exercise", "body_weight": "weight_kg"}


def csv_header(
    body_weight: bool = False, superset: bool = False, body_weight_sets: bool = False
) -> tuple[str, ...]:
    """The table's columns, with the later ones that are used."""
    used = {"body_weight_kg": body_weight, "superset": superset, "body_weight": body_weight_sets}
    header: list[str] = []
    for column in CSV_HEADER:
        header.append(column)
        header.extend(
            later for later, after in LATER_COLUMNS.items() if after == column and used[later]
        )
    return tuple(header)


CSV_HEADERS = tuple(
    csv_header(b, g, k) for b in (False, True) for g in (False, True) for k in (False, True)
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
