"""Every edit of the logging form, undoable: a QUndoStack of Draft snapshots."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ...domain.session import GROUP_LETTERS
from ...drafts.draft import Draft, DraftExercise, DraftSet, without_lone_groups


class _Snapshot(QUndoCommand):
    def __init__(self, editor: DraftEditor, before: Draft, after: Draft, text: str, what: str):
        super().__init__(text)
        self.editor, self.before, self.after, self.what = editor, before, after, what

    def redo(self) -> None:
        self.editor._show(self.after, self.what)

    def undo(self) -> None:
        self.editor._show(self.before, self.what)


class DraftEditor(QObject):
    """Holds the form's Draft; views read it and edit it only through these methods."""

    # what changed: "cell", "rows", "exercises", "header" or "all"
    changed = Signal(str)

    def __init__(self, draft: Draft, parent: QObject | None = None):
        super().__init__(parent)
        self.draft = draft
        self.saved_draft: Draft | None = draft  # None: nothing of this draft is saved yet
        self.undo_stack = QUndoStack(self)

    # -- whole drafts -------------------------------------------------------------------------

    def reset(self, draft: Draft, saved: bool = True) -> None:
        """Start over with `draft` (a new or loaded session); forgets undo history.

        `saved=False` (a restored draft) counts as unsaved until the next save."""
        self.undo_stack.clear()
        self.draft = draft
        self.saved_draft = draft if saved else None
        self.changed.emit("all")

    def mark_saved(self, draft: Draft) -> None:
        self.saved_draft = draft
        if draft != self.draft:
            self.draft = draft
            self.changed.emit("header")

    @property
    def dirty(self) -> bool:
        return self.draft != self.saved_draft

    def _show(self, draft: Draft, what: str) -> None:
        self.draft = draft
        self.changed.emit(what)

    def _push(self, after: Draft, text: str, what: str) -> None:
        if after != self.draft:
            self.undo_stack.push(_Snapshot(self, self.draft, after, text, what))

    # -- the session header ------------------------------------------------------------------

    def set_header(self, text: str = "Edit session", **changes) -> None:
        self._push(replace(self.draft, **changes), text, "header")

    # -- exercises ---------------------------------------------------------------------------

    def add_exercise(
        self, name: str, muscles: tuple[str, ...] = (), workings: tuple[DraftSet, ...] = ()
    ) -> int:
        """Add an exercise with an empty warm-up row, and `workings` (a progression rule's
        empty target rows) or else one empty working row."""
        exercise = DraftExercise(name=name, muscles=muscles, warmups=(DraftSet(),))
        exercise = replace(exercise, workings=workings or (DraftSet(),))
        after = replace(self.draft, exercises=(*self.draft.exercises, exercise))
        self._push(after, f"Add {name}", "exercises")
        return len(self.draft.exercises) - 1

    def set_exercises(self, exercises: tuple[DraftExercise, ...], text: str) -> None:
        self._push(replace(self.draft, exercises=exercises), text, "exercises")

    def remove_exercise(self, index: int) -> None:
        exercises = list(self.draft.exercises)
        removed = exercises.pop(index)
        self._push(
            replace(self.draft, exercises=without_lone_groups(exercises)),
            f"Remove {removed.name}",
            "exercises",
        )

    def group_exercises(self, indexes: list[int]) -> None:
        """Put these exercises in one superset (with one, it and the exercise below it): the
        group of the first that has one, else the next free letter. They are moved together,
        below the first, in their order."""
        exercises = list(self.draft.exercises)
        chosen = sorted(set(indexes))
        if len(chosen) == 1 and chosen[0] + 1 < len(exercises):
            chosen.append(chosen[0] + 1)
        if len(chosen) < 2:
            return
        letter = next((exercises[i].group for i in chosen if exercises[i].group), None)
        if letter is None:
            used = {e.group for e in exercises}
            letter = next((g for g in GROUP_LETTERS if g not in used), None)
            if letter is None:
                return  # 26 supersets in one session: no letter left
        moving = [replace(exercises[i], group=letter) for i in chosen]
        rest = [e for i, e in enumerate(exercises) if i not in chosen]
        at = chosen[0] - sum(1 for i in chosen if i < chosen[0])
        ordered = rest[:at] + moving + rest[at:]
        self._push(
            replace(self.draft, exercises=without_lone_groups(ordered)),
            f"Superset {letter}",
            "exercises",
        )

    def ungroup_exercises(self, indexes: list[int]) -> None:
        """Take these exercises out of their supersets (a superset left with one exercise is
        none)."""
        exercises = [
            replace(e, group=None) if i in indexes else e
            for i, e in enumerate(self.draft.exercises)
        ]
        if exercises != list(self.draft.exercises):
            self._push(
                replace(self.draft, exercises=without_lone_groups(exercises)),
                "Out of superset",
                "exercises",
            )

    def move_exercise(self, index: int, to: int) -> None:
        if not (0 <= to < len(self.draft.exercises)) or index == to:
            return
        exercises = list(self.draft.exercises)
        exercises.insert(to, exercises.pop(index))
        self._push(replace(self.draft, exercises=tuple(exercises)), "Move exercise", "exercises")

    def update_exercise(self, index: int, text: str, **changes) -> None:
        exercise = replace(self.draft.exercises[index], **changes)
        self._push(self.draft.with_exercise(index, exercise), text, "exercises")

    # -- sets --------------------------------------------------------------------------------

    def _set_rows(self, index: int, kind: str, rows: tuple[DraftSet, ...], text: str, what: str):
        exercise = self.draft.exercises[index].with_sets(kind, rows)
        self._push(self.draft.with_exercise(index, exercise), text, what)

    def set_cell(self, index: int, kind: str, row: int, column: str, text: str) -> None:
        rows = list(self.draft.exercises[index].sets(kind))
        while len(rows) <= row:
            rows.append(DraftSet())
        rows[row] = rows[row].with_cell(column, text)
        self._set_rows(index, kind, tuple(rows), "Edit set", "cell")

    def append_row(self, index: int, kind: str) -> None:
        rows = (*self.draft.exercises[index].sets(kind), DraftSet())
        self._set_rows(index, kind, rows, "Add set", "rows")

    def remove_row(self, index: int, kind: str, row: int) -> None:
        rows = list(self.draft.exercises[index].sets(kind))
        if 0 <= row < len(rows):
            rows.pop(row)
            self._set_rows(index, kind, tuple(rows), "Remove set", "rows")

    def copy_row_above(self, index: int, kind: str, row: int) -> None:
        rows = list(self.draft.exercises[index].sets(kind))
        if not (1 <= row < len(rows) + 1):
            return
        if row == len(rows):
            rows.append(rows[row - 1])
        else:
            rows[row] = rows[row - 1]
        self._set_rows(index, kind, tuple(rows), "Copy set above", "rows")

    def replace_sets(
        self, index: int, warmups: tuple[DraftSet, ...], workings: tuple[DraftSet, ...], text: str
    ) -> None:
        exercise = replace(self.draft.exercises[index], warmups=warmups, workings=workings)
        self._push(self.draft.with_exercise(index, exercise), text, "rows")
