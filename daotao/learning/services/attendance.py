"""Attendance: the grid a lecturer fills for a session, and QR self check-in
valid only inside the session's window."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.history import audit_record, audit_record_many
from daotao.enrolment.models import Enrollment
from daotao.learning.models import (
    Attendance,
    CheckInCode,
)
from daotao.learning.policy import (
    PORTAL,
    own_enrollment,
    require_recorder,
)
from daotao.teaching.ical import half_day_span


def _validate_grid(session: Any, statuses: dict[int, str]) -> None:

    valid = set(Attendance.Status.values)
    if any(status not in valid for status in statuses.values()):
        raise ValidationError(_("Tình trạng điểm danh không hợp lệ."))
    enrolled = set(
        Enrollment.objects.filter(cohort_id=session.cohort_id).values_list(
            "pk", flat=True
        )
    )
    if not set(statuses) <= enrolled:
        raise ValidationError(_("Có học viên không thuộc lớp của buổi học."))


@transaction.atomic
def attendance_record_many(
    *, actor: Actor, session: Any, statuses: dict[int, str]
) -> int:
    """Upsert one status per enrollment of the session's cohort; returns how many
    records were created or changed (unchanged ones are not touched)."""
    require_recorder(actor, session)
    _validate_grid(session, statuses)
    existing = {
        a.enrollment_id: a
        for a in Attendance.objects.select_for_update().filter(session=session)
    }
    created, entries = [], []
    for enrollment_id, status in statuses.items():
        record = existing.get(enrollment_id)
        if record is None:
            created.append(
                Attendance(
                    session=session,
                    enrollment_id=enrollment_id,
                    status=status,
                    recorded_by=actor,
                )
            )
        elif record.status != status:
            entries.append((record, {"status": [record.status, status]}))
            Attendance.objects.filter(pk=record.pk).update(
                status=status,
                method=Attendance.Method.MANUAL,
                recorded_by=actor,
                version=F("version") + 1,
                updated_at=timezone.now(),
            )
    for record in Attendance.objects.bulk_create(created):
        entries.append((record, {"status": [None, record.status]}))
    audit_record_many(actor=actor, action="learning.attendance_record", entries=entries)
    return len(entries)


def session_window(session: Any) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware start and end of the session's half-day."""
    starts, ends = half_day_span(session.date, session.half_day)
    zone = timezone.get_current_timezone()
    return timezone.make_aware(starts, zone), timezone.make_aware(ends, zone)


@transaction.atomic
def check_in_code_open(*, actor: Actor, session: Any, minutes: int) -> CheckInCode:
    """A fresh QR token valid from now for `minutes`, cut at the half-day's end."""
    require_recorder(actor, session)
    if minutes < 1:
        raise ValidationError(_("Thời gian mở mã phải từ 1 phút trở lên."))
    now = timezone.now()
    _starts, ends = session_window(session)
    if timezone.localdate(now) != session.date or now >= ends:
        raise ValidationError(
            _("Chỉ mở mã điểm danh trong ngày và trước khi buổi học kết thúc.")
        )
    code = CheckInCode.objects.create(
        session=session,
        token=secrets.token_urlsafe(24),
        opens_at=now,
        closes_at=min(now + datetime.timedelta(minutes=minutes), ends),
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action="learning.check_in_code_open",
        instance=code,
        changes={"closes_at": code.closes_at.isoformat()},
    )
    return code


@transaction.atomic
def check_in(*, actor: Actor, token: str) -> bool:
    """Mark the actor present by QR; False when they already had a record."""
    if not has_permission(actor, PORTAL):
        raise PermissionDenied
    code = CheckInCode.objects.select_related("session").filter(token=token).first()
    if code is None:
        raise ValidationError(_("Mã điểm danh không đúng."))
    if not code.opens_at <= timezone.now() < code.closes_at:
        raise ValidationError(_("Mã điểm danh đã hết hạn hoặc chưa mở."))
    try:
        enrollment = own_enrollment(actor, code.session.cohort_id)
    except PermissionDenied as refusal:
        raise ValidationError(_("Bạn không phải học viên của lớp này.")) from refusal
    record, created = Attendance.objects.select_for_update().get_or_create(
        session=code.session,
        enrollment=enrollment,
        defaults={
            "status": Attendance.Status.PRESENT,
            "method": Attendance.Method.QR,
            "recorded_by": actor,
        },
    )
    if created:
        audit_record(
            actor=actor,
            action="learning.attendance_check_in",
            instance=record,
            changes={"status": [None, record.status]},
        )
    return created
