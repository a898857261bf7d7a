"""After the course, as the sending agency sees it: the research task it sets a
cadre (graded by a lecturer) and how the cadre is used afterwards (placement).

The tables keep the names they had while learning held these models.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import TimeStampedModel


class ResearchTask(TimeStampedModel):
    """The research work the sending agency sets a cadre, fitting their post;
    a lecturer grades it and the agency sees the result."""

    scope_path = ScopePath(
        school="enrollment__cohort__school_id", agency="enrollment__agency_id"
    )
    objects = ScopedQuerySet.as_manager()

    class Status(models.TextChoices):
        ASSIGNED = "assigned", _("Đã giao")
        SUBMITTED = "submitted", _("Đã nộp")
        GRADED = "graded", _("Đã chấm")

    enrollment = models.OneToOneField(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="research_task",
        verbose_name=_("học viên"),
    )
    title = models.CharField(_("tên đề tài"), max_length=300)
    description = models.TextField(_("yêu cầu"), blank=True)
    due_on = models.DateField(_("hạn nộp"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người giao"),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.ASSIGNED
    )
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    grade = models.DecimalField(
        _("điểm"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    grader = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="graded_research_tasks",
        verbose_name=_("giảng viên chấm"),
    )
    grader_comment = models.TextField(_("nhận xét"), blank=True)

    class Meta:
        db_table = "learning_researchtask"
        verbose_name = _("nhiệm vụ nghiên cứu")
        verbose_name_plural = _("nhiệm vụ nghiên cứu")


class Placement(TimeStampedModel):
    """How the cadre is used after the course (bổ nhiệm, luân chuyển …), as the
    sending agency records it."""

    scope_path = ScopePath(
        school="enrollment__cohort__school_id", agency="enrollment__agency_id"
    )
    objects = ScopedQuerySet.as_manager()

    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", _("Bổ nhiệm")
        REAPPOINTMENT = "reappointment", _("Bổ nhiệm lại")
        ROTATION = "rotation", _("Luân chuyển")
        TRANSFER = "transfer", _("Điều động")
        PLANNING = "planning", _("Đưa vào quy hoạch")
        UNCHANGED = "unchanged", _("Giữ nguyên vị trí")

    enrollment = models.ForeignKey(
        "enrolment.Enrollment",
        on_delete=models.CASCADE,
        related_name="placements",
        verbose_name=_("học viên"),
    )
    kind = models.CharField(_("hình thức"), max_length=16, choices=Kind.choices)
    post = models.CharField(_("chức vụ"), max_length=255, blank=True)
    agency_name = models.CharField(_("cơ quan"), max_length=255, blank=True)
    effective_on = models.DateField(_("từ ngày"))
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người ghi"),
    )

    class Meta:
        db_table = "learning_placement"
        verbose_name = _("sử dụng cán bộ sau đào tạo")
        verbose_name_plural = _("sử dụng cán bộ sau đào tạo")
        ordering = ["-effective_on", "-id"]
