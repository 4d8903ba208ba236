"""The estimated 1RM inside SQLite: the domain's own function, registered on a connection.

Every query that reads an estimate (the "last time" best, the exercise's sets, its records
and chart points, the record marks) calls this one function, so no two figures can disagree.
"""

from __future__ import annotations

import sqlite3

from ..domain.calculations import E1rmRule, OneRepMaxFormula, estimated_one_rep_max

_FORMULAS = {f.value: f for f in OneRepMaxFormula}


def register(connection: sqlite3.Connection) -> sqlite3.Connection:
    """Make `traininglog_e1rm(weight, reps, rpe, formula, cap)` callable on `connection`."""
    connection.create_function("traininglog_e1rm", 5, _estimate, deterministic=True)
    return connection


def e1rm_sql(
    rule: E1rmRule | OneRepMaxFormula,
    weight: str = "weight_kg",
    reps: str = "reps_full",
    rpe: str = "rpe",
) -> str:
    """The estimate of a set row as an SQL expression (NULL where the domain says None)."""
    rule = E1rmRule.of(rule)
    return f"traininglog_e1rm({weight}, {reps}, {rpe}, '{rule.formula.value}', {rule.rep_cap})"


def _estimate(weight: float, reps: int, rpe: float | None, formula: str, cap: int) -> float | None:
    return estimated_one_rep_max(weight, reps, rpe, _FORMULAS[formula], cap)
