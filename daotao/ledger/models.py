"""The giờ chuẩn ledger: hour rule sets, lecturers' yearly norms, the school year's
ledger period and its entries (each activity converted to standard hours).

It sits above teaching: entries name taught sessions; teaching knows nothing of it.
The tables keep the names they had while teaching held them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daotao.core.access import SCHOOL_WIDE, ScopedQuerySet, ScopePath
from daotao.core.models import SchoolScopedModel, TimeStampedModel
from daotao.org.models import DatedRuleSet


class HourRuleSet(DatedRuleSet):
    """Conversion of teaching to giờ chuẩn and the annual norms, versioned with
    its legal basis; `parameters` holds every number (docs: domain.md §4)."""

    name = models.CharField(_("tên bộ định mức"), max_length=200)

    class Meta:
        db_table = "teaching_hourruleset"
        verbose_name = _("bộ định mức giờ chuẩn")
        verbose_name_plural = _("bộ định mức giờ chuẩn")
        ordering = ["-valid_from"]


class LecturerYearNorm(TimeStampedModel):
    """A lecturer's norm for one school year when it differs from the title's:
    the head's ±% adjustment and reductions for posts, each with its reason."""

    lecturer = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.CASCADE,
        related_name="year_norms",
        verbose_name=_("giảng viên"),
    )
    school_year = models.PositiveSmallIntegerField(_("năm học (năm bắt đầu)"))
    adjustment_percent = models.SmallIntegerField(
        _("điều chỉnh định mức (%)"), default=0
    )
    adjustment_reason = models.CharField(
        _("lý do điều chỉnh"), max_length=255, blank=True
    )
    reduction_hours = models.DecimalField(
        _("giảm định mức (giờ chuẩn)"), max_digits=6, decimal_places=1, default=0
    )
    reduction_reason = models.CharField(_("lý do giảm"), max_length=255, blank=True)

    class Meta:
        db_table = "teaching_lectureryearnorm"
        verbose_name = _("định mức năm của giảng viên")
        verbose_name_plural = _("định mức năm của giảng viên")
        constraints = [
            models.UniqueConstraint(
                fields=["lecturer", "school_year"], name="lecturer_year_norm_unique"
            )
        ]


class LedgerPeriod(SchoolScopedModel):
    """A school year of the ledger; once closed its entries are never recomputed."""

    scope_path = ScopePath(unit=SCHOOL_WIDE)

    school_year = models.PositiveSmallIntegerField(_("năm học (năm bắt đầu)"))
    is_closed = models.BooleanField(_("đã chốt"), default=False)
    closed_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("người chốt"),
    )

    class Meta:
        db_table = "teaching_ledgerperiod"
        verbose_name = _("kỳ tính giờ chuẩn")
        verbose_name_plural = _("kỳ tính giờ chuẩn")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year"], name="ledger_period_unique"
            )
        ]


class LedgerEntry(TimeStampedModel):
    """One activity converted to giờ chuẩn: a session taught, or supervision of
    essays or theses, field-study days, the lecturer's own field practice; with
    the coefficient and the rule set used (the hour rule set, or for the
    lecturer's field practice the development rule set of `faculty`)."""

    scope_path = ScopePath(school="period__school_id", unit="lecturer__unit_id")
    objects = ScopedQuerySet.as_manager()

    class Activity(models.TextChoices):
        LECTURE = "lecture", _("Giảng bài")
        DISCUSSION = "discussion", _("Thảo luận")
        CASE_STUDY = "case_study", _("Hướng dẫn bài tập tình huống")
        PRACTICE = "practice", _("Hướng dẫn thực hành, báo cáo chuyên đề")
        FIELD_STUDY = "field_study", _("Hướng dẫn đi thực tế (ngày)")
        ESSAY = "essay", _("Hướng dẫn tiểu luận, đề án (học viên)")
        THESIS = "thesis", _("Hướng dẫn khóa luận (học viên)")
        EXAM = "exam", _("Coi thi, chấm thi")
        FIELD_PRACTICE = "field_practice", _("Giảng viên đi thực tế (ngày)")

    period = models.ForeignKey(
        LedgerPeriod,
        on_delete=models.CASCADE,
        related_name="entries",
        verbose_name=_("năm học"),
    )
    lecturer = models.ForeignKey(
        "faculty.Lecturer",
        on_delete=models.PROTECT,
        related_name="ledger_entries",
        verbose_name=_("giảng viên"),
    )
    session = models.ForeignKey(
        "teaching.TeachingSession",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ledger_entries",
        verbose_name=_("buổi học"),
    )
    activity = models.CharField(_("hoạt động"), max_length=20, choices=Activity.choices)
    date = models.DateField(_("ngày"))
    quantity = models.DecimalField(_("số lượng"), max_digits=7, decimal_places=2)
    coefficient = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2)
    hours = models.DecimalField(_("giờ chuẩn"), max_digits=8, decimal_places=2)
    rule_set = models.ForeignKey(
        HourRuleSet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bộ định mức đã áp dụng"),
    )
    development_rule_set = models.ForeignKey(
        "faculty.DevelopmentRuleSet",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bộ quy định phát triển giảng viên đã áp dụng"),
    )
    # the lecturer's field practice counted; a closed year keeps its line (and its
    # place in `note`) even if the practice is later deleted in faculty
    field_practice = models.ForeignKey(
        "faculty.FieldPractice",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="ledger_entries",
        verbose_name=_("đợt đi thực tế"),
    )
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    class Meta:
        db_table = "teaching_ledgerentry"
        verbose_name = _("dòng sổ giờ chuẩn")
        verbose_name_plural = _("sổ giờ chuẩn")
        ordering = ["date", "id"]
        indexes = [models.Index(fields=["lecturer", "period"])]
        constraints = [
            # exactly one rule set applied: the hour rule set, or the development
            # rule set for a lecturer's field practice
            models.CheckConstraint(
                condition=Q(rule_set__isnull=False, development_rule_set__isnull=True)
                | Q(rule_set__isnull=True, development_rule_set__isnull=False),
                name="ledger_entry_one_rule_set",
            )
        ]

    @property
    def applied_rule_set(self) -> HourRuleSet | Any:
        """The rule set the entry's hours were converted by."""
        return self.rule_set or self.development_rule_set
