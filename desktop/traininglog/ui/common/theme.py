"""The app's look: Fusion everywhere (the same on every desktop), one stylesheet, and two sets
of colours, light and dark.

The lifter chooses in Settings: follow the system's colour scheme (the default; Qt's
`styleHints().colorScheme()`, followed live as it changes), or always light, or always dark.
Every colour the views use comes from `colours()`, so that charts, record marks, warnings and
errors read in both. The stylesheet names its colours as `@role` tokens, filled in from the
same set. A change of look is announced by `changes().changed`, for the views that draw their
colours into what they show (charts, HTML panels, table cells) to draw again.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import asdict, dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ...files.shipped import shipped_file

SYSTEM, LIGHT_SCHEME, DARK_SCHEME = "system", "light", "dark"
SCHEMES = (SYSTEM, LIGHT_SCHEME, DARK_SCHEME)


@dataclass(frozen=True)
class Colours:
    """One look's colours, by what they are for (CSS colour strings)."""

    dark: bool
    window: str  # behind everything
    base: str  # fields, tables, panels, charts
    alternate: str  # every other table row
    ink: str  # text
    muted: str  # secondary text: hints, notes, axis labels
    faint: str  # warm-up rows, disabled text
    line: str  # frames
    field_line: str  # frames of what can be typed in or pressed
    grid: str  # table and chart grid lines
    header: str  # table headers
    status: str  # the status bar
    accent: str  # focus, links, the main line of a chart
    accent_strong: str  # the save button when pointed at
    accent_soft: str  # selected rows
    hover: str  # a button pointed at
    hover_line: str
    disabled: str  # a disabled button's background
    second: str  # a chart's second line
    shade: str  # deload weeks behind a chart's line (with alpha)
    record: str  # the record star
    error: str
    error_background: str
    warning_ink: str
    warning_background: str
    warning_line: str


LIGHT = Colours(
    dark=False,
    window="#f6f7f9",
    base="#ffffff",
    alternate="#f9fafb",
    ink="#1f2933",
    muted="#5f6b7a",
    faint="#7f8a97",
    line="#d9dee5",
    field_line="#cfd6df",
    grid="#e6e9ee",
    header="#f1f3f6",
    status="#eef1f4",
    accent="#2b66cf",
    accent_strong="#2559b8",
    accent_soft="#dce8fb",
    hover="#f1f5fc",
    hover_line="#a9bfe6",
    disabled="#f3f4f6",
    second="#d0691f",
    shade="rgba(208, 105, 31, 40)",
    record="#b07800",
    error="#b00020",
    error_background="#ffd9d9",
    warning_ink="#7a5200",
    warning_background="#fff4d6",
    warning_line="#e0c070",
)

DARK = Colours(
    dark=True,
    window="#1b1f24",
    base="#23282f",
    alternate="#272d35",
    ink="#e4e7eb",
    muted="#a3adb9",
    faint="#77828f",
    line="#3a414b",
    field_line="#4a5360",
    grid="#333a44",
    header="#2a3038",
    status="#16191d",
    accent="#6b9ff5",
    accent_strong="#3468cc",
    accent_soft="#2c4772",
    hover="#2c333c",
    hover_line="#55709e",
    disabled="#2a2e34",
    second="#f29b62",
    shade="rgba(242, 155, 98, 58)",
    record="#f5c04a",
    error="#ff7b8c",
    error_background="#5c2029",
    warning_ink="#f2d38a",
    warning_background="#3b3119",
    warning_line="#7d6628",
)


@functools.lru_cache(maxsize=64)
def qcolor(text: str) -> QColor:
    """A QColor from a CSS colour, `rgba(r, g, b, a)` included."""
    found = re.fullmatch(r"rgba\((\d+),\s*(\d+),\s*(\d+),\s*(\d+)\)", text)
    if found:
        return QColor(*(int(n) for n in found.groups()))
    return QColor(text)


class ThemeChanges(QObject):
    """Tells the views that the look changed (light to dark or back)."""

    changed = Signal()


class _Theme:
    def __init__(self) -> None:
        self.colours = LIGHT
        self.choice = SYSTEM
        self.applied = False
        self.changes: ThemeChanges | None = None
        self.following = False


_theme = _Theme()


def colours() -> Colours:
    """The colours of the look in use (light before any is applied)."""
    return _theme.colours


def changes() -> ThemeChanges:
    if _theme.changes is None:
        _theme.changes = ThemeChanges()
    return _theme.changes


def system_is_dark(scheme: Qt.ColorScheme | None = None) -> bool:
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    return scheme == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, choice: str = SYSTEM) -> None:
    """Fusion, the app's font size, and the colours of `choice` ("system", "light" or
    "dark"), applied to the whole application; views are told if the colours changed."""
    if app.style().name().casefold() != "fusion":  # a new style object only where needed
        app.setStyle("Fusion")
    font = QFont(app.font())
    font.setPointSizeF(max(font.pointSizeF(), 10.0))
    app.setFont(font)
    _theme.applied = True
    if not _theme.following:
        app.styleHints().colorSchemeChanged.connect(_system_changed)
        _theme.following = True
    _use(app, choice if choice in SCHEMES else SYSTEM, None)


def reapply(app: QApplication, choice: str) -> None:
    """The lifter chose another look in Settings: take it on at once, where the app's look
    is in use at all (a window made without it, as in tests, stays as it is)."""
    if _theme.applied:
        _use(app, choice if choice in SCHEMES else SYSTEM, None)


def _system_changed(scheme: Qt.ColorScheme) -> None:
    app = QApplication.instance()
    if _theme.choice == SYSTEM and isinstance(app, QApplication):
        _use(app, SYSTEM, scheme)


def _use(app: QApplication, choice: str, scheme: Qt.ColorScheme | None) -> None:
    _theme.choice = choice
    dark = choice == DARK_SCHEME or (choice == SYSTEM and system_is_dark(scheme))
    chosen = DARK if dark else LIGHT
    changed = chosen != _theme.colours
    _theme.colours = chosen
    app.setPalette(palette(chosen))
    # A missing stylesheet leaves the plain Fusion look, never a failed start.
    with contextlib.suppress(FileNotFoundError):
        template = shipped_file("resources", "style", "training-log.qss").read_text("utf-8")
        app.setStyleSheet(stylesheet(template, chosen))
    if changed:
        changes().changed.emit()


def palette(c: Colours) -> QPalette:
    """Qt's palette for a look: what Fusion draws with, where the stylesheet says nothing."""
    p = QPalette()
    role = QPalette.ColorRole
    for which, colour in (
        (role.Window, c.window),
        (role.WindowText, c.ink),
        (role.Base, c.base),
        (role.AlternateBase, c.alternate),
        (role.Text, c.ink),
        (role.Button, c.base if not c.dark else c.header),
        (role.ButtonText, c.ink),
        (role.BrightText, c.error),
        (role.Highlight, c.accent if not c.dark else c.accent_soft),
        (role.HighlightedText, "#ffffff" if not c.dark else c.ink),
        (role.Link, c.accent),
        (role.LinkVisited, c.accent),
        (role.PlaceholderText, c.faint),
        (role.ToolTipBase, c.base),
        (role.ToolTipText, c.ink),
        (role.Light, c.base if not c.dark else c.field_line),
        (role.Midlight, c.grid),
        (role.Mid, c.line),
        (role.Dark, c.field_line if not c.dark else c.window),
        (role.Shadow, c.faint if not c.dark else "#000000"),
    ):
        p.setColor(which, qcolor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for which in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(disabled, which, qcolor(c.faint))
    return p


def restyle(widget: QWidget, name: str, value: object) -> None:
    """Set a property the stylesheet reads (`QLabel[problem="true"]`), and draw again."""
    if widget.property(name) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def stylesheet(template: str, c: Colours) -> str:
    """The stylesheet with its `@role` tokens replaced by the look's colours (its comments,
    which may name tokens, left out)."""
    values = {k: v for k, v in asdict(c).items() if isinstance(v, str)}

    def colour(found: re.Match[str]) -> str:
        name = found.group(1)
        if name not in values:
            raise KeyError(f"the stylesheet names a colour no look has: @{name}")
        return values[name]

    without_comments = re.sub(r"/\*.*?\*/", "", template, flags=re.DOTALL)
    return re.sub(r"@([a-z_]+)", colour, without_comments)
