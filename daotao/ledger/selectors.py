"""Reads of the teaching-hour ledger: the rule set in force, the report per unit
and one lecturer's entries, scoped to the actor's school."""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.actors import Actor
from daotao.faculty.models import Lecturer
from daotao.ledger import rules
from daotao.ledger.models import (
    HourRuleSet,
    LecturerYearNorm,
    LedgerEntry,
    LedgerPeriod,
)
from daotao.org.models import NotInForce

VIEW = "ledger.view_ledger"
# Short column headings of the report; the full label is the column's tooltip.
COLUMN_HEADINGS = {
    "lecture": gettext_lazy("Giảng bài"),
    "discussion": gettext_lazy("Thảo luận"),
    "case_study": gettext_lazy("Tình huống"),
    "practice": gettext_lazy("Thực hành"),
    "field_study": gettext_lazy("Đi thực tế"),
    "essay": gettext_lazy("Tiểu luận"),
    "thesis": gettext_lazy("Khóa luận"),
    "exam": gettext_lazy("Thi"),
    "field_practice": gettext_lazy("GV đi thực tế"),
}
MANAGE = "ledger.manage_ledger"
ZERO = Decimal(0)


# --- Rule sets ---------------------------------------------------------------------


def hour_rule_sets_between(
    *, first: datetime.date, last: datetime.date
) -> list[HourRuleSet]:
    """The rule sets in force on some day from `first` to `last`, newest first."""
    return list(
        HourRuleSet.objects.in_force_during(first, last)
        .select_related("legal_basis")
        .newest_first()
    )


def hour_rule_set_in_force(*, on: datetime.date) -> HourRuleSet | None:
    """The rule set in force on `on`; None when there is none (a page says so)."""
    try:
        return HourRuleSet.objects.select_related("legal_basis").for_date(on)
    except NotInForce:
        return None


def hour_rule_set_for_year(*, school_year: int) -> HourRuleSet | None:
    """The rule set the year's norms follow: the one in force on its first day,
    else the first to come into force during the year."""
    first, last = rules.school_year_bounds(school_year)
    candidates = hour_rule_sets_between(first=first, last=last)
    try:
        return HourRuleSet.in_force_among(candidates, first)
    except NotInForce:
        return candidates[-1] if candidates else None


def hour_rule_set_list() -> QuerySet[HourRuleSet]:
    return HourRuleSet.objects.select_related("legal_basis").order_by(
        "-valid_from", "-id"
    )


def get_hour_rule_set(pk: int) -> HourRuleSet:
    rule_set = hour_rule_set_list().filter(pk=pk).first()
    if rule_set is None:
        raise Http404
    return rule_set


@dataclass(frozen=True)
class RuleSetSummary:
    rule_set: HourRuleSet
    coefficients: list[tuple[str, Decimal, Decimal | None, Decimal | None]]
    norms: list[tuple[str, Decimal]]
    max_adjustment_percent: Decimal
    post_reductions: list[tuple[str, Decimal]]


def rule_set_summary(rule_set: HourRuleSet) -> RuleSetSummary:
    """The figures of a rule set with Vietnamese labels, for reading."""
    parameters = rule_set.parameters
    activities = dict(LedgerEntry.Activity.choices)
    titles = dict(Lecturer.Title.choices)
    coefficients = []
    for activity, value in parameters.get("coefficients", {}).items():
        bounds = rules.coefficient_range(activity, parameters) or (None, None)
        coefficients.append(
            (activities.get(activity, activity), rules.as_decimal(value), *bounds)
        )
    return RuleSetSummary(
        rule_set=rule_set,
        coefficients=coefficients,
        norms=[
            (titles.get(title, title), rules.as_decimal(value))
            for title, value in parameters.get("norms", {}).items()
        ],
        max_adjustment_percent=rules.as_decimal(
            parameters.get("max_adjustment_percent", 0)
        ),
        post_reductions=[
            (post, rules.as_decimal(value))
            for post, value in parameters.get("post_reductions", {}).items()
        ],
    )


# --- Lecturers and periods ---------------------------------------------------------


def lecturer_for_user(user: Any) -> Lecturer | None:
    """The lecturer profile of the person `user` is linked to, if any."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return None
    return (
        Lecturer.objects.filter(person_id=person_id)
        .select_related("person", "unit")
        .first()
    )


def get_lecturer_for_ledger(actor: Actor, pk: int, permission: str = VIEW) -> Lecturer:
    """A lecturer in the actor's scope for `permission`; 404 otherwise."""
    lecturer = (
        Lecturer.objects.visible_to(actor, permission)
        .filter(pk=pk)
        .select_related("person", "unit")
        .first()
    )
    if lecturer is None:
        raise Http404
    return lecturer


def get_ledger_entry_for_manage(actor: Actor, pk: int) -> LedgerEntry:
    """An entry of a lecturer in the actor's managing scope; 404 otherwise."""
    entry = (
        LedgerEntry.objects.visible_to(actor, MANAGE)
        .filter(pk=pk)
        .select_related("lecturer", "period")
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def ledger_period_for_manage(
    *, actor: Actor, school_id: int | None, school_year: int
) -> LedgerPeriod | None:
    if school_id is None:
        return None
    return (
        LedgerPeriod.objects.visible_to(actor, MANAGE)
        .filter(school_id=school_id, school_year=school_year)
        .first()
    )


def ledger_periods(*, actor: Actor, school_year: int) -> list[LedgerPeriod]:
    return list(
        LedgerPeriod.objects.visible_to(actor, VIEW)
        .filter(school_year=school_year)
        .select_related("closed_by", "school")
    )


def ledger_years(*, actor: Actor, today: datetime.date) -> list[int]:
    """Years to offer: those with a period, and the current and previous year."""
    current = rules.school_year_of(today)
    years = set(
        LedgerPeriod.objects.visible_to(actor, VIEW).values_list(
            "school_year", flat=True
        )
    )
    return sorted(years | {current, current - 1}, reverse=True)


# --- Rows of the report ------------------------------------------------------------


@dataclass
class LedgerRow:
    lecturer: Lecturer
    hours: dict[str, Decimal]
    total: Decimal
    norm: rules.Norm | None = None
    year_norm: LecturerYearNorm | None = None
    difference: Decimal | None = None
    status: str = ""
    problem: str = ""
    cells: list[Decimal] = field(default_factory=list)

    def hours_in(self, activities: Sequence[str]) -> list[Decimal]:
        return [self.hours.get(activity, ZERO) for activity in activities]


def _row(
    lecturer: Lecturer,
    hours: dict[str, Decimal],
    year_norm: LecturerYearNorm | None,
    rule_set: HourRuleSet | None,
) -> LedgerRow:
    hours = {activity: tidy(value) for activity, value in hours.items()}
    row = LedgerRow(
        lecturer, hours, tidy(sum(hours.values(), ZERO)), year_norm=year_norm
    )
    if lecturer.is_visiting:
        return row  # a visiting lecturer has no annual norm at this school
    if rule_set is None:
        row.problem = _("Chưa có bộ định mức cho năm học này.")
        return row
    try:
        row.norm = rules.annual_norm(
            title=lecturer.title,
            parameters=rule_set.parameters,
            adjustment_percent=year_norm.adjustment_percent if year_norm else 0,
            reduction_hours=year_norm.reduction_hours if year_norm else ZERO,
        )
    except ValidationError as error:
        row.problem = " ".join(error.messages)
        return row
    row.norm = dataclasses.replace(
        row.norm,
        base=tidy(row.norm.base),
        reduction_hours=tidy(row.norm.reduction_hours),
        hours=tidy(row.norm.hours),
    )
    row.status, row.difference = rules.load_status(row.total, row.norm.hours)
    row.difference = tidy(row.difference)
    return row


def total_of(values: Iterable[Decimal]) -> Decimal:
    return tidy(sum(values, ZERO))


def tidy(value: Decimal) -> Decimal:
    """Without trailing zeros, for reading: 5 rather than 5.00, 4.5 not 4.50."""
    return (
        value.quantize(Decimal(1))
        if value == value.to_integral_value()
        else (value.normalize())
    )


@dataclass
class UnitBlock:
    name: str
    rows: list[LedgerRow] = field(default_factory=list)
    cells: list[Decimal] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return total_of(row.total for row in self.rows)

    @property
    def norm(self) -> Decimal:
        return total_of(row.norm.hours for row in self.rows if row.norm)

    def hours_in(self, activities: Sequence[str]) -> list[Decimal]:
        return [
            total_of(row.hours.get(activity, ZERO) for row in self.rows)
            for activity in activities
        ]


@dataclass
class LedgerReport:
    school_year: int
    rule_set: HourRuleSet | None
    periods: list[LedgerPeriod]
    units: list[UnitBlock]
    activities: list[tuple[str, str]]

    @property
    def activity_codes(self) -> list[str]:
        return [code for code, _label in self.activities]

    @property
    def columns(self) -> list[tuple[str, str, str]]:
        """(code, short heading, full label) of the activities to show: those
        with hours this year, else lecture."""
        used = {
            code
            for unit in self.units
            for row in unit.rows
            for code, hours in row.hours.items()
            if hours
        }
        return [
            (code, COLUMN_HEADINGS.get(code, label), label)
            for code, label in self.activities
            if code in used or (not used and code == "lecture")
        ]

    @property
    def is_closed(self) -> bool:
        return bool(self.periods) and all(p.is_closed for p in self.periods)

    @property
    def total(self) -> Decimal:
        return total_of(unit.total for unit in self.units)

    @property
    def norm(self) -> Decimal:
        return total_of(unit.norm for unit in self.units)

    @property
    def cells(self) -> list[Decimal]:
        return [
            total_of(unit.hours_in([code])[0] for unit in self.units)
            for code, _short, _label in self.columns
        ]

    @property
    def over_count(self) -> int:
        return sum(row.status == rules.OVER for u in self.units for row in u.rows)

    @property
    def under_count(self) -> int:
        return sum(row.status == rules.UNDER for u in self.units for row in u.rows)


def _hours_by_lecturer(entries: QuerySet[LedgerEntry]) -> dict[int, dict[str, Decimal]]:
    by_lecturer: dict[int, dict[str, Decimal]] = defaultdict(dict)
    totals = entries.values("lecturer_id", "activity").annotate(total=Sum("hours"))
    for item in totals.order_by():
        by_lecturer[item["lecturer_id"]][item["activity"]] = item["total"]
    return by_lecturer


def ledger_report(*, actor: Actor, school_year: int) -> LedgerReport:
    """Every lecturer in scope who is active or has entries in the year, grouped
    by unit: norm, hours per activity, total, difference. Five queries, whatever
    the number of lecturers."""
    entries = LedgerEntry.objects.visible_to(actor, VIEW).filter(
        period__school_year=school_year
    )
    hours = _hours_by_lecturer(entries)
    lecturers = (
        Lecturer.objects.visible_to(actor, VIEW)
        .filter(Q(is_active=True) | Q(pk__in=list(hours)))
        .select_related("person", "unit")
        # what the report and its export read: the person's name only
        .only(
            "title",
            "is_visiting",
            "is_concurrent",
            "school_id",
            "unit_id",
            "unit__name",
            "person__full_name",
        )
        .order_by("unit__position", "unit__name", "person__sort_key", "id")
    )
    norms = {
        norm.lecturer_id: norm
        for norm in LecturerYearNorm.objects.filter(
            lecturer__in=lecturers, school_year=school_year
        )
    }
    rule_set = hour_rule_set_for_year(school_year=school_year)
    units: dict[Any, UnitBlock] = {}
    for lecturer in lecturers:
        unit_name = lecturer.unit.name if lecturer.unit else _("Chưa thuộc khoa, phòng")
        block = units.setdefault(lecturer.unit_id, UnitBlock(unit_name))
        block.rows.append(
            _row(lecturer, hours.get(lecturer.pk, {}), norms.get(lecturer.pk), rule_set)
        )
    report = LedgerReport(
        school_year=school_year,
        rule_set=rule_set,
        periods=ledger_periods(actor=actor, school_year=school_year),
        units=list(units.values()),
        activities=list(LedgerEntry.Activity.choices),
    )
    shown = [code for code, _short, _label in report.columns]
    for block in report.units:
        block.cells = block.hours_in(shown)
        for row in block.rows:
            row.cells = row.hours_in(shown)
    return report


@dataclass
class LecturerLedger:
    row: LedgerRow
    school_year: int
    period: LedgerPeriod | None
    rule_set: HourRuleSet | None
    entries: list[LedgerEntry]
    activities: list[tuple[str, str]]

    @property
    def by_activity(self) -> list[tuple[str, Decimal]]:
        """(label, hours) of each activity with entries this year."""
        return [
            (label, self.row.hours[code])
            for code, label in self.activities
            if code in self.row.hours
        ]


def lecturer_ledger(*, lecturer: Lecturer, school_year: int) -> LecturerLedger:
    """One lecturer's entries of the year, each with its coefficient and rule set,
    and the norm they are measured against."""
    period = (
        LedgerPeriod.objects.filter(
            school_id=lecturer.school_id, school_year=school_year
        )
        .select_related("closed_by")
        .first()
    )
    entries = list(
        LedgerEntry.objects.filter(lecturer=lecturer, period=period)
        .select_related(
            "rule_set",
            "development_rule_set",
            "session__cohort",
            "session__topic",
        )
        .order_by("date", "session__half_day", "id")
        if period
        else []
    )
    hours: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for entry in entries:
        hours[entry.activity] += entry.hours
    year_norm = LecturerYearNorm.objects.filter(
        lecturer=lecturer, school_year=school_year
    ).first()
    rule_set = hour_rule_set_for_year(school_year=school_year)
    return LecturerLedger(
        row=_row(lecturer, dict(hours), year_norm, rule_set),
        school_year=school_year,
        period=period,
        rule_set=rule_set,
        entries=entries,
        activities=list(LedgerEntry.Activity.choices),
    )


def hours_for_evaluation(
    lecturer_ids: Sequence[int], school_year: int
) -> dict[int, tuple[Decimal, Decimal | None]]:
    """(giờ chuẩn done, norm hours or None) of each lecturer in the school year:
    what the annual evaluation (`faculty.development`) reads. Four queries."""
    entries = LedgerEntry.objects.filter(
        lecturer_id__in=list(lecturer_ids), period__school_year=school_year
    )
    hours = _hours_by_lecturer(entries)
    norms = {
        norm.lecturer_id: norm
        for norm in LecturerYearNorm.objects.filter(
            lecturer_id__in=list(lecturer_ids), school_year=school_year
        )
    }
    rule_set = hour_rule_set_for_year(school_year=school_year)
    result = {}
    for lecturer in Lecturer.objects.filter(pk__in=list(lecturer_ids)).only(
        "title", "is_visiting"
    ):
        row = _row(
            lecturer, hours.get(lecturer.pk, {}), norms.get(lecturer.pk), rule_set
        )
        result[lecturer.pk] = (row.total, row.norm.hours if row.norm else None)
    return result


def ledger_by_school(*, actor: Actor, school_year: int) -> dict[int, dict[str, Any]]:
    """The ledger report of `school_year` added up per school in reach: lecturers,
    lecturers with a norm, norm hours, hours done, lecturers under their norm.
    The report's five queries, whatever the number of schools and lecturers."""
    figures: dict[int, dict[str, Any]] = {}
    for block in ledger_report(actor=actor, school_year=school_year).units:
        for row in block.rows:
            line = figures.setdefault(
                row.lecturer.school_id,
                {"lecturers": 0, "norm": ZERO, "total": ZERO, "under": 0},
            )
            line["lecturers"] += 1
            line["total"] += row.total
            if row.norm is not None:
                line["norm"] += row.norm.hours
            line["under"] += row.status == rules.UNDER
    return {
        school: line | {"norm": tidy(line["norm"]), "total": tidy(line["total"])}
        for school, line in figures.items()
    }
