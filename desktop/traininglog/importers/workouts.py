"""Rows of a phone app's CSV export gathered into workouts, and workouts into sessions.

Shared by the Strong, Hevy and FitNotes readers. The rules, the same for all three:

- A workout is every row with the same start time and workout name; consecutive rows of
  one exercise are that exercise's sets, in row order (sets are renumbered 1, 2, 3…).
- Warm-ups become warm-up sets; normal, drop and failure sets become working sets, drop
  and failure sets with "drop set" / "to failure" in their notes.
- A rest-timer row gives its rest to the *next* working set of the same exercise (the
  session file's rest is the rest taken before a set); a rest after an exercise's last set
  or before a warm-up has no set to go to and is dropped.
- Workout notes go to the first set of the session, as "Workout: …"; exercise notes to the
  exercise's first set; a set's own notes to that set.
- The workout name becomes the session's focus as written (trimmed, at most 100
  characters); phase and week are unknown (None).
- A bad row is skipped and reported with its line and reason; its workout keeps its other
  sets. A workout is left out whole only when it cannot be dated, when none of its rows can
  be read, when the file breaks off inside it, or when the session as a whole breaks a rule.
- Dates are read by one `DateReader` per file (`dates.py`): the form of the file's first
  readable date is the form of all of them. A workout whose date does not read is left out
  with one line; a file where no date reads says so in one line.
- Each session's `_id` is a UUID derived from the format, start time and workout name, so
  importing the same workout again, from this export or a newer one, gives the same id.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from ..domain import Exercise, Problem, Session, WarmupSet, WorkingSet, limits, problems
from ..domain.names import name_key
from ..domain.reports import Rejection
from ..domain.session import GROUP_LETTERS
from ..exercises.matching import ExerciseNames
from .batch import GIVE_UP_AFTER_PROBLEMS, MAX_LISTED_PROBLEMS, MAX_SESSIONS_PER_FILE, ImportBatch
from .csv_tables import Record, Row, TableError
from .dates import DateReader
from .file_summary import FileSummary, reasons_of
from .set_rows import DROP, FAILURE, REST, WARMUP, SetRow
from .text_files import TextFile
from .weight_units import WeightUnits

# Never change: every imported session's id is derived from it.
IMPORT_NAMESPACE = uuid.UUID("94911f9e-bf51-4c8c-b344-b1e3594c0c5e")

_KIND_NOTES = {DROP: "drop set", FAILURE: "to failure"}


def session_id(*parts: str) -> str:
    """A stable session id from the parts that identify a workout in its source."""
    return str(uuid.uuid5(IMPORT_NAMESPACE, "\n".join(parts)))


@dataclass
class Workout:
    """The rows of one workout as read, and the rows that were bad."""

    first_line: int
    name: str
    date_text: str = ""
    start: datetime | None = None
    notes: str | None = None
    rows: list[SetRow] = field(default_factory=list)
    bad: list[Rejection] = field(default_factory=list)
    rejected: bool = False
    row_count: int = 0  # every row of it, read or refused

    @property
    def label(self) -> str:
        when = self.start.isoformat(sep=" ") if self.start else "an unreadable date"
        return f'"{self.name}" of {when}' if self.name else f"the workout of {when}"


def _too_much(bad: int) -> str:
    if bad > GIVE_UP_AFTER_PROBLEMS:
        return f"more than {GIVE_UP_AFTER_PROBLEMS:,} bad rows: is this the right file and format?"
    return f"more than {MAX_SESSIONS_PER_FILE:,} workouts in one file"


def focus_of(workout_name: str) -> str | None:
    """The session focus for a workout name: as written, trimmed, at most 100 characters."""
    name = workout_name.strip()
    return name[: limits.MAX_FOCUS_CHARS].strip() or None


def _in_superset(
    groups: list[list[SetRow]], keys: dict[str, str], key: str, row: SetRow
) -> list[SetRow] | None:
    """The exercise's earlier rows in the same superset, if any."""
    for group in reversed(groups):
        if group[0].superset != row.superset:
            return None
        if keys[group[0].exercise] == key:
            return group
    return None


def _superset_letters(groups: list[list[SetRow]]) -> dict[str | None, str]:
    """A letter for each superset of two or more exercises, A, B… in the order done (a
    "superset" of one exercise is just that exercise); past Z, the rest stay on their own."""
    members: dict[str, int] = {}
    for group in groups:
        if group[0].superset is not None:
            members[group[0].superset] = members.get(group[0].superset, 0) + 1
    real = [superset for superset, count in members.items() if count > 1]
    return dict(zip(real, GROUP_LETTERS, strict=False))


def _joined(*parts: str | None) -> str | None:
    text = "\n".join(p for p in parts if p)
    return text or None


class WorkoutCollector:
    """Gathers one file's rows into workouts and turns them into an ImportBatch."""

    def __init__(self, source: TextFile, family: str, names: ExerciseNames, units: WeightUnits):
        self.source = source
        self.family = family
        self.names = names
        self.workouts: dict[tuple[str, ...], Workout] = {}
        self.skipped = 0
        self.stopped: Rejection | None = None
        self.dates = DateReader()
        self.units = units
        self.repaired: list[int] = []  # lines whose unquoted commas were rejoined
        self.weight_column = "Weight"
        self.date_column = "Date"
        self._name_keys: dict[str, str] = {}
        self.bad_rows = 0

    def workout(self, key: tuple[str, ...], line: int, name: str, date_text: str) -> Workout:
        """The workout a row with this key belongs to."""
        found = self.workouts.get(key)
        if found is None:
            found = self.workouts[key] = Workout(line, name.strip(), date_text.strip())
        return found

    def workout_of(self, row: Row, key: tuple[str, ...], name: str) -> Workout:
        """The workout of a row; its date is read when the whole file has been seen."""
        self.date_column = row.columns.title.get("date", self.date_column)
        self.weight_column = row.columns.title.get("weight", self.weight_column)
        return self.workout(key, row.line, name, row.text("date"))

    def titled_workout(self, row: Row) -> Workout:
        """The workout of a row in an export that names its workouts (Strong, Hevy): one per
        date and title, its notes from the first of its rows that has them."""
        name = row.text("workout")
        workout = self.workout_of(row, (row.text("date"), name), name)
        if workout.notes is None and row.text("workout_notes"):
            workout.notes = row.text("workout_notes").replace("\r\n", "\n")
        return workout

    def take(self, workout: Workout, row: Row, found: SetRow | None) -> Workout:
        """Add a row's set to its workout; a bad row is reported, a skipped one counted."""
        workout.row_count += 1
        if row.problems:
            self.bad_row(workout, row.line, row.problems)
        elif found is None:
            self.skipped += 1
        else:
            workout.rows.append(found)
        return workout

    def bad_row(self, workout: Workout, line: int, found: list[Problem]) -> None:
        """Report a row and skip it; its workout keeps its other rows."""
        self.bad_rows += 1
        if self.bad_rows <= MAX_LISTED_PROBLEMS:
            workout.bad.append(Rejection(self.source.at(line), tuple(found)))

    def read(self, rows: Iterator[Record], handle: Callable[[Record], Workout | None]) -> None:
        """Feed every record to `handle`; a CSV that breaks off ends the reading there."""
        last: Workout | None = None
        try:
            for record in rows:
                last = handle(record) or last
                if (
                    self.bad_rows > GIVE_UP_AFTER_PROBLEMS
                    or len(self.workouts) > MAX_SESSIONS_PER_FILE
                ):
                    if last is not None:
                        last.rejected = True  # it may go on past this line
                    self.stopped = Rejection(
                        self.source.at(record.line),
                        (Problem("", f"{_too_much(self.bad_rows)}; stopped reading here"),),
                    )
                    return
        except TableError as error:
            problem = Problem("", f"{error.message}; nothing from this line on is imported")
            if last is not None:
                last.rejected = True  # the file breaks off inside it
                last.row_count += 1  # the record it breaks off in
                self.bad_row(last, error.line, [problem])
            else:
                self.stopped = Rejection(self.source.at(error.line), (problem,))

    def finish(self) -> ImportBatch:
        """The sessions of every workout that can be read, and the reasons for the rest."""
        batch = ImportBatch(skipped_rows=self.skipped, formats={self.source.label: self.family})
        undated = self._read_dates(batch)
        ordered = sorted(
            self.workouts.values(),
            key=lambda w: (
                w.start is None,
                w.start.replace(tzinfo=None) if w.start else datetime.min,
                w.first_line,
            ),
        )
        left_out_rows = 0
        for workout in ordered:
            batch.rejected.extend(workout.bad)
            left_out = f"{self.source.at(workout.first_line)}: {workout.label}"
            if workout.start is None and undated:
                left_out_rows += len(workout.rows)
                continue  # the file's one line about its dates says it
            if workout.rejected or workout.start is None:
                left_out_rows += len(workout.rows)
                batch.rejected_sessions.append(left_out)
                continue
            session, unmapped = self._session(workout)
            if session is None:
                if workout.bad:  # every row of it was bad
                    batch.rejected_sessions.append(left_out)
                continue
            found = problems(session)
            if found:
                left_out_rows += len(workout.rows)
                batch.rejected.append(Rejection(self.source.at(workout.first_line), tuple(found)))
                batch.rejected_sessions.append(
                    f"{self.source.at(workout.first_line)}: {workout.label}"
                )
                continue
            batch.sessions.append((self.source.at(workout.first_line), session))
            batch.unmapped_names |= unmapped
        if self.stopped:
            batch.rejected.append(self.stopped)
        batch.rejected.sort(key=lambda r: int(r.source.rpartition(":")[2]))
        if self.bad_rows > MAX_LISTED_PROBLEMS:
            more = self.bad_rows - MAX_LISTED_PROBLEMS
            batch.rejected.append(
                Rejection(self.source.label, (Problem("", f"{more:,} more bad rows"),))
            )
        batch.summaries[self.source.label] = self._summary(batch, left_out_rows)
        return batch

    def _summary(self, batch: ImportBatch, left_out_rows: int) -> FileSummary:
        label = self.source.label
        units = self.units.described(self.weight_column) if self.units else None
        return FileSummary(
            label,
            self.family,
            sessions=len(batch.sessions),
            sets=batch.set_count,
            rows=sum(w.row_count for w in self.workouts.values()),
            skipped=self.bad_rows + left_out_rows,
            not_strength=self.skipped,
            reasons=reasons_of(label, batch.rejected),
            rejoined=self.repaired,
            units=units,
            dates=self.dates.described if self.workouts else None,
        )

    def _read_dates(self, batch: ImportBatch) -> bool:
        """Read every workout's date in the file's form; report the ones that do not read.

        Returns True when no date of the file reads: then one line says so for them all."""
        workouts = list(self.workouts.values())
        self.dates.settle(w.date_text for w in workouts)
        for workout in workouts:
            workout.start = self.dates.read(workout.date_text)
        unread = [w for w in workouts if w.start is None]
        if not unread:
            return False
        if len(unread) == len(workouts):
            first = unread[0]
            count = f"{len(workouts):,} workout{'s' if len(workouts) != 1 else ''}"
            batch.rejected.append(
                Rejection(
                    self.source.at(first.first_line),
                    (
                        Problem(
                            self.date_column,
                            f"{self.dates.why_not(first.date_text)}; none of the file's {count} "
                            "could be dated, so none is imported",
                        ),
                    ),
                )
            )
            return True
        for workout in unread:
            workout.bad.append(
                Rejection(
                    self.source.at(workout.first_line),
                    (Problem(self.date_column, self.dates.why_not(workout.date_text)),),
                )
            )
        return False

    def _session(self, workout: Workout) -> tuple[Session | None, set[str]]:
        assert workout.start is not None
        groups: list[list[SetRow]] = []
        keys = self._name_keys
        for row in workout.rows:
            if row.kind == REST:
                if groups:
                    groups[-1].append(row)
                continue
            key = keys.get(row.exercise)
            if key is None:
                key = keys[row.exercise] = name_key(row.exercise)
            if groups and keys[groups[-1][0].exercise] == key:
                groups[-1].append(row)
            elif row.superset is not None and (same := _in_superset(groups, keys, key, row)):
                same.append(row)  # sets of a superset written alternating, as they were done
            else:
                groups.append([row])
        letters = _superset_letters(groups)
        unmapped: set[str] = set()
        exercises = []
        workout_notes = f"Workout: {workout.notes}" if workout.notes else None
        for group in groups:
            written = group[0].exercise
            matched = self.names.match(written)
            if not matched.known:
                unmapped.add(matched.name)
            exercise_notes = next((r.exercise_notes for r in group if r.exercise_notes), None)
            warmups, workings = self._sets(group, _joined(workout_notes, exercise_notes))
            workout_notes = None
            exercises.append(
                Exercise(
                    order=len(exercises) + 1,
                    name=matched.name,
                    target_muscle_groups=matched.target_muscle_groups,
                    warmup_sets=tuple(warmups),
                    working_sets=tuple(workings),
                    group=letters.get(group[0].superset),
                )
            )
        if not exercises:
            return None, unmapped
        session = Session(
            id=session_id(self.family, workout.start.isoformat(), workout.name),
            date=workout.start,
            exercises=tuple(exercises),
            focus=focus_of(workout.name),
        )
        return session, unmapped

    @staticmethod
    def _sets(
        group: list[SetRow], first_notes: str | None
    ) -> tuple[list[WarmupSet], list[WorkingSet]]:
        warmups: list[WarmupSet] = []
        workings: list[WorkingSet] = []
        rest: float | None = None
        for row in group:
            if row.kind == REST:
                rest = row.rest_minutes
                continue
            notes = _joined(first_notes, _KIND_NOTES.get(row.kind), row.notes)
            first_notes = None
            if row.kind == WARMUP:
                warmups.append(
                    WarmupSet(len(warmups) + 1, row.weight_kg, row.reps, notes, row.body_weight)
                )
            else:
                workings.append(
                    WorkingSet(
                        number=len(workings) + 1,
                        weight_kg=row.weight_kg,
                        full_reps=row.reps,
                        rpe=row.rpe,
                        rest_minutes=rest,
                        notes=notes,
                        body_weight=row.body_weight,
                    )
                )
            rest = None
        return warmups, workings
