"""A read-only page of one session: every exercise and set, warm-ups greyed."""

from __future__ import annotations

import html

from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QTextBrowser

from ...domain import Session, WarmupSet, WorkingSet
from ...domain.calculations import (
    PLAIN_EPLEY,
    E1rmRule,
    session_volume_kg,
    set_estimated_one_rep_max,
)
from ...domain.loads import set_load_kg
from ...domain.session import group_labels
from ..common.formatting import lifted_text, load_text, session_date_text, volume_text, weight_text
from ..common.theme import colours


class SessionDetail(QTextBrowser):
    def __init__(
        self,
        unit: str = "kg",
        rule: E1rmRule = PLAIN_EPLEY,
        parent=None,
    ):
        super().__init__(parent)
        self.unit = unit
        self.rule = rule
        self.session: Session | None = None
        self.weigh_in: tuple[str, float] | None = None  # the one its body-weight sets count
        self.setObjectName("sessionDetail")
        self.setAccessibleName("Session detail")
        self.setOpenLinks(False)
        # At spaces only: Qt's default also breaks inside a word that doesn't fit the line.
        self.setWordWrapMode(QTextOption.WrapMode.WordWrap)
        self.show_session(None)

    def show_session(
        self, session: Session | None, weigh_in: tuple[str, float] | None = None
    ) -> None:
        """Show `session`; `weigh_in` (day, kg) is the one logged nearest its day, which its
        body-weight sets count."""
        self.session, self.weigh_in = session, weigh_in
        if session is None:
            self.setHtml(
                f"<p style='color:{colours().muted}'>Select a session to see its sets.</p>"
            )
            return
        self.setHtml(session_html(session, self.unit, self.rule, weigh_in))

    def set_display(self, unit: str, rule: E1rmRule) -> None:
        """Show weights in `unit` and estimates by `rule` from now on."""
        if (unit, rule) != (self.unit, self.rule):
            self.unit, self.rule = unit, rule
            self.show_session(self.session, self.weigh_in)


def session_html(
    session: Session,
    unit: str,
    rule: E1rmRule = PLAIN_EPLEY,
    weigh_in: tuple[str, float] | None = None,
) -> str:
    e = html.escape
    muted, faint = colours().muted, colours().faint
    body_weight_kg = weigh_in[1] if weigh_in is not None else None
    facts = [
        f"Phase {session.phase}" if session.phase is not None else "",
        f"Week {session.week}" if session.week is not None else "",
        "Deload" if session.is_deload_week else "",
        (
            f"body weight {lifted_text(session.body_weight_kg, unit, with_unit=True)}"
            if session.body_weight_kg is not None
            else ""
        ),
        f"{volume_text(session_volume_kg(session, body_weight_kg), unit)} working volume",
        _body_weight_counted(session, unit, weigh_in),
    ]
    parts = [
        f"<h2 style='margin-bottom:0'>{e(session.focus or 'Session')}</h2>",
        f"<p style='color:{muted};margin-top:2px'>"
        f"{e(' · '.join([session_date_text(session.date.isoformat()), *filter(None, facts)]))}</p>",
    ]
    labels = group_labels(x.group for x in session.exercises)
    for exercise in session.exercises:
        label = f"{labels[exercise.order]} · " if exercise.order in labels else ""
        parts.append(
            f"<h3 style='margin-bottom:2px'>{exercise.order}. {label}{e(exercise.name)}</h3>"
        )
        if exercise.target_muscle_groups:
            parts.append(
                f"<p style='color:{muted};margin:0'>"
                f"{e(', '.join(exercise.target_muscle_groups))}</p>"
            )
        rows = []
        for w in exercise.warmup_sets:
            rows.append(
                f"<tr style='color:{faint}'><td>W{w.number}</td>"
                f"<td align='right'>{_weight(w, unit, body_weight_kg)}</td><td>× {w.reps}</td>"
                f"<td></td><td></td><td>{e(w.notes or '')}</td></tr>"
            )
        for s in exercise.working_sets:
            reps = f"{s.full_reps}+{s.partial_reps}" if s.partial_reps else str(s.full_reps)
            e1rm = set_estimated_one_rep_max(s, rule, body_weight_kg)
            rows.append(
                f"<tr><td>{s.number}</td><td align='right'>{_weight(s, unit, body_weight_kg)}</td>"
                f"<td>× {reps}</td><td>{'@' + format(s.rpe, 'g') if s.rpe else ''}</td>"
                f"<td style='color:{muted}'>{e(s.rep_assessment or '')}"
                f"{f' · e1RM ({e(rule.label)}) ' + weight_text(e1rm, unit) if e1rm else ''}</td>"
                f"<td>{e(s.notes or '')}</td></tr>"
            )
        parts.append(f"<table cellspacing='0' cellpadding='3'>{''.join(rows)}</table>")
    return "".join(parts)


def _weight(one_set: WarmupSet | WorkingSet, unit: str, body_weight_kg: float | None) -> str:
    """ "80"; "BW + 20 (102.5)": a body-weight set and the load it counts, when known."""
    typed = load_text(one_set.weight_kg, unit, body_weight=one_set.body_weight)
    if one_set.body_weight is None:
        return typed
    load = set_load_kg(one_set, body_weight_kg)
    return typed if load is None else f"{typed} ({lifted_text(load, unit)})"


def _body_weight_counted(session: Session, unit: str, weigh_in: tuple[str, float] | None) -> str:
    """What its body-weight sets count, said where their loads are shown."""
    if not session.has_body_weight_sets:
        return ""
    if weigh_in is None:
        return "body-weight sets not counted: no body weight logged"
    day, kg = weigh_in
    return f"body-weight sets count {lifted_text(kg, unit, with_unit=True)} (weighed {day})"
