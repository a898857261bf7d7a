"""The standard political school (Quy định 11-QĐ/TW, 19/5/2021): the criteria and
indicators as a dated rule set with its legal basis, and the school's yearly
self-assessment against it, with the values entered by hand and their evidence.

Computed indicators are computed from the other apps' data when read
(`daotao.standards.computations`); only what people enter is stored here."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daotao.core.access import ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.org.models import DatedRuleSet


class StandardRuleSet(DatedRuleSet):
    """The criteria and indicators of one level of the standard, dated, with its
    legal basis; `parameters` keeps the number of indicators the rule counts."""

    name = models.CharField(_("tên bộ tiêu chí"), max_length=200)
    level = models.PositiveSmallIntegerField(_("mức chuẩn"), default=1)

    class Meta:
        verbose_name = _("bộ tiêu chí trường chính trị chuẩn")
        verbose_name_plural = _("bộ tiêu chí trường chính trị chuẩn")
        ordering = ["-valid_from"]


class Criterion(TimeStampedModel):
    """One of the six criteria (tiêu chí) of a rule set."""

    rule_set = models.ForeignKey(
        StandardRuleSet,
        on_delete=models.CASCADE,
        related_name="criteria",
        verbose_name=_("bộ tiêu chí"),
    )
    number = models.PositiveSmallIntegerField(_("tiêu chí số"))
    name = models.CharField(_("tên tiêu chí"), max_length=300)

    class Meta:
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        ordering = ["rule_set", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "number"], name="standards_criterion_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


def computation_choices() -> list[tuple[str, str]]:
    """The computations an indicator may name (standards/computations.py)."""
    from daotao.standards.computations import COMPUTATIONS

    return [(key, computation.label) for key, computation in COMPUTATIONS.items()]


class Indicator(TimeStampedModel):
    """One indicator (chỉ tiêu): what is measured, how (computed from the system's
    data under `source`, or entered with evidence), and its thresholds."""

    class Unit(models.TextChoices):
        PERCENT = "percent", _("Tỷ lệ (%)")
        COUNT = "count", _("Số lượng")
        RATIO = "ratio", _("Bình quân")
        YES_NO = "yes_no", _("Có / không")

    class Direction(models.TextChoices):
        AT_LEAST = "at_least", _("Đạt khi không thấp hơn ngưỡng")
        AT_MOST = "at_most", _("Đạt khi không cao hơn ngưỡng")

    criterion = models.ForeignKey(
        Criterion,
        on_delete=models.CASCADE,
        related_name="indicators",
        verbose_name=_("tiêu chí"),
    )
    code = models.CharField(_("mã chỉ tiêu"), max_length=12)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("nội dung chỉ tiêu"), max_length=400)
    source = models.CharField(
        _("cách tính"),
        max_length=40,
        blank=True,
        choices=computation_choices,
        help_text=_("Để trống: số liệu do Trường nhập, kèm minh chứng."),
    )
    unit = models.CharField(_("đơn vị"), max_length=8, choices=Unit.choices)
    direction = models.CharField(
        _("chiều so sánh"),
        max_length=8,
        choices=Direction.choices,
        default=Direction.AT_LEAST,
    )
    threshold = models.DecimalField(_("ngưỡng đạt"), max_digits=9, decimal_places=2)
    above_threshold = models.DecimalField(
        _("ngưỡng vượt chuẩn"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Để trống nếu chỉ tiêu không có mức vượt chuẩn."),
    )
    is_confirmed = models.BooleanField(
        _("ngưỡng đã đối chiếu văn bản gốc"),
        default=False,
        help_text=_("Bỏ chọn khi ngưỡng chưa đối chiếu được với văn bản gốc."),
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["criterion__number", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "code"], name="standards_indicator_code_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(threshold__gte=0),
                name="standards_indicator_threshold_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def is_computed(self) -> bool:
        from daotao.standards.computations import COMPUTATIONS

        return self.source in COMPUTATIONS


class Verdict(models.TextChoices):
    NO_DATA = "no_data", _("Chưa có số liệu")
    NOT_MET = "not_met", _("Chưa đạt")
    MET = "met", _("Đạt")
    ABOVE = "above", _("Vượt chuẩn")


def verdict_of(
    value: Decimal | None,
    *,
    threshold: Decimal,
    above: Decimal | None,
    direction: str,
) -> str:
    """Met, not met or above standard: a value equal to a threshold reaches it."""
    if value is None:
        return Verdict.NO_DATA
    if direction == Indicator.Direction.AT_MOST:
        if above is not None and value <= above:
            return Verdict.ABOVE
        return Verdict.MET if value <= threshold else Verdict.NOT_MET
    if above is not None and value >= above:
        return Verdict.ABOVE
    return Verdict.MET if value >= threshold else Verdict.NOT_MET


class SelfAssessment(SchoolScopedModel):
    """The school's self-assessment of one year against a rule set."""

    scope_path = ScopePath()

    year = models.PositiveSmallIntegerField(_("năm"))
    rule_set = models.ForeignKey(
        StandardRuleSet,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("bộ tiêu chí"),
    )
    document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("báo cáo tự đánh giá"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người lập"),
    )

    class Meta:
        verbose_name = _("tự đánh giá trường chính trị chuẩn")
        verbose_name_plural = _("tự đánh giá trường chính trị chuẩn")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year"], name="standards_assessment_year_unique"
            )
        ]

    def __str__(self) -> str:
        return str(_("Tự đánh giá năm %(year)s") % {"year": self.year})


class IndicatorResult(TimeStampedModel):
    """One indicator in one self-assessment: made for every indicator of the rule
    set when the assessment is opened. For an indicator the system does not
    compute, the value the school entered and its explanation live here."""

    scope_path = ScopePath(school="assessment__school_id")
    objects = ScopedQuerySet.as_manager()

    assessment = models.ForeignKey(
        SelfAssessment,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("tự đánh giá"),
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("chỉ tiêu"),
    )
    entered_value = models.DecimalField(
        _("giá trị nhập"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    explanation = models.TextField(_("giải trình"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người nhập"),
    )

    class Meta:
        verbose_name = _("kết quả chỉ tiêu")
        verbose_name_plural = _("kết quả chỉ tiêu")
        ordering = ["indicator__criterion__number", "indicator__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"],
                name="standards_result_unique",
            )
        ]

    def __str__(self) -> str:
        return str(self.indicator)


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    assessment = instance.result.assessment
    return f"standards/{assessment.school_id}/{assessment.year}/{filename}"


class Evidence(TimeStampedModel):
    """A file that backs an indicator's value (minh chứng)."""

    scope_path = ScopePath(school="result__assessment__school_id")
    objects = ScopedQuerySet.as_manager()

    result = models.ForeignKey(
        IndicatorResult,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("chỉ tiêu"),
    )
    title = models.CharField(_("tên minh chứng"), max_length=300)
    file = models.FileField(_("tệp minh chứng"), upload_to=evidence_upload_to)
    file_name = models.CharField(_("tên tệp gốc"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["result_id", "id"]

    def __str__(self) -> str:
        return self.title
