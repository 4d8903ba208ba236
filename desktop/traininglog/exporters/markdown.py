"""Export as markdown training notes, in exactly the grammar the markdown importer reads.

Importing the file again gives value-equal sessions: ids and users travel in a
`<!-- training-log {…} -->` comment (invisible when the markdown is rendered), times keep
their seconds, fraction and offset, weights and rests every digit, and a name, focus or note
that could not be read back plainly is written as a JSON string ("…").
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import time
from pathlib import Path

from ..domain import Exercise, Session, WarmupSet, WorkingSet
from ..domain.session import BODY_WEIGHT_PLUS, group_labels
from ..exercises.matching import ExerciseNames
from ..files.atomic import write_atomically
from ..formats.markdown_text import DATE_START, GROUP_LABEL, needs_quotes, number_text, quoted


def export_markdown(sessions: Iterable[Session], path: Path) -> int:
    """Write every session into one markdown file, atomically; returns how many."""
    names = ExerciseNames()
    parts = [session_to_markdown(session, names) for session in sessions]
    write_atomically(path, "\n".join(parts).encode("utf-8"))
    return len(parts)


def session_to_markdown(session: Session, names: ExerciseNames | None = None) -> str:
    """One session as markdown notes, ending with a blank line."""
    names = names or ExerciseNames()
    lines = [f"# {_heading(session)}"]
    facts = []
    if session.phase is not None:
        facts.append(f"Phase {session.phase}")
    if session.week is not None:
        facts.append(f"Week {session.week}")
    if session.is_deload_week:
        facts.append("Deload")
    if session.body_weight_kg is not None:
        facts.append(f"Body weight {number_text(session.body_weight_kg)}kg")
    if facts:
        lines.append(" · ".join(facts))
    metadata = {"_id": session.id}
    if session.user_id:
        metadata["userId"] = session.user_id
    if session.user_name:
        metadata["userName"] = session.user_name
    # Only a session with body-weight sets names its version: in one that does not, "BW" is
    # a plain 0 kg set, as it always was (`weight_text`).
    marked = session.has_body_weight_sets
    if marked:
        metadata["dataModelVersion"] = session.data_model_version
    lines.append(f"<!-- training-log {_html_safe_json(metadata)} -->")
    labels = group_labels(e.group for e in session.exercises)
    for exercise in session.exercises:
        lines.append("")
        lines.extend(_exercise(exercise, names, labels.get(exercise.order), marked))
    return "\n".join(lines) + "\n"


def _heading(session: Session) -> str:
    date = session.date
    offset = date.utcoffset()
    text = f"{date.year:04d}-{date.month:02d}-{date.day:02d}"
    if offset is not None or date.time() != time(0):
        text += f" {date.hour:02d}:{date.minute:02d}"
        if date.second or date.microsecond:
            text += f":{date.second:02d}"
        if date.microsecond:
            text += f".{date.microsecond:06d}"
        if offset is not None:
            minutes = int(offset.total_seconds()) // 60
            sign = "-" if minutes < 0 else "+"
            text += f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    if session.focus is not None:
        focus = session.focus
        plain = not needs_quotes(focus) and focus[0].isalpha()
        text += f" {focus if plain else quoted(focus)}"
    return text


def _exercise(
    exercise: Exercise, names: ExerciseNames, label: str | None, marked: bool
) -> list[str]:
    matched = names.match(exercise.name)
    plain = (
        not needs_quotes(exercise.name)
        and not DATE_START.match(exercise.name)
        and not GROUP_LABEL.match(exercise.name)
        and matched.name == exercise.name
    )
    superset = f"{label}. " if label else ""
    lines = [f"## {superset}{exercise.name if plain else quoted(exercise.name)}"]
    inferred = matched.target_muscle_groups if plain else ()
    if tuple(exercise.target_muscle_groups) != inferred:
        lines.append(f"Muscles: {', '.join(exercise.target_muscle_groups) or 'none'}")
    lines.extend(_warmups(exercise.warmup_sets, marked))
    lines.extend(f"- {_working(s, marked)}" for s in exercise.working_sets)
    return lines


def _warmups(warmups: Iterable[WarmupSet], marked: bool) -> list[str]:
    lines: list[str] = []
    pending: list[str] = []
    for warmup in warmups:
        pending.append(f"{weight_text(warmup, marked)} x {warmup.reps}")
        if warmup.notes is not None:
            lines.append(f"- warmup: {', '.join(pending)}{_note(warmup.notes)}")
            pending = []
    if pending:
        lines.append(f"- warmup: {', '.join(pending)}")
    return lines


def _working(s: WorkingSet, marked: bool) -> str:
    text = f"{weight_text(s, marked)} x {s.full_reps}"
    if s.partial_reps:
        text += f"+{s.partial_reps}"
    if s.rpe is not None:
        text += f" @{number_text(s.rpe)}"
    if s.rep_assessment:
        text += f" {s.rep_assessment}"
    if s.rest_minutes is not None:
        text += f" rest {number_text(s.rest_minutes)}min"
    if s.notes is not None:
        text += _note(s.notes)
    return text


def weight_text(one_set: WarmupSet | WorkingSet, marked: bool) -> str:
    """A set's weight as lifters write it: `80kg`; a body-weight set `BW` (the body alone),
    `BW+20kg` (a belt with plates) or `BW-30kg` (an assisted machine). A plain 0 kg set is
    `BW` in a session without body-weight sets, as the app always wrote it, and `0kg` in a
    session `marked` as having them, where `BW` is one. An assisted set with nothing taken
    off is `BW-0kg`, so that it reads back as the set it was."""
    kg = number_text(one_set.weight_kg)
    if one_set.body_weight is None:
        return f"{kg}kg" if one_set.weight_kg != 0 or marked else "BW"
    if one_set.weight_kg == 0 and one_set.body_weight == BODY_WEIGHT_PLUS:
        return "BW"
    return f"BW{'+' if one_set.body_weight == BODY_WEIGHT_PLUS else '-'}{kg}kg"


def _note(notes: str) -> str:
    return f" # {quoted(notes) if needs_quotes(notes) else notes}"


def _html_safe_json(value: object) -> str:
    """JSON that cannot end the comment it sits in."""
    text = json.dumps(value, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
