"""Eligibility rules at their boundaries (Quy định 350-QĐ/TW defaults)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daotao.enrolment.rules import (
    Candidate,
    age_on,
    check_eligibility,
    retirement_date,
)

PARAMETERS = {
    "require_party_member": True,
    "min_education": "CD",
    "minority_min_education": "THPT",
    "rating_years": 2,
    "min_rating": "good",
    "part_time_min_age": {"female": 28, "male": 30},
    "require_qualifying_post": True,
}
RANKS = {"THCS": 1, "THPT": 2, "TC": 3, "CD": 4, "DH": 5, "THS": 6, "TS": 7}
START = datetime.date(2026, 3, 2)


def candidate(**changes):
    values = {
        "sex": "female",
        "date_of_birth": datetime.date(1990, 1, 1),
        "is_party_member": True,
        "education_rank": RANKS["DH"],
        "is_ethnic_minority": False,
        "ratings": ("good", "excellent"),
        "is_post_qualifying": True,
        "theory_level": "",
    }
    values.update(changes)
    return Candidate(**values)


def results(c, mode="part_time", starts_on=START):
    return {
        r.rule: r.passed
        for r in check_eligibility(
            c,
            parameters=PARAMETERS,
            mode=mode,
            class_starts_on=starts_on,
            education_ranks=RANKS,
        )
    }


def test_a_good_candidate_passes_every_rule():
    assert results(candidate()) == {
        "party_member": True,
        "education": True,
        "rating": True,
        "age": True,
        "post": True,
    }


@pytest.mark.parametrize(
    ("sex", "born", "passed"),
    [
        ("female", datetime.date(1998, 3, 3), False),  # 27 years 364 days
        ("female", datetime.date(1998, 3, 2), True),  # 28 on the start date
        ("male", datetime.date(1996, 3, 3), False),  # 29 years 364 days
        ("male", datetime.date(1996, 3, 2), True),  # 30 on the start date
    ],
)
def test_part_time_age_at_the_class_start(sex, born, passed):
    assert results(candidate(sex=sex, date_of_birth=born))["age"] is passed


def test_age_does_not_apply_to_full_time():
    young = candidate(date_of_birth=datetime.date(2000, 1, 1))
    assert "age" not in results(young, mode="full_time")


@pytest.mark.parametrize(
    ("rank", "minority", "passed"),
    [
        ("CD", False, True),
        ("TC", False, False),
        ("THPT", False, False),
        ("THPT", True, True),  # the ethnic-minority exception
        ("THCS", True, False),
    ],
)
def test_education_with_the_ethnic_minority_exception(rank, minority, passed):
    c = candidate(education_rank=RANKS[rank], is_ethnic_minority=minority)
    assert results(c)["education"] is passed


@pytest.mark.parametrize(
    ("ratings", "passed"),
    [
        (("good", "good"), True),
        (("excellent", "good"), True),
        (("good", "done"), False),
        (("good", ""), False),
    ],
)
def test_two_years_rated_good_or_better(ratings, passed):
    assert results(candidate(ratings=ratings))["rating"] is passed


def test_party_member_and_post():
    r = results(candidate(is_party_member=False, is_post_qualifying=False))
    assert (r["party_member"], r["post"]) == (False, False)


@given(
    born=st.dates(datetime.date(1950, 1, 1), datetime.date(2010, 12, 31)),
    day=st.dates(datetime.date(2010, 1, 1), datetime.date(2040, 12, 31)),
)
def test_age_rises_by_one_on_each_birthday(born, day):
    later = day + datetime.timedelta(days=1)
    assert age_on(born, later) - age_on(born, day) in (0, 1)
    assert age_on(born, later) >= age_on(born, day)


# --- Political-theory level and retirement age -------------------------------------

THEORY_LEVELS = {
    "CHUA": (1, "Chưa qua đào tạo"),
    "SC": (2, "Sơ cấp"),
    "TC": (3, "Trung cấp"),
    "CC": (4, "Cao cấp"),
    "CN": (5, "Cử nhân"),
}
# NĐ 135/2020/NĐ-CP: from 2021 men 60 years 3 months, +3 months a year up to 62;
# women 55 years 4 months, +4 months a year up to 60.
ROADMAP = {
    "from_year": 2021,
    "male": {"start_months": 723, "step_months": 3, "final_months": 744},
    "female": {"start_months": 664, "step_months": 4, "final_months": 720},
}
END = datetime.date(2027, 8, 30)


def full_results(c, parameters, ends_on=END):
    return {
        r.rule: r
        for r in check_eligibility(
            c,
            parameters=parameters,
            mode="full_time",
            class_starts_on=START,
            class_ends_on=ends_on,
            education_ranks=RANKS,
            theory_levels=THEORY_LEVELS,
            retirement=ROADMAP,
        )
    }


@pytest.mark.parametrize(
    ("held", "passed"),
    [("", True), ("CHUA", True), ("SC", True), ("TC", False), ("CC", False),
     ("CN", False)],
)  # fmt: skip
def test_a_nominee_who_already_holds_the_level_or_higher_is_flagged(held, passed):
    parameters = {**PARAMETERS, "grants_theory_level": "TC"}
    result = full_results(candidate(theory_level=held), parameters)["theory_level"]
    assert result.passed is passed
    assert result.label == "Chưa có trình độ lý luận chính trị lớp cấp"
    if not passed:
        assert result.detail == (
            f"Đã có trình độ {THEORY_LEVELS[held][1]}, bằng hoặc cao hơn trình độ "
            "Trung cấp mà lớp cấp."
        )


def test_the_theory_rule_only_applies_when_the_programme_grants_a_level():
    results = full_results(candidate(theory_level="CC"), PARAMETERS)
    assert "theory_level" not in results


@pytest.mark.parametrize(
    ("sex", "born", "expected"),
    [
        # 60y3m in 2021: born 01/1961 reaches it on 01/04/2021.
        ("male", datetime.date(1961, 1, 1), datetime.date(2021, 4, 1)),
        # Born 10/1961: 60y3m falls in 2022, when 60y6m is due: 01/04/2022.
        ("male", datetime.date(1961, 10, 1), datetime.date(2022, 4, 1)),
        # 62 from 2028 on.
        ("male", datetime.date(1968, 5, 20), datetime.date(2030, 5, 20)),
        # 55y4m in 2021.
        ("female", datetime.date(1966, 1, 15), datetime.date(2021, 5, 15)),
        # Born 03/1968: 56y4m in 2024.
        ("female", datetime.date(1968, 3, 10), datetime.date(2024, 7, 10)),
        # 60 from 2035 on.
        ("female", datetime.date(1980, 6, 30), datetime.date(2040, 6, 30)),
        # A day that the target month lacks: the month's last day.
        # (60y6m from 31/05/1962 is "31/11/2022").
        ("male", datetime.date(1962, 5, 31), datetime.date(2022, 11, 30)),
    ],
)
def test_retirement_date_follows_the_roadmap(sex, born, expected):
    assert retirement_date(born=born, sex=sex, roadmap=ROADMAP) == expected


@pytest.mark.parametrize(
    ("born", "passed"),
    [
        # Man born 30/11/1965 reaches 61y9m (2027) on 30/08/2027: the last day.
        (datetime.date(1965, 11, 30), True),
        (datetime.date(1965, 11, 29), False),
    ],
)
def test_retirement_age_before_the_class_ends(born, passed):
    parameters = {**PARAMETERS, "check_retirement": True}
    result = full_results(candidate(sex="male", date_of_birth=born), parameters)[
        "retirement"
    ]
    assert result.passed is passed
    assert result.label == "Chưa đến tuổi nghỉ hưu trước khi kết thúc lớp"


def test_the_retirement_detail_says_when():
    parameters = {**PARAMETERS, "check_retirement": True}
    woman = candidate(sex="female", date_of_birth=datetime.date(1968, 3, 10))
    result = full_results(woman, parameters)["retirement"]
    assert result.passed is False
    assert result.detail == (
        "Đủ tuổi nghỉ hưu (56 tuổi 4 tháng) ngày 10/07/2024, trước khi lớp kết "
        "thúc (30/08/2027)."
    )


def test_without_a_roadmap_the_retirement_rule_cannot_pass():
    parameters = {**PARAMETERS, "check_retirement": True}
    results = {
        r.rule: r
        for r in check_eligibility(
            candidate(),
            parameters=parameters,
            mode="full_time",
            class_starts_on=START,
            class_ends_on=END,
            education_ranks=RANKS,
            theory_levels=THEORY_LEVELS,
            retirement=None,
        )
    }
    assert results["retirement"].passed is False
    assert results["retirement"].detail == "Chưa có quy định về tuổi nghỉ hưu."


def test_a_rating_of_not_done_fails_a_one_year_rule():
    parameters = {"rating_years": 1, "min_rating": "done"}
    assert (
        full_results(candidate(ratings=("not_done", "")), parameters)["rating"].passed
        is False
    )
    assert full_results(candidate(ratings=("done", "")), parameters)["rating"].passed
