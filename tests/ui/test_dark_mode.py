"""Dark mode: the window follows the system's colour scheme as it changes, Settings can force
light or dark, and the switch happens live: the palette, the stylesheet, the charts, the
tables' cells and the HTML panels all take the new colours without a restart. Every pairing
of text and background is readable in both looks."""

from __future__ import annotations

import gc
from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox
from test_history_data import import_fixed_history

from traininglog.ui.common import theme
from traininglog.ui.common.theme import DARK, LIGHT, Colours, qcolor
from traininglog.ui.dialogs.settings_dialog import SettingsDialog
from traininglog.ui.history.sessions_table import RECORDS_ROLE


@pytest.fixture
def themed(qapp):
    """The app's look applied, as `make_application` does; afterwards the test application
    is put back as it was, so that no other test runs dark."""
    # The windows of earlier tests, closed, are deleted here, on this thread: a restyle walks
    # every widget, and none may be half gone (or be collected meanwhile on a worker thread).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()
    saved = (qapp.palette(), qapp.styleSheet(), qapp.font())
    state = (theme._theme.colours, theme._theme.choice, theme._theme.applied)
    theme.apply_theme(qapp, theme.SYSTEM)
    yield qapp
    palette, sheet, font = saved
    qapp.setStyleSheet(sheet)
    qapp.setPalette(palette)
    qapp.setFont(font)
    theme._theme.colours, theme._theme.choice, theme._theme.applied = state


def system_turns(app: QApplication, scheme: Qt.ColorScheme) -> None:
    """What the desktop does when the lifter switches it to light or dark."""
    app.styleHints().colorSchemeChanged.emit(scheme)


def window_colour(app: QApplication) -> str:
    return app.palette().color(QPalette.ColorRole.Window).name()


@pytest.fixture
def history_shown(qtbot, window, logbook):
    import_fixed_history(logbook)
    window.controller.changed.emit()
    window.show_history()
    page = window.history
    qtbot.waitUntil(lambda: page.model.rowCount() == 6)
    page.table.setCurrentIndex(page.model.index(0, 0))
    return page


def choose_look(qtbot, monkeypatch, text: str) -> None:
    """Make the next Settings dialog pick `text` under Look by keyboard, then press OK."""

    def exec_(dialog: SettingsDialog) -> int:
        dialog.show()
        qtbot.waitExposed(dialog)
        box = dialog.findChild(QComboBox, "colourScheme")
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Home)
        for _ in range(box.count()):
            if box.currentText() == text:
                break
            qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.currentText() == text
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(SettingsDialog, "exec", exec_)


def test_the_window_follows_the_system_live(qtbot, themed, window, history_shown):
    page = history_shown
    page.show_tab("charts")
    charts = page.charts
    charts.set_kind("volume")
    charts.dates.set_preset("all")
    system_turns(themed, Qt.ColorScheme.Dark)
    assert window_colour(themed) == DARK.window
    assert DARK.base in themed.styleSheet() and "@" not in themed.styleSheet()
    # The chart was drawn again in the dark colours, not left white in a dark window.
    assert charts.view.chart().backgroundBrush().color().name() == DARK.base
    assert charts.plotted[0].series.pen().color().name() == DARK.accent
    # The window itself, as painted, is dark.
    image = window.grab().toImage()
    corner = QColor(image.pixel(image.width() - 5, image.height() // 2))
    assert corner.lightness() < 80, corner.name()
    system_turns(themed, Qt.ColorScheme.Light)
    assert window_colour(themed) == LIGHT.window
    assert charts.view.chart().backgroundBrush().color().name() == LIGHT.base


def test_settings_force_dark_whatever_the_system_says(
    qtbot, themed, window, history_shown, monkeypatch
):
    page = history_shown
    choose_look(qtbot, monkeypatch, "Dark")
    window.findChild(type(window.save_action), "settings").trigger()
    assert window.settings.colour_scheme == "dark"
    assert window_colour(themed) == DARK.window
    # The sessions table's notes and the session detail take the dark colours at once.
    notes = page.model.index(0, page.model.columnCount() - 1)
    assert notes.data(Qt.ItemDataRole.ForegroundRole).name() == DARK.muted
    assert DARK.muted in page.detail.toHtml()
    # A light desktop does not undo the lifter's choice.
    system_turns(themed, Qt.ColorScheme.Light)
    assert window_colour(themed) == DARK.window
    choose_look(qtbot, monkeypatch, "As the system: light or dark, following it")
    window.findChild(type(window.save_action), "settings").trigger()
    assert window.settings.colour_scheme == "system"
    assert window_colour(themed) == LIGHT.window  # the system said light last
    assert notes.data(Qt.ItemDataRole.ForegroundRole).name() == LIGHT.muted


def test_record_stars_are_drawn_in_the_look_in_use(qtbot, themed, window, history_shown):
    page = history_shown
    qtbot.waitUntil(lambda: any(page.model.index(r, 0).data(RECORDS_ROLE) for r in range(6)))
    starred = next(r for r in range(6) if page.model.index(r, 0).data(RECORDS_ROLE))

    def star_colour() -> str:
        icon = page.model.index(starred, 0).data(Qt.ItemDataRole.DecorationRole)
        image = icon.pixmap(16, 16).toImage()
        inked = Counter(
            image.pixelColor(x, y).name()
            for x in range(16)
            for y in range(16)
            if image.pixelColor(x, y).alpha() == 255
        )
        assert inked, "no star drawn"
        return inked.most_common(1)[0][0]

    assert star_colour() == LIGHT.record
    system_turns(themed, Qt.ColorScheme.Dark)
    assert star_colour() == DARK.record


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(colour.redF())
            + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF())
        )

    la, lb = sorted((luminance(qcolor(a)), luminance(qcolor(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("look", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_is_readable_on_its_background(look: Colours):
    # Text: at least 4.5:1 (WCAG AA); marks and lines that carry meaning: at least 3:1.
    for text in (look.ink, look.muted, look.error, look.accent):
        for background in (look.base, look.window, look.alternate):
            assert contrast(text, background) >= 4.5, (text, background)
    assert contrast(look.warning_ink, look.warning_background) >= 4.5
    assert contrast(look.error, look.error_background) >= 3.0
    assert contrast(look.ink, look.accent_soft) >= 4.5  # a selected row
    assert contrast("#ffffff", look.accent_strong) >= 4.5  # the save button
    for mark in (look.record, look.second, look.faint):
        assert contrast(mark, look.base) >= 3.0, mark


def test_the_stylesheet_names_only_colours_every_look_has():
    template = theme.shipped_file("resources", "style", "training-log.qss").read_text("utf-8")
    for look in (LIGHT, DARK):
        sheet = theme.stylesheet(template, look)
        assert "@" not in sheet
        assert look.window in sheet and look.accent in sheet
    with pytest.raises(KeyError, match="@nosuchcolour"):
        theme.stylesheet("QWidget { color: @nosuchcolour; }", LIGHT)


@pytest.mark.parametrize("look", [LIGHT, DARK], ids=["light", "dark"])
def test_the_import_dialogs_unit_question_stands_out_in_both_looks(qtbot, themed, window, look):
    from traininglog.ui.common.theme import restyle
    from traininglog.ui.dialogs.import_dialog import ImportDialog

    theme.reapply(themed, "dark" if look.dark else "light")
    dialog = ImportDialog(window.controller, window, settings=window.qsettings)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.unit_row
    row.setVisible(True)
    restyle(row, "asking", True)
    qtbot.waitUntil(lambda: row.width() > 20)
    image = row.grab().toImage()
    inside = QColor(image.pixel(4, image.height() // 2))
    assert inside.name() == look.warning_background
    restyle(row, "asking", False)
    image = row.grab().toImage()
    assert QColor(image.pixel(4, image.height() // 2)).name() != look.warning_background


@pytest.mark.parametrize("look", [LIGHT, DARK], ids=["light", "dark"])
def test_a_field_that_cant_be_used_is_named_in_the_error_colour(qtbot, themed, look):
    from traininglog.ui.common.app_settings import AppSettings
    from traininglog.ui.dialogs.settings_dialog import SettingsDialog
    from traininglog.ui.logging_form.rule_dialog import ProgressionRuleDialog

    theme.reapply(themed, "dark" if look.dark else "light")
    settings = SettingsDialog(AppSettings(QSettings()))
    qtbot.addWidget(settings)
    settings.show()
    settings.bar.setText("heavy")
    assert settings.chosen_plates() is None
    rules = ProgressionRuleDialog("Barbell Bench Press", None, "kg")
    qtbot.addWidget(rules)
    rules.show()
    rules.kind.setCurrentIndex(rules.kind.findData("double-progression"))
    rules.double_increment.setText("lots")
    rules.accept()
    for label in (settings.plate_problem, rules.problem):
        assert label.isVisible() and label.text().startswith("⚠")
        image = label.grab().toImage()
        inked = {
            image.pixelColor(x, y).name()
            for x in range(image.width())
            for y in range(image.height())
        }
        assert look.error in inked, label.objectName()
