"""What to lift next session, per exercise: its progression rule's targets worked out from the
sets logged before, and the page that lists them ("Plan next session")."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from .exact import kg_to, shown
from .plates import PlateSet
from .progression import (
    DeloadWeeks,
    DoubleProgression,
    FixedIncrement,
    PastSession,
    PastSet,
    Rule,
    Target,
)


def past_sessions(rows: Iterable[tuple], unit: str) -> tuple[PastSession, ...]:
    """An exercise's history for its rule from index rows (session id, day YYYY-MM-DD, deload,
    weight kg, full reps, RPE[, body-weight kind]), oldest first, one PastSession per session,
    weights in `unit` (a body-weight set's: what was added or taken off, as typed)."""
    found: dict[str, tuple[date, bool, list[PastSet]]] = {}
    for session_id, day, deload, weight_kg, full_reps, rpe, *_ in rows:
        if session_id not in found:
            found[session_id] = (date.fromisoformat(day[:10]), bool(deload), [])
        found[session_id][2].append(PastSet(kg_to(unit, weight_kg), full_reps, rpe))
    sessions = (PastSession(day, tuple(sets), deload) for day, deload, sets in found.values())
    return tuple(sorted(sessions, key=lambda p: p.day))


def next_targets(
    rule: Rule, rows: Iterable[tuple], plates: PlateSet | None = None
) -> tuple[Target, ...]:
    """The rule's targets for the coming session; weights rounded on the lifter's plates when
    they are in the rule's unit."""
    rows = list(rows)
    kind = _body_weight_kind(rows)
    usable = plates if plates is not None and plates.unit == rule.unit and kind is None else None
    targets = rule.next_targets(past_sessions(rows, rule.unit), usable)
    return tuple(replace(t, body_weight=kind) for t in targets) if kind else targets


def _body_weight_kind(rows: Sequence[tuple]) -> str | None:
    """How the exercise was last done: as body-weight sets ("plus", "minus") or plain (None),
    by the most recent session's last set. A target keeps it: taking the target of a weighted
    pull-up must not log a plain 22.5 kg pull-up. Bar plates don't round a belt's weight."""
    return rows[-1][6] if rows and len(rows[-1]) > 6 else None


def target_text(target: Target) -> str:
    """ "Target: 62.5 kg × 8 (all sets reached 12: +2.5 kg)"."""
    return f"Target: {target.text()} ({target.reason})"


@dataclass(frozen=True)
class PlannedExercise:
    """One exercise of the plan: its targets, or (without them) a note saying why not."""

    name: str
    targets: tuple[Target, ...]
    note: str = ""


def plan_markdown(
    day: date, planned: Sequence[PlannedExercise], title: str = "Next session"
) -> str:
    """The plan as a markdown page: each exercise, its sets to do and why."""
    lines = [f"# {title} — planned {day.isoformat()}", ""]
    if not planned:
        lines += ["No exercise has a progression rule yet.", ""]
    for exercise in planned:
        lines += [f"## {exercise.name}", ""]
        if not exercise.targets:
            note = exercise.note or (
                "No targets yet: log a session of it first, or give the rule a start."
            )
            lines += [note, ""]
            continue
        reasons = list(dict.fromkeys(t.reason for t in exercise.targets))
        lines += ["| Set | Weight | Reps |", "| ---: | ---: | ---: |"]
        for n, target in enumerate(exercise.targets, start=1):
            weight, _, reps = target.text().partition(" × ")
            deload = " (deload)" if target.deload else ""
            lines.append(f"| {n} | {weight}{deload} | {reps} |")
        lines += ["", *(f"Why: {reason}." for reason in reasons), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def rule_summary(rule: Rule) -> str:
    """A rule in a few words: "double progression 8–12 reps, +2.5 kg"."""
    if isinstance(rule, DeloadWeeks):
        return f"{rule_summary(rule.rule)}; deload every {rule.every} at {shown(rule.percent)}%"
    unit = rule.unit
    if isinstance(rule, DoubleProgression):
        return (
            f"double progression {rule.reps_low}–{rule.reps_high} reps, "
            f"+{shown(rule.increment)} {unit}"
        )
    if isinstance(rule, FixedIncrement):
        return f"+{shown(rule.increment)} {unit} when {rule.sets}×{rule.reps} is done"
    weeks = len(rule.weeks)
    return f"{weeks} week{'s' * (weeks != 1)} of a {shown(rule.training_max)} {unit} training max"
