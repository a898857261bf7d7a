"""Giờ chuẩn: pure functions over plain values and an hour rule set's parameters.

No figure of the regulation is written here; coefficients, ranges, norms, the
largest adjustment and post reductions all come from `parameters` (seeded by
migration 0002, docs domain.md §4).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from daotao.core.text import format_number

# School practice, not a regulation: the Vietnamese school year (năm học) opens in
# September, and a ledger period is named by the year it opens in.
SCHOOL_YEAR_START_MONTH = 9

# The activity a published session of each kind is counted as.
ACTIVITY_OF_KIND = {
    "lecture": "lecture",
    "discussion": "discussion",
    "practice": "practice",
    "field_study": "field_study",
    "exam": "exam",
}
SESSION_ACTIVITIES = frozenset(ACTIVITY_OF_KIND.values())
# A lecturer's own field practice (faculty), counted per day by the development
# rule set once its report is in.
FIELD_PRACTICE = "field_practice"
# Produced by a recompute (and replaced by the next one), never entered by hand.
DERIVED_ACTIVITIES = SESSION_ACTIVITIES | {FIELD_PRACTICE}
# Counted per working day rather than per tiết.
PER_DAY_ACTIVITIES = frozenset({"field_study"})
# Entered by hand (per tiết for case studies, per learner for essays and theses);
# never produced by a session, so a recompute leaves them alone.
MANUAL_ACTIVITIES = ("case_study", "essay", "thesis")
# Titles whose norm in the rule set is a ceiling (a trainee teaches "at most" it).
DEFAULT_CEILING_TITLES = ("trainee",)

HUNDREDTH = Decimal("0.01")


def school_year_of(
    day: datetime.date, *, start_month: int = SCHOOL_YEAR_START_MONTH
) -> int:
    """The school year `day` falls in, named by the calendar year it opens in."""
    return day.year if day.month >= start_month else day.year - 1


def school_year_bounds(
    school_year: int, *, start_month: int = SCHOOL_YEAR_START_MONTH
) -> tuple[datetime.date, datetime.date]:
    """First and last day of the school year that opens in `school_year`."""
    first = datetime.date(school_year, start_month, 1)
    return first, datetime.date(school_year + 1, start_month, 1) - datetime.timedelta(
        days=1
    )


def days_in_school_year(
    starts_on: datetime.date, ends_on: datetime.date, school_year: int
) -> tuple[datetime.date, int] | None:
    """The first day and the number of days of [starts_on, ends_on] that fall in
    the school year; None when none does."""
    first, last = school_year_bounds(school_year)
    first, last = max(starts_on, first), min(ends_on, last)
    if first > last:
        return None
    return first, (last - first).days + 1


def as_decimal(value: Any) -> Decimal:
    """A JSON number (int or float) as the Decimal it was written as."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


def hours_of(quantity: Decimal, coefficient: Decimal) -> Decimal:
    """quantity × coefficient in giờ chuẩn, to the hundredth."""
    return (quantity * coefficient).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def default_coefficient(activity: str, parameters: Mapping[str, Any]) -> Decimal:
    """The coefficient the rule set applies to `activity` when none is chosen."""
    try:
        return as_decimal(parameters["coefficients"][activity])
    except KeyError:
        raise ValidationError(
            _("Bộ định mức chưa có hệ số cho hoạt động “%(activity)s”.")
            % {"activity": activity},
            code="no_coefficient",
        ) from None


def coefficient_range(
    activity: str, parameters: Mapping[str, Any]
) -> tuple[Decimal, Decimal] | None:
    """The lowest and highest coefficient allowed, or None for a fixed one."""
    bounds = parameters.get("ranges", {}).get(activity)
    if not bounds:
        return None
    return as_decimal(bounds[0]), as_decimal(bounds[1])


def check_coefficient(
    activity: str, coefficient: Decimal, parameters: Mapping[str, Any]
) -> Decimal:
    """`coefficient` if the rule set allows it for `activity` (ends included);
    otherwise a ValidationError naming the range."""
    bounds = coefficient_range(activity, parameters)
    if bounds is None:
        allowed = default_coefficient(activity, parameters)
        if coefficient != allowed:
            raise ValidationError(
                _("Hệ số của hoạt động này cố định là %(value)s.")
                % {"value": _number(allowed)},
                code="coefficient_fixed",
            )
        return coefficient
    low, high = bounds
    if not low <= coefficient <= high:
        raise ValidationError(
            _("Hệ số phải từ %(low)s đến %(high)s.")
            % {"low": _number(low), "high": _number(high)},
            code="coefficient_out_of_range",
        )
    return coefficient


@dataclass(frozen=True)
class SessionTaught:
    """The plain values of a published session that the conversion looks at."""

    session_id: int
    kind: str
    date: datetime.date
    periods: int


@dataclass(frozen=True)
class Conversion:
    session_id: int
    activity: str
    date: datetime.date
    quantity: Decimal
    coefficient: Decimal
    hours: Decimal


def convert_sessions(
    sessions: Iterable[SessionTaught], parameters: Mapping[str, Any]
) -> list[Conversion]:
    """One lecturer's sessions under one rule set, as giờ chuẩn: per tiết, except
    per-day activities, which count each date once (a morning and an afternoon of
    field study make one working day), on the day's first session."""
    conversions = []
    days_counted: set[tuple[str, datetime.date]] = set()
    for session in sorted(sessions, key=lambda s: (s.date, s.session_id)):
        activity = ACTIVITY_OF_KIND[session.kind]
        if activity in PER_DAY_ACTIVITIES:
            if (activity, session.date) in days_counted:
                continue
            days_counted.add((activity, session.date))
            quantity = Decimal(1)
        else:
            quantity = Decimal(session.periods)
        coefficient = default_coefficient(activity, parameters)
        conversions.append(
            Conversion(
                session_id=session.session_id,
                activity=activity,
                date=session.date,
                quantity=quantity,
                coefficient=coefficient,
                hours=hours_of(quantity, coefficient),
            )
        )
    return conversions


def check_adjustment(percent: int, parameters: Mapping[str, Any]) -> int:
    """`percent` if within ± the rule set's largest adjustment."""
    largest = as_decimal(parameters["max_adjustment_percent"])
    if abs(percent) > largest:
        raise ValidationError(
            _("Mức điều chỉnh định mức chỉ được trong khoảng ±%(max)s%%.")
            % {"max": _number(largest)},
            code="adjustment_too_large",
        )
    return percent


@dataclass(frozen=True)
class Norm:
    base: Decimal
    adjustment_percent: int
    reduction_hours: Decimal
    hours: Decimal


def annual_norm(
    *,
    title: str,
    parameters: Mapping[str, Any],
    adjustment_percent: int = 0,
    reduction_hours: Decimal = Decimal(0),
) -> Norm:
    """The year's norm of a lecturer with `title`: the title's norm, adjusted by
    ±percent, less the reductions for posts. A ceiling title (a trainee) may not
    be adjusted above the rule set's figure; reductions may not exceed the norm."""
    check_adjustment(adjustment_percent, parameters)
    base = as_decimal(parameters["norms"][title])
    adjusted = base * (100 + adjustment_percent) / 100
    ceilings = parameters.get("ceiling_titles", DEFAULT_CEILING_TITLES)
    if title in ceilings and adjusted > base:
        raise ValidationError(
            _("Định mức của chức danh này tối đa %(base)s giờ chuẩn.")
            % {"base": _number(base)},
            code="above_ceiling",
        )
    if reduction_hours < 0 or reduction_hours > adjusted:
        raise ValidationError(
            _("Số giờ giảm phải từ 0 đến %(norm)s.") % {"norm": _number(adjusted)},
            code="reduction_out_of_range",
        )
    return Norm(
        base=base,
        adjustment_percent=adjustment_percent,
        reduction_hours=reduction_hours,
        hours=(adjusted - reduction_hours).quantize(HUNDREDTH, ROUND_HALF_UP),
    )


OVER = "over"
UNDER = "under"
MET = "met"


def load_status(total: Decimal, norm: Decimal) -> tuple[str, Decimal]:
    """Over or under load against the norm, and the difference (total − norm)."""
    difference = total - norm
    if difference > 0:
        return OVER, difference
    if difference < 0:
        return UNDER, difference
    return MET, difference


def check_parameters(parameters: Mapping[str, Any]) -> None:
    """Refuse a rule set whose figures contradict one another: a range upside
    down, a coefficient outside its range, a norm or coefficient below zero."""
    errors = []
    for activity, value in parameters["coefficients"].items():
        if as_decimal(value) < 0:
            errors.append(_("Hệ số “%(a)s” không được âm.") % {"a": activity})
            continue
        bounds = coefficient_range(activity, parameters)
        if bounds and bounds[0] > bounds[1]:
            errors.append(_("Khoảng hệ số “%(a)s” bị ngược.") % {"a": activity})
        elif bounds and not bounds[0] <= as_decimal(value) <= bounds[1]:
            errors.append(
                _("Hệ số mặc định “%(a)s” nằm ngoài khoảng cho phép.") % {"a": activity}
            )
    for title, value in parameters["norms"].items():
        if as_decimal(value) <= 0:
            errors.append(_("Định mức “%(t)s” phải lớn hơn 0.") % {"t": title})
    for post, value in parameters.get("post_reductions", {}).items():
        if as_decimal(value) < 0:
            errors.append(_("Số giờ giảm “%(p)s” không được âm.") % {"p": post})
    if not 0 <= as_decimal(parameters["max_adjustment_percent"]) < 100:
        errors.append(_("Mức điều chỉnh tối đa phải từ 0 đến dưới 100%."))
    if errors:
        raise ValidationError(errors)


def _number(value: Decimal) -> str:
    # Without trailing zeros in messages: 2,5 rather than 2,50.
    return format_number(value.normalize())
