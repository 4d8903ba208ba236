"""The performance benchmark (DESIGN.md, "Performance"), on a generated history.

    python tests/bench/run.py [--sessions N] [--repeat R] [--seed S] [--profile DIR] [--keep]

Works in a temp folder. Progress goes to stderr, with one line per missed target; the last
line of stdout is one JSON object with the figures, the history's counts and the targets.
Exit status 0 whether or not targets are met: it measures, it does not judge.

- import_5000_s: the history exported as session files (not timed), then read with
  `read_session_files` and stored with `Logbook.import_sessions` into an empty data directory.
- rebuild_5000_s: the database deleted, then `reconcile.rebuild`.
- scan_unchanged_ms: `reconcile.sync` with nothing changed (median).
- last_time_ms, exercise_history_ms, history_summary_ms: the queries (medians); last time
  cycles through the ten most used exercises, the history is the most used one's.
- save_ms: `Logbook.save` of a new typical session (6 exercises, ~30 sets), fsyncs included,
  each with a new session id (median). The process's first save, which also loads and
  compiles the schema, is shown on stderr and not counted.
- peak_rss_mb: this process's peak resident memory when the figures are taken. The history
  is generated and exported in a forked child, so the figure is the app's code, not the
  generator's.

The keys keep their names (`import_5000_s`…) whatever `--sessions` is; the targets are for
5,000 sessions. `--profile DIR` runs each path once more under cProfile, after the figures
are taken, and writes DIR/<figure>.prof and DIR/<figure>.txt (top functions by cumulative
time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import multiprocessing
import os
import pstats
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from history import count_sets, generate_history
from startup import startup_seconds
from strong_export import write_strong_export

from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.domain import Session
from traininglog.exporters.json_files import export_session_files
from traininglog.importers.detect import read_import
from traininglog.importers.json_files import read_session_files
from traininglog.store import queries

# DESIGN.md, "Performance". history_summary_ms has no target of its own: it is one part of
# "history table filled and painted ≤ 150 ms", which the UI benchmark measures.
TARGETS = {
    "save_ms": 30,
    "last_time_ms": 5,
    "exercise_history_ms": 50,
    "import_5000_s": 10,
    "rebuild_5000_s": 10,
    "scan_unchanged_ms": 100,
    "peak_rss_mb": 250,
    "startup_s": 1.0,
    "import_strong_10k_s": 3,
}


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def peak_rss_mb() -> float:
    # Linux reports kilobytes (macOS bytes; this benchmark targets the Linux figure).
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_ms(action: Callable[[], object], repeat: int) -> float:
    return statistics.median(timed(action) for _ in range(repeat)) * 1000


# -- the history, made in a child process ------------------------------------------------------


def prepare_files(sessions: int, seed: int, folder: Path) -> tuple[int, int, float, float]:
    """Generate the history and export it as session files: (sessions, sets, gen s, export s)."""
    start = time.perf_counter()
    history = generate_history(sessions=sessions, seed=seed)
    generated = time.perf_counter() - start
    warmups, workings = count_sets(history)
    start = time.perf_counter()
    export_session_files(history, folder)
    exported = time.perf_counter() - start
    return len(history), warmups + workings, generated, exported


def prepare_files_elsewhere(
    sessions: int, seed: int, folder: Path
) -> tuple[int, int, float, float]:
    """`prepare_files` in a forked child, so its memory does not count in this process's peak."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return prepare_files(sessions, seed, folder)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(prepare_files, sessions, seed, folder).result()


def typical_sessions(count: int, seed: int) -> list[Session]:
    """`count` new sessions to save: copies of a generated 6-exercise, ~30-set session, each
    with its own id and a later day than the history."""
    candidates = generate_history(sessions=60, seed=seed + 1000)

    def distance(session: Session) -> tuple[int, int]:
        sets = sum(len(e.warmup_sets) + len(e.working_sets) for e in session.exercises)
        return abs(len(session.exercises) - 6), abs(sets - 30)

    template = min(reversed(candidates), key=distance)
    rng = random.Random(f"save-{seed}")
    first = datetime(2026, 2, 16, 18, 5, 0, 123456, tzinfo=timezone(timedelta(hours=1)))
    return [
        replace(
            template,
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            date=first + timedelta(days=n, minutes=n % 60),
        )
        for n in range(count)
    ]


# -- profiling ---------------------------------------------------------------------------------


class Profiles:
    """Optional cProfile runs, written as .prof and a readable .txt per figure."""

    def __init__(self, folder: Path | None):
        self.folder = folder
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def run(self, name: str, action: Callable[[], object], times: int = 1) -> None:
        if self.folder is None:
            return
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(times):
            action()
        profile.disable()
        profile.dump_stats(str(self.folder / f"{name}.prof"))
        text = io.StringIO()
        stats = pstats.Stats(profile, stream=text).strip_dirs()
        text.write(f"{name}: {times} run(s)\n")
        stats.sort_stats("cumulative").print_stats(40)
        stats.sort_stats("tottime").print_stats(25)
        (self.folder / f"{name}.txt").write_text(text.getvalue(), encoding="utf-8")
        say(f"  profile written: {self.folder / name}.prof / .txt")


# -- the benchmark -----------------------------------------------------------------------------


def drop_database(folders: DataDirectory) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(folders.database) + suffix).unlink(missing_ok=True)


def import_files(folders: DataDirectory, source: Path) -> float:
    """Read and import every file under `source` into an empty data directory; seconds."""
    with Logbook(folders) as logbook:
        start, cpu = time.perf_counter(), time.process_time()
        items, rejected = read_session_files([source])
        read_s, read_cpu = time.perf_counter() - start, time.process_time() - cpu
        report = logbook.import_sessions(items)
        total_s, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    if rejected or report.rejected or report.conflicts:
        say(f"  WARNING: import rejected {len(rejected) + len(report.rejected)} file(s)")
    say(
        f"  imported {len(report.imported)} sessions in {total_s:.2f} s, cpu {total_cpu:.2f} s "
        f"(read_session_files {read_s:.2f} s, cpu {read_cpu:.2f} s; import_sessions "
        f"{total_s - read_s:.2f} s, cpu {total_cpu - read_cpu:.2f} s); peak {peak_rss_mb():.0f} MB"
    )
    return total_s


def rebuild(folders: DataDirectory) -> float:
    """Delete the database, then rebuild it from the files; seconds."""
    drop_database(folders)
    with Logbook(folders):
        start, cpu = time.perf_counter(), time.process_time()
        count, rejected = reconcile.rebuild(folders)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if rejected:
        say(f"  WARNING: rebuild quarantined {len(rejected)} file(s)")
    say(
        f"  rebuilt {count} sessions in {seconds:.2f} s, cpu {cpu:.2f} s; "
        f"peak {peak_rss_mb():.0f} MB"
    )
    return seconds


def run(args: argparse.Namespace, work: Path) -> dict[str, object]:
    profiles = Profiles(args.profile)
    exported = work / "export"
    folders = DataDirectory(work / "data")

    say(f"generating {args.sessions} sessions (seed {args.seed}) and exporting them…")
    sessions, sets, gen_s, export_s = prepare_files_elsewhere(args.sessions, args.seed, exported)
    say(
        f"  {sessions} sessions, {sets} sets; generated in {gen_s:.1f} s, exported {export_s:.1f} s"
    )

    say("import…")
    import_s = import_files(folders, exported)

    say("rebuild…")
    rebuild_s = rebuild(folders)

    figures: dict[str, object] = {}
    with Logbook(folders) as logbook:
        say(f"startup scan, nothing changed ({args.repeat}×)…")
        first = reconcile.sync(folders)
        if first.changed_anything:
            say("  WARNING: the first scan after the rebuild changed something")
        scan_ms = median_ms(lambda: reconcile.sync(folders), args.repeat)
        say(f"  {scan_ms:.1f} ms")

        names = queries.exercise_names()[:10]
        say(f"last time for the {len(names)} most used exercises ({args.repeat}× each)…")
        samples = []
        for name in names:
            found = queries.last_time(name)
            assert found is not None, name
            samples.extend(timed(lambda n=name: queries.last_time(n)) for _ in range(args.repeat))
        last_time_ms = statistics.median(samples) * 1000
        say(f"  {last_time_ms:.2f} ms")

        top = names[0]
        history_sets = len(queries.exercise_history(top))
        say(f"exercise history of {top!r}, {history_sets} working sets ({args.repeat}×)…")
        history_ms = median_ms(lambda: queries.exercise_history(top), args.repeat)
        say(f"  {history_ms:.1f} ms")

        say(f"session summaries, {queries.session_count()} rows ({args.repeat}×)…")
        summary_ms = median_ms(queries.session_summaries, args.repeat)
        say(f"  {summary_ms:.1f} ms")

        cold, *new = typical_sessions(1 + args.repeat + (5 if args.profile else 0), args.seed)
        shape_sets = sum(len(e.warmup_sets) + len(e.working_sets) for e in cold.exercises)
        say(f"save, {len(cold.exercises)} exercises / {shape_sets} sets ({args.repeat}×)…")
        # The first save of a process also loads and compiles the schema: shown, not counted.
        say(f"  first save {timed(lambda: logbook.save(cold)) * 1000:.0f} ms")
        save_ms = (
            statistics.median(timed(lambda s=s: logbook.save(s)) for s in new[: args.repeat]) * 1000
        )
        say(f"  {save_ms:.1f} ms")

        figures = {
            "import_5000_s": round(import_s, 3),
            "rebuild_5000_s": round(rebuild_s, 3),
            "scan_unchanged_ms": round(scan_ms, 2),
            "save_ms": round(save_ms, 2),
            "last_time_ms": round(last_time_ms, 3),
            "exercise_history_ms": round(history_ms, 2),
            "history_summary_ms": round(summary_ms, 2),
            "peak_rss_mb": round(peak_rss_mb(), 1),
        }

        if args.profile:
            say(f"profiling into {args.profile}…")
            profiles.run("scan_unchanged_ms", lambda: reconcile.sync(folders), 20)
            profiles.run("last_time_ms", lambda: [queries.last_time(n) for n in names], 50)
            profiles.run("exercise_history_ms", lambda: queries.exercise_history(top), 20)
            profiles.run("history_summary_ms", queries.session_summaries, 20)
            extra = iter(new[args.repeat :])
            profiles.run("save_ms", lambda: logbook.save(next(extra)), 5)

    say("import of a 10,000-row Strong export into an empty data directory…")
    strong_csv = work / "strong_10k.csv"
    write_strong_export(strong_csv, 10_000)
    strong_dir = DataDirectory(work / "data-strong")
    started = time.perf_counter()
    with Logbook(strong_dir) as strong_book:
        batch = read_import([strong_csv], weight_unit="kg")
        strong_report = strong_book.import_sessions(batch.sessions)
    figures["import_strong_10k_s"] = round(time.perf_counter() - started, 3)
    say(f"  {len(strong_report.imported)} sessions in {figures['import_strong_10k_s']:.2f} s")

    # Measured with the logbook closed: the window takes the writer's lock in its own process.
    say("start to main window shown, in a fresh process (5×)…")
    figures["startup_s"] = round(startup_seconds(folders.root, 5), 3)
    say(f"  {figures['startup_s']:.2f} s")

    if args.profile:
        again = DataDirectory(work / "data-profile")
        profiles.run("import_5000_s", lambda: import_files(again, exported))
        profiles.run("rebuild_5000_s", lambda: rebuild(again))

    return {
        **figures,
        "sessions": sessions,
        "sets": sets,
        "targets": TARGETS,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=5000, help="history size (5000)")
    parser.add_argument(
        "--repeat", type=int, default=100, help="runs per median of the fast figures (100)"
    )
    parser.add_argument("--seed", type=int, default=1, help="history seed (1)")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="also write cProfile output")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.repeat < 1:
        parser.error("--sessions and --repeat must be at least 1")

    started = time.perf_counter()
    say(f"load average {os.getloadavg()[0]:.2f} (figures are only comparable on an idle machine)")
    work = Path(tempfile.mkdtemp(prefix="traininglog-bench-"))
    try:
        result = run(args, work)
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    for key, target in TARGETS.items():
        value = result[key]
        if isinstance(value, (int, float)) and value > target:
            say(f"MISSED {key}: {value} > target {target}")
    if args.sessions != 5000:
        say(f"note: {args.sessions} sessions; the targets are for 5,000")
    say(
        f"benchmark took {time.perf_counter() - started:.1f} s; "
        f"load average now {os.getloadavg()[0]:.2f}"
    )
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
