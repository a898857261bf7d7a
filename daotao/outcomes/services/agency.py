"""What the sending agency sets and records for its cadre: the research task and
how the cadre is used after the course."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, snapshot
from daotao.enrolment.models import Enrollment
from daotao.outcomes.models import Placement, ResearchTask

TASK_FIELDS = ["enrollment", "title", "description", "due_on", "status"]
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
    actor: Actor,
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
            "outcomes.assign_research",
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
            action="learning.research_task_assign",
            school_id=locked.cohort.school_id,
            instance=task,
            changes=snapshot(task, TASK_FIELDS),
        )
    return task


def placement_record(
    *,
    actor: Actor,
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
            "outcomes.record_placement",
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
            action="learning.placement_record",
            school_id=locked.cohort.school_id,
            instance=placement,
            changes=snapshot(placement, PLACEMENT_FIELDS),
        )
    return placement
