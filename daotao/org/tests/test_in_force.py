"""One meaning of "in force on a day" for every dated kind (`org.models.InForce`,
`DatedQuerySet`): both ends inclusive, an empty end open, the newest row wins, and
no row in force is a `NotInForce` naming the kind and the day."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from daotao.org.models import Area, NotInForce
from daotao.org.tests.factories import AreaFactory

pytestmark = pytest.mark.django_db

JUNE_30 = datetime.date(2025, 6, 30)
JULY_1 = datetime.date(2025, 7, 1)
KIND = "tỉnh thử"


@pytest.fixture
def areas():
    old = AreaFactory(name="Hà Tây", kind=KIND, valid_to=JUNE_30)
    new = AreaFactory(name="Hà Nội mới", kind=KIND, valid_from=JULY_1)
    return old, new


def _ours():
    return Area.objects.filter(kind=KIND)


def test_for_date_takes_both_ends_inclusive_and_open_ends(areas):
    old, new = areas
    assert _ours().for_date(JUNE_30) == old
    assert _ours().for_date(datetime.date(1990, 1, 1)) == old
    assert _ours().for_date(JULY_1) == new
    assert _ours().for_date(datetime.date(2099, 12, 31)) == new


def test_the_newest_of_several_in_force_wins(areas):
    old, new = areas
    newer = AreaFactory(name="Thủ đô", kind=KIND, valid_from=datetime.date(2026, 1, 1))
    assert _ours().for_date(datetime.date(2026, 1, 1)) == newer
    assert _ours().for_date(datetime.date(2025, 12, 31)) == new
    rows = list(_ours().newest_first())
    assert rows == [newer, new, old]
    assert Area.in_force_among(rows, datetime.date(2026, 5, 1)) == newer


def test_none_in_force_is_an_error_naming_the_kind_and_the_day(areas):
    old, _new = areas
    old.valid_to = datetime.date(2025, 6, 29)
    old.save()
    with pytest.raises(NotInForce) as raised:
        _ours().for_date(JUNE_30)
    assert isinstance(raised.value, ValidationError)
    assert raised.value.code == "not_in_force"
    assert raised.value.messages == [
        "Chưa có đơn vị hành chính có hiệu lực vào ngày 30/06/2025."
    ]
    with pytest.raises(NotInForce):
        Area.in_force_among(list(_ours().newest_first()), JUNE_30)


def test_in_force_during_keeps_rows_touching_the_span(areas):
    old, new = areas
    assert set(_ours().in_force_during(JUNE_30, JULY_1)) == {old, new}
    assert list(_ours().in_force_during(JULY_1, datetime.date(2030, 1, 1))) == [new]
    assert list(_ours().in_force_on(JUNE_30)) == [old]
