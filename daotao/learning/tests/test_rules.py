"""The support and conduct rules at their edges, over the default parameters'
shape (numbers chosen here, not the shipped defaults)."""

from decimal import Decimal

import pytest

from daotao.learning.rules import (
    LearnerFacts,
    conduct_outcome,
    extra_per_day,
    support_amounts,
    travel_amount,
)

BANDS = [
    {"up_to_km": 15, "amount": 0},
    {"up_to_km": 50, "amount": 100_000},
    {"up_to_km": 100, "amount": 200_000},
    {"up_to_km": None, "amount": 300_000},
]
PARAMS = {
    "meal_per_day": 100_000,
    "lodging_per_night": 150_000,
    "lodging_from_km": 15,
    "travel_bands": BANDS,
    "extra_per_day": {"female": 20_000, "ethnic_minority": 30_000, "remote": 50_000},
    "extra_combine": "sum",
}


def facts(days=5, km="60", female=False, minority=False, remote=False):
    return LearnerFacts(
        days_present=days,
        distance_km=None if km is None else Decimal(km),
        is_female=female,
        is_ethnic_minority=minority,
        is_remote=remote,
    )


@pytest.mark.parametrize(
    ("km", "amount"),
    [
        (None, 0),
        ("0", 0),
        ("0.1", 0),
        ("15", 0),  # the upper edge belongs to its band
        ("15.1", 100_000),
        ("50", 100_000),
        ("50.1", 200_000),
        ("100", 200_000),
        ("100.1", 300_000),
        ("420", 300_000),
    ],
)
def test_travel_band_edges_are_inclusive_upper_bounds(km, amount):
    assert travel_amount(BANDS, None if km is None else Decimal(km)) == amount


def test_travel_beyond_closed_bands_is_nothing():
    assert travel_amount(BANDS[:2], Decimal("51")) == 0


@pytest.mark.parametrize(
    ("female", "minority", "remote", "combine", "expected"),
    [
        (False, False, False, "sum", 0),
        (True, False, False, "sum", 20_000),
        (True, True, False, "sum", 50_000),
        (True, True, True, "sum", 100_000),
        (False, True, True, "sum", 80_000),
        (True, True, True, "max", 50_000),
        (True, True, False, "max", 30_000),
        (False, False, False, "max", 0),
    ],
)
def test_extra_support_combinations(female, minority, remote, combine, expected):
    params = PARAMS | {"extra_combine": combine}
    held = facts(female=female, minority=minority, remote=remote)
    assert extra_per_day(params, held) == expected


def test_full_amounts_for_a_far_minority_woman_from_a_remote_commune():
    amounts = support_amounts(
        PARAMS, facts(days=5, km="60", female=True, minority=True, remote=True)
    )
    assert (amounts.meals, amounts.nights, amounts.lodging) == (500_000, 5, 750_000)
    assert (amounts.travel, amounts.extra) == (200_000, 500_000)
    assert amounts.total == 1_950_000


def test_partial_attendance_counts_only_the_days_present():
    full = support_amounts(PARAMS, facts(days=20, remote=True))
    partial = support_amounts(PARAMS, facts(days=13, remote=True))
    assert (full.meals, partial.meals) == (2_000_000, 1_300_000)
    assert (full.nights, partial.nights) == (20, 13)
    assert (full.extra, partial.extra) == (1_000_000, 650_000)
    # one round trip whatever the days
    assert full.travel == partial.travel == 200_000


def test_no_day_present_is_no_support_at_all():
    amounts = support_amounts(PARAMS, facts(days=0, km="200", remote=True))
    assert amounts.total == 0


@pytest.mark.parametrize(
    ("km", "nights"), [("14.9", 0), ("15", 3), ("15.1", 3), ("0", 0), (None, 0)]
)
def test_lodging_from_its_distance_inclusive(km, nights):
    amounts = support_amounts(PARAMS, facts(days=3, km=km))
    assert amounts.nights == nights
    assert amounts.lodging == nights * 150_000


def test_unknown_commune_gets_meals_only():
    amounts = support_amounts(PARAMS, facts(days=4, km=None))
    assert (amounts.meals, amounts.lodging, amounts.travel) == (400_000, 0, 0)


CONDUCT = {
    "start": 100,
    "floor": 0,
    "ceiling": 100,
    "points": {"absent": -5, "late": -1, "praise": 2, "warning": -30},
    "bands": [
        {"min": 90, "label": "Tốt"},
        {"min": 70, "label": "Khá"},
        {"min": 50, "label": "Trung bình"},
        {"min": 0, "label": "Yếu"},
    ],
}


@pytest.mark.parametrize(
    ("counts", "score", "label"),
    [
        ({}, 100, "Tốt"),
        ({"absent": 2}, 90, "Tốt"),  # a band's minimum belongs to it
        ({"absent": 2, "late": 1}, 89, "Khá"),
        ({"absent": 6}, 70, "Khá"),
        ({"absent": 6, "late": 1}, 69, "Trung bình"),
        ({"warning": 1, "absent": 4}, 50, "Trung bình"),
        ({"warning": 1, "absent": 4, "late": 1}, 49, "Yếu"),
        ({"warning": 5}, 0, "Yếu"),  # floor
        ({"praise": 3}, 100, "Tốt"),  # ceiling
        ({"unknown": 9}, 100, "Tốt"),  # an event the rules do not score
    ],
)
def test_conduct_bands_at_their_edges(counts, score, label):
    outcome = conduct_outcome(CONDUCT, counts)
    assert (outcome.score, outcome.label) == (score, label)
