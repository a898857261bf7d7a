"""The annual training plan: planned classes and the places each agency gets."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.core.text import format_date


class TrainingPlan(SchoolScopedModel):
    """Kế hoạch đào tạo, bồi dưỡng năm: draft → submitted → approved. A year has
    one main plan; once it is approved, supplementary plans (kế hoạch bổ sung,
    numbered 1, 2, … within the year) add classes and go through the same approval."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Trình duyệt")
        APPROVED = "approved", _("Đã phê duyệt")

    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người phê duyệt"),
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("văn bản kế hoạch"),
    )
    main_plan = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supplements",
        verbose_name=_("bổ sung cho kế hoạch"),
    )
    # 0 for the year's main plan; 1, 2, … for its supplementary plans.
    supplement_number = models.PositiveSmallIntegerField(
        _("số thứ tự kế hoạch bổ sung"), default=0
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("kế hoạch đào tạo, bồi dưỡng")
        verbose_name_plural = _("kế hoạch đào tạo, bồi dưỡng")
        ordering = ["-year", "supplement_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year"],
                condition=Q(main_plan__isnull=True),
                name="plan_year_unique",
            ),
            models.UniqueConstraint(
                fields=["main_plan", "supplement_number"],
                condition=Q(main_plan__isnull=False),
                name="plan_supplement_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(main_plan__isnull=True, supplement_number=0)
                | Q(main_plan__isnull=False, supplement_number__gte=1),
                name="plan_supplement_numbered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_supplementary(self) -> bool:
        return self.main_plan_id is not None

    @property
    def label(self) -> str:
        """ "Kế hoạch bổ sung số 1 năm 2027" for a supplementary plan, else "Kế
        hoạch năm 2027": how the plan is named beside its title."""
        if self.is_supplementary:
            return _("Kế hoạch bổ sung số %(number)d năm %(year)d") % {
                "number": self.supplement_number,
                "year": self.year,
            }
        return _("Kế hoạch năm %(year)d") % {"year": self.year}


class PlannedClass(SchoolScopedModel):
    """A class in the plan (lớp dự kiến)."""

    scope_path = ScopePath(agency="quotas__agency_id")

    class Mode(models.TextChoices):
        FULL_TIME = "full_time", _("Tập trung")
        PART_TIME = "part_time", _("Không tập trung")

    plan = models.ForeignKey(
        TrainingPlan,
        on_delete=models.PROTECT,
        related_name="classes",
        verbose_name=_("kế hoạch"),
    )
    code = models.CharField(_("mã lớp"), max_length=32)
    name = models.CharField(_("tên lớp"), max_length=200)
    program_version = models.ForeignKey(
        "programs.ProgramVersion",
        on_delete=models.PROTECT,
        related_name="planned_classes",
        verbose_name=_("chương trình"),
    )
    mode = models.CharField(_("hệ"), max_length=10, choices=Mode.choices)
    site = models.ForeignKey(
        "org.Site",
        on_delete=models.PROTECT,
        related_name="planned_classes",
        verbose_name=_("địa điểm"),
    )
    target_group = models.CharField(_("đối tượng"), max_length=300, blank=True)
    planned_size = models.PositiveSmallIntegerField(_("số lượng dự kiến"))
    starts_on = models.DateField(_("ngày khai giảng dự kiến"))
    ends_on = models.DateField(_("ngày kết thúc dự kiến"))
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lớp dự kiến")
        verbose_name_plural = _("lớp dự kiến")
        ordering = ["plan", "position", "starts_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="planned_class_code"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="planned_class_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Quota(TimeStampedModel):
    """Places a sending agency has in a planned class (chỉ tiêu)."""

    scope_path = ScopePath(school="planned_class__school_id", agency="agency_id")
    objects = ScopedQuerySet.as_manager()

    planned_class = models.ForeignKey(
        PlannedClass,
        on_delete=models.CASCADE,
        related_name="quotas",
        verbose_name=_("lớp dự kiến"),
    )
    agency = models.ForeignKey(
        "org.Agency",
        on_delete=models.PROTECT,
        related_name="quotas",
        verbose_name=_("cơ quan"),
    )
    places = models.PositiveSmallIntegerField(_("chỉ tiêu"))

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["planned_class", "agency"], name="quota_class_agency"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency}: {self.places}"


class PlanReviewStep(SchoolScopedModel):
    """One step of a plan's way to approval (its history, in order): submitted,
    returned with the reviewer's comment, places adjusted by the reviewer with the
    reason, approved with the approving document's number and date. Written by
    the planning services with the plan's change, in the same transaction."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Trình duyệt")
        RETURNED = "returned", _("Trả lại")
        QUOTA_CHANGED = "quota_changed", _("Điều chỉnh chỉ tiêu")
        APPROVED = "approved", _("Phê duyệt")

    plan = models.ForeignKey(
        TrainingPlan,
        on_delete=models.CASCADE,
        related_name="review_steps",
        verbose_name=_("kế hoạch"),
    )
    kind = models.CharField(_("bước"), max_length=16, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    # The step was taken by the province's board (Ban Tổ chức Tỉnh ủy), not the
    # school.
    by_province = models.BooleanField(_("do Ban Tổ chức Tỉnh ủy"), default=False)
    at = models.DateTimeField(_("thời điểm"))
    comment = models.TextField(_("ý kiến"), blank=True)
    # What changed, for a quota step: "K64A — UBND xã …: 10 → 12".
    detail = models.CharField(_("nội dung điều chỉnh"), max_length=500, blank=True)
    approval_number = models.CharField(
        _("số, ký hiệu văn bản phê duyệt"), max_length=64, blank=True
    )
    approval_date = models.DateField(_("ngày văn bản phê duyệt"), null=True, blank=True)

    class Meta:
        verbose_name = _("bước thẩm định kế hoạch")
        verbose_name_plural = _("các bước thẩm định kế hoạch")
        ordering = ["plan", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind__in=["returned", "quota_changed"]) | ~Q(comment=""),
                name="plan_review_step_reason_given",
            ),
            models.CheckConstraint(
                condition=Q(kind="approved")
                | Q(approval_number="", approval_date__isnull=True),
                name="plan_review_step_reference_on_approval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} — {self.get_kind_display()}"

    @property
    def approval_reference(self) -> str:
        """ "Công văn số 123-CV/BTCTU ngày 05/01/2027", or "" without a number."""
        if not self.approval_number:
            return ""
        if self.approval_date is None:
            return _("Công văn số %(number)s") % {"number": self.approval_number}
        return _("Công văn số %(number)s ngày %(date)s") % {
            "number": self.approval_number,
            "date": format_date(self.approval_date),
        }
