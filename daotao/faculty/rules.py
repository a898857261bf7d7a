"""Pure rules of lecturer development: the numbers come from `DevelopmentRuleSet`.

Every function takes plain data (dates, numbers, the rule set's `parameters`) and
returns plain data, so each can be tested at its boundaries without a database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# The keys every rule set's `parameters` must hold; the numbers themselves are data
# (the rule set shipped by migration 0004, edited by the training office): no page
# or computation falls back on numbers written here.
REQUIRED_KEYS: tuple[str, ...] = (
    # giờ chuẩn counted for one day of a lecturer's own field practice
    "field_practice_hours_per_day",
    # days of field practice a lecturer is expected to do in a calendar year
    "field_practice_days_per_year",
    # a certificate is "due" this many days before it expires
    "certificate_warning_days",
    # the class-observation form: criteria ({key, label}), each scored 0..scale_max
    "observation_scale_max",
    "observation_criteria",
    # an observed lesson's band ({min, label}): the first whose minimum the
    # average reaches
    "observation_bands",
    # which school year's giờ chuẩn the evaluation of a calendar year reads: the
    # ledger's school year starting in that year plus this offset (-1: the school
    # year September of the year before – August of the year evaluated)
    "hours_school_year_offset",
    # the levels of NĐ 90/2020/NĐ-CP ({code, label, min_hours_percent, min_research,
    # min_observation, field_practice_done}), best first: the first band whose
    # every minimum is met is proposed; the last asks for nothing
    "evaluation_bands",
)

TWO_PLACES = Decimal("0.01")


def _decimal(value: Any, name: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (ArithmeticError, ValueError) as error:
        raise ValidationError(
            _("Tham số %(name)s không phải là số.") % {"name": name}
        ) from error


def validate_parameters(parameters: dict[str, Any]) -> None:
    """Refuse parameters the rules cannot use (a missing key, a wrong number, a
    band list that does not end with a band without minimums)."""
    missing = [key for key in REQUIRED_KEYS if key not in parameters]
    if missing:
        raise ValidationError(
            _("Thiếu tham số: %(keys)s.") % {"keys": ", ".join(missing)}
        )
    if _decimal(parameters["field_practice_hours_per_day"], "hours") < 0:
        raise ValidationError(_("Số giờ chuẩn một ngày đi thực tế không được âm."))
    if _decimal(parameters["observation_scale_max"], "scale") <= 0:
        raise ValidationError(_("Thang điểm dự giờ phải lớn hơn 0."))
    if not parameters["observation_criteria"]:
        raise ValidationError(_("Phiếu dự giờ phải có ít nhất một tiêu chí."))
    bands = parameters["evaluation_bands"]
    if not bands or any(k.startswith("min_") for k in bands[-1]):
        raise ValidationError(
            _("Mức xếp loại cuối cùng phải không có điều kiện tối thiểu.")
        )


# --- Field practice -----------------------------------------------------------------


def days_in_year(starts_on: datetime.date, ends_on: datetime.date, year: int) -> int:
    """Days of [starts_on, ends_on] that fall in the calendar `year` (0 if none)."""
    first = max(starts_on, datetime.date(year, 1, 1))
    last = min(ends_on, datetime.date(year, 12, 31))
    return max((last - first).days + 1, 0)


def field_practice_hours(days: int, parameters: dict[str, Any]) -> Decimal:
    """giờ chuẩn counted for `days` days of field practice."""
    per_day = _decimal(parameters["field_practice_hours_per_day"], "hours")
    return (per_day * days).quantize(TWO_PLACES, ROUND_HALF_UP)


def field_practice_due(done_days: int, parameters: dict[str, Any]) -> int:
    """Days still owed this year (0 once the expected days are reached)."""
    return max(int(parameters["field_practice_days_per_year"]) - done_days, 0)


# --- Certificates ----------------------------------------------------------------


EXPIRED = "expired"
EXPIRING = "expiring"
VALID = "valid"


def certificate_state(
    expires_on: datetime.date | None, today: datetime.date, parameters: dict[str, Any]
) -> str:
    """Expired after its last day, expiring within the warning days (the day it
    expires included), valid otherwise (or with no expiry)."""
    if expires_on is None:
        return VALID
    if expires_on < today:
        return EXPIRED
    warning = datetime.timedelta(days=int(parameters["certificate_warning_days"]))
    return EXPIRING if expires_on <= today + warning else VALID


# --- Class observations ----------------------------------------------------------


@dataclass(frozen=True)
class ObservationScore:
    average: Decimal
    band: str


def observation_score(
    scores: dict[str, Any], parameters: dict[str, Any]
) -> ObservationScore:
    """The average of the criteria's scores and its band; refused when a criterion
    is missing or a score is off the scale."""
    scale = _decimal(parameters["observation_scale_max"], "scale")
    values = []
    for criterion in parameters["observation_criteria"]:
        key = criterion["key"]
        if scores.get(key) in (None, ""):
            raise ValidationError(
                {key: [_("Chưa chấm tiêu chí “%s”.") % criterion["label"]]}
            )
        value = _decimal(scores[key], key)
        if not Decimal(0) <= value <= scale:
            raise ValidationError(
                {key: [_("Điểm phải từ 0 đến %s.") % scale.normalize()]}
            )
        values.append(value)
    average = (sum(values) / len(values)).quantize(TWO_PLACES, ROUND_HALF_UP)
    band = next(
        (
            b["label"]
            for b in parameters["observation_bands"]
            if average >= _decimal(b["min"], "min")
        ),
        "",
    )
    return ObservationScore(average=average, band=band)


# --- Annual evaluation --------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationInputs:
    """What a year's evaluation reads: `hours_percent` of the norm done (None: no
    norm, e.g. a visiting lecturer), research works, the average of observed
    lessons (None: none observed) and whether the expected field practice is done."""

    hours_percent: Decimal | None
    research: int
    observation: Decimal | None
    field_practice_done: bool


def _meets(band: dict[str, Any], inputs: EvaluationInputs) -> bool:
    if "min_hours_percent" in band:
        need = _decimal(band["min_hours_percent"], "min_hours_percent")
        if need > 0 and (inputs.hours_percent is None or inputs.hours_percent < need):
            return False
    if inputs.research < int(band.get("min_research", 0)):
        return False
    if "min_observation" in band:
        need = _decimal(band["min_observation"], "min_observation")
        if need > 0 and (inputs.observation is None or inputs.observation < need):
            return False
    return not (band.get("field_practice_done") and not inputs.field_practice_done)


def classify(inputs: EvaluationInputs, parameters: dict[str, Any]) -> dict[str, Any]:
    """The first band (best first) whose every minimum the inputs reach; a minimum
    of 0 asks for nothing, so a lecturer with no observed lesson or no norm still
    reaches a band that does not ask for one."""
    bands = parameters["evaluation_bands"]
    for band in bands:
        if _meets(band, inputs):
            return band
    return bands[-1]


def hours_school_year(year: int, parameters: dict[str, Any]) -> int:
    """The ledger's school year (the year it starts) read for `year`'s evaluation."""
    return year + int(parameters["hours_school_year_offset"])


def band_label(code: str, parameters: dict[str, Any]) -> str:
    return next(
        (b["label"] for b in parameters["evaluation_bands"] if b["code"] == code), code
    )


def hours_percent(done: Decimal, norm: Decimal | None) -> Decimal | None:
    if not norm:
        return None
    return (Decimal(done) * 100 / Decimal(norm)).quantize(TWO_PLACES, ROUND_HALF_UP)
