"""How dates, weights and notes read in the window."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given
from hypothesis import strategies as st

from traininglog.ui.common.formatting import session_date_text, weight_text
from traininglog.ui.history.sessions_table import NOTES_PREVIEW, notes_preview


@given(st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31)))
def test_session_dates_read_as_strftime_writes_them(moment):
    assert session_date_text(moment.isoformat()) == moment.strftime("%a %d %b %Y, %H:%M")


def test_a_date_that_is_not_one_is_shown_as_it_is():
    assert session_date_text("last tuesday") == "last tuesday"


def test_weights_drop_needless_decimals():
    assert weight_text(80) == "80"
    assert weight_text(82.5) == "82.5"
    assert weight_text(100, "lb", with_unit=True) == "220.5 lb"
    assert weight_text(None) == ""


def test_a_notes_preview_is_one_short_line():
    assert notes_preview("Bench: felt\nstrong ·  PR!") == "Bench: felt strong · PR!"
    long = "Squat: " + "deep " * 100
    preview = notes_preview(long)
    assert len(preview) == NOTES_PREVIEW and preview.endswith("…")
    assert long.startswith(preview[:-1])
