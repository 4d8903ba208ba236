"""The History view's benchmark: the real widgets, offscreen, over an existing data directory.

    python tests/bench/history_views.py [DATA_DIR] [--sessions N] [--repeat R] [--profile DIR]

Without DATA_DIR, a history of N sessions (5,000) is generated into a temp folder first (not
timed). The last line of stdout is one JSON object with the figures (medians, ms) and the
targets; progress goes to stderr.

- history_table_ms: a new History page over the data directory, refreshed (the queries),
  shown and painted (`grab()`), the sessions table filled with its first page.
  history_switch_ms: View ▸ History in a window as it is after start (the page built and
  filled then): switching to it until painted.
- filter_ms: choose a focus in the filter bar, until the table is repainted and the totals
  shown. filter_text_ms and filter_exercise_ms do the same for free text and an exercise.
- exercise_view_ms: choose the most-used exercise in the Exercise tab, nothing cached, until
  its sets and records are painted.
- chart_ms: the same exercise's estimated-1RM chart over all time, nothing cached, until
  painted; chart_volume_ms and chart_group_ms the weekly volume over all time, overall and
  for one muscle group.
- scroll_frame_ms: the longest the window is blocked while scrolling the whole table, a page
  at a time, from top to bottom: the slowest of the steps (each repainted) and of the events
  the loop delivers between them (where rows are fetched ahead of the view).
  scroll_step_ms is the median step. scroll_fetch_ms is the slowest page fetch alone.
  plain_paint_ms and plain_scroll_frame_ms are the median and the slowest step of the same
  scroll over a plain QTableWidget of the same size that holds every row already: what
  painting alone costs on this machine, the floor for "one frame's work".
- record_marks_ms: the background work that finds the sessions holding a record (off the GUI
  thread; for information).
- peak_rss_mb: this process's peak resident memory.
- cpu_check_ms: a fixed pure-Python loop, to compare machines (≈ 25 ms on an idle 2 GHz core).
"""

from __future__ import annotations

import argparse
import cProfile
import ctypes
import json
import os
import pstats
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from targets import TARGETS as ALL_TARGETS

VIEW_FIGURES = (
    "history_table_ms",
    "filter_ms",
    "exercise_view_ms",
    "chart_ms",
    "scroll_frame_ms",
    "peak_rss_mb",
)
TARGETS = {key: target.most for key, target in ALL_TARGETS.items() if key in VIEW_FIGURES}


def _keep_singletons_alive(references: int = 1_000_000) -> None:
    """PySide6 6.12.0 on CPython 3.11 drops a reference to None each time a Qt method that
    returns nothing is called from Python (and to True on each `signal.emit()`); a benchmark
    makes many thousands of such calls. References that are never given back keep the
    singletons alive (in Python 3.12 they are immortal and the problem does not arise)."""
    if sys.version_info >= (3, 12):
        return
    increment = ctypes.pythonapi.Py_IncRef
    increment.argtypes = [ctypes.py_object]
    for singleton in (None, True, False):
        for _ in range(references):
            increment(singleton)


_keep_singletons_alive()


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def make_data_dir(path: Path, sessions: int = 5000, seed: int = 1) -> Path:
    """A data directory holding the generated history (files and index)."""
    from history import generate_history

    from traininglog.datafolder.datadir import DataDirectory
    from traininglog.datafolder.logbook import Logbook

    history = generate_history(sessions=sessions, seed=seed)
    with Logbook(DataDirectory(path)) as book:
        report = book.import_sessions([(f"generated-{i}", s) for i, s in enumerate(history)])
    assert not report.rejected, report.rejected[:3]
    return path


def _median_ms(action: Callable[[], object], repeat: int, before=None, after=None) -> float:
    times = []
    for _ in range(repeat):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
        if after:
            after()
    return round(statistics.median(times), 1)


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the program the process
    runs now; ru_maxrss also keeps the peak of the process it was forked from (run.py, which
    holds the whole generated history), across the exec."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def cpu_check_ms() -> float:
    def loop() -> int:
        return sum(i * i for i in range(200_000))

    return _median_ms(loop, 5)


def plain_scroll_ms(size, rows: int = 5000) -> tuple[float, float]:
    """A plain QTableWidget as big as the sessions table, every row already in it, scrolled
    from top to bottom as the sessions table is: what painting alone costs on this machine.
    (median repaint, slowest step) in ms."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    cells = ("Mon 09 Feb 2026, 18:30", "upper", "2 · 3", "", "6", "24", "12,345")
    table = QTableWidget(rows, 8)
    table.resize(size)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(26)
    for row in range(rows):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
        table.setItem(row, 7, QTableWidgetItem(f"Bench Press: felt strong, row {row}"))
    table.show()
    QTest.qWaitForWindowExposed(table)
    bar, viewport = table.verticalScrollBar(), table.viewport()
    steps = []
    for value in range(0, bar.maximum() + bar.pageStep(), bar.pageStep()):
        start = time.perf_counter()
        bar.setValue(value)
        viewport.repaint()
        steps.append((time.perf_counter() - start) * 1000)
    table.close()
    return round(statistics.median(steps), 1), round(max(steps), 1)


class _Bench:
    """One QApplication, one logbook, and History pages made as a user opens them."""

    def __init__(self, data_dir: Path):
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from traininglog.controller import Controller
        from traininglog.datafolder.datadir import DataDirectory
        from traininglog.datafolder.logbook import Logbook
        from traininglog.ui.common.app_settings import AppSettings
        from traininglog.ui.common.theme import apply_theme

        self.app = QApplication.instance() or QApplication([])
        apply_theme(self.app)
        self.logbook = Logbook(DataDirectory(data_dir), read_only=True)
        self.controller = Controller(self.logbook)
        self.temp = tempfile.TemporaryDirectory()
        qsettings = QSettings(str(Path(self.temp.name) / "s.ini"), QSettings.Format.IniFormat)
        self.settings = AppSettings(qsettings)
        self.page = None
        self.host = None

    def close(self) -> None:
        self.close_page()
        self.logbook.close()
        self.temp.cleanup()

    def open_page(self):
        from traininglog.ui.history.page import HistoryPage

        page = HistoryPage(self.controller, self.settings)
        page.resize(1256, 740)
        page.refresh()
        page.show()
        page.grab()  # painted
        self.page = page
        return page

    def prepare_switch(self) -> None:
        """A window as it is after start: History built and filled, the Log view showing."""
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QStackedWidget, QWidget

        from traininglog.ui.history.page import HistoryPage

        self.close_page()
        self.host = QStackedWidget()
        self.host.addWidget(QWidget())
        page = HistoryPage(self.controller, self.settings)
        page.refresh()
        self.host.addWidget(page)
        self.host.resize(1256, 740)
        self.host.show()
        QTest.qWaitForWindowExposed(self.host)
        self.page = page

    def switch_to_history(self) -> None:
        self.host.setCurrentWidget(self.page)
        self.host.grab()

    def close_page(self) -> None:
        from PySide6.QtCore import QEvent

        if self.page is not None:
            self.page.marks.wait()
        window = self.host or self.page
        if window is not None:
            window.close()
            window.deleteLater()
            self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        self.page = self.host = None

    def settle(self) -> None:
        """Deliver what the page has queued (the record marks), outside the timings, and
        free what it let go of: as the event loop does between two clicks. Without it the
        charts replaced by each timed redraw (`deleteLater`) would pile up and count in the
        peak memory, which no lifter's window ever holds (`processEvents` alone leaves
        deferred deletes for the loop)."""
        from PySide6.QtCore import QEvent

        if self.page is not None:
            self.page.marks.wait()
        self.app.processEvents()
        self.app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def measure(data_dir: Path, repeat: int = 7, profile_dir: Path | None = None) -> dict:
    """Open the History views over `data_dir` and time them; the figures as a dict."""
    from traininglog.store import queries
    from traininglog.ui.shell.application import keep_start_objects_out_of_collections

    bench = _Bench(data_dir)
    figures: dict[str, float] = {}
    profiles: dict[str, Callable[[], object]] = {}
    try:
        names = queries.exercise_names()
        exercise = names[0]
        focus = queries.focuses()[0]

        # -- the sessions table -----------------------------------------------------------
        figures["history_table_ms"] = _median_ms(
            bench.open_page, repeat, before=bench.close_page, after=bench.settle
        )

        figures["history_switch_ms"] = _median_ms(
            bench.switch_to_history, repeat, before=bench.prepare_switch, after=bench.settle
        )
        bench.open_page()
        bench.settle()
        keep_start_objects_out_of_collections()  # as the app does once its window is up
        page = bench.page
        filters = page.sessions.filters
        viewport = page.table.viewport()

        def choose_focus() -> None:
            filters.focus.setCurrentIndex(filters.focus.findData(focus))
            viewport.repaint()

        def no_filter() -> None:
            filters.clear()
            bench.settle()

        figures["filter_ms"] = _median_ms(choose_focus, repeat, before=no_filter)
        profiles["filter_ms"] = lambda: (no_filter(), choose_focus())

        def type_text() -> None:
            filters.text.setText("pr")  # notes ("PR!") and names ("press")
            filters.text.returnPressed.emit()
            viewport.repaint()

        figures["filter_text_ms"] = _median_ms(type_text, repeat, before=no_filter)
        profiles["filter_text_ms"] = lambda: (no_filter(), type_text())

        def pick_exercise() -> None:
            filters.exercise.pick(exercise)
            viewport.repaint()

        figures["filter_exercise_ms"] = _median_ms(pick_exercise, repeat, before=no_filter)
        no_filter()

        # -- scrolling the whole table ------------------------------------------------------
        read_aheads: list[float] = []

        def timed_read_ahead() -> None:
            start = time.perf_counter()
            page.sessions.read_ahead.fetch()
            read_aheads.append((time.perf_counter() - start) * 1000)

        def between_frames_ms() -> float:
            """The slowest of what the event loop runs now: each read-ahead alone, and the
            rest (the relayout and repaint a read-ahead causes) together."""
            read_aheads.clear()
            start = time.perf_counter()
            bench.app.processEvents()
            everything = (time.perf_counter() - start) * 1000
            return max(max(read_aheads, default=0.0), everything - sum(read_aheads))

        steps: list[float] = []

        def scroll_all() -> float:
            page.model.reload()
            bench.app.processEvents()
            bar = page.table.verticalScrollBar()
            bar.setValue(0)
            slowest = 0.0
            for _step in range(100_000):
                start = time.perf_counter()
                bar.setValue(bar.value() + bar.pageStep())
                viewport.repaint()
                steps.append((time.perf_counter() - start) * 1000)
                slowest = max(slowest, steps[-1])
                # Between frames the event loop runs what is queued (the read-ahead, the
                # repaint after it): each event it delivers blocks the window too.
                slowest = max(slowest, between_frames_ms())
                if bar.value() >= bar.maximum() and not page.model.canFetchMore():
                    break
            return slowest

        timer = page.sessions.read_ahead.timer
        timer.timeout.disconnect()
        timer.timeout.connect(timed_read_ahead)
        # Whole-table passes: three at up to 10,000 sessions, one above (a pass over 50,000
        # sessions is a thousand pages).
        passes = 3 if queries.session_count() <= 10_000 else 1
        figures["scroll_frame_ms"] = round(
            statistics.median(scroll_all() for _ in range(passes)), 1
        )
        timer.timeout.disconnect()
        timer.timeout.connect(page.sessions.read_ahead.fetch)
        figures["scroll_step_ms"] = round(statistics.median(steps), 1)
        figures["scroll_rows"] = page.model.rowCount()

        def slowest_fetch() -> float:
            page.model.reload()
            slowest = 0.0
            while page.model.canFetchMore():
                start = time.perf_counter()
                page.model.fetchMore()
                slowest = max(slowest, (time.perf_counter() - start) * 1000)
            return slowest

        figures["scroll_fetch_ms"] = round(
            statistics.median(slowest_fetch() for _ in range(passes)), 1
        )
        table_size = page.table.viewport().size()
        page.model.reload()

        # -- one exercise -------------------------------------------------------------------
        page.show_tab("exercise")
        bench.settle()

        def show_exercise() -> None:
            page._progress.clear()  # nothing cached: as when first chosen
            page.exercise.search.pick(exercise)
            page.exercise.table.viewport().repaint()
            page.exercise.records.viewport().repaint()

        figures["exercise_view_ms"] = _median_ms(show_exercise, repeat, after=bench.settle)
        profiles["exercise_view_ms"] = show_exercise

        # -- charts -------------------------------------------------------------------------
        page.show_tab("charts")
        charts = page.charts
        charts.dates.set_preset("all")
        bench.settle()

        def progress_chart() -> None:
            page._progress.clear()
            charts.set_kind("progress")
            charts.search.pick(exercise)
            charts.view.grab()

        def volume_chart(group: str | None) -> Callable[[], None]:
            def draw() -> None:
                charts.set_kind("volume")
                charts.set_muscle_group(group)
                charts.redraw()
                charts.view.grab()

            return draw

        figures["chart_ms"] = _median_ms(progress_chart, repeat, after=bench.settle)
        figures["chart_volume_ms"] = _median_ms(volume_chart(None), repeat, after=bench.settle)
        figures["chart_group_ms"] = _median_ms(volume_chart("chest"), repeat, after=bench.settle)
        profiles["chart_ms"] = progress_chart
        profiles["chart_group_ms"] = volume_chart("chest")

        # -- the records, in the background -------------------------------------------------
        def marks() -> None:
            page.marks.request(page.rule)
            page.marks.wait()

        figures["record_marks_ms"] = _median_ms(marks, passes)
        bench.settle()
        figures["peak_rss_mb"] = round(peak_rss_mb(), 1)
        figures["cpu_check_ms"] = cpu_check_ms()
        # After the memory figure: the plain table holds every row.
        plain = [plain_scroll_ms(table_size) for _ in range(3)]
        figures["plain_paint_ms"] = statistics.median(median for median, _ in plain)
        figures["plain_scroll_frame_ms"] = statistics.median(slowest for _, slowest in plain)

        # Last: it replaces the page the other profiles use.
        profiles["history_table_ms"] = lambda: (bench.close_page(), bench.open_page())
        if profile_dir is not None:
            profile_dir.mkdir(parents=True, exist_ok=True)
            for name, action in profiles.items():
                profiler = cProfile.Profile()
                profiler.runcall(action)
                profiler.dump_stats(str(profile_dir / f"{name}.prof"))
                with (profile_dir / f"{name}.txt").open("w") as out:
                    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    finally:
        bench.close()
    return figures


def screenshots(data_dir: Path, folder: Path) -> list[Path]:
    """The History views over `data_dir` in a 1280 × 800 window, saved as PNG into `folder`:
    the sessions table, the exercise view and each chart."""
    from PySide6.QtCore import QEventLoop, QSettings, QTimer

    from traininglog.controller import Controller
    from traininglog.datafolder.datadir import DataDirectory
    from traininglog.datafolder.logbook import Logbook
    from traininglog.store import queries
    from traininglog.ui.history.sessions_table import RECORDS_ROLE
    from traininglog.ui.shell.main_window import MainWindow

    bench = _Bench(data_dir)  # the application, themed
    bench.logbook.close()
    logbook = Logbook(DataDirectory(data_dir), read_only=True)
    qsettings = QSettings(str(Path(bench.temp.name) / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Controller(logbook), qsettings)
    window.resize(1280, 800)
    window.show()
    page = window.history

    def settle(ms: int = 400) -> None:
        page.marks.wait()
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    saved: list[Path] = []

    def save(name: str) -> None:
        settle()
        path = folder / f"history-{name}.png"
        window.grab().save(str(path))
        saved.append(path)

    folder.mkdir(parents=True, exist_ok=True)
    window.show_history()
    settle()
    starred = next(
        row for row in range(page.model.rowCount()) if page.model.index(row, 0).data(RECORDS_ROLE)
    )
    page.table.setCurrentIndex(page.model.index(starred, 0))
    save("sessions")
    exercise = queries.exercise_names()[0]
    page.show_tab("exercise")
    page.show_exercise(exercise)
    page.exercise.table.setFocus()
    save("exercise")
    page.show_tab("charts")
    charts = page.charts
    charts.dates.set_preset("12m")
    charts.set_kind("progress")
    settle()
    e1rm = charts.plotted[0]
    middle = len(e1rm.days) // 2
    e1rm.series.hovered.emit(e1rm.series.points()[middle], True)
    save("chart-e1rm")
    charts.dates.set_preset("all")
    save("chart-e1rm-all-time")
    charts.dates.set_preset("12m")
    charts.set_kind("volume")
    save("chart-weekly-volume")
    charts.set_muscle_group("chest")
    save("chart-weekly-volume-chest")
    window.close()
    logbook.close()
    bench.temp.cleanup()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path)
    parser.add_argument("--sessions", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--profile", type=Path)
    parser.add_argument("--screenshots", type=Path, help="save the views as PNG here instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        data_dir = args.data_dir
        if data_dir is None:
            say(f"generating {args.sessions:,} sessions…")
            data_dir = make_data_dir(Path(temp) / "data", args.sessions, args.seed)
        if args.screenshots:
            for path in screenshots(data_dir, args.screenshots):
                say(f"saved {path}")
            return
        figures = measure(data_dir, args.repeat, args.profile)
    for name, target in TARGETS.items():
        if figures.get(name, 0) > target:
            say(f"missed: {name} {figures[name]} > {target}")
    say(
        f"scrolling: slowest block {figures['scroll_frame_ms']} ms, median step "
        f"{figures['scroll_step_ms']} ms; a plain QTableWidget holding every row: slowest "
        f"{figures['plain_scroll_frame_ms']} ms, median {figures['plain_paint_ms']} ms"
    )
    print(json.dumps({"figures": figures, "targets": TARGETS}, ensure_ascii=False))


if __name__ == "__main__":
    main()
