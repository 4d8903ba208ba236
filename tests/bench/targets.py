"""The benchmark's targets (DESIGN.md, "Performance") and how a figure is judged against one.

A target is either a ratio to the figure's floor, measured in the same run (`Target(ratio=…)`),
or a fixed amount in the figure's unit (`Target(most=…)`). Targets are for 5,000 sessions;
above that, the growth targets replace some of them (`targets_for`).

`judge` gives each figure its `limit` (ratio × floor, or the amount), and whether it is
`met`. `--check` (CI, at 200 sessions) fails only on a figure more than twice its limit, and
makes the limit hard to miss by chance on a slow or busy machine:

- a fixed amount is scaled by how slow the machine is: the benchmark's fixed Python loop
  (`cpu_check_ms`) against the 25 ms it takes on the machine the targets were set on, never
  scaled below 1;
- a ratio's limit is never below the figure's `allowance`: at 200 sessions a floor is a few
  milliseconds, and one scheduler hiccup in either the figure or its floor would otherwise
  double the ratio;
- a fixed amount with a floor measured beside it (the slowest scroll step of a plain table
  that holds every row; an exercise's history read from a plain table of its own rows; the
  sessions folder listed with a stat per file) is never checked below that floor: what the
  machine itself takes to paint, to hand that many values to Python or to stat that many
  files is no failure of the app's.
"""

from __future__ import annotations

from dataclasses import dataclass

REFERENCE_CPU_CHECK_MS = 25.0  # the fixed Python loop on the machine the targets were set on
CHECK_FACTOR = 2.0  # --check fails a figure more than this many times its limit


@dataclass(frozen=True)
class Target:
    ratio: float | None = None  # at most this many times the floor
    most: float | None = None  # at most this, in the figure's unit
    allowance: float = 0.0  # --check: a ratio's limit is never below this (figure's unit)

    def __str__(self) -> str:
        return f"≤ {self.ratio:g}× floor" if self.ratio is not None else f"≤ {self.most:g}"


TARGETS: dict[str, Target] = {
    "startup_s": Target(ratio=1.3, allowance=0.5),
    "save_ms": Target(ratio=3, allowance=15),
    "import_5000_s": Target(ratio=2, allowance=1.0),
    "rebuild_5000_s": Target(ratio=2, allowance=1.0),
    "last_time_ms": Target(ratio=1.5, allowance=1.0),
    "exercise_history_ms": Target(most=20),
    "scan_unchanged_ms": Target(most=100),
    "history_table_ms": Target(most=100),
    "filter_ms": Target(most=50),
    "exercise_view_ms": Target(most=50),
    "chart_ms": Target(most=100),
    "scroll_frame_ms": Target(most=16),
    "import_strong_10k_s": Target(most=1),
    "peak_rss_mb": Target(most=150),
}

# At ten times the history (DESIGN.md): what must stay usable. The start is judged against
# the start at 5,000 sessions when that run's figure is given (`--baseline`).
GROWTH_TARGETS: dict[str, Target] = {
    "scan_unchanged_ms": Target(most=200),
    "history_table_ms": Target(most=150),
    "exercise_view_ms": Target(most=100),
    "peak_rss_mb": Target(most=300),
}
GROWTH_START_RATIO = 1.5


def targets_for(sessions: int, baseline_startup_s: float | None = None) -> dict[str, Target]:
    """The targets at this history size. Above 5,000 sessions the growth targets replace
    theirs; the other fixed amounts are for 5,000 and are not judged there."""
    if sessions <= 5000:
        return dict(TARGETS)
    found = {k: t for k, t in TARGETS.items() if t.ratio is not None}
    found.update(GROWTH_TARGETS)
    if baseline_startup_s is not None:
        found["startup_s"] = Target(most=round(GROWTH_START_RATIO * baseline_startup_s, 3))
    return found


@dataclass(frozen=True)
class Judged:
    value: float
    floor: float | None
    ratio: float | None
    target: str
    limit: float
    met: bool

    def as_json(self) -> dict[str, object]:
        return {
            "value": self.value,
            "floor": self.floor,
            "ratio": self.ratio,
            "target": self.target,
            "limit": self.limit,
            "met": self.met,
        }


def judge(value: float, target: Target, floor: float | None = None) -> Judged:
    """The figure against its target: its limit in this run and whether it is met."""
    ratio = round(value / floor, 2) if floor else None
    if target.ratio is not None:
        if not floor:
            raise ValueError("a ratio target needs the floor of the same run")
        limit = target.ratio * floor
    else:
        assert target.most is not None
        limit = target.most
    return Judged(value, floor, ratio, str(target), _round(limit), value <= limit)


def check_limit(
    target: Target, limit: float, cpu_check_ms: float | None, floor: float | None = None
) -> float:
    """The most `--check` lets a figure be: twice its limit, made robust as the module says."""
    if target.ratio is not None:
        return CHECK_FACTOR * max(limit, target.allowance)
    slower = (cpu_check_ms or REFERENCE_CPU_CHECK_MS) / REFERENCE_CPU_CHECK_MS
    return CHECK_FACTOR * max(limit * max(1.0, slower), floor or 0.0)


def failures(
    judged: dict[str, Judged], targets: dict[str, Target], cpu_check_ms: float | None
) -> list[str]:
    """The figures `--check` fails, each as a line saying by how much."""
    found = []
    for name, result in judged.items():
        most = check_limit(targets[name], result.limit, cpu_check_ms, result.floor)
        if result.value > most:
            found.append(
                f"{name}: {result.value} is more than {most:.4g} "
                f"(twice its limit {result.limit} for {result.target})"
            )
    return found


def _round(value: float) -> float:
    return round(value, 3) if value < 10 else round(value, 1)
