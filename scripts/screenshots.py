"""Screenshots of the real window over a realistic history, for the README.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py [--sessions N]

Writes resources/screenshots/logging-*.png at 1280×800, the plate calculator and next
session's targets (plates-*.png, targets-*.png; `--only plates` makes just these), the
window at three screen sizes (screen-*.png), and the same in the dark look (dark-*.png)
(the history views' pictures come from tests/bench/history_views.py --screenshots). The
history comes from the benchmark's generator (tests/bench/history.py), so the pictures
show what a lifter with years of training sees.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "bench"))

from history import generate_history  # noqa: E402
from PySide6.QtCore import QRect, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from traininglog.controller import Controller  # noqa: E402
from traininglog.datafolder.datadir import DataDirectory  # noqa: E402
from traininglog.datafolder.logbook import Logbook  # noqa: E402
from traininglog.sessionfiles import file_name  # noqa: E402
from traininglog.ui.common import theme  # noqa: E402
from traininglog.ui.dialogs.kept_in_trash import KeptInTrashDialog  # noqa: E402
from traininglog.ui.shell.application import make_application  # noqa: E402
from traininglog.ui.shell.main_window import MainWindow  # noqa: E402

OUT = REPO / "resources" / "screenshots"


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def shoot(window: MainWindow, app: QApplication, name: str) -> None:
    settle(app)
    path = OUT / name
    window.grab().save(str(path))
    print(f"wrote {path}", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=5000)
    parser.add_argument("--only", choices=("plates", "body-weight"))
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    app = make_application()
    if args.only == "plates":
        with tempfile.TemporaryDirectory() as tmp:
            plates_and_targets(app, Path(tmp) / "plates-demo")
        return 0
    if args.only == "body-weight":
        with tempfile.TemporaryDirectory() as tmp:
            body_weight_sets(app, Path(tmp) / "body-weight-demo")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folders = DataDirectory(Path(tmp) / "data")
        logbook = Logbook(folders)
        history = generate_history(args.sessions, seed=1)
        logbook.import_sessions([(s.id, s) for s in history])
        weigh_in(logbook, history[-60:])
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("user/name", "Sam Lifter")
        window = MainWindow(Controller(logbook), settings)
        window.resize(1280, 800)
        window.show()
        view = window.log_view
        shoot(window, app, "logging-empty.png")

        latest = history[-1]
        view.header.focus.setText(latest.focus or "")
        view.editor.set_header(focus=latest.focus or "")
        view.start_from_last(latest.focus or "")
        view.exercise_list.setCurrentRow(0)
        view.working_grid.setFocus()
        view.working_grid.setCurrentIndex(view.working_model.index(0, 1))
        shoot(window, app, "logging-filled.png")

        # Today's RPE and feel typed for the first set; the other sets still show last
        # time's in grey, as placeholders that are saved only when typed.
        view.editor.set_cell(0, "working", 0, "rpe", "8.5")
        view.editor.set_cell(0, "working", 0, "feel", "good")
        view.working_grid.setCurrentIndex(view.working_model.index(1, 3))
        shoot(window, app, "logging-placeholders.png")

        view.editor.set_cell(0, "working", 1, "rpe", "11")
        view.working_grid.setCurrentIndex(view.working_model.index(2, 1))
        shoot(window, app, "logging-error.png")

        # The same form and the history on three screens, the window at 90% of each.
        view.editor.set_cell(0, "working", 1, "rpe", "9")

        # A set heavier than ever for its reps: a star as it is typed, named when saved.
        first = view.editor.draft.exercises[0].workings[0]
        heavier = f"{float(first.weight.replace(',', '.')) + 20:g}"
        view.editor.set_cell(0, "working", 0, "weight", heavier)
        view.working_grid.setCurrentIndex(view.working_model.index(0, 1))
        view.save()
        shoot(window, app, "logging-record.png")

        # The next two exercises as a superset (Ctrl+G), shown as A1 and A2.
        view.exercise_list.setCurrentRow(1)
        view.supersets.group()
        view.working_grid.setFocus()
        shoot(window, app, "logging-superset.png")
        view.editor.undo_stack.undo()
        view.exercise_list.setCurrentRow(0)
        on_three_screens(app, window, "screen")
        window.show_log()
        window.resize(1280, 800)
        body_weight_chart(app, window)
        in_the_dark(app, window)

        view.editor.saved_draft = view.editor.draft
        window.close()
        logbook.close()
        kept_in_trash(app, Path(tmp) / "trash-demo")
        plates_and_targets(app, Path(tmp) / "plates-demo")
        body_weight_sets(app, Path(tmp) / "body-weight-demo")
        changed_on_two_computers(app, Path(tmp) / "sync-demo")
    return 0


def weigh_in(logbook: Logbook, sessions) -> None:
    """The last sessions weighed, as a lifter who types a body weight in the header does:
    a slow cut from about 84 kg, a little noise from day to day."""
    from dataclasses import replace

    for n, session in enumerate(sessions):
        kg = round(84 - 2.5 * n / len(sessions) + 0.4 * ((n * 7) % 5 - 2) / 2, 1)
        logbook.save(replace(session, body_weight_kg=kg))


def body_weight_chart(app: QApplication, window: MainWindow) -> None:
    window.show_history()
    page = window.history
    page.show_tab("charts")
    page.charts.dates.set_preset("all")
    page.charts.set_kind("bodyweight")
    shoot(window, app, "history-chart-body-weight.png")
    window.show_log()


def on_three_screens(app: QApplication, window: MainWindow, prefix: str) -> None:
    """The form and the history on a 1024×700, a 1366×768 and a 1920×1080 screen, the
    window at 90% of each (a task bar of 28 pixels taken off)."""
    for width, height in ((1024, 700), (1366, 768), (1920, 1080)):
        window.resize(2000, 1400)
        window.fit_screen(QRect(0, 0, width, height - 28))
        window.show_log()
        shoot(window, app, f"{prefix}-{width}x{height}-log.png")
        window.show_history()
        shoot(window, app, f"{prefix}-{width}x{height}-history.png")


def in_the_dark(app: QApplication, window: MainWindow) -> None:
    """The same window in the dark look: the form with its record, the three screens, and
    the charts; then light again."""
    theme.reapply(app, theme.DARK_SCHEME)
    shoot(window, app, "dark-logging-record.png")
    on_three_screens(app, window, "dark-screen")
    window.resize(1280, 800)
    page = window.history
    page.show_tab("charts")
    charts = page.charts
    charts.dates.set_preset("12m")
    charts.set_kind("volume")
    shoot(window, app, "dark-history-chart-weekly-volume.png")
    charts.set_kind("progress")
    page.show_exercise(window.controller.exercise_names()[0])
    page.show_tab("charts")
    shoot(window, app, "dark-history-chart-e1rm.png")
    theme.reapply(app, theme.LIGHT_SCHEME)
    window.show_log()


def plates_and_targets(app: QApplication, root: Path) -> None:
    """The form started from the last session of a focus whose exercises have progression
    rules: the targets in grey; then Ctrl+P on a target's weight cell, the plates per side."""
    from fractions import Fraction

    from traininglog.domain.progression import DoubleProgression, FixedIncrement

    folders = DataDirectory(root)
    logbook = Logbook(folders)
    history = generate_history(60, seed=5)
    logbook.import_sessions([(s.id, s) for s in history])
    settings = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("user/name", "Sam Lifter")
    controller = Controller(logbook)
    latest = next(s for s in reversed(history) if not s.is_deload_week)
    first, *others = latest.exercises
    controller.set_progression_rule(first.name, DoubleProgression(3, 5, Fraction(5, 2), 3))
    for exercise in others[:2]:
        controller.set_progression_rule(exercise.name, FixedIncrement(Fraction(5, 2), 5, 3))
    window = MainWindow(controller, settings)
    window.resize(1280, 800)
    window.move(0, 0)
    window.show()
    view = window.log_view
    view.header.focus.setText(latest.focus or "")
    view.editor.set_header(focus=latest.focus or "", deload=False)
    view.start_from_last(latest.focus or "")
    view.exercise_list.setCurrentRow(0)
    view.working_grid.setFocus()
    view.working_grid.setCurrentIndex(view.working_model.index(0, 0))
    shoot(window, app, "targets-placeholders.png")

    view.lift.show_plates()
    settle(app)
    screen = app.primaryScreen().grabWindow(0)  # the popup is a window of its own
    path = OUT / "plates-ctrl-p.png"
    screen.copy(window.frameGeometry()).save(str(path))
    print(f"wrote {path}", file=sys.stderr)
    view.lift.plate_view.close()
    view.editor.saved_draft = view.editor.draft
    window.close()
    logbook.close()


def body_weight_sets(app: QApplication, root: Path) -> None:
    """Weighted and assisted pull-ups: typed as BW+20 and BW-25 in the form, the load each
    counts beside it; then the exercise's history with the loads and what they counted."""
    from datetime import datetime, timedelta

    from traininglog.domain import Exercise, Session, WorkingSet, new_session_id

    folders = DataDirectory(root)
    logbook = Logbook(folders)
    today = datetime.now().replace(hour=18, minute=0, second=0, microsecond=0)
    for weeks, added, weighed in ((6, 10, 83.4), (4, 12.5, None), (2, 15, 82.9), (1, 17.5, None)):
        logbook.save(
            Session(
                id=new_session_id(),
                date=today - timedelta(weeks=weeks),
                focus="pull",
                exercises=(
                    Exercise(
                        1,
                        "Pull-Up",
                        ("lats", "biceps"),
                        (),
                        tuple(
                            WorkingSet(n, added, reps, body_weight="plus")
                            for n, reps in enumerate((6, 6, 5), start=1)
                        ),
                    ),
                ),
                body_weight_kg=weighed,
            )
        )
    settings = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("user/name", "Sam Lifter")
    window = MainWindow(Controller(logbook), settings)
    window.resize(1280, 800)
    window.show()
    view = window.log_view
    view.header.focus.setText("pull")
    view.editor.set_header(focus="pull", body_weight="82.5")
    view.add_exercise("Pull-Up")
    for row, (weight, reps) in enumerate((("BW+20", "6"), ("BW+20", "5"), ("BW", "10"))):
        view.editor.set_cell(0, "working", row, "weight", weight)
        view.editor.set_cell(0, "working", row, "reps", reps)
    view.add_exercise("Assisted Dip")
    for row, (weight, reps) in enumerate((("BW-25", "8"), ("BW-25", "7"))):
        view.editor.set_cell(1, "working", row, "weight", weight)
        view.editor.set_cell(1, "working", row, "reps", reps)
    view.exercise_list.setCurrentRow(0)
    view.working_grid.setFocus()
    view.working_grid.setCurrentIndex(view.working_model.index(0, 1))
    shoot(window, app, "logging-body-weight-sets.png")
    view.save()
    window.show_history()
    window.history.show_tab("exercise")
    window.history.show_exercise("Pull-Up")
    shoot(window, app, "history-body-weight-sets.png")
    window.close()
    logbook.close()


def changed_on_two_computers(app: QApplication, root: Path) -> None:
    """A synced folder: a session edited here while the laptop changed it (the banner), and a
    conflict copy Syncthing kept when both changed another before they synced."""
    import dataclasses

    from traininglog.sessionfiles import encode
    from traininglog.ui.dialogs.sync_conflicts import SyncConflictsDialog

    folders = DataDirectory(root)
    logbook = Logbook(folders)
    sessions = generate_history(3, seed=3)
    for s in sessions:
        logbook.save(s)
    settings = QSettings(str(root / "settings.ini"), QSettings.Format.IniFormat)
    controller = Controller(logbook)
    window = MainWindow(controller, settings)
    window.resize(1280, 800)
    window.show()
    window.edit_session(sessions[-1].id)
    view = window.log_view
    view.exercise_list.setCurrentRow(0)
    view.editor.set_cell(0, "working", 0, "rpe", "9")
    laptop = dataclasses.replace(sessions[-1], focus="changed on the laptop")
    (folders.sessions / file_name(sessions[-1])).write_bytes(encode(laptop))
    controller.sync()
    view.notice_changes_elsewhere()
    shoot(window, app, "sync-changed-elsewhere.png")

    first = sessions[0]
    theirs = dataclasses.replace(
        first,
        exercises=(
            dataclasses.replace(
                first.exercises[0],
                working_sets=tuple(
                    dataclasses.replace(w, weight_kg=w.weight_kg + 2.5)
                    for w in first.exercises[0].working_sets
                ),
            ),
            *first.exercises[1:],
        ),
    )
    stem = file_name(first).removesuffix(".json")
    copy = f"{stem}.sync-conflict-20261203-101500-ABCDEFG.json"
    (folders.sessions / copy).write_bytes(encode(theirs))
    report = controller.sync()
    dialog = SyncConflictsDialog(controller, report.conflicts if report else [], None)
    dialog.resize(820, 520)
    dialog.show()
    settle(app)
    path = OUT / "sync-conflict.png"
    dialog.grab().save(str(path))
    print(f"wrote {path}", file=sys.stderr)
    dialog.close()
    view.editor.saved_draft = view.editor.draft
    window.close()
    logbook.close()


def kept_in_trash(app: QApplication, root: Path) -> None:
    """What the window says at start when files went missing: one deleted by hand, one
    copied over by another."""
    folders = DataDirectory(root)
    logbook = Logbook(folders)
    sessions = generate_history(4, seed=2)
    for s in sessions:
        logbook.save(s)
    names = [file_name(s) for s in sessions]
    (folders.sessions / names[0]).unlink()
    shutil.copyfile(folders.sessions / names[1], folders.sessions / names[3])
    controller = Controller(logbook)
    report = controller.sync()
    dialog = KeptInTrashDialog(controller, report.trashed if report else [])
    dialog.resize(640, 300)
    dialog.show()
    settle(app)
    path = OUT / "kept-in-trash.png"
    dialog.grab().save(str(path))
    print(f"wrote {path}", file=sys.stderr)
    dialog.close()
    logbook.close()


if __name__ == "__main__":
    sys.exit(main())
