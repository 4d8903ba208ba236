"""The logging page: session fields, the exercise list, set grids, and "last time" beside them.

Keyboard flow: type an exercise and Enter; warm-ups, Enter on an empty row; working sets,
Enter on an empty row; back to "Add exercise". Ctrl+S saves.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date, datetime

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...controller import Controller
from ...datafolder.saving import ChangedElsewhere
from ...domain import new_session_id
from ...domain.loads import set_load_kg
from ...domain.names import name_key
from ...domain.records_as_typed import NewRecord, StandingRecords, records_beaten
from ...domain.reports import SavedPaths
from ...domain.session import group_labels
from ...domain.vocabulary import MUSCLE_GROUPS
from ...drafts.draft import (
    Draft,
    DraftExercise,
    body_weight_problem,
    from_session,
    in_unit,
    new_draft,
    parse_weight,
    problems,
    repeat_sets,
    target_rows,
    template_exercises,
    to_session,
)
from ...drafts.draft_file import discard_draft, write_draft
from ...exercises.catalogue import Catalogue
from ..common.app_settings import AppSettings
from ..common.exercise_picker import ExercisePicker, is_new_exercise, lifter_name
from ..common.formatting import short_day_text
from ..common.layouts import titled_panel
from ..common.theme import restyle
from .changed_elsewhere import ChangedElsewhereBanner, ChangedElsewhereDialog, Choice
from .draft_editor import DraftEditor
from .last_time_panel import LastTimePanel
from .session_header import SessionHeader
from .set_grid import SetGrid, SetTableModel, records_text
from .supersets import Supersets
from .what_to_lift import WhatToLift

DRAFT_SAVE_DELAY_MS = 3000
NEW_EXERCISE_TIP = (
    "Not in the exercise catalogue or your history: it is saved under this name, as typed"
)


MUSCLES_WIDTH = 220  # pixels of the muscle groups' text beside the exercise name


class LogView(QWidget):
    saved = Signal()

    def __init__(
        self, controller: Controller, settings: AppSettings, catalogue: Catalogue, parent=None
    ):
        super().__init__(parent)
        self.setObjectName("logView")
        self.controller = controller
        self.settings = settings
        self.catalogue = catalogue
        self.unit = settings.unit
        self.editor = DraftEditor(self._fresh_draft(), self)
        self.current: int | None = None

        self.records_set: list[str] = []  # named by the last save
        # Standing records by exercise, worked out once per exercise shown (an exercise's whole
        # history is read for them); forgotten whenever the stored sessions change.
        self._standing: dict[tuple[str, object, str | None], StandingRecords] = {}
        controller.changed.connect(self._standing.clear)
        # The weigh-in nearest the draft's day, read once per day until the history changes.
        self._weigh_ins: dict[str, tuple[str, float] | None] = {}
        controller.changed.connect(self._forget_weigh_ins)
        self.header = SessionHeader(self.editor)
        self.header.set_unit(self.unit)
        self.banner = ChangedElsewhereBanner(self)
        self.banner.load_button.clicked.connect(self._load_their_version)
        self.header.template_requested.connect(self.start_from_last)
        self.header.focus.textChanged.connect(self._update_template_button)
        self.header.focus.returnPressed.connect(lambda: self.picker.setFocus())

        self.exercise_list = QListWidget()
        self.exercise_list.setObjectName("exerciseList")
        self.exercise_list.setAccessibleName("Exercises in this session")
        self.exercise_list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.exercise_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.exercise_list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        # Shift+Up/Down select several, for Ctrl+G to put them in one superset.
        self.exercise_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.exercise_list.model().rowsMoved.connect(self._rows_dragged)
        self.exercise_list.currentRowChanged.connect(self.select_exercise)
        self.picker = ExercisePicker(
            catalogue, controller.exercise_names, enter_takes_best_match=False
        )
        self.picker.picked.connect(self.add_exercise)

        self.name = QLineEdit()
        self.name.setObjectName("exerciseName")
        self.name.setAccessibleName("Exercise name")
        self.name.editingFinished.connect(self._rename)
        self.new_badge = QLabel("New exercise")
        self.new_badge.setObjectName("newExerciseBadge")
        self.new_badge.setAccessibleName("New exercise")
        self.new_badge.setToolTip(NEW_EXERCISE_TIP)
        self.new_badge.hide()
        self.supersets = Supersets(self)
        self._known_names: list[str] | None = None
        controller.changed.connect(self._forget_known_names)
        self.muscles = QToolButton()
        self.muscles.setObjectName("muscleGroups")
        self.muscles.setAccessibleName("Target muscle groups")
        self.muscles.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.muscle_menu = QMenu(self.muscles)
        for group in MUSCLE_GROUPS:
            action = self.muscle_menu.addAction(group)
            action.setCheckable(True)
            action.toggled.connect(self._muscles_toggled)
        self.muscles.setMenu(self.muscle_menu)
        self.lift = WhatToLift(self)
        controller.rules_changed.connect(self.lift.show_rule)

        self.warmup_model = SetTableModel(self.editor, "warmup", self.unit, self)
        self.working_model = SetTableModel(self.editor, "working", self.unit, self)
        self.warmup_grid = SetGrid(self.warmup_model)
        self.working_grid = SetGrid(self.working_model)
        for model in (self.warmup_model, self.working_model):
            model.plates = settings.plate_set
        self.warmup_grid.finished.connect(self._to_working_sets)
        self.working_grid.finished.connect(self._workings_done)
        self.working_grid.row_done = self.supersets.next_set

        self.last_time = LastTimePanel(self.unit)
        self.last_time.repeat_requested.connect(self.repeat_last_time)

        self.problem_label = QLabel()
        self.problem_label.setObjectName("problemLabel")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Why the session cannot be saved")
        self.save_button = QPushButton("&Save session")
        self.save_button.setObjectName("saveButton")
        self.save_button.setAccessibleName("Save session")
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.save_button.setDefault(False)
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)

        self._layout()
        self._make_actions()
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_SAVE_DELAY_MS)
        self._draft_timer.timeout.connect(self.write_draft_now)
        self.editor.changed.connect(self._on_changed)
        self._show_body_weight()
        self.refresh_suggestions()
        self._on_changed("all")

    # -- building ----------------------------------------------------------------------------

    def _layout(self) -> None:
        left = titled_panel("Exercises", self.exercise_list, self.picker)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()
        title_row.addWidget(self.name, 1)
        title_row.addWidget(self.new_badge)
        title_row.addWidget(self.supersets.badge)
        title_row.addWidget(self.muscles)
        middle_layout.addLayout(title_row)
        warmups = QLabel("Warm-up sets")
        warmups.setObjectName("gridTitle")
        warmups.setBuddy(self.warmup_grid)
        middle_layout.addWidget(warmups)
        middle_layout.addWidget(self.warmup_grid, 2)
        workings = QLabel("Working sets")
        workings.setObjectName("gridTitle")
        workings.setBuddy(self.working_grid)
        workings_row = QHBoxLayout()
        workings_row.addWidget(workings)
        workings_row.addWidget(self.lift.target_note, 1)
        # The rule says what the working sets' targets are: it sits above them.
        workings_row.addWidget(self.lift.rule_button)
        middle_layout.addLayout(workings_row)
        middle_layout.addWidget(self.working_grid, 3)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(self.last_time)
        splitter.setSizes([250, 760, 250])
        splitter.setStretchFactor(1, 1)

        bottom = QHBoxLayout()
        bottom.addWidget(self.problem_label, 1)
        bottom.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        # Tab order follows the eye: header left to right, then list, picker, grids.
        QWidget.setTabOrder(self.header.focus, self.header.template)
        QWidget.setTabOrder(self.header.template, self.exercise_list)
        QWidget.setTabOrder(self.exercise_list, self.picker)
        QWidget.setTabOrder(self.picker, self.name)
        QWidget.setTabOrder(self.name, self.muscles)
        QWidget.setTabOrder(self.muscles, self.warmup_grid)
        QWidget.setTabOrder(self.warmup_grid, self.lift.rule_button)  # in the order shown
        QWidget.setTabOrder(self.lift.rule_button, self.working_grid)
        QWidget.setTabOrder(self.working_grid, self.last_time.repeat)
        QWidget.setTabOrder(self.last_time.repeat, self.save_button)

    def _make_actions(self) -> None:
        for text, keys, handler in (
            ("Move exercise up", "Alt+Up", lambda: self.move_current(-1)),
            ("Move exercise down", "Alt+Down", lambda: self.move_current(+1)),
            ("Other set grid (warm-up ⇄ working)", "Ctrl+Tab", self.other_grid),
            ("Add exercise (its name)", "Ctrl+L", self.focus_picker),
            ("Repeat last time", "Ctrl+R", self._repeat_if_offered),
            ("Start from last session of this focus", "Ctrl+T", self._template_if_offered),
            (
                "Superset: with the exercise below, or the selected ones",
                "Ctrl+G",
                self.supersets.group,
            ),
            ("Out of the superset", "Ctrl+Shift+G", self.supersets.ungroup),
            ("Plates for this weight", "Ctrl+P", self.lift.show_plates),
            ("Progression rule…", "Ctrl+Shift+P", self.lift.choose_rule),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            self.addAction(action)
        remove = QAction("Remove exercise", self.exercise_list)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self.remove_current)
        self.exercise_list.addAction(remove)

    def other_grid(self) -> None:
        """Ctrl+Tab: from one set grid to the other (from elsewhere, to the warm-ups)."""
        focus, warmups = QApplication.focusWidget(), self.warmup_grid
        in_warmups = focus is warmups or warmups.isAncestorOf(focus)
        target = self.working_grid if in_warmups else warmups
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not target.currentIndex().isValid() and target.model().rowCount():
            target.setCurrentIndex(target.model().index(0, 0))

    def _repeat_if_offered(self) -> None:
        if self.last_time.repeat.isEnabled():
            self.last_time.repeat.click()

    def _template_if_offered(self) -> None:
        if self.header.template.isEnabled():
            self.header.template.click()

    def focus_picker(self) -> None:
        self.picker.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # -- drafts ------------------------------------------------------------------------------

    def _fresh_draft(self) -> Draft:
        return new_draft(
            datetime.now(),
            self.controller.latest_session(),
            self.settings.user_id,
            self.settings.user_name,
        )

    def new_session(self) -> None:
        self.banner.hide()
        self.editor.reset(self._fresh_draft())
        discard_draft(self.controller.folders.root)
        self.header.focus.setFocus()

    def load_session(self, session) -> None:
        based_on = self.controller.file_sha256(session.id)
        self.banner.hide()
        self.editor.reset(from_session(session, self.unit, based_on))
        self.exercise_list.setCurrentRow(0 if session.exercises else -1)

    def restore_draft(self, draft: Draft) -> None:
        self.editor.reset(draft, saved=False)

    def write_draft_now(self) -> None:
        self._draft_timer.stop()
        if self.editor.dirty and not self.controller.read_only:
            # A failed draft write is tried again on the next change; the save is what matters.
            with contextlib.suppress(OSError):
                write_draft(self.controller.folders.root, self.editor.draft)

    # -- reacting to edits ------------------------------------------------------------------

    def _on_changed(self, what: str) -> None:
        if what in ("all", "header"):
            self._show_body_weight()
        if what in ("all", "exercises", "rows", "cell"):  # a set typed counts at once
            self._refresh_list()
        if what in ("all", "exercises"):
            self.select_exercise(self.exercise_list.currentRow())
        else:
            self.lift.show_target_note()
        found = problems(self.editor.draft, self.unit)
        empty = not self.editor.draft.exercises and self.editor.draft.session_id is None
        self.save_button.setEnabled(not found and not empty and not self.controller.read_only)
        if found:
            first = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            self.problem_label.setText(f"⚠ {first.where(self.editor.draft)}: {first.message}{more}")
            restyle(self.problem_label, "problem", True)
        else:
            self.problem_label.setText(
                f"Read-only: {self.controller.read_only_why}"
                if self.controller.read_only
                else ("Add an exercise to start: type its name under the list" if empty else "")
            )
            restyle(self.problem_label, "problem", False)
        self.save_button.setToolTip(
            f"Fix this first: {found[0].message}" if found else "Save the session (Ctrl+S)"
        )
        if what == "all":
            self._draft_timer.stop()
            return
        if what == "cell":
            self._draft_timer.start()
        else:
            self.write_draft_now()

    def _refresh_list(self) -> None:
        exercises = self.editor.draft.exercises
        row = self.exercise_list.currentRow()
        with QSignalBlocker(self.exercise_list):
            if self.exercise_list.count() != len(exercises):
                self.exercise_list.clear()
                for _ in exercises:
                    self.exercise_list.addItem(QListWidgetItem())
            labels = group_labels(e.group for e in exercises)
            for n, exercise in enumerate(exercises, start=1):
                sets = sum(1 for s in exercise.workings if not s.is_blank())
                label = f"{labels[n]} · " if n in labels else ""
                item = self.exercise_list.item(n - 1)
                item.setText(f"{n}. {label}{exercise.name} · {sets} set{'s' * (sets != 1)}")
                tip = ", ".join(exercise.muscles)
                if self._is_new(exercise.name):
                    tip = "\n".join(t for t in (tip, f"New exercise. {NEW_EXERCISE_TIP}") if t)
                item.setToolTip(tip)
            if exercises:
                self.exercise_list.setCurrentRow(min(max(row, 0), len(exercises) - 1))

    def select_exercise(self, row: int) -> None:
        exercises = self.editor.draft.exercises
        self.current = row if 0 <= row < len(exercises) else None
        self.warmup_model.show_exercise(self.current)
        self.working_model.show_exercise(self.current)
        enabled = self.current is not None
        for widget in (
            self.name,
            self.muscles,
            self.lift.rule_button,
            self.warmup_grid,
            self.working_grid,
        ):
            widget.setEnabled(enabled)
        exercise = exercises[self.current] if self.current is not None else None
        with QSignalBlocker(self.name):
            self.name.setText(exercise.name if exercise else "")
            self.name.setCursorPosition(0)  # a long name shows its start, not its end
        self._show_new_badge()
        self.supersets.show(exercise)
        self._show_muscles(exercise)
        self.lift.show_rule()
        self.lift.show_target_note()
        self._show_last_time(exercise)

    def _show_muscles(self, exercise: DraftExercise | None) -> None:
        chosen = set(exercise.muscles) if exercise else set()
        for action in self.muscle_menu.actions():
            with QSignalBlocker(action):
                action.setChecked(action.text() in chosen)
        text = ", ".join(exercise.muscles) if exercise and exercise.muscles else "Muscles…"
        # Shortened to fit (every group in the tooltip): six groups would widen the form
        # past a small screen.
        metrics = self.muscles.fontMetrics()
        self.muscles.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, MUSCLES_WIDTH))
        self.muscles.setToolTip(text)

    def _show_last_time(self, exercise: DraftExercise | None) -> None:
        if exercise is None or not exercise.name.strip():
            self.last_time.show_last_time(None, None, None)
            return
        before = self._draft_started()
        last = self.controller.last_time(exercise.name, before=before)
        rule = self.settings.e1rm_rule
        best = self.controller.best_e1rm_kg(exercise.name, rule)
        self.last_time.show_last_time(exercise.name, last, best, rule)
        standing = self._standing_records(exercise.name, self.editor.draft.session_id)
        self.working_model.set_records(standing, rule)

    def _forget_weigh_ins(self) -> None:
        self._weigh_ins.clear()
        self._show_body_weight()

    def body_weight_counted(self) -> tuple[float, str] | None:
        """The body weight today's body-weight sets count, and where it came from: typed in
        the header, or else the logged weigh-in nearest the session's day."""
        draft = self.editor.draft
        if draft.body_weight.strip() and not body_weight_problem(draft.body_weight, self.unit):
            kg = parse_weight(draft.body_weight, self.unit)[0]
            if kg is not None:
                return kg, "typed above"
        started = self._draft_started()
        if started is None:
            return None
        day = started[:10]
        if day not in self._weigh_ins:
            self._weigh_ins[day] = self.controller.body_weight_near(day)
        found = self._weigh_ins[day]
        if found is None:
            return None
        logged, kg = found
        return kg, f"logged {short_day_text(date.fromisoformat(logged), date.today())}"

    def _show_body_weight(self) -> None:
        found = self.body_weight_counted()
        self.warmup_model.set_body_weight(found)
        self.working_model.set_body_weight(found)

    def _draft_started(self) -> str | None:
        try:
            moment = datetime.fromisoformat(self.editor.draft.date)
        except ValueError:
            return None
        return moment.replace(tzinfo=None).isoformat(timespec="microseconds")

    def _names_known(self) -> list[str]:
        """Names the lifter has logged before, read once until the history changes."""
        if self._known_names is None:
            self._known_names = self.controller.exercise_names()
        return self._known_names

    def _forget_known_names(self) -> None:
        self._known_names = None
        self._refresh_list()
        self._show_new_badge()

    def _show_new_badge(self) -> None:
        exercises = self.editor.draft.exercises
        exercise = exercises[self.current] if self.current is not None else None
        self.new_badge.setVisible(exercise is not None and self._is_new(exercise.name))

    def _is_new(self, name: str) -> bool:
        return bool(name.strip()) and is_new_exercise(name, self.catalogue, self._names_known())

    def _update_template_button(self) -> None:
        focus = self.header.focus.text().strip()
        available = bool(focus) and self.controller.latest_session(focus) is not None
        self.header.set_template_available(available)

    def refresh_suggestions(self) -> None:
        self.header.set_focus_suggestions(self.controller.focuses())
        self._update_template_button()

    # -- exercise actions --------------------------------------------------------------------

    def add_exercise(self, name: str) -> None:
        known = self.catalogue.find(name)
        muscles = known.target_muscle_groups if known else ()
        if not muscles:
            last = self.controller.last_time(name)
            muscles = last.exercise.target_muscle_groups if last else ()
        self.editor.add_exercise(name, muscles, target_rows(self.lift.targets(name), self.unit))
        self.exercise_list.setCurrentRow(len(self.editor.draft.exercises) - 1)
        # After the Enter that picked the exercise is fully handled, or it would land in the grid.
        QTimer.singleShot(0, self._start_warmups)

    def _start_warmups(self) -> None:
        self.warmup_grid.setFocus()
        self.warmup_grid.setCurrentIndex(self.warmup_model.index(0, 0))

    def remove_current(self) -> None:
        if self.current is not None:
            self.editor.remove_exercise(self.current)

    def move_current(self, step: int) -> None:
        if self.current is None:
            return
        target = self.current + step
        if 0 <= target < len(self.editor.draft.exercises):
            self.editor.move_exercise(self.current, target)
            self.exercise_list.setCurrentRow(target)

    def _rows_dragged(self, _parent, start: int, _end: int, _dest, row: int) -> None:
        target = row - 1 if row > start else row
        QTimer.singleShot(0, lambda: self._apply_drag(start, target))

    def _apply_drag(self, start: int, target: int) -> None:
        self.editor.move_exercise(start, target)
        self.exercise_list.setCurrentRow(target)

    def _rename(self) -> None:
        if self.current is None:
            return
        name = lifter_name(self.name.text(), self.catalogue, self._names_known())
        if name and name != self.editor.draft.exercises[self.current].name:
            self.editor.update_exercise(self.current, "Rename exercise", name=name)

    def _muscles_toggled(self) -> None:
        if self.current is None:
            return
        chosen = tuple(a.text() for a in self.muscle_menu.actions() if a.isChecked())
        self.editor.update_exercise(self.current, "Change muscle groups", muscles=chosen)

    def _to_working_sets(self) -> None:
        self.working_grid.setFocus()
        self.working_grid.setCurrentIndex(self.working_model.index(0, 0))

    def _workings_done(self) -> None:
        self.picker.setFocus()

    def repeat_last_time(self) -> None:
        last = self.last_time.last
        if self.current is None or last is None:
            return
        warmups, workings = repeat_sets(last.exercise, self.unit)
        workings = self.lift.with_targets(self.editor.draft.exercises[self.current].name, workings)
        self.editor.replace_sets(self.current, warmups, workings, "Repeat last time")
        self.working_grid.setFocus()

    def start_from_last(self, focus: str) -> None:
        session = self.controller.latest_session(focus.strip())
        if session is None:
            return
        exercises = tuple(
            replace(e, workings=self.lift.with_targets(e.name, e.workings))
            for e in template_exercises(session, self.unit)
        )
        self.editor.set_exercises(exercises, f"Start from last {focus} session")
        self.exercise_list.setCurrentRow(0)
        self._to_working_sets()  # ready to type today's first weight over last time's

    # -- settings ----------------------------------------------------------------------------

    def apply_settings(self) -> None:
        """Units, formula and name from the settings, now; what is typed is converted."""
        draft, dirty = self.editor.draft, self.editor.dirty
        unit = self.settings.unit
        if unit != self.unit:
            draft = in_unit(draft, self.unit, unit)
            self.unit = unit
            self.header.set_unit(unit)
            for model in (self.warmup_model, self.working_model):
                model.unit = unit
            self.last_time.unit = unit
        for model in (self.warmup_model, self.working_model):
            model.plates = self.settings.plate_set
        if draft.session_id is None:  # a new session is logged under the current name
            draft = replace(draft, user_id=self.settings.user_id, user_name=self.settings.user_name)
        if draft != self.editor.draft:
            row = self.exercise_list.currentRow()
            self.editor.reset(draft, saved=not dirty)
            self.exercise_list.setCurrentRow(row)
        self.select_exercise(self.exercise_list.currentRow())

    # -- saving ------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save through the controller; on failure the form keeps everything typed."""
        self._commit_open_editors()
        draft = self.editor.draft
        if not self.save_button.isEnabled():
            return False
        session = to_session(draft, self.unit)
        self.records_set = self._records_in(session)  # against the history before this save
        result = self.controller.save(session, draft.based_on)
        if isinstance(result, ChangedElsewhere):
            settled = self._settle_changed_elsewhere(session, result)
            if settled is None:
                self.write_draft_now()
                return False
            session, result = settled
            if result is None:  # theirs kept: the form shows it
                return False
        if result is None:
            self.write_draft_now()
            return False
        self.editor.mark_saved(replace(draft, session_id=session.id, based_on=result.sha256))
        discard_draft(self.controller.folders.root)
        self.refresh_suggestions()
        self._forget_known_names()  # what was just saved is no longer new
        self._show_last_time(draft.exercises[self.current] if self.current is not None else None)
        self.saved.emit()
        return True

    def _standing_records(self, name: str, excluding: str | None) -> StandingRecords:
        rule = self.settings.e1rm_rule
        key = (name_key(name), rule, excluding)
        if key not in self._standing:
            self._standing[key] = self.controller.standing_records(name, rule, excluding)
        return self._standing[key]

    def _records_in(self, session) -> list[str]:
        """ "Barbell Bench Press: estimated 1RM 105 kg (was 100 kg)", for each record the
        session's working sets beat."""
        rule, found = self.settings.e1rm_rule, []
        # Keyed as when the exercises were shown (None for a session not saved yet, whose
        # new id no stored set has): what is read for the marks serves the save too.
        this_session = self.editor.draft.session_id
        for exercise in session.exercises:
            standing = self._standing_records(exercise.name, this_session)
            best: dict[str, NewRecord] = {}
            counted = self.body_weight_counted()
            body_weight = counted[0] if counted is not None else None
            for s in exercise.working_sets:
                load = set_load_kg(s, body_weight)
                if load is None:
                    continue
                for record in records_beaten(load, s.full_reps, s.rpe, standing, rule):
                    key = f"{record.kind}{record.reps}"
                    if key not in best or record.value_kg > best[key].value_kg:
                        best[key] = record
            if best:
                found.append(f"{exercise.name}: {records_text(list(best.values()), self.unit)}")
        return found

    def _settle_changed_elsewhere(self, mine, changed: ChangedElsewhere):
        """Ask what to keep; (the session saved, its paths), (theirs, None) when theirs was
        kept, or None when the lifter cancelled or the choice could not be carried out."""
        dialog = ChangedElsewhereDialog(mine, changed.theirs, changed.file_name, self)
        if not dialog.exec() or dialog.choice is None:
            return None
        if dialog.choice is Choice.MINE:
            paths = self.controller.save_over(mine)
            return None if paths is None else (mine, paths)
        if dialog.choice is Choice.BOTH:
            own = replace(mine, id=new_session_id())
            paths = self.controller.save(own)
            self.controller.sync()  # and theirs into the index, as the folder holds it now
            return (own, paths) if isinstance(paths, SavedPaths) else None
        if self.controller.keep_theirs(mine) is None:
            return None
        stored = self.controller.load_session(mine.id)
        if stored is None:
            self.new_session()
        else:
            self.load_session(stored)
        return mine, None

    def notice_changes_elsewhere(self) -> bool:
        """After the folder changed: if the session in the form was changed or deleted on
        another computer, say so (the form is not touched). Untouched here, it is simply
        brought up to date. True when the session was affected."""
        draft = self.editor.draft
        if draft.session_id is None or draft.based_on is None:
            return False
        now = self.controller.file_sha256(draft.session_id)
        if now == draft.based_on:
            return False
        stored = self.controller.load_session(draft.session_id) if now is not None else None
        if stored is not None and not self.editor.dirty:
            self.load_session(stored)
            self.banner.tell(gone=False, reloaded=True)
            return True
        self.banner.tell(gone=stored is None)
        return True

    def _load_their_version(self) -> None:
        if self.editor.draft.session_id is None:
            return
        stored = self.controller.load_session(self.editor.draft.session_id)
        if stored is not None:
            self.load_session(stored)

    def _commit_open_editors(self) -> None:
        for grid in (self.warmup_grid, self.working_grid):
            grid.commit_editing()
