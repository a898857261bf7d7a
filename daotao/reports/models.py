"""A school's period report to the Academy: its figures of a year or half-year,
frozen when drafted (reports/comparison.py makes them), then submitted; a new
draft after a submission is a new version, the old ones stay."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from daotao.core.models import SchoolScopedModel


class PeriodReport(SchoolScopedModel):
    class Period(models.TextChoices):
        YEAR = "nam", _("Cả năm")
        FIRST_HALF = "6-thang-dau", _("6 tháng đầu năm")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi")

    year = models.PositiveSmallIntegerField(_("năm"))
    period = models.CharField(
        _("kỳ báo cáo"), max_length=12, choices=Period.choices, default=Period.YEAR
    )
    version = models.PositiveSmallIntegerField(_("lần"), default=1)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # {table key: {"title", "item", "lines": [[label, value], …]}} (comparison.snapshot)
    figures = models.JSONField(_("số liệu"), default=dict)
    figures_at = models.DateTimeField(_("số liệu tính lúc"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người lập"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("báo cáo thống kê"),
    )

    class Meta:
        verbose_name = _("báo cáo số liệu định kỳ")
        verbose_name_plural = _("báo cáo số liệu định kỳ")
        ordering = ["-year", "period", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "year", "period", "version"],
                name="reports_period_report_version_unique",
            )
        ]

    def __str__(self) -> str:
        values = {"year": self.year, "version": self.version}
        if self.period == self.Period.FIRST_HALF:
            return str(
                _("Báo cáo số liệu 6 tháng đầu năm %(year)s (lần %(version)s)") % values
            )
        return str(_("Báo cáo số liệu năm %(year)s (lần %(version)s)") % values)
