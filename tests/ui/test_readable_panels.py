"""Panels a lifter reads at a glance: body-weight sets as "BW", last time as "Tue 24 Nov ·
9 days ago" with every set's RPE, rest and notes, and no stray separators."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from traininglog.domain import Exercise, Session, WarmupSet, WorkingSet, new_session_id
from traininglog.ui.common.formatting import days_ago_text, short_day_text
from traininglog.ui.history.session_detail import session_html

from helpers import add_exercise


def pull_ups(day: datetime, **changes) -> Session:
    return Session(
        id=new_session_id(),
        date=day,
        exercises=(
            Exercise(
                order=1,
                name="Pull-Up",
                target_muscle_groups=("lats",),
                warmup_sets=(WarmupSet(1, 0, 5, "band off"),),
                working_sets=(
                    WorkingSet(1, 0, 8, 0, 8.0, "good", 2.5, "strict"),
                    WorkingSet(2, 10, 5, 0, 9.0, None, None, None),
                ),
            ),
        ),
        **changes,
    )


def test_last_time_reads_as_a_lifter_says_it(qtbot, window, logbook) -> None:
    nine_days_ago = datetime.combine(date.today() - timedelta(days=9), datetime.min.time())
    logbook.save(pull_ups(nine_days_ago.replace(hour=18)))
    window.controller.changed.emit()
    view = window.log_view
    add_exercise(qtbot, view, "pull-up")
    text = view.last_time.body.text()
    day = nine_days_ago.date()
    assert f"{short_day_text(day, date.today())} · 9 days ago" in text
    assert "W1  BW × 5" in text and "band off" in text
    assert "1.  BW × 8 @8 · good · rest 2.5 min" in text and "strict" in text
    assert "2.  10 × 5 @9" in text
    assert "  0 ×" not in text


def test_the_session_detail_has_no_stray_separator_and_shows_bw() -> None:
    html = session_html(pull_ups(datetime(2026, 11, 24, 18, 0)), "kg")
    assert "BW" in html and ">0<" not in html
    assert " · </p>" not in html and "· ·" not in html


def test_days_ago_and_short_days() -> None:
    today = date(2026, 12, 3)
    assert days_ago_text(today, today) == "today"
    assert days_ago_text(date(2026, 12, 2), today) == "yesterday"
    assert days_ago_text(date(2026, 11, 24), today) == "9 days ago"
    assert short_day_text(date(2026, 11, 24), today) == "Tue 24 Nov"
    assert short_day_text(date(2025, 11, 24), today) == "Mon 24 Nov 2025"


def test_the_session_detail_wraps_at_spaces_only(qtbot) -> None:
    from PySide6.QtGui import QTextOption

    from traininglog.ui.history.session_detail import SessionDetail

    detail = SessionDetail()
    qtbot.addWidget(detail)
    detail.resize(120, 400)
    detail.show_session(pull_ups(datetime(2026, 11, 24, 18, 0), focus="Oberkörperhypertrophietag"))
    assert detail.wordWrapMode() == QTextOption.WrapMode.WordWrap
    layout = detail.document().firstBlock().layout()
    lines = [layout.lineAt(n) for n in range(layout.lineCount())]
    text = detail.document().firstBlock().text()
    starts = [line.textStart() for line in lines]
    assert all(s == 0 or text[s - 1] in " -" for s in starts), (text, starts)
