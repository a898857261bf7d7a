"""Reads of the self-assessment: the assessments a user reaches, and one year's
criteria → indicators with each value (computed or entered), its verdict against
the thresholds and its evidence."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from daotao.core.actors import Actor
from daotao.core.comparison import ComparedTable
from daotao.org.models import NotInForce
from daotao.standards.computations import COMPUTATIONS, Computed, compute
from daotao.standards.display import threshold_text, value_text
from daotao.standards.models import (
    Criterion,
    Evidence,
    Indicator,
    IndicatorResult,
    SelfAssessment,
    StandardRuleSet,
    Verdict,
    verdict_of,
)

VIEW = "standards.view_assessment"


def assessment_list(*, actor: Actor):
    return (
        SelfAssessment.objects.visible_to(actor, VIEW)
        .select_related("rule_set", "document")
        .order_by("-year")
    )


def get_assessment(actor: Actor, pk: int, permission: str = VIEW) -> SelfAssessment:
    return get_object_or_404(
        SelfAssessment.objects.visible_to(actor, permission).select_related(
            "rule_set__legal_basis", "school", "document"
        ),
        pk=pk,
    )


def rule_set_in_force(on: datetime.date | None = None) -> StandardRuleSet | None:
    try:
        return StandardRuleSet.objects.select_related("legal_basis").for_date(
            on or datetime.date.today()
        )
    except NotInForce:
        return None


def criteria_of(rule_set: StandardRuleSet) -> list[Criterion]:
    return list(rule_set.criteria.prefetch_related("indicators").order_by("number"))


def indicator_list(rule_set: StandardRuleSet) -> QuerySet[Indicator]:
    """The rule set's indicators with their criterion, in the rule's order
    (criterion, then position): what the rule set's page lists, a page at a time."""
    return (
        Indicator.objects.filter(criterion__rule_set=rule_set)
        .select_related("criterion")
        .order_by("criterion__number", "position", "id")
    )


@dataclass
class IndicatorRow:
    result: IndicatorResult
    computed: Computed | None = None
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def indicator(self) -> Indicator:
        return self.result.indicator

    @property
    def value(self) -> Decimal | None:
        if self.computed is not None:
            return self.computed.value
        return self.result.entered_value

    @property
    def verdict(self) -> str:
        return verdict_of(
            self.value,
            threshold=self.indicator.threshold,
            above=self.indicator.above_threshold,
            direction=self.indicator.direction,
        )

    @property
    def value_text(self) -> str:
        return value_text(self.value, self.indicator.unit)

    @property
    def threshold_text(self) -> str:
        return threshold_text(self.indicator)

    @property
    def verdict_label(self) -> str:
        return str(Verdict(self.verdict).label)

    @property
    def how(self) -> str:
        if self.computed is not None:
            return self.computed.how
        return self.result.explanation


@dataclass
class CriterionRow:
    criterion: Criterion
    rows: list[IndicatorRow]

    def count(self, *verdicts: str) -> int:
        return sum(1 for row in self.rows if row.verdict in verdicts)

    @property
    def met(self) -> int:
        return self.count(Verdict.MET, Verdict.ABOVE)

    @property
    def above(self) -> int:
        return self.count(Verdict.ABOVE)

    @property
    def not_met(self) -> int:
        return self.count(Verdict.NOT_MET)

    @property
    def no_data(self) -> int:
        return self.count(Verdict.NO_DATA)

    @property
    def computed(self) -> int:
        return sum(1 for row in self.rows if row.computed is not None)


def _computed(result: IndicatorResult, assessment: SelfAssessment) -> Computed | None:
    if not result.indicator.is_computed:
        return None
    return compute(
        result.indicator.source, school_id=assessment.school_id, year=assessment.year
    )


def indicator_row(result: IndicatorResult) -> IndicatorRow:
    return IndicatorRow(
        result=result,
        computed=_computed(result, result.assessment),
        evidence=list(result.evidence.all()),
    )


def assessment_rows(assessment: SelfAssessment) -> list[CriterionRow]:
    """Every criterion of the assessment's rule set with its indicators' values,
    verdicts and evidence (the computations read the other apps; a few queries
    each, whatever the school's size)."""
    results = (
        IndicatorResult.objects.filter(assessment=assessment)
        .select_related("indicator__criterion")
        .prefetch_related("evidence")
    )
    by_criterion: dict[int, list[IndicatorRow]] = defaultdict(list)
    criteria: dict[int, Criterion] = {}
    for result in results:
        criterion = result.indicator.criterion
        criteria[criterion.pk] = criterion
        by_criterion[criterion.pk].append(
            IndicatorRow(
                result=result,
                computed=_computed(result, assessment),
                evidence=list(result.evidence.all()),
            )
        )
    ordered = sorted(criteria.values(), key=lambda c: c.number)
    return [CriterionRow(criterion=c, rows=by_criterion[c.pk]) for c in ordered]


def get_result(actor: Actor, pk: int, permission: str = VIEW) -> IndicatorResult:
    return get_object_or_404(
        IndicatorResult.objects.visible_to(actor, permission).select_related(
            "assessment__school", "assessment__rule_set", "indicator__criterion"
        ),
        pk=pk,
    )


def get_evidence(actor: Actor, pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.visible_to(actor, VIEW), pk=pk)


def get_indicator(pk: int) -> Indicator:
    return get_object_or_404(
        Indicator.objects.select_related("criterion__rule_set"), pk=pk
    )


def entered_verdicts_by_school(*, actor: Actor, year: int) -> dict[int, dict[str, int]]:
    """The self-assessments of `year` in reach, per school: indicators
    ("indicators"), those the system computes from the school's data
    ("computed": their verdict is on the assessment's own page), and the verdicts
    of the values the school entered for the others (Verdict codes: "met" counts
    above standard too). One query, whatever the number of schools."""
    figures: dict[int, dict[str, int]] = {}
    results = (
        IndicatorResult.objects.visible_to(actor, VIEW)
        .filter(assessment__year=year)
        .values_list(
            "assessment__school_id",
            "entered_value",
            "indicator__source",
            "indicator__threshold",
            "indicator__above_threshold",
            "indicator__direction",
        )
    )
    for school_id, value, source, threshold, above, direction in results.order_by():
        line = figures.setdefault(
            school_id,
            dict.fromkeys(("indicators", "computed", *Verdict.values), 0),
        )
        line["indicators"] += 1
        if source in COMPUTATIONS:
            line["computed"] += 1
            continue
        verdict = verdict_of(
            value, threshold=threshold, above=above, direction=direction
        )
        line[Verdict.MET if verdict == Verdict.ABOVE else verdict] += 1
        line[Verdict.ABOVE] += verdict == Verdict.ABOVE
    return figures


def compared_lines(
    actor: Actor, year: int, schools: list[int]
) -> list[tuple[str, dict[int, Any]]]:
    """The schools' self-assessments of `year` side by side
    (reports:comparison); a school without one shows no value. One query."""
    figures = entered_verdicts_by_school(actor=actor, year=year)

    def measure(name: str) -> dict[int, Any]:
        return {pk: figures[pk][name] if pk in figures else None for pk in schools}

    return [
        (_("Chỉ tiêu đã tự đánh giá"), measure("indicators")),
        (_("Tính từ số liệu quản lý"), measure("computed")),
        (_("Đạt (số liệu Trường nhập)"), measure(Verdict.MET)),
        (_("Trong đó vượt chuẩn"), measure(Verdict.ABOVE)),
        (_("Chưa đạt"), measure(Verdict.NOT_MET)),
        (_("Chưa có số liệu"), measure(Verdict.NO_DATA)),
    ]


COMPARED = ComparedTable(
    key="truong-chuan",
    permission=VIEW,
    title=gettext_noop("Trường chính trị chuẩn: tự đánh giá"),
    note=gettext_noop(
        "Bản tự đánh giá của năm; chỉ tiêu tính từ số liệu quản lý xem ở trang tự"
        " đánh giá của từng trường."
    ),
    item=gettext_noop("Chỉ tiêu"),
    lines=compared_lines,
    drawn=(2, 4),
)
