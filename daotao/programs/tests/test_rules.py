"""Period arithmetic over plain numbers."""

from daotao.programs.rules import Periods, sum_periods, topic_total, total_mismatch


def test_topic_total_is_the_sum_of_the_four_kinds():
    assert topic_total(lecture=6, discussion=2, practice=3, field_study=1) == 12


def test_sum_periods_adds_kind_by_kind():
    total = sum_periods(
        [Periods(lecture=4, discussion=2), Periods(practice=3, field_study=5)]
    )
    assert total == Periods(lecture=4, discussion=2, practice=3, field_study=5)
    assert total.total == 14


def test_sum_of_nothing_is_zero():
    assert sum_periods([]).total == 0


def test_mismatch_when_computed_differs_from_stated():
    assert total_mismatch(1056, 1040) is True
    assert total_mismatch(1056, 1056) is False


def test_unknown_stated_total_is_not_a_mismatch():
    assert total_mismatch(None, 940) is False
