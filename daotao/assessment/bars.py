"""Learners barred from an exam on its score sheet: the messages that
refuse their marks, the checks submitting and locking make, and what their lines
record (the rule set's `exam_bar`). Called by `services` inside its transactions;
the bars themselves come from attendance (`selectors.barred_learners`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from daotao.assessment import rules, selectors
from daotao.assessment.models import SCORE_DIGITS, Score, ScoreSheet
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot

SCORE_PLACES = Decimal(1).scaleb(-SCORE_DIGITS["decimal_places"])
LINE_FIELDS = ["attendance", "test", "exam", "result", "is_absent", "note", "is_barred"]


def mark_errors(
    score: Score, components: Mapping[str, Decimal | None], bar: str
) -> dict[str, str]:
    """Component → message for every mark given to a learner barred from the exam."""
    message = bar_message(score.enrollment.person.full_name, bar)
    return {key: message for key, value in components.items() if value is not None}


def bar_message(name: str, reason: str) -> str:
    return _("%(name)s không đủ điều kiện dự thi (%(reason)s): không ghi điểm.") % {
        "name": name,
        "reason": reason,
    }


def require_complete(sheet: ScoreSheet, bars: Mapping[int, str]) -> None:
    missing = (
        sheet.scores.filter(result__isnull=True, is_absent=False)
        .exclude(enrollment_id__in=list(bars))
        .count()
    )
    if missing:
        raise ValidationError(
            _("Còn %(count)s học viên chưa có điểm.") % {"count": missing},
            code="incomplete",
        )


def refuse_marks_of_barred(sheet: ScoreSheet, message: str) -> dict[int, str]:
    """The learners barred from the sheet's exam (enrollment id → reason); refused
    (one message per learner, nothing written) while any of them has a mark."""
    bars = selectors.barred_learners(exam=sheet.exam)
    marked = (
        sheet.scores.filter(enrollment_id__in=list(bars))
        .filter(
            Q(attendance__isnull=False) | Q(test__isnull=False) | Q(exam__isnull=False)
        )
        .select_related("enrollment__person")
        .order_by("enrollment__person__sort_key", "id")
    )
    messages = [
        message
        % {"name": line.enrollment.person.full_name, "reason": bars[line.enrollment_id]}
        for line in marked
    ]
    if messages:
        raise ValidationError(messages, code="barred_marked")
    return bars


def record(actor: Actor, sheet: ScoreSheet, bars: Mapping[int, str]) -> None:
    """Write on each line whether the learner is barred and what the rule set
    records for them (label and reason in the note, the result), with history."""
    parameters = sheet.exam.rule_set.parameters
    label = rules.exam_bar(parameters)["label"]
    barred_result = rules.barred_result(parameters)
    for line in sheet.scores.select_for_update(of=("self",)):
        reason = bars.get(line.enrollment_id)
        before = snapshot(line, LINE_FIELDS)
        if reason is not None:
            line.is_barred, line.note = True, f"{label}: {reason}"[:255]
            line.result = (
                None if barred_result is None else barred_result.quantize(SCORE_PLACES)
            )
        elif line.is_barred:  # attendance corrected since: the bar is lifted
            line.is_barred, line.note, line.result = False, "", None
        changes = diff(before, snapshot(line, LINE_FIELDS))
        if changes:
            line.version += 1
            line.save(
                update_fields=["is_barred", "note", "result", "version", "updated_at"]
            )
            audit_record(
                actor=actor,
                action="assessment.score_bar",
                instance=line,
                changes=changes,
            )
