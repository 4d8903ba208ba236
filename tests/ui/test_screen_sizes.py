"""On a 1024×700 netbook, a 1366×768 laptop and a 1920×1080 monitor the window takes at most
90% of the screen, and on every page no widget lies outside its parent's visible area."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from helpers import add_exercise, stored_session, to_working_sets, type_cells

SCREENS = [(1024, 700), (1366, 768), (1920, 1080)]
TASK_BAR = 28


def clipped(window: QWidget) -> list[str]:
    """Every visible widget whose rectangle leaves its parent's (a scroll area's content is
    meant to, and is not counted)."""
    found = []
    for child in window.findChildren(QWidget):
        parent = child.parentWidget()
        if parent is None or child.isWindow() or not child.isVisibleTo(window):
            continue
        holder = parent.parentWidget()
        if isinstance(parent, QAbstractScrollArea) or (
            isinstance(holder, QAbstractScrollArea) and parent is holder.viewport()
        ):
            continue
        if not parent.rect().contains(child.geometry()):
            g = child.geometry()
            found.append(
                f"{type(child).__name__} {child.objectName()!r} at {g.x()},{g.y()} "
                f"{g.width()}×{g.height()} in {type(parent).__name__} "
                f"{parent.width()}×{parent.height()}"
            )
    return found


def settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


@pytest.mark.parametrize("screen", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_every_page_fits_the_screen(qtbot, window, logbook, screen) -> None:
    logbook.save(stored_session("2026-02-16"))
    window.controller.changed.emit()
    view = window.log_view
    view.header.focus.setText("full-body-hypertrophy")  # a long focus widens the header
    add_exercise(qtbot, view, "trap bar")  # a long name, and four muscle groups beside it
    to_working_sets(qtbot, view)
    type_cells(qtbot, ["80", "5"])
    width, height = screen
    room = QRect(0, 0, width, height - TASK_BAR)
    window.resize(2000, 1400)
    window.fit_screen(room)
    settle()
    assert window.width() <= room.width() * 0.9 + 1
    assert window.height() <= room.height() * 0.9 + 1
    pages = {
        "log": window.show_log,
        "sessions": lambda: (window.show_history(), window.history.show_tab("sessions")),
        "exercise": lambda: (window.show_history(), window.history.show_tab("exercise")),
        "charts": lambda: (window.show_history(), window.history.show_tab("charts")),
    }
    for page, show in pages.items():
        show()
        settle()
        assert clipped(window) == [], f"{page} at {width}×{height}"
        if page == "log":
            # The fields typed in most keep room to read what is typed.
            assert view.header.focus.width() >= 130, view.header.focus.width()
            assert view.name.width() >= 150, view.name.width()


def test_the_check_sees_a_widget_pushed_out_of_its_parent(qtbot) -> None:
    from PySide6.QtWidgets import QLabel

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.resize(200, 100)
    label = QLabel("a long caption cut off", parent)
    label.setObjectName("cut")
    label.setGeometry(150, 10, 120, 20)
    parent.show()
    assert clipped(parent) == ["QLabel 'cut' at 150,10 120×20 in QWidget 200×100"]
