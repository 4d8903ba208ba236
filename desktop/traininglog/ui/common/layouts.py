"""Small layout builders the pages and dialogs share."""

from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget


def flush(layout: QBoxLayout, *widgets: QWidget, spacing: int | None = None) -> QBoxLayout:
    """`layout` with no margins, holding `widgets` in order."""
    layout.setContentsMargins(0, 0, 0, 0)
    if spacing is not None:
        layout.setSpacing(spacing)
    for widget in widgets:
        layout.addWidget(widget)
    return layout


def titled_panel(title: str, body: QWidget, *below: QWidget) -> QWidget:
    """A panel with a caption over `body` (which takes the height) and `below` under it."""
    panel = QWidget()
    caption = QLabel(title)
    caption.setObjectName("panelTitle")
    layout = flush(QVBoxLayout(panel), caption)
    layout.addWidget(body, 1)
    for widget in below:
        layout.addWidget(widget)
    return panel
