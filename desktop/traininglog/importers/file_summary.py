"""One file's import in a line: what it held, how it was read, and every row skipped.

`strong.csv: 41 sessions, 1,203 sets; units from the file's Weight Unit column (kg 980 rows,
lb 223 rows); dates like '2026-06-11 13:01:00'; 3 of 1,310 rows skipped: line 17: Reps: 'x'
is not a number; …`. A file where more than 5% of its rows were skipped (refused for an
error, or in a workout that was left out) is worth a warning: it may not be the export it
looks like, or it was read in the wrong unit or date form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.reports import Rejection

TOO_MANY_SKIPPED = 0.05
LISTED_IN_SUMMARY = 10


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


@dataclass
class FileSummary:
    """What reading one file found; `text()` is its summary line."""

    label: str
    format: str
    sessions: int = 0
    sets: int = 0
    rows: int = 0  # the rows (or lines) read, 0 when not counted
    skipped: int = 0  # rows refused or left out with their workout
    not_strength: int = 0  # cardio and timed rows, skipped by design
    reasons: list[str] = field(default_factory=list)  # `line 17: Reps: …`
    rejoined: list[int] = field(default_factory=list)
    units: str | None = None
    dates: str | None = None
    counted: str = "row"  # what `rows` and `skipped` count: rows of a CSV, lines of notes

    @property
    def skipped_share(self) -> float:
        return self.skipped / self.rows if self.rows else 0.0

    @property
    def too_many_skipped(self) -> bool:
        return self.skipped_share > TOO_MANY_SKIPPED

    def warning(self, label: str | None = None) -> str | None:
        """The warning for a file past the 5% rule, else None."""
        if not self.too_many_skipped:
            return None
        return (
            f"{label or self.label}: {self.skipped:,} of its {self.rows:,} {self.counted}s "
            f"({self.skipped_share:.0%}) were skipped; is it the right file, unit and format?"
        )

    def text(self, label: str | None = None) -> str:
        parts = [f"{_plural(self.sessions, 'session')}, {_plural(self.sets, 'set')}"]
        if self.units:
            parts.append(self.units)
        if self.dates:
            parts.append(self.dates)
        if self.rejoined:
            lines = ", ".join(map(str, self.rejoined[:LISTED_IN_SUMMARY]))
            more = len(self.rejoined) - LISTED_IN_SUMMARY
            word = "line" if len(self.rejoined) == 1 else "lines"
            more_text = f" and {more:,} more" if more > 0 else ""
            parts.append(f"a comma in a name or comment rejoined on {word} {lines}{more_text}")
        if self.not_strength:
            parts.append(f"{_plural(self.not_strength, 'row')} not a strength set (cardio, timed)")
        if self.skipped:
            of = f" of {self.rows:,}" if self.rows else ""
            listed = "; ".join(self.reasons[:LISTED_IN_SUMMARY])
            more = len(self.reasons) - LISTED_IN_SUMMARY
            word = self.counted + ("" if self.skipped == 1 and self.rows <= 1 else "s")
            said = f"{self.skipped:,}{of} {word} skipped"
            if listed:
                said += f": {listed}"
            if more > 0:
                said += f"; {more:,} more in the lines above"
            parts.append(said)
        return f"{label or self.label}: " + "; ".join(parts)


def reasons_of(label: str, rejections: list[Rejection]) -> list[str]:
    """`line N: column: reason` for each rejection of the file `label`, in line order."""
    out = []
    for rejection in rejections:
        file, _, line = rejection.source.rpartition(":")
        if file != label or not line.isdigit():
            continue
        said = "; ".join(str(problem) for problem in rejection.problems)
        out.append(f"line {line}: {said}")
    return out
