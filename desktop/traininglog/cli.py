"""The `traininglog` command: the window with no subcommand, and the services without Qt.

Exit codes: 0 success, 1 some input rejected (the rest still done), 2 usage error.
Messages go to stderr; with `--json`, stdout is exactly one JSON document.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from datetime import date
from pathlib import Path

from . import version
from .datafolder import reconcile
from .datafolder.conflicts import Keep, read_conflict, resolve
from .datafolder.datadir import (
    DATA_DIR_VARIABLE,
    DataDirectory,
    SessionsFolderMissing,
    keep_private,
)
from .datafolder.errors import describe_for_command_line
from .datafolder.folder_settings import SettingsFileError, resolve_folders
from .datafolder.logbook import Logbook
from .datafolder.writerlock import DataDirectoryBusy
from .domain.calculations import E1rmRule
from .domain.loads import body_weight_text
from .domain.reports import ImportReport, SyncReport
from .exporters.body_weight_csv import export_body_weight_csv
from .exporters.csv_table import export_csv
from .exporters.json_files import export_session_files
from .exporters.markdown import export_markdown
from .importers.detect import FORMATS, read_import
from .sessionfiles.compare import differences
from .store import history_queries, queries
from .store.db import DATABASE_ERRORS, is_damaged
from .store.migrations import DatabaseTooNew

OK, REJECTED, USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="traininglog",
        description="Training Log: log lifting sessions; with no command, open the window.",
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="data directory (default: $TRAININGLOG_DATA_DIR or the platform's data folder)",
    )
    parser.add_argument(
        "--sessions-dir",
        type=Path,
        metavar="DIR",
        help="the folder of session files, e.g. one a sync tool shares between computers "
        "(default: $TRAININGLOG_SESSIONS_DIR, else the one chosen in Settings, else "
        "DIR/sessions); the index, trash and backups stay in the data directory",
    )
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="open the data folder without changing anything in it (also chosen by itself when "
        "the folder can't be written, e.g. a backup disk)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window (offscreen without a display), save one session, check both "
        "files; exit 0 if all of it worked (default data directory: a temporary one)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    imp = commands.add_parser("import", help="import session files or folders")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    imp.add_argument(
        "--format", choices=FORMATS, default="auto", help="what the files are (auto: detect)"
    )
    imp.add_argument(
        "--weight-unit",
        choices=["kg", "lb"],
        help="the unit of a weight column that does not say (Strong's 'Weight', FitNotes)",
    )
    imp.add_argument(
        "--replace",
        action="store_true",
        help="replace sessions imported before from the same rows with this reading (e.g. "
        "with another --weight-unit); the versions replaced go to trash/",
    )
    imp.add_argument("--dry-run", action="store_true", help="report what would be imported")

    exp = commands.add_parser("export", help="export every session")
    exp.add_argument("--format", choices=["json", "csv", "markdown", "body-weight"], required=True)
    exp.add_argument(
        "out",
        type=Path,
        metavar="OUT",
        help="a folder (json) or a file (csv, markdown, body-weight: the body-weight log as CSV)",
    )

    his = commands.add_parser("history", help="list sessions, or one exercise's sets")
    his.add_argument("--exercise", metavar="NAME")
    his.add_argument("--since", type=_day, metavar="DATE", help="YYYY-MM-DD, inclusive")
    his.add_argument("--json", action="store_true", help="print one JSON document to stdout")

    chk = commands.add_parser(
        "check", help="compare the database with the files; exit 1 if they disagree"
    )
    chk.add_argument("--deep", action="store_true", help="also compare every file's content")
    chk.add_argument(
        "--repair",
        action="store_true",
        help="bring the database and the files to agreement (the files win); exit 1 if they "
        "still disagree",
    )

    commands.add_parser("rebuild", help="rebuild the database from the session files")

    res = commands.add_parser(
        "resolve",
        help="choose between a sync tool's conflict copy and the file it conflicts with "
        "(without --keep: show how the two differ)",
    )
    res.add_argument("copy", metavar="CONFLICT_COPY", help="the conflict copy's file name")
    res.add_argument(
        "--keep",
        choices=[k.value for k in Keep],
        help="original: the copy goes to trash; copy: it replaces the original, which goes "
        "to trash; both: the copy becomes a session of its own",
    )
    return parser


class _VersionAction(argparse.Action):
    """--version, looked up only when asked for (reading package metadata is slow)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"traininglog {version()}")
        parser.exit()


def _day(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-02-16") from None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    keep_private()
    if args.self_test:
        from .ui.shell.selftest import run_self_test

        return run_self_test(DataDirectory(args.data_dir.expanduser()) if args.data_dir else None)
    try:
        folders = resolve_folders(args.data_dir, args.sessions_dir)
    except SettingsFileError as error:
        _say(f"traininglog: {error}")
        return REJECTED
    if args.command is None:
        from .ui.shell.application import run  # Qt loads only for the window

        explicit = (
            args.data_dir is not None
            or args.sessions_dir is not None
            or bool(os.environ.get(DATA_DIR_VARIABLE))
        )
        return run(folders if explicit else None, read_only=args.read_only)
    if args.read_only and args.command in CHANGING_COMMANDS:
        _say(f"traininglog: {args.command} changes the data folder, and --read-only was given")
        return USAGE
    try:
        return COMMANDS[args.command](args, folders)
    except (DataDirectoryBusy, DatabaseTooNew) as error:
        _say(f"traininglog: {error}")
        return REJECTED
    except DATABASE_ERRORS as error:
        if is_damaged(error):
            _say(
                f"traininglog: {folders.database} is damaged ({error}); run `traininglog "
                "rebuild` to make a new one from your session files"
            )
            return REJECTED
        return _failed(error, folders)
    except Exception as error:
        return _failed(error, folders)


def _failed(error: Exception, folders: DataDirectory) -> int:
    """One sentence for what went wrong and what to do, the window's own; a bug says so and
    leaves its details in the log file, never a traceback on the terminal."""
    message = describe_for_command_line(error)
    if message is not None:
        if str(folders.root) not in message:
            message += f" (data folder: {folders.root})"
        _say(f"traininglog: {message}")
        return REJECTED
    where = _log_the_bug(error, folders)
    _say(
        f"traininglog: {type(error).__name__}: {error}. This is a bug in Training Log; your "
        f"session files are safe. The details are in {where}."
    )
    return REJECTED


def _log_the_bug(error: Exception, folders: DataDirectory) -> str:
    from .datafolder import errorlog

    try:
        errorlog.start_log(folders.root, crash_log=False)
        errorlog.failure(error, "run the command")
        errorlog.stop_log()
        return str(folders.root / errorlog.LOG_FILE_NAME)
    except OSError:
        return "nowhere: the data folder cannot be written either"


def _say(line: str) -> None:
    print(line, file=sys.stderr)


READ_ONLY_ERRORS = (errno.EROFS, errno.EACCES, errno.EPERM)


def _open(folders: DataDirectory, scan: bool = True, read_only: bool = False) -> Logbook:
    """Open and run the startup scan; read-only, without the scan, when asked, when another
    writer has it, or when the folder can't be written."""
    if read_only:
        return Logbook(folders, read_only=True, why="--read-only was given")
    try:
        logbook = Logbook(folders)
    except DataDirectoryBusy as busy:
        _say(f"traininglog: note: {busy.holder} is writing; reading without the startup scan")
        return Logbook(folders, read_only=True, why=f"{busy.holder} is writing it")
    except OSError as error:
        if error.errno not in READ_ONLY_ERRORS:
            raise
        _say(
            f"traininglog: note: {folders.root} can't be written ({error.strerror}); reading "
            "it read-only"
        )
        return Logbook(folders, read_only=True, why=f"it can't be written ({error.strerror})")
    _say_moved_aside(logbook)
    if scan:
        for warning in reconcile.sync(folders).warnings():
            _say(f"warning: {warning}")
    return logbook


def _say_moved_aside(logbook: Logbook) -> None:
    if logbook.moved_aside is not None:
        _say(
            f"warning: the database was damaged ({logbook.damage}); moved it to "
            f"{logbook.moved_aside} and started a new one from the session files"
        )


def cmd_import(args: argparse.Namespace, folders: DataDirectory) -> int:
    batch = read_import(args.paths, format=args.format, weight_unit=args.weight_unit)
    with Logbook(folders) as logbook:
        _say_moved_aside(logbook)
        for warning in reconcile.sync(folders).warnings():
            _say(f"warning: {warning}")
        report = logbook.import_sessions(batch.sessions, dry_run=args.dry_run, replace=args.replace)
    report.rejected[:0] = batch.rejected
    for rejection in report.rejected:
        for line in rejection.lines():
            _say(line)
    for conflict in report.conflicts[:CONFLICTS_LISTED]:
        _say(f"warning: {conflict}")
    if len(report.conflicts) > CONFLICTS_LISTED:
        more = len(report.conflicts) - CONFLICTS_LISTED
        _say(f"warning: … and {more:,} more sessions stored in another version, kept as stored")
    for summary in batch.summaries.values():
        _say(summary.text())
    for warning in batch.warnings:
        _say(f"warning: {warning}")
    if batch.skipped_rows:
        _say(
            f"skipped {batch.skipped_rows} row(s) that are not strength sets (cardio, timed holds)"
        )
    if batch.unmapped_names:
        names = ", ".join(
            f"{name} ({sets} set{'s' * (sets != 1)})" for name, sets in batch.unmapped_by_sets()
        )
        _say(f"not in the catalogue, kept as custom exercises: {names}")
    if batch.rejected_sessions:
        _say(f"{len(batch.rejected_sessions)} workout(s) left out because of the errors above")
    verb = "would import" if args.dry_run else "imported"
    _say(
        f"{verb} {len(report.imported)} session(s); {len(report.already_stored)} already stored; "
        f"{len(report.conflicts)} kept as stored; {len(report.rejected)} rejected"
    )
    if not args.dry_run:
        for _, path in report.imported:
            _say(f"  wrote {path}")
        if report.imported:
            _say(f"  database {folders.database}")
    _say_replaced(report, folders, dry_run=args.dry_run)
    if (why := report.nothing_added()) is not None:
        _say(why)
    return REJECTED if report.rejected or batch.warnings else OK


def _say_replaced(report: ImportReport, folders: DataDirectory, dry_run: bool) -> None:
    if not report.replaced:
        return
    verb = "would replace" if dry_run else "replaced"
    _say(f"{verb} {len(report.replaced)} session(s) with this reading")
    if report.trash_folder is not None:
        _say(f"  the versions replaced are in {report.trash_folder}")
        _say(
            f"  to undo: traininglog --data-dir {folders.root} import --replace "
            f"{report.trash_folder}"
        )


def cmd_export(args: argparse.Namespace, folders: DataDirectory) -> int:
    with _open(folders, read_only=args.read_only):
        sessions = queries.load_sessions()
        if args.format == "json":
            count = export_session_files(sessions, args.out)
            _say(f"exported {count} session file(s) to {args.out}")
        elif args.format == "markdown":
            count = export_markdown(sessions, args.out)
            _say(f"exported {count} session(s) to {args.out}")
        elif args.format == "body-weight":
            count = export_body_weight_csv(history_queries.body_weights(), args.out)
            _say(f"exported {count} day(s) weighed to {args.out}")
        else:
            count = export_csv(sessions, args.out)
            _say(f"exported {count} set(s) to {args.out}")
    return OK


# The window's formula is kept in its own settings, which the command line does not read:
# here every estimate is plain Epley with the default rep cap, and the output says so.
HISTORY_RULE = E1rmRule()


def cmd_history(args: argparse.Namespace, folders: DataDirectory) -> int:
    rule = HISTORY_RULE
    with _open(folders, read_only=args.read_only):
        if args.exercise:
            exercise = _exercise_named(args.exercise)
            if exercise is None:
                return REJECTED
            _say(
                f"estimated 1RM by {rule.label}: weight × (1 + full reps / 30), a single its own "
                f"weight, none past {rule.rep_cap} reps (the command line always uses "
                f"{rule.label})"
            )
            history = queries.exercise_history(exercise, since=args.since)
            # Body-weight sets get two more columns, what was added or taken off and the load
            # counted; a history without them reads exactly as before.
            with_body_weight = any(h.body_weight is not None for h in history)
            rows = [_history_set_row(h, rule, with_body_weight) for h in history]
        else:
            rows = [
                {
                    "_id": s.id,
                    "date": s.date,
                    "focus": s.focus,
                    "phase": s.phase,
                    "week": s.week,
                    "isDeloadWeek": s.is_deload_week,
                    "exercises": s.exercise_count,
                    "warmupSets": s.warmup_set_count,
                    "workingSets": s.working_set_count,
                    "volumeKg": _rounded(s.volume_kg),
                }
                for s in queries.session_summaries(since=args.since)
            ]
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        # For people the formula goes in the column's name, not in every row.
        _print_table([_formula_in_heading(_body_weight_for_people(r)) for r in rows])
    return OK


def _history_set_row(h, rule: E1rmRule, with_body_weight: bool) -> dict:
    row = {
        "_id": h.session_id,
        "date": h.date,
        "exercise": h.exercise,
        "set": h.number,
        "weightKg": _rounded(h.weight_kg),
        "full": h.full_reps,
        "partial": h.partial_reps,
        "rpe": _rounded(h.rpe),
    }
    if with_body_weight:
        row["bodyWeight"] = h.body_weight
        row["loadKg"] = _rounded(h.load_kg)
    estimate = None if h.load_kg is None else rule.estimate(h.load_kg, h.full_reps, h.rpe)
    row["e1rmKg"] = _rounded(estimate)
    row["e1rmFormula"] = rule.label
    return row


def _body_weight_for_people(row: dict) -> dict:
    """A body-weight set's weight as lifters write it ("BW + 20"), its kind then said."""
    if "bodyWeight" not in row:
        return row
    kind, weight = row["bodyWeight"], row["weightKg"]
    if kind is not None:
        weight = body_weight_text(kind, str(weight), weight == 0)
    return {k: v for k, v in {**row, "weightKg": weight}.items() if k != "bodyWeight"}


def _formula_in_heading(row: dict) -> dict:
    if "e1rmFormula" not in row:
        return row
    heading = f"e1rmKg({row['e1rmFormula']})"
    return {(heading if k == "e1rmKg" else k): v for k, v in row.items() if k != "e1rmFormula"}


def _exercise_named(typed: str) -> str | None:
    """The exercise a typed name means (any alias, any case), said on stderr; None if none."""
    from .exercises.matching import close_names, find_exercise

    stored = queries.exercise_names()
    exercise = find_exercise(typed, stored)
    if exercise is None:
        close = close_names(typed, stored)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        _say(f'traininglog: no exercise called "{typed}" in the log or the catalogue{hint}')
        return None
    _say(f"exercise: {exercise}" + (f' (matched "{typed}")' if typed != exercise else ""))
    return exercise


def _rounded(value: float | None) -> float | int | None:
    """Two decimals, and whole numbers without ".0", as the session files write them."""
    if value is None:
        return None
    value = round(value, 2)
    return int(value) if value.is_integer() else value


def _print_table(rows: list[dict]) -> None:
    if not rows:
        _say("no sessions")
        return
    columns = [key for key in rows[0] if key != "_id"]
    cells = [[("" if r[c] is None else str(r[c])) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in cells:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))


def cmd_check(args: argparse.Namespace, folders: DataDirectory) -> int:
    if args.repair:
        if args.read_only:
            _say("traininglog: check --repair changes the data folder, and --read-only was given")
            return USAGE
        return cmd_repair(folders)
    if not args.read_only:
        try:
            folders.create()
        except SessionsFolderMissing:
            raise  # said as it is: the folder to connect
        except OSError:
            pass  # on read-only media: checked as it is
    with Logbook(folders, read_only=True):
        report = reconcile.check(folders, deep=args.deep)
    for line in report.lines():
        _say(line)
    return OK if report.agrees else REJECTED


def cmd_repair(folders: DataDirectory) -> int:
    from .datafolder.repair import repair

    with Logbook(folders) as logbook:
        report = repair(logbook)
    for line in report.lines():
        _say(line)
    return OK if report.agrees else REJECTED


def cmd_rebuild(args: argparse.Namespace, folders: DataDirectory) -> int:
    with Logbook(folders) as logbook:
        _say_moved_aside(logbook)
        told = SyncReport()
        count, rejected = reconcile.rebuild(folders, told=told)
    for rejection in rejected:
        for line in rejection.lines():
            _say(f"{line} (left in place; a copy is in quarantine/)")
    for warning in told.warnings():
        _say(f"warning: {warning}")
    _say(f"rebuilt {folders.database} from {count} session file(s)")
    return REJECTED if rejected else OK


def cmd_resolve(args: argparse.Namespace, folders: DataDirectory) -> int:
    name = Path(args.copy).name  # a path into the sessions folder is taken as its name
    if args.keep is None:
        conflict = read_conflict(folders, name)
        _say(f"{conflict.copy_name} is a conflict copy of {conflict.original_name}")
        if conflict.copy_problem:
            _say(f"  the copy can't be read: {conflict.copy_problem}")
        for path, original, copy in differences(conflict.original, conflict.copy):
            _say(f"  {path}: original {original}, copy {copy}")
        _say("choose with --keep original, --keep copy or --keep both")
        return REJECTED
    if args.read_only:
        _say("traininglog: resolve --keep changes the data folder, and --read-only was given")
        return USAGE
    with Logbook(folders) as logbook:
        resolved = resolve(logbook, name, Keep(args.keep))
    for line in resolved.lines():
        _say(line)
    return OK


CHANGING_COMMANDS = ("import", "rebuild")
# A re-import with another unit differs in every session: the first few say what happened.
CONFLICTS_LISTED = 5
COMMANDS = {
    "import": cmd_import,
    "export": cmd_export,
    "history": cmd_history,
    "check": cmd_check,
    "rebuild": cmd_rebuild,
    "resolve": cmd_resolve,
}
