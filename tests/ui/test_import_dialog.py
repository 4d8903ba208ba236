"""File ▸ Import…: the preview, mapping names, importing with progress, and cancelling."""

from __future__ import annotations

import errno
import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from traininglog.datafolder import reconcile
from traininglog.importers.detect import read_import
from traininglog.sessionfiles import encode, file_name
from traininglog.store import queries
from traininglog.ui.dialogs import import_dialog
from traininglog.ui.dialogs.import_dialog import ImportDialog

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "imports"
BIG_IMPORT = 1500


@pytest.fixture
def dialog(qtbot, controller, qsettings):
    shown = ImportDialog(controller, settings=qsettings)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    # Never leave a job running into the next test's data directory.
    qtbot.waitUntil(lambda: not shown.worker.running, timeout=60_000)


@pytest.fixture(scope="module")
def big_history(tmp_path_factory) -> Path:
    """A folder of 1,500 session files, as another machine's Training Log would have."""
    from bench.history import generate_history

    folder = tmp_path_factory.mktemp("big") / "history"
    folder.mkdir()
    for session in generate_history(sessions=BIG_IMPORT, seed=1):
        (folder / file_name(session)).write_bytes(encode(session))
    return folder


def choose_files(qtbot, dialog, monkeypatch, *names: str) -> None:
    """Pick fixture files in the (patched) file dialog, then wait for the preview."""
    chosen = [str(FIXTURES / name) for name in names]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    qtbot.mouseClick(dialog.choose_files_button, Qt.MouseButton.LeftButton)
    wait_for_preview(qtbot, dialog)


def choose_folder(qtbot, dialog, monkeypatch, folder: Path, wait: bool = True) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    qtbot.mouseClick(dialog.choose_folder_button, Qt.MouseButton.LeftButton)
    if wait:
        wait_for_preview(qtbot, dialog)


def wait_for_preview(qtbot, dialog, timeout: int = 10_000) -> None:
    qtbot.waitUntil(
        lambda: dialog.preview is not None and not dialog.worker.running, timeout=timeout
    )


def choose_unit(qtbot, dialog, unit: str) -> None:
    button = dialog.unit_kg if unit == "kg" else dialog.unit_lb
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: dialog.preview is not None and dialog.preview.weight_unit == unit, timeout=10_000
    )


def import_and_wait(qtbot, dialog, timeout: int = 20_000) -> None:
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=timeout)


def files_table(dialog) -> list[list[str]]:
    table = dialog.files
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def stored_exercise_names() -> set[str]:
    return {e.name for s in queries.load_sessions() for e in s.exercises}


def test_the_preview_shows_what_the_files_hold_before_anything_is_written(
    qtbot, dialog, monkeypatch, folders
):
    choose_files(qtbot, dialog, monkeypatch, "hevy_kg.csv", "notes.md", "strong_bad_rows.csv")
    assert files_table(dialog) == [
        ["hevy_kg.csv", "Hevy CSV", "2", "0"],
        ["notes.md", "Markdown notes", "3", "0"],
        ["strong_bad_rows.csv", "kg or lb?", "0", "1"],
    ]
    summary = dialog.summary.text()
    assert "<b>5 sessions</b> (10 exercises, 33 sets) in 3 files" in summary
    assert "<b>5 new</b>, 0 already in your log" in summary
    assert "2 rows skipped" in summary
    # Strong's plain "Weight" column: the dialog asks, and says which file needs it.
    assert dialog.unit_row.isVisible()
    assert "strong_bad_rows.csv" in dialog.unit_label.text()
    assert dialog.problems.toPlainText() == (
        "strong_bad_rows.csv:1: Weight: has no unit, so Training Log cannot tell kilograms "
        "from pounds: choose kg or lb (the kg / lb choice above) and import again"
    )
    assert dialog.tabs.tabText(1) == "Problems (1)"
    assert dialog.import_button.text() == "&Import 5 sessions"
    assert queries.session_count() == 0
    assert not any(folders.sessions.iterdir())

    choose_unit(qtbot, dialog, "kg")  # reads the files again with it
    # Bad rows are skipped; only the workout with no readable date is left out.
    assert files_table(dialog)[2] == ["strong_bad_rows.csv", "Strong CSV", "4", "5"]
    assert "<b>9 sessions</b> (14 exercises, 37 sets)" in dialog.summary.text()
    assert "1 session left out because of errors" in dialog.summary.text()
    problems = dialog.problems.toPlainText().splitlines()
    assert "strong_bad_rows.csv:4: Weight: 'heavy' is not a number" in problems
    assert "strong_bad_rows.csv:5: RPE: 12 is outside 1 to 10" in problems
    assert (
        'strong_bad_rows.csv:6: "Bad Date" of an unreadable date: left out, a row of it has an '
        "error" in problems
    )
    assert len(problems) == 5
    assert dialog.unit_row.isVisible()  # still there, to switch to lb
    assert queries.session_count() == 0


def test_sessions_already_stored_are_counted_and_not_offered_again(
    qtbot, dialog, monkeypatch, logbook
):
    logbook.import_sessions(read_import([FIXTURES / "hevy_kg.csv"]).sessions)
    choose_files(qtbot, dialog, monkeypatch, "hevy_kg.csv")
    assert "<b>0 new</b>, 2 already in your log" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()

    choose_files(qtbot, dialog, monkeypatch, "notes.md")  # adds to the files chosen
    assert [row[0] for row in files_table(dialog)] == ["hevy_kg.csv", "notes.md"]
    assert "<b>3 new</b>, 2 already in your log" in dialog.summary.text()
    assert dialog.import_button.text() == "&Import 3 sessions"


def test_a_file_that_is_no_export_is_reported_with_its_reason(qtbot, dialog, monkeypatch, tmp_path):
    noise = tmp_path / "noise.csv"
    noise.write_bytes(bytes(range(256)) * 4)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(noise)], ""))
    qtbot.mouseClick(dialog.choose_files_button, Qt.MouseButton.LeftButton)
    wait_for_preview(qtbot, dialog)
    assert files_table(dialog) == [["noise.csv", "not read", "0", "1"]]
    assert dialog.problems.toPlainText() == (
        "noise.csv: is a binary file, not a text export or notes"
    )
    assert not dialog.import_button.isEnabled()
    assert dialog.tabs.currentIndex() == 1  # the problems are what there is to see


def test_a_mapped_name_is_imported_as_chosen_remembered_and_applied_next_time(
    qtbot, dialog, monkeypatch, controller, qsettings, folders
):
    choose_files(qtbot, dialog, monkeypatch, "strong_classic.csv")
    choose_unit(qtbot, dialog, "kg")
    mapping = dialog.mapping
    assert mapping.names() == ["Jefferson Curl"]
    assert mapping.table.item(0, 1).text() == "1"  # one set of it
    assert mapping.table.item(0, 2).text() == "keep as written (custom exercise)"

    # Letters typed on the table go to the search below it, which suggests like the log form.
    mapping.table.setFocus()
    qtbot.keyClicks(mapping.table, "roman")
    assert QApplication.focusWidget() is mapping.picker.field
    assert mapping.picker.suggestions()[0] == "Romanian Deadlift"
    qtbot.keyClicks(mapping.picker.field, "ian")
    qtbot.keyClick(mapping.picker.field, Qt.Key.Key_Return)
    assert mapping.table.item(0, 2).text() == "Romanian Deadlift"
    assert mapping.choices() == {"Jefferson Curl": "Romanian Deadlift"}
    assert dialog.report is None and not dialog.worker.running  # Enter did not press Import
    assert dialog.isVisible()

    import_and_wait(qtbot, dialog)
    assert len(dialog.report.imported) == 3
    assert "Romanian Deadlift" in stored_exercise_names()
    assert "Jefferson Curl" not in stored_exercise_names()
    remembered = json.loads((folders.root / "exercise-names.json").read_text(encoding="utf-8"))
    assert remembered["names"] == {"Jefferson Curl": "Romanian Deadlift"}

    # A newer export: the name is mapped already, and its new session follows the mapping.
    later = ImportDialog(controller, settings=qsettings)
    qtbot.addWidget(later)
    later.show()
    choose_files(qtbot, later, monkeypatch, "strong_classic_later.csv")
    choose_unit(qtbot, later, "kg")
    assert later.mapping.names() == []
    assert later.tabs.tabText(0) == "Exercise names (0)"
    assert "<b>1 new</b>, 3 already in your log" in later.summary.text()
    import_and_wait(qtbot, later)
    ((_source, path),) = later.report.imported
    added = json.loads(path.read_text(encoding="utf-8"))
    assert "Jefferson Curl" not in {e["Name"] for e in added["exercises"]}
    assert "Jefferson Curl" not in stored_exercise_names()


def test_names_to_map_come_largest_first_with_their_sets(qtbot, dialog, monkeypatch):
    # Hevy's own names ("Lat Pulldown (Machine)", "Iso-Lateral Row (Machine)"...) need no
    # help; the lifter's custom ones are listed, the one with the most sets first.
    choose_files(qtbot, dialog, monkeypatch, "hevy_default_names.csv")
    mapping = dialog.mapping
    assert mapping.names() == ["Reverse Nordic", "Kelso Shrug"]
    assert mapping.table.horizontalHeaderItem(1).text() == "Sets"
    assert [mapping.table.item(row, 1).text() for row in range(2)] == ["3", "1"]
    assert dialog.tabs.tabText(0) == "Exercise names (2)"


def test_keep_as_written_undoes_a_mapping(qtbot, dialog, monkeypatch, folders):
    choose_files(qtbot, dialog, monkeypatch, "notes.md")
    mapping = dialog.mapping
    assert mapping.names() == ["Zercher Carry"]
    qtbot.mouseClick(
        mapping.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=mapping.table.visualItemRect(mapping.table.item(0, 0)).center(),
    )
    qtbot.keyClicks(mapping.picker.field, "farmer")
    qtbot.keyClick(mapping.picker.field, Qt.Key.Key_Return)
    assert mapping.choices() == {"Zercher Carry": mapping.table.item(0, 2).text()}
    assert mapping.keep_button.isEnabled()
    qtbot.mouseClick(mapping.keep_button, Qt.MouseButton.LeftButton)
    assert mapping.choices() == {}
    assert mapping.table.item(0, 2).text() == "keep as written (custom exercise)"
    import_and_wait(qtbot, dialog)
    assert "Zercher Carry" in stored_exercise_names()
    assert not (folders.root / "exercise-names.json").exists()  # nothing to remember


def test_import_shows_progress_and_a_summary_and_both_stores_agree(
    qtbot, dialog, monkeypatch, controller, folders
):
    choose_files(qtbot, dialog, monkeypatch, "hevy_kg.csv", "notes.md", "strong_semicolon.csv")
    reports: list[tuple[int, int]] = []
    dialog.worker.progress.connect(lambda done, total: reports.append((done, total)))
    with qtbot.waitSignal(controller.changed, timeout=20_000):
        import_and_wait(qtbot, dialog)
    assert reports and reports[-1] == (7, 7)
    assert dialog.progress.isVisible()
    assert (dialog.progress.value(), dialog.progress.maximum()) == (7, 7)
    assert "Import finished: 7 sessions imported" in dialog.summary.text()
    assert not dialog.import_button.isVisible()
    assert dialog.close_button.isEnabled()
    assert not dialog.cancel_button.isVisible()
    assert queries.session_count() == 7
    assert len(list(folders.sessions.glob("*.json"))) == 7
    assert reconcile.check(folders).agrees

    # Importing the same files again adds nothing.
    again = ImportDialog(controller)
    qtbot.addWidget(again)
    again.show()
    choose_files(qtbot, again, monkeypatch, "hevy_kg.csv", "notes.md", "strong_semicolon.csv")
    assert "<b>0 new</b>, 7 already in your log" in again.summary.text()
    assert not again.import_button.isEnabled()


def test_cancelling_an_import_keeps_what_was_written_and_the_stores_agree(
    qtbot, dialog, monkeypatch, folders, big_history
):
    choose_folder(qtbot, dialog, monkeypatch, big_history)
    wait_for_preview(qtbot, dialog, timeout=60_000)
    assert files_table(dialog) == [
        ["history/ (1,500 files)", "Session file (JSON) × 1,500", "1,500", "0"]
    ]
    assert dialog.import_button.text() == "&Import 1,500 sessions"
    with qtbot.waitSignal(dialog.worker.progress, timeout=30_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isVisible() and not dialog.close_button.isEnabled()
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)

    report = dialog.report
    assert report.cancelled
    assert 0 < len(report.imported) < BIG_IMPORT
    assert f"Import cancelled: {len(report.imported):,} session" in dialog.summary.text()
    assert dialog.progress.value() < BIG_IMPORT
    assert queries.session_count() == len(report.imported)
    assert len(list(folders.sessions.glob("*.json"))) == len(report.imported)
    assert reconcile.check(folders).agrees
    assert dialog.isVisible() and dialog.close_button.isEnabled()


def test_escape_while_reading_cancels_the_reading_and_keeps_the_dialog_open(
    qtbot, dialog, monkeypatch, big_history
):
    choose_folder(qtbot, dialog, monkeypatch, big_history, wait=False)
    assert dialog.worker.running and dialog.cancel_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.worker.running, timeout=60_000)
    assert dialog.isVisible()
    assert dialog.status.text() == "Reading cancelled."
    assert dialog.preview is None and not dialog.import_button.isEnabled()
    assert queries.session_count() == 0


def test_a_failure_on_the_worker_is_told_in_the_dialog(qtbot, dialog, monkeypatch):
    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(import_dialog, "read_preview", disk_full)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(FIXTURES / "notes.md")], "")
    )
    qtbot.mouseClick(dialog.choose_files_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Could not"), timeout=10_000)
    assert dialog.status.text() == (
        "Could not read the files: No space left on device. "
        "The disk is full. Free some space, then save again."
    )
    assert not dialog.worker.running and dialog.close_button.isEnabled()


def test_clear_forgets_the_files(qtbot, dialog, monkeypatch):
    choose_files(qtbot, dialog, monkeypatch, "notes.md")
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert files_table(dialog) == []
    assert dialog.mapping.names() == []
    assert not dialog.import_button.isEnabled()
    assert dialog.summary.text().startswith("Choose the files to import")


def test_a_failed_import_says_why_and_brings_the_index_in_line(
    qtbot, dialog, monkeypatch, controller, folders
):
    def full_after_writing_a_file(logbook, preview, choices, job, replace=False):
        _source, session = preview.batch.sessions[0]
        (folders.sessions / file_name(session)).write_bytes(encode(session))
        raise OSError(errno.ENOSPC, "No space left on device")

    choose_files(qtbot, dialog, monkeypatch, "notes.md")
    monkeypatch.setattr(import_dialog, "run_import", full_after_writing_a_file)
    with qtbot.waitSignal(controller.changed, timeout=10_000):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.worker.running, timeout=10_000)
    assert dialog.status.text() == (
        "Could not import: No space left on device. The disk is full. Free some space, then "
        "save again. Sessions written before it stopped are kept."
    )
    assert queries.session_count() == 1
    assert reconcile.check(folders).agrees
    assert dialog.close_button.isEnabled()


def test_a_file_with_more_than_five_percent_of_its_rows_skipped_is_a_warning(
    qtbot, dialog, monkeypatch
):
    choose_files(qtbot, dialog, monkeypatch, "strong_bad_rows.csv", "hevy_kg.csv")
    choose_unit(qtbot, dialog, "kg")
    summary = dialog.summary.text()
    assert (
        "<b>Warning:</b> strong_bad_rows.csv: 4 of its 8 rows (50%) were skipped; is it the "
        "right file, unit and format? (see Problems)"
    ) in summary
    assert "hevy_kg.csv" not in summary  # nothing skipped there but cardio
    import_and_wait(qtbot, dialog)
    assert "<b>Warning:</b> strong_bad_rows.csv: 4 of its 8 rows (50%)" in dialog.summary.text()


def test_a_row_without_a_unit_is_a_warning_until_the_lifter_says_kg_or_lb(
    qtbot, dialog, monkeypatch
):
    choose_files(qtbot, dialog, monkeypatch, "strong_weight_unit.csv")
    assert "strong_weight_unit.csv: 1 of its 7 rows (14%) were skipped" in dialog.summary.text()
    assert dialog.unit_row.isVisible()
    choose_unit(qtbot, dialog, "kg")  # fills in the one row whose unit cell is empty
    assert "Warning" not in dialog.summary.text()
    assert "<b>2 sessions</b> (3 exercises, 6 sets)" in dialog.summary.text()


def test_each_file_row_shows_its_summary_how_it_was_read(qtbot, dialog, monkeypatch):
    choose_files(qtbot, dialog, monkeypatch, "strong_weight_unit.csv", "hevy_us_dates.csv")
    choose_unit(qtbot, dialog, "kg")
    strong, hevy = (dialog.files.item(row, 1).toolTip() for row in range(2))
    assert (
        "strong_weight_unit.csv: 2 sessions, 6 sets; units from the file's Weight Unit column "
        "(kg 3 rows, lb 3 rows)"
    ) in strong
    assert "dates like 'Jun 11, 2026, 1:01 PM'" in hevy


def bench_weights() -> list[float]:
    return [h.set.weight_kg for h in queries.exercise_history("Barbell Bench Press")]


def import_in_pounds(qtbot, controller, qsettings, monkeypatch) -> list[float]:
    first = ImportDialog(controller, settings=qsettings)
    qtbot.addWidget(first)
    first.show()
    choose_files(qtbot, first, monkeypatch, "strong_classic.csv")
    choose_unit(qtbot, first, "lb")
    import_and_wait(qtbot, first)
    assert len(first.report.imported) == 3
    return bench_weights()


def test_importing_again_in_another_unit_offers_to_replace_and_says_why(
    qtbot, dialog, monkeypatch, controller, qsettings, folders
):
    in_pounds = import_in_pounds(qtbot, controller, qsettings, monkeypatch)
    choose_files(qtbot, dialog, monkeypatch, "strong_classic.csv")
    choose_unit(qtbot, dialog, "kg")
    text = dialog.summary.text()
    assert "Nothing new: all 3 sessions were imported before; 3 read differently now" in text
    box = dialog.replace_box
    assert box.isVisible() and box.isEnabled() and not box.isChecked()
    assert box.text() == "&Replace sessions already imported from this file"
    assert not dialog.import_button.isEnabled()  # nothing to add unless replacing

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "&Replace 3 sessions"
    import_and_wait(qtbot, dialog)
    report = dialog.report
    assert len(report.replaced) == 3 and report.imported == []
    assert "3 sessions replaced with this reading" in dialog.summary.text()
    assert bench_weights()[0] == 80 and in_pounds[0] == pytest.approx(36.29, abs=0.01)
    assert sorted(p.parent for p in report.trashed) == [report.trash_folder] * 3
    assert reconcile.check(folders, deep=True).agrees


def test_the_same_reading_again_is_nothing_new_and_offers_no_replace(
    qtbot, dialog, monkeypatch, controller, qsettings
):
    import_in_pounds(qtbot, controller, qsettings, monkeypatch)
    choose_files(qtbot, dialog, monkeypatch, "strong_classic.csv")
    choose_unit(qtbot, dialog, "lb")
    assert "Nothing new: all 3 sessions are already in your log, unchanged" in (
        dialog.summary.text()
    )
    assert not dialog.replace_box.isVisible()
    assert not dialog.import_button.isEnabled()


def test_undo_in_the_window_brings_the_replaced_sessions_back(
    qtbot, window, monkeypatch, controller, qsettings, folders
):
    in_pounds = import_in_pounds(qtbot, controller, qsettings, monkeypatch)
    again = ImportDialog(controller, window, settings=qsettings)
    qtbot.addWidget(again)
    again.show()
    choose_files(qtbot, again, monkeypatch, "strong_classic.csv")
    choose_unit(qtbot, again, "kg")
    qtbot.mouseClick(again.replace_box, Qt.MouseButton.LeftButton)
    import_and_wait(qtbot, again)
    window.imported(again.report)
    assert bench_weights()[0] == 80

    notice = window.history.restore_notice
    assert notice.isVisible() and "Replaced 3 imported sessions" in notice.text()
    window.findChild(type(window.undo_action), "viewHistory").trigger()
    assert window.undo_action.text() == "&Undo Replace 3 imported sessions"
    changes = []
    controller.changed.connect(lambda: changes.append(1))
    notice.linkActivated.emit("restore")  # the status bar's "Restore"
    assert bench_weights() == in_pounds
    assert len(changes) == 1  # the views are refreshed once, not once per session
    assert not again.report.trash_folder.exists()
    assert reconcile.check(folders, deep=True).agrees


def test_files_from_different_folders_show_their_folders_whole(
    qtbot, dialog, monkeypatch, tmp_path
):
    phone, laptop = tmp_path / "from phone", tmp_path / "laptop exports"
    for folder in (phone, laptop):
        folder.mkdir()
        shutil.copy(FIXTURES / "strong_classic.csv", folder / "strong.csv")
    chosen = [str(phone / "strong.csv"), str(laptop / "strong.csv")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    qtbot.mouseClick(dialog.choose_files_button, Qt.MouseButton.LeftButton)
    wait_for_preview(qtbot, dialog)
    shown = [row[0] for row in files_table(dialog)]
    assert sorted(shown) == ["from phone/strong.csv", "laptop exports/strong.csv"]
    tips = sorted(dialog.files.item(row, 0).toolTip() for row in range(2))
    assert tips[0].startswith(str(phone)) and tips[1].startswith(str(laptop))


def test_the_dialogs_advice_names_its_own_controls() -> None:
    from traininglog.ui.dialogs.import_dialog import in_the_dialogs_words

    said = "weights.csv: line 1: choose kg or lb (--weight-unit kg|lb) and import again"
    assert in_the_dialogs_words(said) == (
        "weights.csv: line 1: choose kg or lb (the kg / lb choice above) and import again"
    )
    assert "--" not in in_the_dialogs_words(
        "use --replace to replace them, after choosing another --weight-unit"
    )
