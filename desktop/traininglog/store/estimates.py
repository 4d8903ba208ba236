"""The estimated 1RM inside SQLite: the domain's own function, registered on a connection.

Every query that reads an estimate (the "last time" best, the exercise's sets, its records
and chart points, the record marks) uses `e1rm_sql`, the domain's formula written out in SQL
and tested equal to it, so no two figures can disagree.
"""

from __future__ import annotations

import sqlite3

from ..domain.calculations import HIGHEST_REP_CAP, E1rmRule, OneRepMaxFormula, estimated_one_rep_max

_FORMULAS = {f.value: f for f in OneRepMaxFormula}


def register(connection: sqlite3.Connection) -> sqlite3.Connection:
    """Make `traininglog_e1rm(weight, reps, rpe, formula, cap)` callable on `connection`."""
    connection.create_function("traininglog_e1rm", 5, _estimate, deterministic=True)
    return connection


def e1rm_sql(
    rule: E1rmRule | OneRepMaxFormula,
    weight: str = "load_kg",
    reps: str = "reps_full",
    rpe: str = "rpe",
) -> str:
    """The estimate of a set row as an SQL expression (NULL where the domain says None).

    `weight` is the set's load (`load_kg`: what a body-weight set moved, NULL while no
    weigh-in counts for it, which gives NULL).

    The domain's `estimated_one_rep_max`, written out in SQL with the same operations in the
    same order, so that SQLite computes the same doubles without calling back into Python
    for each of 150,000 sets (a callback costs ~0.7 µs a row, six times the expression). A
    test holds the two equal over every formula, cap and a grid of sets."""
    rule = E1rmRule.of(rule)
    cap = min(rule.rep_cap, HIGHEST_REP_CAP)
    r = reps
    if rule.formula.reads_rpe:
        r = f"({reps} + (CASE WHEN {rpe} IS NULL THEN 0 ELSE max(10 - {rpe}, 0) END))"
    if rule.formula is OneRepMaxFormula.BRZYCKI:
        estimate = f"({weight} * 36.0 / (37 - {r}))"
    else:
        estimate = f"({weight} * (1 + {r} / 30.0))"
    return (
        f"(CASE WHEN {reps} <= 0 OR {weight} <= 0 OR {r} > {cap} THEN NULL "
        f"WHEN {r} = 1 THEN {weight} * 1.0 ELSE {estimate} END)"
    )


def e1rm_sql_by_callback(rule: E1rmRule | OneRepMaxFormula, weight: str, reps: str, rpe: str):
    """The same estimate through the domain's own function (`register` first): the reference
    the written-out expression is tested against."""
    rule = E1rmRule.of(rule)
    return f"traininglog_e1rm({weight}, {reps}, {rpe}, '{rule.formula.value}', {rule.rep_cap})"


def _estimate(weight: float, reps: int, rpe: float | None, formula: str, cap: int) -> float | None:
    return estimated_one_rep_max(weight, reps, rpe, _FORMULAS[formula], cap)
