"""Eligibility of a nominee: pure functions over plain values and a rule set's
parameters. No threshold is written here; every number comes from `parameters`."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
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
    # The code of the political-theory level held ("" when none is recorded).
    theory_level: str = ""


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
    class_ends_on: datetime.date | None = None,
    theory_levels: Mapping[str, tuple[int, str]] | None = None,
    retirement: dict[str, Any] | None = None,
) -> list[RuleResult]:
    """One result per rule the parameters switch on, in a fixed order.

    `theory_levels` maps a theory-level code to (rank, name); `retirement` is the
    retirement-age roadmap in force (see `retirement_date`)."""
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
    if parameters.get("grants_theory_level"):
        results.append(_theory_level(candidate, parameters, theory_levels or {}))
    if parameters.get("check_retirement"):
        results.append(_retirement(candidate, retirement, class_ends_on))
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


def _theory_level(
    candidate: Candidate,
    parameters: dict[str, Any],
    levels: Mapping[str, tuple[int, str]],
) -> RuleResult:
    """A nominee who already holds the level the programme gives, or a higher one,
    gains nothing from it."""
    granted = parameters["grants_theory_level"]
    label = _("Chưa có trình độ lý luận chính trị lớp cấp")
    held = levels.get(candidate.theory_level)
    if held is None or held[0] < levels[granted][0]:
        return RuleResult("theory_level", label, True, "")
    detail = _(
        "Đã có trình độ %(held)s, bằng hoặc cao hơn trình độ %(granted)s mà lớp cấp."
    ) % {"held": held[1], "granted": levels[granted][1]}
    return RuleResult("theory_level", label, False, detail)


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole months; a day the target month lacks gives its last."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    last = (following - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def retirement_months(*, year: int, sex: str, roadmap: dict[str, Any]) -> int:
    """The retirement age, in months, due in `year` under the roadmap: a starting
    age in its first year, raised each year by a step up to a final age."""
    steps = roadmap[sex]
    raised = steps["start_months"] + steps["step_months"] * (
        year - roadmap["from_year"]
    )
    return max(steps["start_months"], min(raised, steps["final_months"]))


def retirement_date(
    *, born: datetime.date, sex: str, roadmap: dict[str, Any]
) -> datetime.date:
    """The day a person reaches the retirement age: the age due in the year they
    reach it (so one born late in a year may wait for the next year's higher age)."""
    # No year before the one the starting age is reached in can qualify (the age
    # due never falls below the starting age): the search starts there.
    year = max(roadmap["from_year"], born.year + roadmap[sex]["start_months"] // 12)
    while True:
        reached = _add_months(
            born, retirement_months(year=year, sex=sex, roadmap=roadmap)
        )
        if reached.year <= year:
            return reached
        year += 1


def _retirement(
    candidate: Candidate,
    roadmap: dict[str, Any] | None,
    ends_on: datetime.date | None,
) -> RuleResult:
    label = _("Chưa đến tuổi nghỉ hưu trước khi kết thúc lớp")
    if roadmap is None or ends_on is None:
        return RuleResult(
            "retirement", label, False, _("Chưa có quy định về tuổi nghỉ hưu.")
        )
    if candidate.date_of_birth is None:
        return RuleResult("retirement", label, False, _("Chưa có ngày sinh."))
    reached = retirement_date(
        born=candidate.date_of_birth, sex=candidate.sex, roadmap=roadmap
    )
    if reached >= ends_on:
        return RuleResult("retirement", label, True, "")
    years, months = divmod(
        retirement_months(year=reached.year, sex=candidate.sex, roadmap=roadmap), 12
    )
    age = (
        _("%(years)s tuổi %(months)s tháng") % {"years": years, "months": months}
        if months
        else _("%(years)s tuổi") % {"years": years}
    )
    detail = _(
        "Đủ tuổi nghỉ hưu (%(age)s) ngày %(day)s, trước khi lớp kết thúc (%(end)s)."
    ) % {"age": age, "day": f"{reached:%d/%m/%Y}", "end": f"{ends_on:%d/%m/%Y}"}
    return RuleResult("retirement", label, False, detail)
