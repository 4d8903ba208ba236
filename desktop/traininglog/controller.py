"""The GUI's one door to the services: a GUI intent becomes one service call and a signal."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from .datafolder import conflicts, reconcile
from .datafolder.conflicts import Conflict, Keep, Resolved
from .datafolder.errors import describe
from .datafolder.logbook import ChangedElsewhere, Logbook
from .datafolder.progression_rules_file import (
    RulesFileError,
    export_progression_rules,
    import_progression_rules,
    read_progression_rules,
    write_progression_rules,
)
from .domain import Session
from .domain.calculations import E1rmRule, OneRepMaxFormula
from .domain.names import name_key
from .domain.next_session import next_targets
from .domain.plates import PlateSet
from .domain.progression import Rule, Target
from .domain.progression_rules import rule_for
from .domain.records_as_typed import StandingRecords
from .domain.reports import SavedPaths, SyncReport
from .store import queries, session_pages

log = logging.getLogger(__name__)


class Controller(QObject):
    """Saves, deletes and reads through the logbook; widgets listen to its signals."""

    saved = Signal(object)  # SavedPaths
    deleted = Signal(str, object)  # session id, trash path
    changed = Signal()  # the stored sessions changed
    progress = Signal(int, int)
    error = Signal(str)  # a failure the lifter can act on, in words
    bug = Signal(object, str)  # anything else: the exception and what was being done
    rules_changed = Signal()  # the progression rules file was written

    def __init__(self, logbook: Logbook, parent: QObject | None = None):
        super().__init__(parent)
        self.logbook = logbook
        self._rules_problem_told: str | None = None

    @property
    def folders(self):
        return self.logbook.folders

    @property
    def read_only(self) -> bool:
        return self.logbook.read_only

    @property
    def read_only_why(self) -> str | None:
        return self.logbook.read_only_why

    def save(
        self, session: Session, based_on: str | None = None
    ) -> SavedPaths | ChangedElsewhere | None:
        """Save through the save service; None (and `error`) when it could not be done.

        With `based_on` (the SHA-256 of the file the edit started from), a file changed or
        deleted elsewhere meanwhile is not overwritten: the `ChangedElsewhere` comes back, for
        the lifter to choose.
        """
        try:
            paths = self.logbook.save(session, based_on)
        except ChangedElsewhere as changed:
            return changed
        except Exception as error:  # every failure reaches the lifter as a message
            self._report(error, "save the session")
            return None
        return self._saved(paths)

    def save_over(self, session: Session) -> SavedPaths | None:
        """Keep mine: the version changed elsewhere goes to trash/, this one is saved."""
        try:
            paths, _theirs_in_trash = self.logbook.save_over(session)
        except Exception as error:
            self._report(error, "save the session")
            return None
        return self._saved(paths)

    def keep_theirs(self, mine: Session) -> Path | None:
        """Keep the version changed elsewhere: mine goes to trash/ as a file (restoring it
        from there brings it back), and the index takes in the folder as it is now."""
        try:
            target = self.logbook.put_in_trash(mine)
        except Exception as error:
            self._report(error, "keep the other version")
            return None
        self.sync()
        return target

    def read_conflict(self, copy_name: str) -> Conflict | None:
        try:
            return conflicts.read_conflict(self.folders, copy_name)
        except Exception as error:
            self._report(error, "read the conflict copy")
            return None

    def resolve_conflict(self, copy_name: str, keep: Keep) -> Resolved | None:
        """Keep the original, the copy, or both; every version not kept goes to trash/."""
        try:
            with self.logbook.writing:
                resolved = conflicts.resolve(self.logbook, copy_name, keep)
        except Exception as error:
            self._report(error, "resolve the conflict")
            return None
        self.changed.emit()
        return resolved

    def _saved(self, paths: SavedPaths) -> SavedPaths:
        self.saved.emit(paths)
        self.changed.emit()
        return paths

    def delete(self, session_id: str):
        try:
            trash_path = self.logbook.delete(session_id)
        except Exception as error:
            self._report(error, "delete the session")
            return None
        self.deleted.emit(session_id, trash_path)
        self.changed.emit()
        return trash_path

    def restore(self, trash_path) -> SavedPaths | None:
        try:
            paths = self.logbook.restore(trash_path)
        except Exception as error:
            self._report(error, "restore the session")
            return None
        self.saved.emit(paths)
        self.changed.emit()
        return paths

    def restore_all(self, trash_paths) -> list:
        """Restore several sessions (the undo of an import that replaced them), telling the
        views once; returns the paths not restored (the first failure stops the rest)."""
        left = list(trash_paths)
        while left:
            try:
                paths = self.logbook.restore(left[0])
            except Exception as error:
                self._report(error, "restore the sessions")
                break
            left.pop(0)
            self.saved.emit(paths)
        self.changed.emit()
        return left

    def sync(self) -> SyncReport | None:
        """The startup scan; the window shows its warnings."""
        if self.read_only:
            return None
        try:
            report = self.scan()
        except Exception as error:
            self._report(error, "scan the sessions folder")
            return None
        if report.changed_anything:
            self.changed.emit()
        return report

    def scan(self) -> SyncReport:
        """Bring the index in line with the sessions folder, between saves (any thread)."""
        with self.logbook.writing:
            return reconcile.sync(self.folders)

    # -- reading (fast index lookups; the window calls these directly) -----------------------

    def load_session(self, session_id: str) -> Session | None:
        return queries.load_session(session_id)

    def standing_records(
        self, exercise_name: str, rule: E1rmRule, excluding: str | None = None
    ) -> StandingRecords:
        """What a set typed today has to beat: every earlier working set of the exercise (any
        spelling), the session being edited left out."""
        return queries.standing_records(exercise_name, rule, excluding)

    def body_weight_near(self, day: str) -> tuple[str, float] | None:
        """The weigh-in nearest `day` (its day, kg): what a body-weight set that day counts."""
        return queries.body_weight_near(day)

    def file_sha256(self, session_id: str) -> str | None:
        """What an edit of a stored session is based on: its file's SHA-256."""
        return queries.file_sha256_of(session_id)

    def latest_session(self, focus: str | None = None) -> Session | None:
        session_id = session_pages.latest_session_id(focus)
        return queries.load_session(session_id) if session_id else None

    def last_time(self, exercise_name: str, before: str | None = None):
        return queries.last_time(exercise_name, before=before)

    def best_e1rm_kg(self, exercise_name: str, rule: E1rmRule | OneRepMaxFormula) -> float | None:
        return queries.best_estimated_one_rep_max(exercise_name, rule)

    def exercise_names(self) -> list[str]:
        return queries.exercise_names()

    def session_count(self) -> int:
        return queries.session_count()

    def focuses(self) -> list[str]:
        return queries.focuses()

    # -- progression rules (the data folder's progression_rules.json) ------------------------

    def progression_rules(self) -> dict[str, Rule]:
        """The rules by exercise name; RulesFileError when the file can't be read."""
        return read_progression_rules(self.folders.root)

    def progression_rule(self, exercise_name: str) -> Rule | None:
        """The exercise's rule (any spelling of its name); None when it has none, or when the
        rules file can't be read (said once, as an error)."""
        try:
            return rule_for(self.progression_rules(), exercise_name)
        except RulesFileError as error:
            self._tell_rules_problem(error)
            return None

    def set_progression_rule(self, exercise_name: str, rule: Rule | None) -> bool:
        """Give an exercise a rule (None: no rule), keeping every other exercise's; False
        (and `error`) when the rules file can't be read or written."""
        if self.read_only:
            self.error.emit(f"Read-only: {self.read_only_why}; the rule was not saved")
            return False
        try:
            rules = self.progression_rules()
            key = name_key(exercise_name)
            rules = {name: r for name, r in rules.items() if name_key(name) != key}
            if rule is not None:
                rules[exercise_name.strip()] = rule
            write_progression_rules(self.folders.root, dict(sorted(rules.items())))
        except RulesFileError as error:
            self.error.emit(f"The rule was not saved. {error}")
            return False
        except Exception as error:
            self._report(error, "save the progression rule")
            return False
        self.rules_changed.emit()
        return True

    def import_progression_rules(self, source: Path) -> dict[str, Rule] | RulesFileError:
        """Take a rules file's rules as the data folder's; a file with any problem changes
        nothing and comes back as the error naming the file and every problem."""
        try:
            rules = import_progression_rules(self.folders.root, source)
        except RulesFileError as error:
            return error
        self.rules_changed.emit()
        return rules

    def export_progression_rules(self, target: Path) -> Path | None:
        try:
            return export_progression_rules(self.folders.root, target)
        except RulesFileError as error:
            self.error.emit(f"The rules were not exported. {error}")
        except Exception as error:
            self._report(error, "export the progression rules")
        return None

    def next_targets(
        self, exercise_name: str, plates: PlateSet | None = None, before: str | None = None
    ) -> tuple[Target, ...]:
        """What the exercise's rule says to lift next (none without a rule), from its working
        sets in the index (of sessions started before `before`, when given)."""
        rule = self.progression_rule(exercise_name)
        if rule is None:
            return ()
        return next_targets(rule, queries.progression_history(exercise_name, before), plates)

    def _tell_rules_problem(self, error: RulesFileError) -> None:
        message = f"Progression rules not used: {error}"
        if message != self._rules_problem_told:
            self._rules_problem_told = message
            self.error.emit(message)

    def report_failure(self, error: Exception, doing: str) -> None:
        """Tell the lifter of a failure in something done for them (off the GUI thread too)."""
        self._report(error, doing)

    def _report(self, error: Exception, doing: str) -> None:
        message = describe(error)
        if message is None:
            log.exception("could not %s", doing)
            self.bug.emit(error, doing)  # a dialog with the details and a Copy button
            return
        self.error.emit(message)

    def close(self) -> None:
        self.logbook.close()
