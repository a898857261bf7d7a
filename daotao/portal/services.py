"""Writes of the sending agency's side of a course: the research task it sets a
cadre, the lecturer's grade of it, and how the cadre is used afterwards.

These write `learning` models; they live here rather than in
`daotao/learning/services.py` only because learning's services were being
written at the same time. Each is atomic, re-checks permission and records
history in the same transaction.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.assessment import rules
from daotao.assessment.services import rule_set_for
from daotao.core.access import require_scope
from daotao.core.history import audit_record, diff, snapshot
from daotao.enrolment.models import Enrollment
from daotao.learning.models import Placement, ResearchTask
from daotao.portal import selectors

TASK_FIELDS = ["enrollment", "title", "description", "due_on", "status"]
GRADE_FIELDS = ["status", "grade", "grader", "grader_comment"]
PLACEMENT_FIELDS = [
    "enrollment",
    "kind",
    "post",
    "agency_name",
    "effective_on",
    "decision_number",
]


def _locked_enrollment(enrollment: Enrollment) -> Enrollment:
    return (
        Enrollment.objects.select_for_update()
        .select_related("cohort")
        .get(pk=enrollment.pk)
    )


def research_task_assign(
    *,
    actor: Any,
    enrollment: Enrollment,
    title: str,
    description: str,
    due_on: datetime.date,
) -> ResearchTask:
    """Set the cadre's one research task; refused for another agency's cadre, a
    second task, an empty title or a due date before the course starts."""
    with transaction.atomic():
        locked = _locked_enrollment(enrollment)
        require_scope(
            actor,
            "learning.assign_research",
            school_id=locked.cohort.school_id,
            agency_id=locked.agency_id,
        )
        if ResearchTask.objects.filter(enrollment=locked).exists():
            raise ValidationError(
                _("Học viên này đã được giao nhiệm vụ nghiên cứu."), code="exists"
            )
        errors = {}
        if not title.strip():
            errors["title"] = _("Hãy ghi tên đề tài.")
        if due_on < locked.cohort.starts_on:
            errors["due_on"] = _("Hạn nộp không được trước ngày khai giảng.")
        if errors:
            raise ValidationError(errors)
        task = ResearchTask.objects.create(
            enrollment=locked,
            title=title.strip(),
            description=description.strip(),
            due_on=due_on,
            assigned_by=actor,
        )
        audit_record(
            actor=actor,
            action="research_task_assign",
            instance=task,
            changes=snapshot(task, TASK_FIELDS),
        )
    return task


def grade_errors(*, grade: Decimal, parameters: dict[str, Any]) -> list[str]:
    """Messages for a grade off the rule set's scale or rounding step."""
    return list(rules.component_errors({"grade": grade}, parameters).values())


def research_task_grade(
    *, actor: Any, task: ResearchTask, grade: Decimal, comment: str
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
            action="research_task_grade",
            instance=locked,
            changes=diff(before, snapshot(locked, GRADE_FIELDS)),
        )
    return locked


def placement_record(
    *,
    actor: Any,
    enrollment: Enrollment,
    kind: str,
    post: str,
    agency_name: str,
    effective_on: datetime.date,
    decision_number: str,
) -> Placement:
    """Record how the agency uses the cadre after the course; refused for another
    agency's cadre, an unknown kind or a date before the course starts."""
    with transaction.atomic():
        locked = _locked_enrollment(enrollment)
        require_scope(
            actor,
            "learning.record_placement",
            school_id=locked.cohort.school_id,
            agency_id=locked.agency_id,
        )
        errors = {}
        if kind not in Placement.Kind.values:
            errors["kind"] = _("Hình thức không hợp lệ.")
        if effective_on < locked.cohort.starts_on:
            errors["effective_on"] = _("Ngày không được trước ngày khai giảng.")
        if errors:
            raise ValidationError(errors)
        placement = Placement.objects.create(
            enrollment=locked,
            kind=kind,
            post=post.strip(),
            agency_name=agency_name.strip(),
            effective_on=effective_on,
            decision_number=decision_number.strip(),
            recorded_by=actor,
        )
        audit_record(
            actor=actor,
            action="placement_record",
            instance=placement,
            changes=snapshot(placement, PLACEMENT_FIELDS),
        )
    return placement
