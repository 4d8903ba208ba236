"""Sessions the startup scan kept in trash/ are told when the window opens, and Restore
brings them back into both stores."""

from __future__ import annotations

import shutil
from datetime import datetime

from PySide6.QtCore import Qt

from traininglog.domain import Exercise, Session, WorkingSet
from traininglog.sessionfiles import decode, file_name
from traininglog.store import queries
from traininglog.ui.dialogs.kept_in_trash import KeptInTrashDialog


def make_session(n: int) -> Session:
    return Session(
        id=f"{n:08x}-3333-4444-8555-666677778888",
        date=datetime(2026, 6, n, 18, 0),
        focus=f"day {n}",
        exercises=(Exercise(1, "Barbell Back Squat", ("quads",), (), (WorkingSet(1, 140, 3),)),),
    )


def open_dialog(qtbot, controller) -> KeptInTrashDialog:
    report = controller.sync()
    dialog = KeptInTrashDialog(controller, report.trashed)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_deleted_file_and_an_overwritten_one_are_told_and_restored(
    qtbot, controller, logbook, folders
) -> None:
    one, two, three = (make_session(n) for n in (1, 2, 3))
    for s in (one, two, three):
        logbook.save(s)
    (folders.sessions / file_name(one)).unlink()  # deleted by hand
    copy = folders.sessions / file_name(three)
    shutil.copyfile(folders.sessions / file_name(two), copy)  # `cp two.json three.json`
    dialog = open_dialog(qtbot, controller)
    shown = [dialog.list.item(r).text() for r in range(dialog.list.count())]
    assert shown == [
        "Mon 1 Jun 2026 (day 1): its file is gone from the folder",
        "Wed 3 Jun 2026 (day 3): its file now holds another session",
    ]
    assert dialog.list.item(1).toolTip().startswith(f"{file_name(three)} now holds another")
    assert {s.id for s in queries.load_sessions()} == {two.id}

    copy.unlink()  # the lifter removes the copy first
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert {s.id for s in queries.load_sessions()} == {one.id, two.id, three.id}
    assert decode((folders.sessions / file_name(one)).read_bytes()) == one
    assert decode((folders.sessions / file_name(three)).read_bytes()) == three
    assert list(folders.trash.iterdir()) == []


def test_unchecked_sessions_stay_in_trash(qtbot, controller, logbook, folders) -> None:
    one, two = make_session(1), make_session(2)
    for s in (one, two):
        logbook.save(s)
    for s in (one, two):
        (folders.sessions / file_name(s)).unlink()
    dialog = open_dialog(qtbot, controller)
    first = dialog.list.item(0)
    rect = dialog.list.visualItemRect(first)
    # The check box sits at the row's left edge.
    qtbot.mouseClick(
        dialog.list.viewport(),
        Qt.MouseButton.LeftButton,
        pos=rect.topLeft() + rect.center() * 0 + type(rect.topLeft())(10, rect.height() // 2),
    )
    assert first.checkState() == Qt.CheckState.Unchecked
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert {s.id for s in queries.load_sessions()} == {two.id}
    assert (folders.trash / file_name(one)).exists()


def test_sessions_with_and_without_an_offset_are_listed_by_day(qtbot, controller, tmp_path):
    from datetime import timezone

    from traininglog.domain.reports import TrashedSession

    trashed = [
        TrashedSession(
            "b.json",
            tmp_path / "b.json",
            datetime(2026, 6, 2, 9, 0, tzinfo=timezone.utc),
            None,
            "b.json is gone from the folder",
        ),
        TrashedSession(
            "a.json",
            tmp_path / "a.json",
            datetime(2026, 6, 1, 9, 0),
            "legs",
            "a.json is gone from the folder",
        ),
    ]
    dialog = KeptInTrashDialog(controller, trashed)
    qtbot.addWidget(dialog)
    assert [dialog.list.item(r).text() for r in range(2)] == [
        "Mon 1 Jun 2026 (legs): its file is gone from the folder",
        "Tue 2 Jun 2026: its file is gone from the folder",
    ]
