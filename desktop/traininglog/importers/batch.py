"""What reading some files for import found, before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain import Session
from ..domain.reports import Rejection
from .file_summary import FileSummary, reasons_of

# A file of nothing but mistakes is listed this far, then counted; past the second number,
# or past the third in sessions, it is not an export worth reading on (and memory stays low).
MAX_LISTED_PROBLEMS = 200
GIVE_UP_AFTER_PROBLEMS = 2_000
MAX_SESSIONS_PER_FILE = 100_000


@dataclass
class ImportBatch:
    """Sessions ready to import, and everything that was refused, skipped or not recognised.

    - `sessions`: (source, session); the source is `FILE:LINE` where the session starts
      (just `FILE` for session files).
    - `rejected`: one rejection per bad row or line (`FILE:LINE`), or per unreadable file.
    - `rejected_sessions`: a label per workout left out because one of its rows was bad.
    - `skipped_rows`: rows that are not strength sets (cardio, timed holds); not errors.
    - `unmapped_names`: exercise names not in the catalogue, kept as custom exercises.
    - `formats`: the format read for each file (json, strong, hevy, fitnotes, markdown).
    - `summaries`: each export's or notes file's summary (not session files': one each).
    """

    sessions: list[tuple[str, Session]] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    rejected_sessions: list[str] = field(default_factory=list)
    skipped_rows: int = 0
    unmapped_names: set[str] = field(default_factory=set)
    formats: dict[str, str] = field(default_factory=dict)
    summaries: dict[str, FileSummary] = field(default_factory=dict)

    def add(self, other: ImportBatch) -> None:
        """Take in what another file's reading found."""
        self.sessions.extend(other.sessions)
        self.rejected.extend(other.rejected)
        self.rejected_sessions.extend(other.rejected_sessions)
        self.skipped_rows += other.skipped_rows
        self.unmapped_names |= other.unmapped_names
        self.formats.update(other.formats)
        self.summaries.update(other.summaries)

    def summarised(self, label: str, format: str) -> ImportBatch:
        """This one file's batch with a summary (a plain one if its reader gave none)."""
        if label not in self.summaries:
            self.summaries[label] = FileSummary(
                label,
                format,
                sessions=len(self.sessions),
                sets=self.set_count,
                skipped=len(reasons := reasons_of(label, self.rejected)),
                reasons=reasons,
                counted="line" if format == "markdown" else "row",
            )
        return self

    @property
    def warnings(self) -> list[str]:
        """A warning per file where more than 5% of the rows were skipped."""
        return [w for s in self.summaries.values() if (w := s.warning()) is not None]

    def unmapped_by_sets(self) -> list[tuple[str, int]]:
        """Each name not in the catalogue with its number of sets, the most first."""
        sets = dict.fromkeys(self.unmapped_names, 0)
        for _, session in self.sessions:
            for exercise in session.exercises:
                if exercise.name in sets:
                    sets[exercise.name] += len(exercise.warmup_sets) + len(exercise.working_sets)
        return sorted(sets.items(), key=lambda item: (-item[1], item[0].casefold()))

    @property
    def exercise_count(self) -> int:
        return sum(len(s.exercises) for _, s in self.sessions)

    @property
    def set_count(self) -> int:
        """Warm-up and working sets together."""
        return sum(
            len(e.warmup_sets) + len(e.working_sets) for _, s in self.sessions for e in s.exercises
        )
