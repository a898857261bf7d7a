"""Leave requests: the learner asks, the homeroom lecturer decides; approved
leave excuses the covered sessions where nothing was recorded."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.actors import Actor
from daotao.core.history import audit_record, audit_record_many
from daotao.learning.models import (
    Attendance,
    LeaveRequest,
)
from daotao.learning.policy import (
    own_enrollment,
    require_manager,
)


@transaction.atomic
def leave_request_submit(
    *,
    actor: Actor,
    enrollment: Any,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str,
) -> LeaveRequest:
    """The learner's own request, pending until the homeroom lecturer decides."""
    if own_enrollment(actor, enrollment.cohort_id).pk != enrollment.pk:
        raise PermissionDenied
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("Ngày kết thúc phải sau ngày bắt đầu.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi lý do xin nghỉ.")})
    leave = LeaveRequest.objects.create(
        enrollment=enrollment, starts_on=starts_on, ends_on=ends_on, reason=reason
    )
    audit_record(
        actor=actor,
        action="learning.leave_request_submit",
        instance=leave,
        changes={"starts_on": str(starts_on), "ends_on": str(ends_on)},
    )
    return leave


def _excuse_sessions(actor: Actor, leave: LeaveRequest) -> int:
    from daotao.teaching.models import TeachingSession

    recorded = Attendance.objects.filter(enrollment=leave.enrollment).values(
        "session_id"
    )
    sessions = (
        TeachingSession.objects.published()
        .filter(
            cohort_id=leave.enrollment.cohort_id,
            date__range=(leave.starts_on, leave.ends_on),
        )
        .exclude(pk__in=recorded)
    )
    excused = Attendance.objects.bulk_create(
        Attendance(
            session=session,
            enrollment=leave.enrollment,
            status=Attendance.Status.EXCUSED,
            recorded_by=actor,
            note=_("Nghỉ có phép theo đơn số %(pk)s") % {"pk": leave.pk},
        )
        for session in sessions
    )
    audit_record_many(
        actor=actor,
        action="learning.attendance_excuse",
        entries=[(record, {"status": [None, record.status]}) for record in excused],
    )
    return len(excused)


@transaction.atomic
def leave_request_decide(
    *, actor: Actor, leave_request: LeaveRequest, approve: bool, note: str = ""
) -> LeaveRequest:
    """Approve or refuse a pending request; approval marks the covered sessions
    without a record as excused (records already made are left as they are)."""
    leave = (
        # of=self: PostgreSQL cannot lock the nullable side of the homeroom join.
        LeaveRequest.objects.select_for_update(of=("self",))
        .select_related("enrollment__cohort__homeroom_lecturer")
        .get(pk=leave_request.pk)
    )
    require_manager(actor, leave.enrollment.cohort)
    if leave.status != LeaveRequest.Status.PENDING:
        raise ValidationError(_("Đơn này đã được xử lý."))
    leave.status = (
        LeaveRequest.Status.APPROVED if approve else LeaveRequest.Status.REFUSED
    )
    leave.decided_by = actor
    leave.decided_at = timezone.now()
    leave.decision_note = note
    leave.save(
        update_fields=[
            "status", "decided_by", "decided_at", "decision_note", "updated_at"
        ]
    )  # fmt: skip
    audit_record(
        actor=actor,
        action="learning.leave_request_decide",
        instance=leave,
        changes={"status": [LeaveRequest.Status.PENDING, leave.status]},
        reason=note,
    )
    if approve:
        _excuse_sessions(actor, leave)
    return leave
