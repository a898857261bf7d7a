"""The rule data (Quy định 11-QĐ/TW) and the verdict at its thresholds."""

import datetime
from decimal import Decimal

import pytest

from daotao.standards.computations import COMPUTATIONS
from daotao.standards.models import Indicator, StandardRuleSet, Verdict, verdict_of

AT_LEAST, AT_MOST = Indicator.Direction.AT_LEAST, Indicator.Direction.AT_MOST


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("69.99", Verdict.NOT_MET),
        ("70", Verdict.MET),
        ("70.01", Verdict.MET),
        ("89.99", Verdict.MET),
        ("90", Verdict.ABOVE),
        ("90.01", Verdict.ABOVE),
    ],
)
def test_at_least_threshold_and_above_standard_at_their_boundaries(value, expected):
    assert (
        verdict_of(
            Decimal(value),
            threshold=Decimal(70),
            above=Decimal(90),
            direction=AT_LEAST,
        )
        == expected
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("60.01", Verdict.NOT_MET),
        ("60", Verdict.MET),
        ("59.99", Verdict.MET),
        ("40.01", Verdict.MET),
        ("40", Verdict.ABOVE),
        ("39.99", Verdict.ABOVE),
    ],
)
def test_at_most_threshold_and_above_standard_at_their_boundaries(value, expected):
    assert (
        verdict_of(
            Decimal(value), threshold=Decimal(60), above=Decimal(40), direction=AT_MOST
        )
        == expected
    )


def test_without_an_above_mark_no_value_is_above_standard_and_none_has_no_data():
    def verdict(value):
        return verdict_of(value, threshold=Decimal(1), above=None, direction=AT_LEAST)

    assert verdict(Decimal(1000)) == Verdict.MET
    assert verdict(Decimal("0.99")) == Verdict.NOT_MET
    assert verdict(None) == Verdict.NO_DATA
    # "No one disciplined": at most 0.
    assert (
        verdict_of(Decimal(0), threshold=Decimal(0), above=None, direction=AT_MOST)
        == Verdict.MET
    )
    assert (
        verdict_of(Decimal(1), threshold=Decimal(0), above=None, direction=AT_MOST)
        == Verdict.NOT_MET
    )


@pytest.mark.django_db
def test_the_rule_set_is_dated_with_its_legal_basis_and_six_criteria():
    rule_set = StandardRuleSet.objects.for_date(datetime.date(2026, 12, 31))
    basis = rule_set.legal_basis
    assert (basis.number, basis.issued_on, basis.issuer) == (
        "11-QĐ/TW",
        datetime.date(2021, 5, 19),
        "Ban Bí thư",
    )
    assert rule_set.valid_from == datetime.date(2021, 5, 19)
    assert rule_set.level == 1
    assert rule_set.parameters["indicator_count"] == 55
    assert list(rule_set.criteria.values_list("number", flat=True)) == [
        1,
        2,
        3,
        4,
        5,
        6,
    ]
    indicators = Indicator.objects.filter(criterion__rule_set=rule_set)
    # Thresholds are UNCONFIRMED in domain.md: every one ships unconfirmed.
    assert not indicators.filter(is_confirmed=True).exists()
    assert not rule_set.is_confirmed
    sources = [i.source for i in indicators if i.source]
    assert len(sources) >= 20
    assert set(sources) <= set(COMPUTATIONS)
    assert len(sources) == len(set(sources))


@pytest.mark.django_db
def test_no_rule_set_before_the_rule_was_issued():
    from daotao.org.models import NotInForce

    with pytest.raises(NotInForce):
        StandardRuleSet.objects.for_date(datetime.date(2021, 5, 18))
