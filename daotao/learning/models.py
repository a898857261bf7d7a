"""The learner's side of a course: attendance (by the lecturer, the class monitor
or a QR check-in), leave requests, conduct notes, the class committee, anonymous
and feedback on lectures. (The research task the sending agency sets and the
cadre's placement afterwards belong to `outcomes`.)"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from daotao.core.models import TimeStampedModel


class Attendance(TimeStampedModel):
    """One learner at one session of the published schedule."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Có mặt")
        LATE = "late", _("Đi muộn")
        EXCUSED = "excused", _("Vắng có phép")
        ABSENT = "absent", _("Vắng không phép")

    class Method(models.TextChoices):
        MANUAL = "manual", _("Điểm danh")
        QR = "qr", _("Tự điểm danh bằng mã QR")

    session = models.ForeignKey(
        "teaching.TeachingSession",
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("buổi học"),
    )
    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="attendances",
        verbose_name=_("học viên"),
    )
    status = models.CharField(_("tình trạng"), max_length=8, choices=Status.choices)
    method = models.CharField(
        _("cách ghi"), max_length=8, choices=Method.choices, default=Method.MANUAL
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người ghi"),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("điểm danh")
        verbose_name_plural = _("điểm danh")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="attendance_once_per_session"
            )
        ]


class CheckInCode(TimeStampedModel):
    """The QR shown on screen for a session: valid only inside its window."""

    session = models.ForeignKey(
        "teaching.TeachingSession",
        on_delete=models.CASCADE,
        related_name="check_in_codes",
        verbose_name=_("buổi học"),
    )
    token = models.CharField(_("mã"), max_length=64, unique=True)
    opens_at = models.DateTimeField(_("mở lúc"))
    closes_at = models.DateTimeField(_("đóng lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tạo"),
    )

    class Meta:
        verbose_name = _("mã điểm danh")
        verbose_name_plural = _("mã điểm danh")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="check_in_window_order"
            )
        ]


class LeaveRequest(TimeStampedModel):
    """A learner asks for leave; the homeroom lecturer decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đồng ý")
        REFUSED = "refused", _("Không đồng ý")
        CANCELLED = "cancelled", _("Học viên rút đơn")

    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="leave_requests",
        verbose_name=_("học viên"),
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    reason = models.TextField(_("lý do"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    decided_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    decision_note = models.CharField(_("ý kiến"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("đơn xin nghỉ học")
        verbose_name_plural = _("đơn xin nghỉ học")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="leave_dates_in_order"
            )
        ]


class ConductNote(TimeStampedModel):
    """A note on a learner's conduct (khen, nhắc nhở, phê bình)."""

    class Kind(models.TextChoices):
        PRAISE = "praise", _("Khen")
        REMINDER = "reminder", _("Nhắc nhở")
        CRITICISM = "criticism", _("Phê bình")

    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="conduct_notes",
        verbose_name=_("học viên"),
    )
    date = models.DateField(_("ngày"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("nội dung"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ghi"),
    )

    class Meta:
        verbose_name = _("nhận xét rèn luyện")
        verbose_name_plural = _("nhận xét rèn luyện")
        ordering = ["-date", "-id"]


class CommitteeRole(TimeStampedModel):
    """A seat on the class committee (ban cán sự lớp)."""

    class Role(models.TextChoices):
        MONITOR = "monitor", _("Lớp trưởng")
        VICE_MONITOR = "vice_monitor", _("Lớp phó")
        PARTY_CELL = "party_cell", _("Bí thư chi bộ")
        GROUP_LEADER = "group_leader", _("Tổ trưởng")

    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="committee_roles",
        verbose_name=_("học viên"),
    )
    role = models.CharField(_("chức danh"), max_length=16, choices=Role.choices)
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        verbose_name = _("ban cán sự lớp")
        verbose_name_plural = _("ban cán sự lớp")


class FeedbackAnswer(models.Model):
    """An anonymous answer about one session: no learner is stored with it, and
    nothing orders it against the receipts — a random id and the day only, no
    timestamp — so an answer cannot be matched to who answered."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        "teaching.TeachingSession",
        on_delete=models.CASCADE,
        related_name="feedback_answers",
        verbose_name=_("buổi học"),
    )
    answered_on = models.DateField(_("ngày trả lời"), default=timezone.localdate)
    # 1–5 per question; the questions and the scale are the form's, not a rule.
    ratings = models.JSONField(_("đánh giá"), default=dict)
    comment = models.TextField(_("góp ý"), blank=True)

    class Meta:
        verbose_name = _("phiếu phản hồi")
        verbose_name_plural = _("phiếu phản hồi")

    def __str__(self) -> str:
        return f"{self.session_id} {self.answered_on}"


class FeedbackReceipt(TimeStampedModel):
    """That a learner has answered for a session (to answer once), kept apart from
    the answer so neither can be traced to the other."""

    session = models.ForeignKey(
        "teaching.TeachingSession",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("buổi học"),
    )
    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("học viên"),
    )

    class Meta:
        verbose_name = _("đã phản hồi")
        verbose_name_plural = _("đã phản hồi")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="feedback_once_per_session"
            )
        ]
