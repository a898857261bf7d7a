"""Giờ chuẩn rules over the seeded rule set's parameters (migration 0002)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from daotao.ledger import rules

D = datetime.date
PARAMETERS = {
    "coefficients": {
        "lecture": 1,
        "discussion": 1,
        "case_study": 2,
        "practice": 1.5,
        "field_study": 3,
        "essay": 3,
        "thesis": 8,
        "exam": 0,
    },
    "ranges": {
        "case_study": [2, 2.5],
        "practice": [1.5, 2],
        "field_study": [3, 4],
        "essay": [3, 5],
        "thesis": [8, 10],
    },
    "norms": {"trainee": 90, "lecturer": 270, "principal": 290, "senior": 310},
    "max_adjustment_percent": 15,
    "post_reductions": {},
}


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (D(2026, 8, 31), 2025),
        (D(2026, 9, 1), 2026),
        (D(2027, 3, 1), 2026),
        (D(2027, 8, 31), 2026),
    ],
)
def test_the_school_year_opens_on_the_first_of_september(day, year):
    assert rules.school_year_of(day) == year


def test_school_year_bounds():
    assert rules.school_year_bounds(2026) == (D(2026, 9, 1), D(2027, 8, 31))


@pytest.mark.parametrize(
    ("activity", "value"),
    [
        ("case_study", "2"),
        ("case_study", "2.5"),
        ("field_study", "3"),
        ("field_study", "4"),
        ("practice", "1.5"),
        ("practice", "2"),
        ("essay", "3"),
        ("essay", "5"),
        ("thesis", "8"),
        ("thesis", "10"),
    ],
)
def test_coefficients_at_the_ends_of_the_range_are_accepted(activity, value):
    assert rules.check_coefficient(activity, Decimal(value), PARAMETERS) == Decimal(
        value
    )


@pytest.mark.parametrize(
    ("activity", "value", "message"),
    [
        ("case_study", "1.99", "Hệ số phải từ 2 đến 2,5."),
        ("case_study", "2.51", "Hệ số phải từ 2 đến 2,5."),
        ("field_study", "2.99", "Hệ số phải từ 3 đến 4."),
        ("field_study", "4.01", "Hệ số phải từ 3 đến 4."),
        ("lecture", "1.5", "Hệ số của hoạt động này cố định là 1."),
    ],
)
def test_coefficients_outside_the_range_are_refused(activity, value, message):
    with pytest.raises(ValidationError) as refused:
        rules.check_coefficient(activity, Decimal(value), PARAMETERS)
    assert refused.value.messages == [message]


def _taught(pk, kind, day, periods=5):
    return rules.SessionTaught(pk, kind, day, periods)


def test_sessions_convert_per_tiet_and_field_study_per_day():
    sessions = [
        _taught(1, "lecture", D(2027, 3, 1)),
        _taught(2, "discussion", D(2027, 3, 1), 4),
        _taught(3, "practice", D(2027, 3, 2), 3),
        _taught(4, "field_study", D(2027, 3, 3)),
        _taught(5, "field_study", D(2027, 3, 3)),  # same day, afternoon
        _taught(6, "field_study", D(2027, 3, 4)),
        _taught(7, "exam", D(2027, 3, 5), 2),
    ]
    result = rules.convert_sessions(sessions, PARAMETERS)
    assert [
        (c.session_id, c.activity, c.quantity, c.coefficient, c.hours) for c in result
    ] == [
        (1, "lecture", Decimal(5), Decimal(1), Decimal("5.00")),
        (2, "discussion", Decimal(4), Decimal(1), Decimal("4.00")),
        (3, "practice", Decimal(3), Decimal("1.5"), Decimal("4.50")),
        (4, "field_study", Decimal(1), Decimal(3), Decimal("3.00")),
        (6, "field_study", Decimal(1), Decimal(3), Decimal("3.00")),
        (7, "exam", Decimal(2), Decimal(0), Decimal("0.00")),
    ]


def test_field_study_per_day_at_the_top_of_its_range():
    parameters = {**PARAMETERS, "coefficients": {**PARAMETERS["coefficients"]}}
    parameters["coefficients"]["field_study"] = 4
    [day] = rules.convert_sessions(
        [_taught(1, "field_study", D(2027, 3, 3))], parameters
    )
    assert (day.quantity, day.hours) == (Decimal(1), Decimal("4.00"))


@pytest.mark.parametrize(
    ("title", "percent", "hours"),
    [
        ("lecturer", 0, Decimal("270.00")),
        ("lecturer", -15, Decimal("229.50")),
        ("lecturer", 15, Decimal("310.50")),
        ("principal", 10, Decimal("319.00")),
        ("senior", 0, Decimal("310.00")),
        ("trainee", 0, Decimal("90.00")),
        ("trainee", -10, Decimal("81.00")),
    ],
)
def test_annual_norm_by_title_and_adjustment(title, percent, hours):
    norm = rules.annual_norm(
        title=title, parameters=PARAMETERS, adjustment_percent=percent
    )
    assert norm.hours == hours


@pytest.mark.parametrize("percent", [16, -16])
def test_an_adjustment_beyond_the_limit_is_refused(percent):
    with pytest.raises(ValidationError) as refused:
        rules.annual_norm(
            title="lecturer", parameters=PARAMETERS, adjustment_percent=percent
        )
    assert refused.value.messages == [
        "Mức điều chỉnh định mức chỉ được trong khoảng ±15%."
    ]


def test_a_trainee_teaches_at_most_the_trainee_norm():
    with pytest.raises(ValidationError) as refused:
        rules.annual_norm(title="trainee", parameters=PARAMETERS, adjustment_percent=1)
    assert refused.value.messages == ["Định mức của chức danh này tối đa 90 giờ chuẩn."]


def test_reductions_for_posts_lower_the_norm_but_not_below_zero():
    norm = rules.annual_norm(
        title="lecturer", parameters=PARAMETERS, reduction_hours=Decimal("40.5")
    )
    assert norm.hours == Decimal("229.50")
    with pytest.raises(ValidationError):
        rules.annual_norm(
            title="lecturer", parameters=PARAMETERS, reduction_hours=Decimal(271)
        )


def test_load_status():
    assert rules.load_status(Decimal(300), Decimal(270)) == ("over", Decimal(30))
    assert rules.load_status(Decimal(200), Decimal(270)) == ("under", Decimal(-70))
    assert rules.load_status(Decimal(270), Decimal(270)) == ("met", Decimal(0))


def test_the_seeded_parameters_hold_together():
    rules.check_parameters(PARAMETERS)


def test_contradictory_parameters_are_refused():
    bad = {
        **PARAMETERS,
        "coefficients": {**PARAMETERS["coefficients"], "practice": 2.1},
        "ranges": {**PARAMETERS["ranges"], "essay": [5, 3]},
    }
    with pytest.raises(ValidationError) as refused:
        rules.check_parameters(bad)
    assert refused.value.messages == [
        "Hệ số mặc định “practice” nằm ngoài khoảng cho phép.",
        "Khoảng hệ số “essay” bị ngược.",
    ]


sessions_strategy = st.lists(
    st.builds(
        rules.SessionTaught,
        session_id=st.integers(1, 10_000),
        kind=st.sampled_from(sorted(rules.ACTIVITY_OF_KIND)),
        date=st.dates(D(2026, 9, 1), D(2027, 8, 31)),
        periods=st.integers(1, 6),
    ),
    max_size=40,
    unique_by=lambda s: s.session_id,
)


@given(sessions_strategy)
def test_each_hour_is_quantity_times_coefficient_and_days_count_once(sessions):
    result = rules.convert_sessions(sessions, PARAMETERS)
    for c in result:
        assert c.hours == c.quantity * c.coefficient
    per_tiet = [s for s in sessions if s.kind != "field_study"]
    days = {s.date for s in sessions if s.kind == "field_study"}
    assert len(result) == len(per_tiet) + len(days)
    assert sum(c.quantity for c in result if c.activity != "field_study") == sum(
        s.periods for s in per_tiet
    )
    assert rules.convert_sessions(list(reversed(sessions)), PARAMETERS) == result
