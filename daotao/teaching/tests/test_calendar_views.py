"""The calendar pages: holidays by year and travel between sites, as each role
meets them; a refused write answers 403 and changes nothing."""

import datetime

import pytest
from django.urls import reverse

from daotao.core.access import PERMISSIONS, Role
from daotao.core.models import AuditEvent
from daotao.org.models import Site
from daotao.org.tests.factories import SchoolFactory
from daotao.teaching.models import Holiday, SiteTravel, TeachingSession

pytestmark = pytest.mark.django_db

D = datetime.date
VIEWERS = PERMISSIONS["teaching.view_schedule"]
MANAGERS = PERMISSIONS["teaching.manage_schedule"]
NOT_MANAGERS = [role for role in Role if role not in MANAGERS]


@pytest.fixture
def office(client, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    return client


def _state():
    return (
        list(
            Holiday.objects.order_by("date").values_list("date", "name", "is_confirmed")
        ),
        sorted(
            SiteTravel.objects.values_list("from_site_id", "to_site_id", "half_days")
        ),
        AuditEvent.objects.count(),
    )


# --- Holidays --------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_holiday_list_answers_each_role_by_the_table(client, make_user, role):
    client.force_login(make_user(role))
    response = client.get(reverse("teaching:holiday-list"), {"nam": 2026})
    assert response.status_code == (200 if role in VIEWERS else 403)


def test_reader_sees_the_year_with_badges_and_no_actions(client, make_user):
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.get(reverse("teaching:holiday-list"), {"nam": 2027})
    assert response.context["year"] == 2027
    assert [h.date for h, _weekday in response.context["rows"]] == [
        D(2027, 1, 1),
        D(2027, 2, 5),
        D(2027, 2, 8),
        D(2027, 2, 9),
        D(2027, 2, 10),
        D(2027, 2, 11),
        D(2027, 4, 16),
        D(2027, 4, 30),
        D(2027, 5, 3),
        D(2027, 9, 2),
        D(2027, 9, 3),
    ]
    assert response.context["rows"][0][1] == "Thứ Sáu"
    page = response.content.decode()
    assert page.count("cần xác nhận") == 8
    assert "02/09/2027" in page
    assert response.context["form"] is None
    assert "Xác nhận" not in page
    assert reverse("teaching:holiday-create") not in page


def test_office_adds_a_holiday(office):
    response = office.post(
        reverse("teaching:holiday-create"),
        {"date": "02/09/2030", "name": "Quốc khánh", "is_confirmed": "on"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("teaching:holiday-list") + "?nam=2030"
    holiday = Holiday.objects.get(date=D(2030, 9, 2))
    assert (holiday.name, holiday.is_confirmed, holiday.legal_basis) == (
        "Quốc khánh",
        True,
        None,
    )
    assert AuditEvent.objects.filter(action="teaching.holiday_create").count() == 1


def test_adding_a_day_of_published_sessions_warns(office, world):
    day = D(2027, 3, 3)
    TeachingSession.objects.create(
        school=world["cohort"].school,
        term=world["term"],
        cohort=world["cohort"],
        topic=world["topics"][0],
        date=day,
        half_day=0,
    )
    response = office.post(
        reverse("teaching:holiday-create"),
        {"date": "03/03/2027", "name": "Nghỉ bù"},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == [
        "Đã thêm ngày nghỉ 03/03/2027 Nghỉ bù.",
        "Lịch đã công bố có 1 buổi học vào ngày nghỉ này; "
        "hãy dời các buổi đó sang ngày khác.",
    ]


def test_a_taken_day_shows_the_error_and_adds_nothing(office):
    before = _state()
    response = office.post(
        reverse("teaching:holiday-create"),
        {"date": "02/09/2026", "name": "Quốc khánh", "nam": "2026"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Chưa lưu được. Hãy sửa các mục sau:" in page
    assert "Ngày 02/09/2026 đã có trong danh sách ngày nghỉ (Quốc khánh)." in page
    assert response.context["year"] == 2026
    assert _state() == before


def test_office_edits_confirms_and_deletes(office):
    holiday = Holiday.objects.get(date=D(2027, 4, 16))
    url = reverse("teaching:holiday-update", args=[holiday.pk])
    assert office.get(url).status_code == 200
    response = office.post(url, {"date": "15/04/2027", "name": "Giỗ Tổ Hùng Vương"})
    assert response["Location"] == reverse("teaching:holiday-list") + "?nam=2027"
    holiday.refresh_from_db()
    assert (holiday.date, holiday.legal_basis, holiday.is_confirmed) == (
        D(2027, 4, 15),
        None,
        False,
    )

    office.post(reverse("teaching:holiday-confirm", args=[holiday.pk]))
    holiday.refresh_from_db()
    assert holiday.is_confirmed is True

    office.post(reverse("teaching:holiday-delete", args=[holiday.pk]))
    assert not Holiday.objects.filter(pk=holiday.pk).exists()
    assert list(
        AuditEvent.objects.filter(object_id=str(holiday.pk))
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "teaching.holiday_update",
        "teaching.holiday_confirm",
        "teaching.holiday_delete",
    ]


@pytest.mark.parametrize("role", NOT_MANAGERS, ids=str)
def test_holiday_writes_without_manage_are_403_and_change_nothing(
    client, make_user, role
):
    client.force_login(make_user(role))
    holiday = Holiday.objects.get(date=D(2026, 2, 17))
    before = _state()
    posts = [
        (reverse("teaching:holiday-create"), {"date": "01/01/2030", "name": "Tết"}),
        (
            reverse("teaching:holiday-update", args=[holiday.pk]),
            {"date": "18/02/2026", "name": "Tết"},
        ),
        (reverse("teaching:holiday-confirm", args=[holiday.pk]), {}),
        (reverse("teaching:holiday-delete", args=[holiday.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert _state() == before


# --- Travel between sites ----------------------------------------------------------


def test_travel_page_lists_the_schools_site_pairs(client, make_user, world):
    campus, off_site = world["sites"]
    Site.objects.create(school=SchoolFactory(), name="Cơ sở trường khác")
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.get(reverse("teaching:site-travel-list"))
    [entry] = response.context["schools"]
    assert [
        (p.from_site, p.to_site, p.half_days, p.is_recorded) for p in entry.pairs
    ] == [(campus, off_site, 1, False)]
    page = response.content.decode()
    assert "mặc định" in page
    assert "Cơ sở trường khác" not in page
    assert reverse("teaching:site-travel-set") not in page


def test_office_sets_a_travel_time(office, world):
    campus, off_site = world["sites"]
    response = office.post(
        reverse("teaching:site-travel-set"),
        {"from_site": campus.pk, "to_site": off_site.pk, "half_days": "2"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Đã lưu thời gian đi giữa Cơ sở chính và Trung tâm Chính trị huyện: 2 buổi."
    ]
    assert sorted(
        SiteTravel.objects.values_list("from_site_id", "to_site_id", "half_days")
    ) == sorted([(campus.pk, off_site.pk, 2), (off_site.pk, campus.pk, 2)])
    [pair] = response.context["schools"][0].pairs
    assert (pair.half_days, pair.is_recorded) == (2, True)


def test_a_time_out_of_range_is_refused_with_a_message(office, world):
    campus, off_site = world["sites"]
    before = _state()
    response = office.post(
        reverse("teaching:site-travel-set"),
        {"from_site": campus.pk, "to_site": campus.pk, "half_days": "1"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Hãy chọn hai địa điểm khác nhau."
    ]
    response = office.post(
        reverse("teaching:site-travel-set"),
        {"from_site": campus.pk, "to_site": off_site.pk, "half_days": "0"},
        follow=True,
    )
    assert len(list(response.context["messages"])) == 1
    assert _state() == before


def test_a_site_of_another_school_is_404(office, world):
    campus, _off_site = world["sites"]
    elsewhere = Site.objects.create(school=SchoolFactory(), name="Cơ sở khác")
    before = _state()
    response = office.post(
        reverse("teaching:site-travel-set"),
        {"from_site": campus.pk, "to_site": elsewhere.pk, "half_days": "2"},
    )
    assert response.status_code == 404
    assert _state() == before


@pytest.mark.parametrize("role", NOT_MANAGERS, ids=str)
def test_travel_set_without_manage_is_403_and_changes_nothing(
    client, make_user, world, role
):
    campus, off_site = world["sites"]
    client.force_login(make_user(role))
    before = _state()
    response = client.post(
        reverse("teaching:site-travel-set"),
        {"from_site": campus.pk, "to_site": off_site.pk, "half_days": "2"},
    )
    assert response.status_code == 403
    assert _state() == before
