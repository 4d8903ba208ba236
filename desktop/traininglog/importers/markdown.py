"""Markdown training notes: sessions under dated headings, exercises under their own.

```
# 2026-02-16 Upper Strength          a session: date (optional HH:MM), then the focus
                                     (also "## Mon 16 Feb 2026", or a line "date: 2026-02-16")
Phase 2, Week 5, Deload              optional, any order, separated by , · or |
## Barbell Bench Press               an exercise
- warmup: 20 x 5, 40 x 5, 60 x 3     warm-ups
- 80kg x 5+2 @9.5 perfect rest 3min  a working set
```

The README's "Markdown training notes" section is the full grammar. Text before the first
session (a title, an introduction) is ignored; inside a session every line must be one the
grammar knows, and a session with a line that is not is left out, with the line reported.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TypeVar

from ..domain import (
    BODY_WEIGHT_VERSION,
    DATA_MODEL_VERSION,
    GROUPS_VERSION,
    Exercise,
    Problem,
    Session,
    WarmupSet,
    WorkingSet,
    limits,
    problems,
)
from ..domain.reports import Rejection
from ..domain.session import BODY_WEIGHT_PLUS, canonical_id
from ..exercises.matching import ExerciseNames
from ..formats.markdown_text import DATE_START
from .batch import GIVE_UP_AFTER_PROBLEMS, MAX_LISTED_PROBLEMS, MAX_SESSIONS_PER_FILE, ImportBatch
from .markdown_lines import (
    DATE_LINE,
    NotUnderstood,
    exercise_heading,
    muscles,
    session_facts,
    session_heading,
    session_metadata,
)
from .markdown_sets import set_line, warmup_sets
from .set_values import KG_PER_LB, WEIGHT_DECIMALS, BadValue
from .text_files import TextFile
from .workouts import session_id

FORMAT = "markdown"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_BULLET = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
_Set = TypeVar("_Set", WarmupSet, WorkingSet)
_BEFORE_BODY_WEIGHT_SETS = (None, DATA_MODEL_VERSION, GROUPS_VERSION, BODY_WEIGHT_VERSION)


def looks_like_markdown(text: str) -> bool:
    """True when some heading starts with a date (`# 2026-02-16 …`, `## Mon 16 Feb 2026`), or
    a line `date: 2026-02-16` is followed by headings."""
    lines = [line.strip() for line in itertools.islice(io.StringIO(text), 2000)]
    headings = [m for line in lines if (m := _HEADING.match(line))]
    return any(DATE_START.match(m[2]) for m in headings) or (
        bool(headings)
        and any((d := DATE_LINE.match(line)) and DATE_START.match(d["date"]) for line in lines)
    )


@dataclass
class _ExerciseDraft:
    line: int
    name: str
    exact: bool
    group: str | None = None  # the superset, from a label like "A1." before the name
    muscles: tuple[str, ...] | None = None
    warmups: list[WarmupSet] = field(default_factory=list)
    workings: list[WorkingSet] = field(default_factory=list)


@dataclass
class _SessionDraft:
    line: int
    level: int
    date: datetime
    focus: str | None
    nth: int = 0
    phase: int | None = None
    week: int | None = None
    deload: bool = False
    body_weight: float | None = None  # kg
    metadata: dict[str, str] = field(default_factory=dict)
    exercises: list[_ExerciseDraft] = field(default_factory=list)
    bad: list[Rejection] = field(default_factory=list)
    rejected: bool = False


class _NotesReader:
    def __init__(self, source: TextFile, weight_unit: str | None, names: ExerciseNames):
        self.source = source
        self.unit = weight_unit or "kg"
        self.names = names
        self.batch = ImportBatch(formats={source.label: FORMAT})
        self.session: _SessionDraft | None = None
        self.seen_ids: dict[str, int] = {}
        self.occurrences: dict[tuple[str, str], int] = {}
        self.found_any = False
        self.section_level = 0  # the level of the last heading that is not a session's
        self.bad_lines = 0
        self.sessions = 0

    def read(self) -> ImportBatch:
        in_comment = False
        for number, raw in enumerate(self.source.text.split("\n"), start=1):
            line = raw.strip()
            if in_comment:
                in_comment = "-->" not in line
                continue
            if not line or _RULE.match(line):
                continue
            if line.startswith("<!--") and not line.startswith("<!-- training-log"):
                in_comment = "-->" not in line
                continue
            try:
                self._line(number, line)
            except BadValue as error:
                self._bad(number, str(error), error.field)
            if self.bad_lines > GIVE_UP_AFTER_PROBLEMS or self.sessions > MAX_SESSIONS_PER_FILE:
                self._give_up(number)
                break
        self._finish_session()
        unlisted = self.bad_lines - MAX_LISTED_PROBLEMS
        if unlisted > 0:
            self.batch.rejected.append(
                Rejection(self.source.label, (Problem("", f"{unlisted:,} more bad lines"),))
            )
        if not self.found_any:
            self.batch.rejected.append(
                Rejection(
                    self.source.label,
                    (
                        Problem(
                            "",
                            "has no sessions: a session starts with a heading like "
                            "'# 2026-02-16 Upper Strength'",
                        ),
                    ),
                )
            )
        return self.batch

    def _give_up(self, number: int) -> None:
        if self.bad_lines > GIVE_UP_AFTER_PROBLEMS:
            reason = f"more than {GIVE_UP_AFTER_PROBLEMS:,} bad lines: are these training notes?"
        else:
            reason = f"more than {MAX_SESSIONS_PER_FILE:,} sessions in one file"
        rejection = Rejection(
            self.source.at(number), (Problem("", f"{reason}; stopped reading here"),)
        )
        if self.session is not None:
            self.session.rejected = True  # it may go on past this line
            self.session.bad.append(rejection)
        else:
            self.batch.rejected.append(rejection)

    def _bad(self, number: int, message: str, what: str = "") -> None:
        self.bad_lines += 1
        if self.session is not None:
            self.session.rejected = True
        if self.bad_lines > MAX_LISTED_PROBLEMS:
            return
        rejection = Rejection(self.source.at(number), (Problem(what, message),))
        if self.session is not None:
            self.session.bad.append(rejection)
        else:
            self.batch.rejected.append(rejection)

    def _line(self, number: int, line: str) -> None:
        heading = _HEADING.match(line)
        if heading:
            self._heading(number, len(heading[1]), heading[2])
            return
        dated = DATE_LINE.match(line)
        if dated:
            # Its exercises are the headings below the section it is in ("date: …" under
            # "# Notes" has "## Bench Press"); at the top of a file, any heading.
            self._start_session(number, self.section_level, dated["date"])
            return
        session = self.session
        if session is None:
            if _BULLET.match(line) and _is_set(line):
                raise BadValue(
                    "a set needs a session heading like '# 2026-02-16' above it (an exercise "
                    "heading is one level below its session's, like '## Bench Press')",
                    "set",
                )
            return  # prose before the first session, or between sections: not part of a session
        metadata = session_metadata(line)
        if metadata is not None:
            session.metadata = metadata
            return
        text = _BULLET.sub("", line, count=1)
        facts = session_facts(text)
        if facts is not None:
            session.phase = facts.phase if facts.phase is not None else session.phase
            session.week = facts.week if facts.week is not None else session.week
            session.deload = session.deload or bool(facts.deload)
            if facts.body_weight is not None:
                value, unit = facts.body_weight
                in_lb = (unit or self.unit) == "lb"
                session.body_weight = round(value * KG_PER_LB, WEIGHT_DECIMALS) if in_lb else value
            return
        if not session.exercises:
            if _is_set(text) or muscles(text) is not None:
                raise BadValue(
                    "this needs an exercise heading like '## Barbell Bench Press' above it", "set"
                )
            raise NotUnderstood(
                f"{text!r} is not part of a session: after the heading come 'Phase 2, Week 5, "
                "Deload' and exercises ('## Barbell Bench Press')",
                "line",
            )
        self._exercise_line(session.exercises[-1], text)

    def _heading(self, number: int, level: int, text: str) -> None:
        session = self.session
        if DATE_START.match(text):
            self._start_session(number, level, text)
        elif session is not None and level > session.level:
            name, exact, group = exercise_heading(text)
            if len(session.exercises) >= limits.MAX_EXERCISES:
                raise BadValue(
                    f"more than {limits.MAX_EXERCISES} exercises in one session", "exercise"
                )
            session.exercises.append(_ExerciseDraft(number, name, exact, group))
        elif text[:1].isdigit():
            self._finish_session()
            raise BadValue(f"{text!r} does not start with a date like 2026-02-16", "heading")
        else:
            self._finish_session()  # a heading of its own: a section outside any session
            self.section_level = level

    def _start_session(self, number: int, level: int, text: str) -> None:
        self._finish_session()
        heading = session_heading(text)
        key = (heading.date.isoformat(), heading.focus or "")
        nth = self.occurrences.get(key, 0)
        self.occurrences[key] = nth + 1
        self.session = _SessionDraft(number, level, heading.date, heading.focus, nth)
        self.found_any = True
        self.sessions += 1

    def _exercise_line(self, exercise: _ExerciseDraft, text: str) -> None:
        listed = muscles(text)
        if listed is not None:
            exercise.muscles = listed
            return
        warmups = warmup_sets(text, self.unit)
        if warmups is not None:
            _room_for(exercise.warmups, sum(found.count for found in warmups), "warm-up sets")
            for found in warmups:
                for _ in range(found.count):
                    exercise.warmups.append(
                        WarmupSet(
                            len(exercise.warmups) + 1,
                            found.weight_kg,
                            found.reps,
                            found.notes,
                            found.body_weight,
                        )
                    )
            return
        found = set_line(text, self.unit)
        _room_for(exercise.workings, found.count, "working sets")
        for _ in range(found.count):
            exercise.workings.append(
                WorkingSet(
                    number=len(exercise.workings) + 1,
                    weight_kg=found.weight_kg,
                    full_reps=found.reps,
                    partial_reps=found.partial_reps,
                    rpe=found.rpe,
                    rep_assessment=found.rep_assessment,
                    rest_minutes=found.rest_minutes,
                    notes=found.notes,
                    body_weight=found.body_weight,
                )
            )

    def _finish_session(self) -> None:
        draft, self.session = self.session, None
        if draft is None:
            return
        source = self.source.at(draft.line)
        label = f"{source}: {draft.date.isoformat(sep=' ')} {draft.focus or ''}".rstrip()
        if draft.rejected:
            self.batch.rejected.extend(draft.bad)
            self.batch.rejected_sessions.append(label)
            return
        session, unmapped = self._session(draft)
        found = problems(session)
        explicit = draft.metadata.get("_id")
        if explicit is not None and explicit in self.seen_ids:
            found.append(
                Problem(
                    "_id",
                    f"the session at line {self.seen_ids[explicit]} has the same id; remove the "
                    "training-log comment from a copied session",
                )
            )
        if found:
            self.batch.rejected.append(Rejection(source, tuple(found)))
            self.batch.rejected_sessions.append(label)
            return
        self.seen_ids[session.id] = draft.line
        self.batch.sessions.append((source, session))
        self.batch.unmapped_names |= unmapped

    def _session(self, draft: _SessionDraft) -> tuple[Session, set[str]]:
        unmapped: set[str] = set()
        exercises = []
        for order, ex in enumerate(draft.exercises, start=1):
            name, groups = ex.name, ()
            if not ex.exact:
                matched = self.names.match(ex.name)
                name, groups = matched.name, matched.target_muscle_groups
                if not matched.known:
                    unmapped.add(name)
            warmups, workings = tuple(ex.warmups), tuple(ex.workings)
            if _bw_is_zero_kg(draft.metadata):
                warmups, workings = _zero_kg(warmups), _zero_kg(workings)
            exercises.append(
                Exercise(
                    order=order,
                    name=name,
                    target_muscle_groups=groups if ex.muscles is None else ex.muscles,
                    warmup_sets=warmups,
                    working_sets=workings,
                    group=ex.group,
                )
            )
        meta = draft.metadata
        return (
            Session(
                id=canonical_id(meta.get("_id")) or meta.get("_id") or self._derived_id(draft),
                date=draft.date,
                exercises=tuple(exercises),
                user_id=meta.get("userId", ""),
                user_name=meta.get("userName", ""),
                phase=draft.phase,
                week=draft.week,
                is_deload_week=draft.deload,
                body_weight_kg=draft.body_weight,
                focus=draft.focus,
            ),
            unmapped,
        )

    def _derived_id(self, draft: _SessionDraft) -> str:
        """From the file name, date and focus; a repeat in the same file counts up."""
        key = (draft.date.isoformat(), draft.focus or "", str(draft.nth))
        return session_id(FORMAT, self.source.name, *key)


def _bw_is_zero_kg(metadata: dict[str, str]) -> bool:
    """True for a session the app exported without body-weight sets (its training-log
    comment names no version from 0.3.0 on): its `BW` is a plain set of 0 kg, as the app
    logged a pull-up before it had body-weight sets. Notes written by hand have no comment,
    and their `BW` is a body-weight set."""
    return bool(metadata) and metadata.get("dataModelVersion") in _BEFORE_BODY_WEIGHT_SETS


def _zero_kg(sets: tuple[_Set, ...]) -> tuple[_Set, ...]:
    """The sets, each `BW` alone (body weight plus nothing) as the plain 0 kg set it was."""
    return tuple(
        replace(s, body_weight=None)
        if s.body_weight == BODY_WEIGHT_PLUS and s.weight_kg == 0
        else s
        for s in sets
    )


def _room_for(sets: list, adding: int, what: str) -> None:
    if len(sets) + adding > limits.MAX_SETS:
        raise BadValue(f"more than {limits.MAX_SETS} {what} in one exercise", "sets")


def _is_set(text: str) -> bool:
    text = _BULLET.sub("", text, count=1)
    try:
        set_line(text, "kg")
    except BadValue as error:
        return not isinstance(error, NotUnderstood)
    return True


def read_markdown(source: TextFile, weight_unit: str | None, names: ExerciseNames) -> ImportBatch:
    """The sessions in a notes file; a weight without a unit is in `weight_unit` (kg if None)."""
    return _NotesReader(source, weight_unit, names).read()
