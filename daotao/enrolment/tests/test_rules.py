"""Eligibility rules at their boundaries (Quy định 350-QĐ/TW defaults)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from daotao.enrolment.rules import Candidate, age_on, check_eligibility

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
