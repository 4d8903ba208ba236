"""Short texts the history views share: days, weights with units, set descriptions."""

from __future__ import annotations

from datetime import date

from ..common.formatting import load_text


def day_text(day: str | date) -> str:
    """2025-03-04 → "Tue 4 Mar 2025"."""
    moment = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def reps_text(full: int, partial: int = 0) -> str:
    """5 → "5"; 5 full and 2 partial → "5+2"."""
    return f"{full}+{partial}" if partial else str(full)


def set_text(
    weight_kg: float,
    full_reps: int,
    partial_reps: int,
    rpe: float | None,
    unit: str,
    body_weight: str | None = None,
) -> str:
    """A set as a lifter writes it: "140 kg × 3 @9", "BW + 20 kg × 6"."""
    rpe_text = f" @{rpe:g}" if rpe is not None else ""
    reps = reps_text(full_reps, partial_reps)
    return f"{load_text(weight_kg, unit, True, body_weight)} × {reps}{rpe_text}"
