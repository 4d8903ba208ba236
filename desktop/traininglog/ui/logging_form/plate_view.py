"""The plate calculator in the form: Ctrl+P on a weight cell shows the plates per side for
that weight (typed, or the grey target when the cell is empty), with the lifter's bar and
plates from Settings; a load the plates can't make says why and the nearest ones."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from ...domain.exact import exact, kg_to, shown
from ...domain.plates import PlateSet
from ...domain.session import BODY_WEIGHT_MINUS
from ...drafts.draft import parse_load, weight_cell


def plate_line(weight: str, unit: str, plates: PlateSet) -> str:
    """ "100 kg: 20 kg bar + 25 · 10 · 2.5 per side" for `weight` as typed in the display
    `unit`; the reason and the nearest loads when the plates can't make it."""
    typed = weight.strip()
    if not typed:
        return "No weight in this cell: type one to see its plates"
    kg, body_weight, problem = parse_load(typed, unit)
    if problem or kg is None:
        return problem or f"“{typed}” is not a weight"
    if body_weight == BODY_WEIGHT_MINUS:
        return "Assisted: the machine's weight is taken off your body weight, no plates"
    if kg == 0:
        return "Body weight: no plates"
    if body_weight is not None:
        return f"Body weight + {weight_cell(kg, unit)} {unit} on a belt or vest: no bar"
    if unit == plates.unit and re.fullmatch(r"[0-9]+(?:[.,][0-9]+)?", typed):
        target = exact(typed.replace(",", "."))
    else:
        target = kg_to(plates.unit, kg, places=1)
    answer = plates.load(target)
    if answer.load is not None:
        return f"{shown(target)} {plates.unit}: {answer.load.text()}"
    return answer.text()


def _on_screen(where: QPoint, size: QSize, screen: QRect) -> QPoint:
    """`where`, moved back just enough for the whole popup to be on the screen (a weight cell
    at the screen's bottom or right edge opens it above or to the left instead)."""
    x = min(where.x(), screen.right() - size.width() + 1)
    y = min(where.y(), screen.bottom() - size.height() + 1)
    return QPoint(max(x, screen.left()), max(y, screen.top()))


class PlateView(QLabel):
    """A small popup under a weight cell with its plates; Esc or a click elsewhere closes it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("plateView")
        self.setAccessibleName("Plates per side")
        self.setWordWrap(True)
        self.setMaximumWidth(560)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._came_from: QWidget | None = None

    def show_line(self, text: str, where: QPoint) -> None:
        self._came_from = QApplication.focusWidget()
        self.setText(text)
        margins = self.contentsMargins()
        room = self.fontMetrics().horizontalAdvance(text) + margins.left() + margins.right() + 24
        self.setFixedWidth(min(room, self.maximumWidth()))
        self.adjustSize()
        self.move(where)
        self.show()
        # Its size is final once shown (the stylesheet's padding): then kept on the screen.
        self.move(_on_screen(where, self.size(), self.screen().availableGeometry()))
        self.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def hideEvent(self, event) -> None:
        """Closed: the keys go back to where Ctrl+P was pressed."""
        super().hideEvent(event)
        came_from, self._came_from = self._came_from, None
        if came_from is not None:
            came_from.window().activateWindow()
            came_from.setFocus(Qt.FocusReason.PopupFocusReason)
