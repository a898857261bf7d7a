"""Eligibility of a nominee: pure functions over plain values and a rule set's
parameters. No threshold is written here; every number comes from `parameters`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

PART_TIME = "part_time"
RATING_ORDER = ["not_done", "done", "good", "excellent"]


@dataclass(frozen=True)
class Candidate:
    sex: str
    date_of_birth: datetime.date | None
    is_party_member: bool
    education_rank: int | None
    is_ethnic_minority: bool
    ratings: tuple[str, ...]
    is_post_qualifying: bool


@dataclass(frozen=True)
class RuleResult:
    rule: str
    label: str
    passed: bool
    detail: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "label": self.label,
            "passed": self.passed,
            "detail": self.detail,
        }


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Whole years of age on `day` (the birthday itself counts)."""
    before_birthday = (day.month, day.day) < (born.month, born.day)
    return day.year - born.year - before_birthday


def check_eligibility(
    candidate: Candidate,
    *,
    parameters: dict[str, Any],
    mode: str,
    class_starts_on: datetime.date,
    education_ranks: dict[str, int],
) -> list[RuleResult]:
    """One result per rule the parameters switch on, in a fixed order."""
    results = []
    if parameters.get("require_party_member"):
        results.append(
            RuleResult(
                "party_member",
                _("Là đảng viên"),
                candidate.is_party_member,
                "" if candidate.is_party_member else _("Chưa có ngày vào Đảng."),
            )
        )
    if "min_education" in parameters:
        results.append(_education(candidate, parameters, education_ranks))
    if parameters.get("rating_years"):
        results.append(_ratings(candidate, parameters))
    if mode == PART_TIME and "part_time_min_age" in parameters:
        results.append(_age(candidate, parameters, class_starts_on))
    if parameters.get("require_qualifying_post"):
        results.append(
            RuleResult(
                "post",
                _("Đương chức hoặc trong quy hoạch chức danh thuộc đối tượng"),
                candidate.is_post_qualifying,
                ""
                if candidate.is_post_qualifying
                else _("Cơ quan cử chưa xác nhận chức vụ hoặc quy hoạch."),
            )
        )
    return results


def _education(
    candidate: Candidate, parameters: dict[str, Any], ranks: dict[str, int]
) -> RuleResult:
    required = parameters["min_education"]
    if candidate.is_ethnic_minority and "minority_min_education" in parameters:
        required = parameters["minority_min_education"]
    needed = ranks[required]
    passed = candidate.education_rank is not None and candidate.education_rank >= needed
    detail = (
        ""
        if passed
        else _("Trình độ chưa đạt mức tối thiểu (%(code)s).") % {"code": required}
    )
    return RuleResult("education", _("Trình độ chuyên môn"), passed, detail)


def _ratings(candidate: Candidate, parameters: dict[str, Any]) -> RuleResult:
    years = parameters["rating_years"]
    minimum = RATING_ORDER.index(parameters["min_rating"])
    given = [r for r in candidate.ratings[:years] if r]
    passed = len(given) == years and all(
        RATING_ORDER.index(r) >= minimum for r in given
    )
    detail = (
        ""
        if passed
        else _(
            "Cần %(years)s năm liền kề xếp loại từ “hoàn thành tốt nhiệm vụ” trở lên."
        )
        % {"years": years}
    )
    return RuleResult("rating", _("Xếp loại chất lượng"), passed, detail)


def _age(
    candidate: Candidate, parameters: dict[str, Any], starts_on: datetime.date
) -> RuleResult:
    minimum = parameters["part_time_min_age"][candidate.sex]
    label = _("Tuổi tối thiểu học hệ không tập trung")
    if candidate.date_of_birth is None:
        return RuleResult("age", label, False, _("Chưa có ngày sinh."))
    age = age_on(candidate.date_of_birth, starts_on)
    passed = age >= minimum
    detail = _("%(age)s tuổi vào ngày khai giảng; cần từ %(minimum)s tuổi.") % {
        "age": age,
        "minimum": minimum,
    }
    return RuleResult("age", label, passed, detail)
