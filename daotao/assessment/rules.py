"""Assessment rules: pure functions over plain values and a rule set's parameters.

No number of the regulation is written here; every one comes from `parameters`
(see the seeding migration for the keys and the unconfirmed defaults). Scores are
`Decimal`; JSON numbers are read through `str` so 0.1 stays exactly 0.1.

Decisions the parameters encode:
- a module score is the weighted mean of its components, rounded half up to
  `rounding_step`; it is missing when the learner was absent or a component is;
- a module's result over several attempts is the highest (`retake_result:
  "highest"`) or the last attempt's (`"latest"`);
- the overall result is the mean of the module results weighted by each module's
  periods (`overall_weighting: "periods"`) or unweighted (`"equal"`), rounded
  the same way;
- a classification is the first band (highest minimum first) the value reaches,
  otherwise the fail label.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

COMPONENTS = ("attendance", "test", "exam")
FAIL_CODE = "fail"
ROUTE_EXAM, ROUTE_ESSAY, ROUTE_BOTH = "exam", "essay", "both"


def decimal_of(value: Any) -> Decimal:
    """A JSON number or string as an exact Decimal (0.1 → Decimal("0.1"))."""
    return value if isinstance(value, Decimal) else Decimal(str(value))


# A score as typed: ASCII digits, at most one "," or "." as the decimal point (a
# leading sign so that "-1" meets the range check rather than this one). Python's
# `\d` and `Decimal()` would also take "٣" (Arabic-Indic) or "３" (full-width).
SCORE_TEXT = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?", re.ASCII)


def score_of_text(text: str) -> Decimal | None:
    """The score written in `text` (spaces around it ignored), None when the text
    is not ASCII digits with "," or "." as the decimal point."""
    text = text.strip()
    if not SCORE_TEXT.fullmatch(text):
        return None
    return Decimal(text.replace(",", "."))


def not_a_score_message(value: Any) -> str:
    return _(
        "“%(value)s” không phải là điểm: chỉ dùng chữ số 0–9, dấu thập phân là "
        "dấu phẩy hoặc dấu chấm."
    ) % {"value": value}


def round_to_step(value: Decimal, step: Decimal) -> Decimal:
    """`value` rounded half up to a multiple of `step`, with the step's decimals."""
    steps = (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return (steps * step).quantize(step)


def is_on_step(value: Decimal, step: Decimal) -> bool:
    return value % step == 0


def weighted_mean(
    values: Mapping[str, Decimal], weights: Mapping[str, Decimal]
) -> Decimal:
    """Σ value × weight / Σ weight over the weighted keys (not rounded)."""
    total = sum((weights[key] for key in values), Decimal(0))
    return sum((values[key] * weights[key] for key in values), Decimal(0)) / total


def weights_of(parameters: Mapping[str, Any]) -> dict[str, Decimal]:
    return {key: decimal_of(w) for key, w in parameters["weights"].items()}


def component_errors(
    values: Mapping[str, Decimal | None], parameters: Mapping[str, Any]
) -> dict[str, str]:
    """Component → Vietnamese message for every value off the scale or the step."""
    low = decimal_of(parameters["scale"]["min"])
    high = decimal_of(parameters["scale"]["max"])
    step = decimal_of(parameters["rounding_step"])
    errors = {}
    for key, value in values.items():
        if value is None:
            continue
        if not low <= value <= high:
            errors[key] = _("Điểm phải từ %(low)s đến %(high)s.") % {
                "low": low,
                "high": high,
            }
        elif not is_on_step(value, step):
            errors[key] = _("Điểm phải làm tròn đến %(step)s.") % {"step": step}
    return errors


def module_score(
    components: Mapping[str, Decimal | None],
    parameters: Mapping[str, Any],
    *,
    is_absent: bool = False,
) -> Decimal | None:
    """The weighted, rounded score of one attempt; None if absent or incomplete."""
    weights = weights_of(parameters)
    if is_absent or any(components.get(key) is None for key in weights):
        return None
    values = {key: components[key] for key in weights}
    mean = weighted_mean(values, weights)  # type: ignore[arg-type]
    return round_to_step(mean, decimal_of(parameters["rounding_step"]))


def is_passed(result: Decimal | None, parameters: Mapping[str, Any]) -> bool:
    return result is not None and result >= decimal_of(parameters["pass_mark"])


@dataclass(frozen=True)
class Band:
    code: str
    label: str


def classify(result: Decimal, parameters: Mapping[str, Any]) -> Band:
    """The first band (highest minimum first) `result` reaches, else the fail label."""
    bands = sorted(
        parameters["bands"], key=lambda b: decimal_of(b["min"]), reverse=True
    )
    for band in bands:
        if result >= decimal_of(band["min"]):
            return Band(band["code"], band["label"])
    return Band(FAIL_CODE, parameters["fail_label"])


def may_sit_exam(
    *, attended_periods: int, planned_periods: int, parameters: Mapping[str, Any]
) -> bool:
    """Whether the attendance share reaches the minimum to sit the exam."""
    minimum = decimal_of(parameters["min_attendance_share"])
    return Decimal(attended_periods) >= minimum * Decimal(planned_periods)


def minimum_attendance_share(parameters: Mapping[str, Any]) -> Decimal:
    return decimal_of(parameters["min_attendance_share"])


def may_sit_with_share(share: Decimal, parameters: Mapping[str, Any]) -> bool:
    """Whether an attended share (0–1) of the sessions reaches the minimum."""
    return share >= minimum_attendance_share(parameters)


# What a line barred from the exam records when a rule set does not say (the
# seeded rule sets carry the same values, marked unconfirmed: migration 0007).
EXAM_BAR_DEFAULT: dict[str, Any] = {
    "label": "Không đủ điều kiện dự thi",
    "result": None,
    "may_retake": True,
    "is_confirmed": False,
}


def exam_bar(parameters: Mapping[str, Any]) -> dict[str, Any]:
    """What the rule set records for a learner barred from an exam: the label
    written on the line, the line's module score (None: no score) and whether the
    learner sits the retake."""
    return {**EXAM_BAR_DEFAULT, **parameters.get("exam_bar", {})}


def barred_result(parameters: Mapping[str, Any]) -> Decimal | None:
    result = exam_bar(parameters)["result"]
    return None if result is None else decimal_of(result)


def retake_allowed(*, attempts_taken: int, parameters: Mapping[str, Any]) -> bool:
    """Whether one more attempt is allowed after `attempts_taken` (the first
    sitting included)."""
    return attempts_taken < 1 + int(parameters["retakes"])


def module_result(
    attempt_results: Sequence[Decimal | None], parameters: Mapping[str, Any]
) -> Decimal | None:
    """A module's result from its attempts in order (None: absent or no score)."""
    if not attempt_results:
        return None
    if parameters["retake_result"] == "latest":
        return attempt_results[-1]
    present = [r for r in attempt_results if r is not None]
    return max(present) if present else None


def overall_result(
    modules: Sequence[tuple[Decimal | None, int]], parameters: Mapping[str, Any]
) -> Decimal | None:
    """Mean of (module result, module periods) pairs as the parameters weight
    them, rounded; None while any module has no result."""
    if not modules or any(result is None for result, _periods in modules):
        return None
    by_periods = parameters["overall_weighting"] == "periods"
    values = {str(i): result for i, (result, _p) in enumerate(modules)}
    weights = {
        str(i): Decimal(periods if by_periods else 1)
        for i, (_r, periods) in enumerate(modules)
    }
    if sum(weights.values()) == 0:
        return None
    mean = weighted_mean(values, weights)  # type: ignore[arg-type]
    return round_to_step(mean, decimal_of(parameters["rounding_step"]))


@dataclass(frozen=True)
class Graduation:
    is_eligible: bool
    reasons: tuple[str, ...]


def graduation(
    *,
    modules_passed: Sequence[bool],
    exam_passed: bool,
    essay_passed: bool,
    field_study_done: bool,
    parameters: Mapping[str, Any],
) -> Graduation:
    """Eligible when every module is passed, the graduation route is satisfied and
    the field study is done where required; otherwise the reasons, in Vietnamese."""
    reasons = []
    failed = sum(1 for passed in modules_passed if not passed)
    if failed:
        reasons.append(_("Còn %(count)s học phần chưa đạt.") % {"count": failed})
    route = parameters["graduation_route"]
    if route in (ROUTE_EXAM, ROUTE_BOTH) and not exam_passed:
        reasons.append(_("Chưa đạt thi tốt nghiệp."))
    if route in (ROUTE_ESSAY, ROUTE_BOTH) and not essay_passed:
        reasons.append(_("Chưa đạt tiểu luận cuối khóa."))
    if parameters["field_study_required"] and not field_study_done:
        reasons.append(_("Chưa hoàn thành đi nghiên cứu thực tế."))
    return Graduation(not reasons, tuple(reasons))


def absences_allowed(*, sessions: int, parameters: Mapping[str, Any]) -> int:
    """How many of `sessions` a learner may miss and still reach the minimum
    attendance share to sit the exam."""
    minimum = minimum_attendance_share(parameters)
    return int(
        Decimal(sessions)
        - (minimum * Decimal(sessions)).to_integral_value(rounding="ROUND_CEILING")
    )
