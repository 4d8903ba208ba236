"""The performance benchmark (DESIGN.md, "Performance"), on a generated history.

    python tests/bench/run.py [--sessions N] [--repeat R] [--seed S] [--check]
                              [--baseline JSON] [--profile DIR] [--keep]

Works in a temp folder. Progress goes to stderr, with the load average beside each step and
one line per missed target; the last line of stdout is one JSON object: for each figure its
value, its floor (measured in the same run on the same history, `floors.py`), their ratio,
its target and whether it is met, then the history's counts, the load averages and the
machine's speed (`cpu_check_ms`). Without `--check` the exit status is 0 whether or not
targets are met: it measures, it does not judge. With `--check` it is 1 when a figure is
more than twice its target; how that is kept from failing by chance on a slow or busy
machine at a small size (CI runs `--sessions 200 --check`) is in `targets.py`.

- import_5000_s: the history exported as session files (not timed), then read with
  `prepare_session_files` (on every core, as they are stored) and stored with
  `Logbook.import_sessions` into an empty data directory. Floor: `json.loads` +
  `executemany` of the same files, on one core (three times in turn with import and
  rebuild, the median; once above 10,000 sessions). Beside it, for information,
  import_files_floor_s: the same files written again as an import writes them (fsynced,
  renamed, eight threads), no parsing, no index: what keeping the files alone costs.
- rebuild_5000_s: the database deleted, then `reconcile.rebuild`. Same floor.
- scan_unchanged_ms: `reconcile.sync` with nothing changed (median). Its floor, for
  information (the target is a fixed amount): `os.scandir` of the sessions folder and one
  `stat` per file, keeping nothing.
- last_time_ms: `queries.last_time` over the ten most used exercises (median). Floor: the
  same indexed queries through plain sqlite3.
- exercise_history_ms, history_summary_ms: the queries (medians) for the most used exercise
  and for every session. The exercise history's floor (for information; its target is a
  fixed amount) is the same rows read whole from a plain in-memory table: what handing that
  many values to Python costs on this machine before any query work.
- save_ms: `Logbook.save` of a new typical session (6 exercises, ~30 sets), validated, both
  stores, fsyncs included, each with a new session id (median). The process's first save is
  shown on stderr and not counted. Floor: one fsynced write of its bytes + its rows in one
  sqlite3 transaction.
- import_strong_10k_s: a 10,000-row Strong CSV read and imported into an empty data
  directory.
- startup_s: start to main window shown, in a fresh process (`startup.py`). Floor: a bare
  window with the app's imports, launched in turn with it.
- history_table_ms, filter_ms, exercise_view_ms, chart_ms, scroll_frame_ms, peak_rss_mb:
  the History views over the same data directory, measured by `history_views.py` in a
  process of its own, whose peak memory (every view opened) is `peak_rss_mb`. The scroll's
  floor is a plain QTableWidget that holds every row (what painting alone costs). Its other
  figures are under "views". Medians of seven, of three above 10,000 sessions.
- bench_peak_rss_mb: this process's own peak (it holds the imported history; information).

The keys keep their names (`import_5000_s`…) whatever `--sessions` is; the targets are for
5,000 sessions, and above that the growth targets apply (`targets.py`; `--baseline` names
the JSON line of a 5,000-session run, whose start the growth run's start is judged by).
`--profile DIR` runs each path once more under cProfile, after the figures are taken, and
writes DIR/<figure>.prof and DIR/<figure>.txt (top functions by cumulative time).
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
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import floors
from history import count_sets, generate_history
from startup import startup_and_floor
from strong_export import write_strong_export
from targets import failures, judge, targets_for

from traininglog.datafolder import reconcile
from traininglog.datafolder.datadir import DataDirectory
from traininglog.datafolder.logbook import Logbook
from traininglog.datafolder.prepared import prepare_session_files
from traininglog.domain import Session
from traininglog.domain.names import name_key
from traininglog.importers.detect import read_import
from traininglog.sessionfiles import encode, file_name, to_document
from traininglog.store import queries

BENCH = Path(__file__).resolve().parent


def load() -> float:
    return round(os.getloadavg()[0], 2)


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def said(line: str) -> None:
    """A measurement's line, with the load average it was taken under."""
    say(f"{line}  [load {load():.2f}]")


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
    # The files an export writes, without its fsyncs: a temp folder, and 50,000 fsyncs
    # would take minutes of the run.
    folder.mkdir(parents=True, exist_ok=True)
    for session in history:
        (folder / file_name(session)).write_bytes(encode(session))
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
        items = prepare_session_files([source])
        report = logbook.import_sessions(items)
        total_s, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    if items.rejected or report.rejected or report.conflicts:
        say(f"  WARNING: import rejected {len(items.rejected) + len(report.rejected)} file(s)")
    say(
        f"  imported {len(report.imported)} sessions in {total_s:.2f} s, cpu {total_cpu:.2f} s "
        f"in this process (the files are read on every core as they are stored); "
        f"peak {peak_rss_mb():.0f} MB"
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


def save_floor_inputs(sessions: list[Session]) -> list[tuple[str, bytes, tuple, list, list]]:
    """What the save floor writes for each of `sessions`, made before any clock starts."""
    inputs = []
    for session in sessions:
        document = to_document(session)
        data = (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        name = "floor-" + file_name(session)
        inputs.append((name, data, *floors.document_rows(name, data, json.loads(data))))
    return inputs


def history_views(data_dir: Path, repeat: int, profile: Path | None) -> dict[str, float]:
    """The History views' figures, measured in a process of their own (`history_views.py`)."""
    command = [sys.executable, str(BENCH / "history_views.py"), str(data_dir), "--repeat"]
    command.append(str(repeat))
    if profile is not None:
        command += ["--profile", str(profile / "views")]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, env=env, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])["figures"]


def run(args: argparse.Namespace, work: Path) -> dict[str, object]:
    profiles = Profiles(args.profile)
    exported = work / "export"
    folders = DataDirectory(work / "data")

    say(f"generating {args.sessions} sessions (seed {args.seed}) and exporting them…")
    sessions, sets, gen_s, export_s = prepare_files_elsewhere(args.sessions, args.seed, exported)
    say(
        f"  {sessions} sessions, {sets} sets; generated in {gen_s:.1f} s, exported {export_s:.1f} s"
    )

    # The floor of import and rebuild, three times in turn with them (the median is taken);
    # above 10,000 sessions once, before them: each takes half a minute at 50,000.
    several = args.sessions <= 10_000
    load_floors = [floors.load_floor_s(exported, work / "floor")]
    said(f"floor: json.loads + executemany of {sessions} files {load_floors[-1]:.2f} s")

    say("import…")
    import_s = import_files(folders, exported)
    if several:
        load_floors.append(floors.load_floor_s(exported, work / "floor"))
        said(f"floor: json.loads + executemany of {sessions} files {load_floors[-1]:.2f} s")
    # What writing the files alone takes, fsyncs and all (information beside import): right
    # after the import, on the same disk, once.
    files_floor = floors.files_floor_s(exported, work / "floor")
    said(f"the {sessions} files written and fsynced as an import writes them {files_floor:.2f} s")

    say("rebuild…")
    rebuild_s = rebuild(folders)
    if several:
        load_floors.append(floors.load_floor_s(folders.sessions, work / "floor"))
        said(f"floor: json.loads + executemany of {sessions} files {load_floors[-1]:.2f} s")
    load_floor = statistics.median(load_floors)

    values: dict[str, float] = {}
    floor_of: dict[str, float] = {"import_5000_s": load_floor, "rebuild_5000_s": load_floor}
    with Logbook(folders) as logbook:
        say(f"startup scan, nothing changed ({args.repeat}×)…")
        first = reconcile.sync(folders)
        if first.changed_anything:
            say("  WARNING: the first scan after the rebuild changed something")
        scan_ms = median_ms(lambda: reconcile.sync(folders), args.repeat)
        floor_of["scan_unchanged_ms"] = floors.listing_floor_ms(folders.sessions, args.repeat)
        said(f"  {scan_ms:.1f} ms; listing and stat alone {floor_of['scan_unchanged_ms']:.1f} ms")

        names = queries.exercise_names()[:10]
        say(f"last time for the {len(names)} most used exercises ({args.repeat}× each)…")
        samples = []
        for name in names:
            found = queries.last_time(name)
            assert found is not None, name
            samples.extend(timed(lambda n=name: queries.last_time(n)) for _ in range(args.repeat))
        last_time_ms = statistics.median(samples) * 1000
        keys = [name_key(name) for name in names]
        floor_of["last_time_ms"] = floors.last_time_floor_ms(folders.database, keys, args.repeat)
        said(f"  {last_time_ms:.3f} ms; floor {floor_of['last_time_ms']:.3f} ms")

        top = names[0]
        history_sets = len(queries.exercise_history(top))
        say(f"exercise history of {top!r}, {history_sets} working sets ({args.repeat}×)…")
        history_ms = median_ms(lambda: queries.exercise_history(top), args.repeat)
        history_rows = [tuple(row) for row in queries.exercise_history(top)]
        floor_of["exercise_history_ms"] = floors.rows_floor_ms(history_rows, args.repeat)
        said(f"  {history_ms:.1f} ms; the same rows alone {floor_of['exercise_history_ms']:.1f} ms")

        say(f"session summaries, {queries.session_count()} rows ({args.repeat}×)…")
        summary_ms = median_ms(queries.session_summaries, args.repeat)
        said(f"  {summary_ms:.1f} ms")

        count = 1 + 2 * args.repeat + (5 if args.profile else 0)
        cold, *new = typical_sessions(count, args.seed)
        floor_saves = save_floor_inputs(new[args.repeat : 2 * args.repeat])
        shape_sets = sum(len(e.warmup_sets) + len(e.working_sets) for e in cold.exercises)
        say(f"save, {len(cold.exercises)} exercises / {shape_sets} sets ({args.repeat}×)…")
        # The first save of a process is shown, not counted.
        say(f"  first save {timed(lambda: logbook.save(cold)) * 1000:.0f} ms")
        # Each save in turn with its floor, so that both see the same load.
        save_times, floor_times = [], []
        floor = floors.SaveFloor(folders.database, work / "floor-save")
        try:
            for session, inputs in zip(new[: args.repeat], floor_saves, strict=True):
                save_times.append(timed(lambda s=session: logbook.save(s)))
                floor_times.append(floor.seconds(*inputs))
        finally:
            floor.close()
        save_ms = statistics.median(save_times) * 1000
        floor_of["save_ms"] = statistics.median(floor_times) * 1000
        said(f"  {save_ms:.2f} ms; floor {floor_of['save_ms']:.2f} ms")

        values.update(
            import_5000_s=round(import_s, 3),
            rebuild_5000_s=round(rebuild_s, 3),
            scan_unchanged_ms=round(scan_ms, 2),
            save_ms=round(save_ms, 2),
            last_time_ms=round(last_time_ms, 3),
            exercise_history_ms=round(history_ms, 2),
        )
        information = {
            "history_summary_ms": round(summary_ms, 2),
            "import_files_floor_s": round(files_floor, 3),
        }

        if args.profile:
            say(f"profiling into {args.profile}…")
            profiles.run("scan_unchanged_ms", lambda: reconcile.sync(folders), 20)
            profiles.run("last_time_ms", lambda: [queries.last_time(n) for n in names], 50)
            profiles.run("exercise_history_ms", lambda: queries.exercise_history(top), 20)
            profiles.run("history_summary_ms", queries.session_summaries, 20)
            extra = iter(new[2 * args.repeat :])
            profiles.run("save_ms", lambda: logbook.save(next(extra)), 5)
    information["bench_peak_rss_mb"] = round(peak_rss_mb(), 1)

    say("import of a 10,000-row Strong export into an empty data directory…")
    strong_csv = work / "strong_10k.csv"
    write_strong_export(strong_csv, 10_000)
    strong_dir = DataDirectory(work / "data-strong")
    started = time.perf_counter()
    with Logbook(strong_dir) as strong_book:
        batch = read_import([strong_csv], weight_unit="kg")
        strong_report = strong_book.import_sessions(batch.sessions)
    values["import_strong_10k_s"] = round(time.perf_counter() - started, 3)
    said(f"  {len(strong_report.imported)} sessions in {values['import_strong_10k_s']:.2f} s")

    # Measured with the logbook closed: the window takes the writer's lock in its own process.
    say("start to main window shown, in a fresh process, in turn with its floor (5× each)…")
    startup_s, floor_of["startup_s"] = startup_and_floor(folders.root, 5)
    values["startup_s"] = round(startup_s, 3)
    said(f"  {startup_s:.3f} s; floor {floor_of['startup_s']:.3f} s")

    say("the History views, in a process of their own…")
    # Seven times each up to 10,000 sessions, three above (a history table of 50,000 sessions
    # takes a second to fill on a busy machine).
    views = history_views(folders.root, 7 if several else 3, args.profile)
    for key in ("history_table_ms", "filter_ms", "exercise_view_ms", "chart_ms"):
        values[key] = views.pop(key)
    values["scroll_frame_ms"] = views.pop("scroll_frame_ms")
    floor_of["scroll_frame_ms"] = views["plain_scroll_frame_ms"]
    values["peak_rss_mb"] = views.pop("peak_rss_mb")
    shown = ("history_table_ms", "filter_ms", "exercise_view_ms", "chart_ms", "scroll_frame_ms")
    said(
        "  " + ", ".join(f"{key} {values[key]}" for key in shown) + f"; {values['peak_rss_mb']} MB"
    )

    if args.profile:
        again = DataDirectory(work / "data-profile")
        profiles.run("import_5000_s", lambda: import_files(again, exported))
        profiles.run("rebuild_5000_s", lambda: rebuild(again))

    floor_of = {key: round(value, 4) for key, value in floor_of.items()}
    return {
        "values": values,
        "floors": floor_of,
        "information": information,
        "views": views,
        "sessions": sessions,
        "sets": sets,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=5000, help="history size (5000)")
    parser.add_argument(
        "--repeat", type=int, default=100, help="runs per median of the fast figures (100)"
    )
    parser.add_argument("--seed", type=int, default=1, help="history seed (1)")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 when a figure is more than twice its target"
    )
    parser.add_argument(
        "--baseline", type=Path, metavar="JSON", help="a 5,000-session run's output, for growth"
    )
    parser.add_argument("--profile", type=Path, metavar="DIR", help="also write cProfile output")
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args(argv)
    if args.sessions < 1 or args.repeat < 1:
        parser.error("--sessions and --repeat must be at least 1")

    started = time.perf_counter()
    load_before = os.getloadavg()
    say(f"load average {load_before[0]:.2f} (figures are only comparable on an idle machine)")
    work = Path(tempfile.mkdtemp(prefix="traininglog-bench-"))
    try:
        measured = run(args, work)
    finally:
        if args.keep:
            say(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    baseline = None
    if args.baseline is not None:
        last = args.baseline.read_text(encoding="utf-8").strip().splitlines()[-1]
        baseline = json.loads(last)["figures"]["startup_s"]["value"]
    targets = targets_for(measured["sessions"], baseline)
    values, floor_of = measured["values"], measured["floors"]
    judged = {
        key: judge(values[key], targets[key], floor_of.get(key)) for key in values if key in targets
    }
    figures = {
        key: judged[key].as_json()
        if key in judged
        else {"value": value, "floor": floor_of.get(key), "target": None}
        for key, value in values.items()
    }
    for key, result in judged.items():
        if not result.met:
            say(f"MISSED {key}: {result.value} > {result.limit} ({result.target})")
    if args.sessions != 5000:
        say(f"note: {args.sessions} sessions; the targets are for 5,000")
    cpu = measured["views"].get("cpu_check_ms")
    found = failures(judged, targets, cpu) if args.check else []
    for line in found:
        say(f"CHECK FAILED {line}")
    took = time.perf_counter() - started
    load_after = os.getloadavg()
    say(f"benchmark took {took:.1f} s; load average now {load_after[0]:.2f}")
    result = {
        "figures": figures,
        **measured["information"],
        "views": measured["views"],
        "sessions": measured["sessions"],
        "sets": measured["sets"],
        "cpu_check_ms": cpu,
        "load_average": {"start": round(load_before[0], 2), "end": round(load_after[0], 2)},
        "took_s": round(took, 1),
    }
    print(json.dumps(result, ensure_ascii=False))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
