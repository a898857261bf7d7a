"""The lecturer's grade of a research task, on the scale and step of the
assessment rule set in force. Atomic, permission re-checked, history recorded."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from daotao.assessment import rules
from daotao.assessment.services import rule_set_for
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.outcomes import selectors
from daotao.outcomes.models import ResearchTask

GRADE_FIELDS = ["status", "grade", "grader", "grader_comment"]


def grade_errors(*, grade: Decimal, parameters: dict[str, Any]) -> list[str]:
    """Messages for a grade off the rule set's scale or rounding step."""
    return list(rules.component_errors({"grade": grade}, parameters).values())


def research_task_grade(
    *, actor: Actor, task: ResearchTask, grade: Decimal, comment: str
) -> ResearchTask:
    """Grade a task of a cohort the actor teaches (any task of the school for the
    training office), on the scale and step of the rule set in force today."""
    with transaction.atomic():
        locked = (
            ResearchTask.objects.select_for_update()
            .select_related("enrollment__cohort__program_version__program")
            .get(pk=task.pk)
        )
        if not selectors.gradable_tasks(actor=actor).filter(pk=locked.pk).exists():
            raise PermissionDenied
        cohort = locked.enrollment.cohort
        rule_set = rule_set_for(
            program_kind=cohort.program_version.program.kind,
            on=timezone.localdate(),
        )
        errors = grade_errors(grade=grade, parameters=rule_set.parameters)
        if errors:
            raise ValidationError({"grade": errors})
        before = snapshot(locked, GRADE_FIELDS)
        locked.grade = grade
        locked.grader_comment = comment.strip()
        locked.grader = selectors.own_lecturer(actor)
        locked.status = ResearchTask.Status.GRADED
        locked.save(update_fields=[*GRADE_FIELDS, "updated_at"])
        audit_record(
            actor=actor,
            action="outcomes.research_task_grade",
            school_id=cohort.school_id,
            instance=locked,
            changes=diff(before, snapshot(locked, GRADE_FIELDS)),
        )
    return locked
