"""Writes of the learning app: attendance (the grid and QR self check-in), leave,
conduct notes, the class committee and anonymous feedback.

Every service re-checks permission, runs in one transaction and writes its audit
rows in it. Refusals are PermissionDenied (who) or ValidationError (what, in
Vietnamese); a refused call writes nothing.
"""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.access import Role, has_permission, require_scope
from daotao.core.history import audit_record, audit_record_many, snapshot
from daotao.enrolment.models import Enrollment
from daotao.learning.models import (
    Attendance,
    CheckInCode,
    CommitteeRole,
    ConductNote,
    FeedbackAnswer,
    FeedbackReceipt,
    LeaveRequest,
    Placement,
    ResearchTask,
)
from daotao.teaching.ical import half_day_span

RECORD = "learning.record_attendance"
MANAGE = "learning.manage_class"
PORTAL = "learning.use_portal"

# Roles that act for the whole school rather than for the sessions or cohorts
# they are tied to.
OFFICE_ROLES = frozenset({Role.ADMINISTRATOR, Role.TRAINING_OFFICE})

# The feedback form's questions; each is rated 1–5 (the form's scale).
FEEDBACK_QUESTIONS: tuple[tuple[str, Any], ...] = (
    ("content", gettext_lazy("Nội dung bài giảng")),
    ("method", gettext_lazy("Phương pháp truyền đạt")),
    ("practice", gettext_lazy("Liên hệ thực tiễn")),
)
RATING_RANGE = range(1, 6)

# Seats held by one learner at a time; the others may be shared.
SINGLE_SEATS = frozenset({CommitteeRole.Role.MONITOR, CommitteeRole.Role.PARTY_CELL})


# --- Object rules --------------------------------------------------------------------


def _is_office_in(user: Any, permission: str, school_id: int) -> bool:
    if not has_permission(user, permission):
        return False
    return any(
        role in OFFICE_ROLES and sid in (None, school_id)
        for role, sid, _unit, _agency in user.membership_scopes()
    )


def _is_person_of(user: Any, lecturer: Any) -> bool:
    person_id = getattr(user, "person_id", None)
    return (
        lecturer is not None
        and person_id is not None
        and (lecturer.person_id == person_id)
    )


def can_manage_cohort(user: Any, cohort: Any) -> bool:
    """The training office of the school or the cohort's homeroom lecturer."""
    if not has_permission(user, MANAGE):
        return False
    return _is_office_in(user, MANAGE, cohort.school_id) or _is_person_of(
        user, cohort.homeroom_lecturer
    )


def can_record_attendance(user: Any, session: Any) -> bool:
    """The session's lecturer, the cohort's homeroom lecturer or the office."""
    if not has_permission(user, RECORD):
        return False
    return (
        _is_office_in(user, RECORD, session.school_id)
        or _is_person_of(user, session.lecturer)
        or _is_person_of(user, session.cohort.homeroom_lecturer)
    )


def _require_recorder(actor: Any, session: Any) -> None:
    require_scope(actor, RECORD, school_id=session.school_id)
    if not can_record_attendance(actor, session):
        raise PermissionDenied(_("Bạn không dạy buổi học này."))
    if session.run_id is not None:
        raise ValidationError(_("Buổi học chưa được công bố trên lịch."))


def _require_manager(actor: Any, cohort: Any) -> None:
    require_scope(actor, MANAGE, school_id=cohort.school_id)
    if not can_manage_cohort(actor, cohort):
        raise PermissionDenied(_("Bạn không phải giảng viên chủ nhiệm của lớp này."))


def _own_enrollment(actor: Any, cohort_id: int) -> Any:
    """The actor's enrollment in the cohort; refused for anyone else."""
    from daotao.enrolment.models import Enrollment

    if not has_permission(actor, PORTAL) or actor.person_id is None:
        raise PermissionDenied
    enrollment = Enrollment.objects.filter(
        cohort_id=cohort_id, person_id=actor.person_id
    ).first()
    if enrollment is None:
        raise PermissionDenied(_("Bạn không phải học viên của lớp này."))
    return enrollment


# --- Attendance ----------------------------------------------------------------------


def _validate_grid(session: Any, statuses: dict[int, str]) -> None:
    from daotao.enrolment.models import Enrollment

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
    *, actor: Any, session: Any, statuses: dict[int, str]
) -> int:
    """Upsert one status per enrollment of the session's cohort; returns how many
    records were created or changed (unchanged ones are not touched)."""
    _require_recorder(actor, session)
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
    audit_record_many(actor=actor, action="attendance.record", entries=entries)
    return len(entries)


def session_window(session: Any) -> tuple[datetime.datetime, datetime.datetime]:
    """The aware start and end of the session's half-day."""
    starts, ends = half_day_span(session.date, session.half_day)
    zone = timezone.get_current_timezone()
    return timezone.make_aware(starts, zone), timezone.make_aware(ends, zone)


@transaction.atomic
def check_in_code_open(*, actor: Any, session: Any, minutes: int) -> CheckInCode:
    """A fresh QR token valid from now for `minutes`, cut at the half-day's end."""
    _require_recorder(actor, session)
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
        action="check_in_code.open",
        instance=code,
        changes={"closes_at": code.closes_at.isoformat()},
    )
    return code


@transaction.atomic
def check_in(*, actor: Any, token: str) -> bool:
    """Mark the actor present by QR; False when they already had a record."""
    if not has_permission(actor, PORTAL):
        raise PermissionDenied
    code = CheckInCode.objects.select_related("session").filter(token=token).first()
    if code is None:
        raise ValidationError(_("Mã điểm danh không đúng."))
    if not code.opens_at <= timezone.now() < code.closes_at:
        raise ValidationError(_("Mã điểm danh đã hết hạn hoặc chưa mở."))
    try:
        enrollment = _own_enrollment(actor, code.session.cohort_id)
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
            action="attendance.check_in",
            instance=record,
            changes={"status": [None, record.status]},
        )
    return created


# --- Leave ---------------------------------------------------------------------------


@transaction.atomic
def leave_request_submit(
    *,
    actor: Any,
    enrollment: Any,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str,
) -> LeaveRequest:
    """The learner's own request, pending until the homeroom lecturer decides."""
    if _own_enrollment(actor, enrollment.cohort_id).pk != enrollment.pk:
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
        action="leave_request.submit",
        instance=leave,
        changes={"starts_on": str(starts_on), "ends_on": str(ends_on)},
    )
    return leave


def _excuse_sessions(actor: Any, leave: LeaveRequest) -> int:
    from daotao.teaching.models import TeachingSession

    recorded = Attendance.objects.filter(enrollment=leave.enrollment).values(
        "session_id"
    )
    sessions = TeachingSession.objects.filter(
        cohort_id=leave.enrollment.cohort_id,
        run__isnull=True,
        date__range=(leave.starts_on, leave.ends_on),
    ).exclude(pk__in=recorded)
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
        action="attendance.excuse",
        entries=[(record, {"status": [None, record.status]}) for record in excused],
    )
    return len(excused)


@transaction.atomic
def leave_request_decide(
    *, actor: Any, leave_request: LeaveRequest, approve: bool, note: str = ""
) -> LeaveRequest:
    """Approve or refuse a pending request; approval marks the covered sessions
    without a record as excused (records already made are left as they are)."""
    leave = (
        # of=self: PostgreSQL cannot lock the nullable side of the homeroom join.
        LeaveRequest.objects.select_for_update(of=("self",))
        .select_related("enrollment__cohort__homeroom_lecturer")
        .get(pk=leave_request.pk)
    )
    _require_manager(actor, leave.enrollment.cohort)
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
        action="leave_request.decide",
        instance=leave,
        changes={"status": [LeaveRequest.Status.PENDING, leave.status]},
        reason=note,
    )
    if approve:
        _excuse_sessions(actor, leave)
    return leave


# --- Conduct and the class committee -------------------------------------------------


@transaction.atomic
def conduct_note_add(
    *, actor: Any, enrollment: Any, date: datetime.date, kind: str, text: str
) -> ConductNote:
    _require_manager(actor, enrollment.cohort)
    if kind not in ConductNote.Kind.values:
        raise ValidationError({"kind": _("Loại nhận xét không hợp lệ.")})
    if not text.strip():
        raise ValidationError({"text": _("Cần ghi nội dung nhận xét.")})
    note = ConductNote.objects.create(
        enrollment=enrollment, date=date, kind=kind, text=text, written_by=actor
    )
    audit_record(
        actor=actor, action="conduct_note.add", instance=note, changes={"kind": kind}
    )
    return note


@transaction.atomic
def committee_role_set(
    *, actor: Any, enrollment: Any, role: str, starts_on: datetime.date
) -> CommitteeRole:
    """Give the learner a seat; a single seat (lớp trưởng, bí thư chi bộ) held by
    someone else in the cohort ends the day the new holder starts."""
    _require_manager(actor, enrollment.cohort)
    if role not in CommitteeRole.Role.values:
        raise ValidationError({"role": _("Chức danh không hợp lệ.")})
    if role in SINGLE_SEATS:
        current = CommitteeRole.objects.select_for_update().filter(
            enrollment__cohort_id=enrollment.cohort_id, role=role, ends_on__isnull=True
        )
        for seat in current:
            seat.ends_on = starts_on
            seat.save(update_fields=["ends_on", "updated_at"])
            audit_record(
                actor=actor,
                action="committee_role.end",
                instance=seat,
                changes={"ends_on": str(starts_on)},
            )
    seat = CommitteeRole.objects.create(
        enrollment=enrollment, role=role, starts_on=starts_on
    )
    audit_record(
        actor=actor, action="committee_role.set", instance=seat, changes={"role": role}
    )
    return seat


# --- Feedback ------------------------------------------------------------------------


def _clean_ratings(ratings: dict[str, Any]) -> dict[str, int]:
    keys = [key for key, _label in FEEDBACK_QUESTIONS]
    try:
        cleaned = {key: int(ratings[key]) for key in keys}
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(_("Cần chấm đủ các câu hỏi, từ 1 đến 5.")) from error
    if any(value not in RATING_RANGE for value in cleaned.values()):
        raise ValidationError(_("Cần chấm đủ các câu hỏi, từ 1 đến 5."))
    return cleaned


@transaction.atomic
def feedback_submit(
    *, actor: Any, session: Any, ratings: dict[str, Any], comment: str = ""
) -> None:
    """Once per learner and session: a receipt naming the learner and an answer
    naming no one, written together."""
    enrollment = _own_enrollment(actor, session.cohort_id)
    if session.run_id is not None or session.date > timezone.localdate():
        raise ValidationError(_("Buổi học chưa diễn ra."))
    cleaned = _clean_ratings(ratings)
    with transaction.atomic():
        try:
            with transaction.atomic():
                receipt = FeedbackReceipt.objects.create(
                    session=session, enrollment=enrollment
                )
        except IntegrityError as error:
            raise ValidationError(_("Bạn đã gửi phản hồi cho buổi học này.")) from error
        FeedbackAnswer.objects.create(
            session=session, ratings=cleaned, comment=comment.strip()
        )
        # Only the receipt is audited: an audit row on the answer would name its
        # author.
        audit_record(actor=actor, action="feedback.submit", instance=receipt)


# --- What the sending agency sets and records --------------------------------------

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
