"""Calendar writes: holidays (shared by every school) and travel times between
the sites of a school, each audited; refusals change nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.org.models import LegalBasis, Site
from daotao.org.tests.factories import SchoolFactory
from daotao.teaching.models import Holiday, SiteTravel
from daotao.teaching.services.calendar import (
    HolidayData,
    holiday_confirm,
    holiday_create,
    holiday_delete,
    holiday_update,
    site_travel_set,
)

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def _holidays():
    return list(
        Holiday.objects.order_by("date").values_list(
            "date", "name", "legal_basis_id", "is_confirmed"
        )
    )


def _events(prefix):
    return list(
        AuditEvent.objects.filter(action__startswith=prefix)
        .order_by("id")
        .values_list("action", "object_id", "changes")
    )


# --- Holidays --------------------------------------------------------------------


def test_the_seeded_2026_holidays_are_there():
    """The migration's list: eleven days, the lunar ones waiting for confirmation."""
    days = Holiday.objects.filter(date__year=2026)
    assert days.count() == 11
    assert days.filter(is_confirmed=False).count() == 7


def test_create_adds_the_day_and_records_it(office):
    basis = LegalBasis.objects.get(number="45/2019/QH14")
    holiday = holiday_create(
        actor=office,
        data=HolidayData(date=D(2030, 9, 2), name="  Quốc khánh ", legal_basis=basis),
    )
    holiday.refresh_from_db()
    assert (
        holiday.date,
        holiday.name,
        holiday.legal_basis_id,
        holiday.is_confirmed,
    ) == (
        D(2030, 9, 2),
        "Quốc khánh",
        basis.pk,
        False,
    )
    assert _events("teaching.holiday_") == [
        (
            "teaching.holiday_create",
            str(holiday.pk),
            {
                "date": [None, "2030-09-02"],
                "name": [None, "Quốc khánh"],
                "legal_basis": [None, basis.pk],
                "is_confirmed": [None, False],
            },
        )
    ]
    event = AuditEvent.objects.get(action="teaching.holiday_create")
    assert (event.actor, event.school_id, event.object_type) == (
        office,
        None,
        "teaching.holiday",
    )


def test_a_taken_day_or_an_empty_name_is_refused(office):
    before = (_holidays(), _events("teaching.holiday_"))
    with pytest.raises(ValidationError) as caught:
        holiday_create(actor=office, data=HolidayData(date=D(2026, 9, 2), name=" "))
    assert caught.value.message_dict == {
        "name": ["Hãy nhập tên ngày nghỉ."],
        "date": ["Ngày 02/09/2026 đã có trong danh sách ngày nghỉ (Quốc khánh)."],
    }
    assert (_holidays(), _events("teaching.holiday_")) == before


def test_update_changes_the_day_and_records_only_what_changed(office):
    holiday = Holiday.objects.get(date=D(2027, 4, 16))
    holiday_update(
        actor=office,
        holiday=holiday,
        data=HolidayData(
            date=D(2027, 4, 15),
            name="Giỗ Tổ Hùng Vương",
            legal_basis=holiday.legal_basis,
            is_confirmed=True,
        ),
    )
    holiday.refresh_from_db()
    assert (holiday.date, holiday.name, holiday.is_confirmed) == (
        D(2027, 4, 15),
        "Giỗ Tổ Hùng Vương",
        True,
    )
    assert _events("teaching.holiday_") == [
        (
            "teaching.holiday_update",
            str(holiday.pk),
            {"date": ["2027-04-16", "2027-04-15"], "is_confirmed": [False, True]},
        )
    ]


def test_update_keeping_everything_writes_no_audit_row(office):
    holiday = Holiday.objects.get(date=D(2027, 4, 16))
    holiday_update(
        actor=office,
        holiday=holiday,
        data=HolidayData(
            date=holiday.date,
            name=holiday.name,
            legal_basis=holiday.legal_basis,
            is_confirmed=holiday.is_confirmed,
        ),
    )
    assert _events("teaching.holiday_") == []


def test_update_onto_another_holiday_is_refused(office):
    holiday = Holiday.objects.get(date=D(2027, 4, 16))
    before = (_holidays(), _events("teaching.holiday_"))
    with pytest.raises(ValidationError) as caught:
        holiday_update(
            actor=office,
            holiday=holiday,
            data=HolidayData(date=D(2027, 4, 30), name="Giỗ Tổ"),
        )
    assert caught.value.message_dict == {
        "date": ["Ngày 30/04/2027 đã có trong danh sách ngày nghỉ (Ngày Chiến thắng)."]
    }
    assert (_holidays(), _events("teaching.holiday_")) == before


def test_confirm_marks_the_day_once(office):
    holiday = Holiday.objects.get(date=D(2026, 2, 17))
    holiday_confirm(actor=office, holiday=holiday)
    holiday_confirm(actor=office, holiday=holiday)
    holiday.refresh_from_db()
    assert holiday.is_confirmed is True
    assert _events("teaching.holiday_") == [
        ("teaching.holiday_confirm", str(holiday.pk), {"is_confirmed": [False, True]})
    ]


def test_delete_removes_the_day_and_the_audit_keeps_it(office):
    holiday = Holiday.objects.get(date=D(2026, 9, 1))
    pk = holiday.pk
    holiday_delete(actor=office, holiday=holiday)
    assert not Holiday.objects.filter(pk=pk).exists()
    assert _events("teaching.holiday_") == [
        (
            "teaching.holiday_delete",
            str(pk),
            {
                "date": ["2026-09-01", None],
                "name": ["Quốc khánh (ngày liền kề)", None],
                "legal_basis": [holiday.legal_basis_id, None],
                "is_confirmed": [False, None],
            },
        )
    ]


@pytest.mark.parametrize(
    "role", [Role.LEADERSHIP, Role.FACULTY_HEAD, Role.LECTURER, Role.SUPERVISOR]
)
def test_roles_without_manage_schedule_change_no_holiday(make_user, role):
    actor = make_user(role)
    holiday = Holiday.objects.get(date=D(2026, 2, 17))
    data = HolidayData(date=D(2030, 1, 1), name="Tết Dương lịch")
    before = (_holidays(), _events("teaching.holiday_"))
    for write in (
        lambda: holiday_create(actor=actor, data=data),
        lambda: holiday_update(actor=actor, holiday=holiday, data=data),
        lambda: holiday_confirm(actor=actor, holiday=holiday),
        lambda: holiday_delete(actor=actor, holiday=holiday),
    ):
        with pytest.raises(PermissionDenied):
            write()
    assert (_holidays(), _events("teaching.holiday_")) == before


# --- Travel between sites ----------------------------------------------------------


@pytest.fixture
def sites(school):
    return (
        Site.objects.create(school=school, name="Cơ sở chính"),
        Site.objects.create(
            school=school, name="Trung tâm huyện", kind=Site.Kind.OFF_SITE
        ),
    )


def _travel():
    return sorted(
        SiteTravel.objects.values_list("from_site_id", "to_site_id", "half_days")
    )


def test_set_writes_both_directions_and_records_it(office, sites):
    campus, off_site = sites
    forward = site_travel_set(
        actor=office, from_site=campus, to_site=off_site, half_days=2
    )
    assert (forward.from_site_id, forward.to_site_id) == (campus.pk, off_site.pk)
    assert _travel() == sorted(
        [(campus.pk, off_site.pk, 2), (off_site.pk, campus.pk, 2)]
    )
    assert _events("teaching.site_travel") == [
        (
            "teaching.site_travel_set",
            str(forward.pk),
            {"half_days": [None, 2], "half_days_back": [None, 2]},
        )
    ]


def test_set_updates_both_directions_and_unchanged_writes_nothing(office, sites):
    campus, off_site = sites
    SiteTravel.objects.create(from_site=campus, to_site=off_site, half_days=1)
    SiteTravel.objects.create(from_site=off_site, to_site=campus, half_days=3)
    site_travel_set(actor=office, from_site=off_site, to_site=campus, half_days=2)
    site_travel_set(actor=office, from_site=campus, to_site=off_site, half_days=2)
    assert _travel() == sorted(
        [(campus.pk, off_site.pk, 2), (off_site.pk, campus.pk, 2)]
    )
    assert [changes for _a, _o, changes in _events("teaching.site_travel")] == [
        {"half_days": [3, 2], "half_days_back": [1, 2]}
    ]


@pytest.mark.parametrize(
    ("half_days", "message"),
    [
        (0, "Số buổi đi đường phải là số nguyên từ 1 đến 10."),
        (11, "Số buổi đi đường phải là số nguyên từ 1 đến 10."),
    ],
)
def test_set_refuses_a_time_out_of_range(office, sites, half_days, message):
    campus, off_site = sites
    with pytest.raises(ValidationError) as caught:
        site_travel_set(
            actor=office, from_site=campus, to_site=off_site, half_days=half_days
        )
    assert caught.value.message_dict == {"half_days": [message]}
    assert (_travel(), _events("teaching.site_travel")) == ([], [])


def test_set_refuses_one_site_or_sites_of_two_schools(office, sites, school):
    campus, _off_site = sites
    with pytest.raises(ValidationError) as caught:
        site_travel_set(actor=office, from_site=campus, to_site=campus, half_days=1)
    assert caught.value.message_dict == {
        "to_site": ["Hãy chọn hai địa điểm khác nhau."]
    }
    elsewhere = Site.objects.create(school=SchoolFactory(), name="Cơ sở khác")
    with pytest.raises(ValidationError) as caught:
        site_travel_set(actor=office, from_site=campus, to_site=elsewhere, half_days=1)
    assert caught.value.message_dict == {
        "to_site": ["Hai địa điểm phải cùng thuộc một trường."]
    }
    assert (_travel(), _events("teaching.site_travel")) == ([], [])


@pytest.mark.parametrize("role", [Role.LEADERSHIP, Role.FACULTY_HEAD, Role.LECTURER])
def test_roles_without_manage_schedule_set_no_travel(make_user, sites, role):
    campus, off_site = sites
    with pytest.raises(PermissionDenied):
        site_travel_set(
            actor=make_user(role), from_site=campus, to_site=off_site, half_days=2
        )
    assert (_travel(), _events("teaching.site_travel")) == ([], [])


def test_office_of_another_school_sets_no_travel(make_user, sites):
    campus, off_site = sites
    other = make_user(Role.TRAINING_OFFICE, school=SchoolFactory())
    with pytest.raises(PermissionDenied):
        site_travel_set(actor=other, from_site=campus, to_site=off_site, half_days=2)
    assert (_travel(), _events("teaching.site_travel")) == ([], [])
