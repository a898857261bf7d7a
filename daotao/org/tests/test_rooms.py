"""Rooms and sites kept by the training office: pages, search, export, refusals."""

import io

import openpyxl
import pytest
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.org.models import Room, Site

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def campus(school):
    return Site.objects.create(school=school, name="Cơ sở chính")


def _room_post(site, **values):
    return {
        "site": site.pk,
        "name": "Phòng học 302",
        "kind": Room.Kind.CLASSROOM,
        "capacity": 60,
        "note": "",
        "is_active": "on",
        **values,
    }


def test_the_office_adds_a_room_from_the_page(client, office, campus):
    client.force_login(office)
    response = client.post(reverse("org:room-create"), _room_post(campus))
    room = Room.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("org:room-update", args=[room.pk])
    assert (room.site, room.name, room.kind, room.capacity, room.is_active) == (
        campus,
        "Phòng học 302",
        "classroom",
        60,
        True,
    )
    event = AuditEvent.objects.get(action="org.room_save")
    assert (event.school_id, event.changes["capacity"]) == (
        campus.school_id,
        [None, 60],
    )


def test_a_room_name_twice_at_one_site_is_refused(client, office, campus):
    Room.objects.create(site=campus, name="Phòng học 302", capacity=40)
    client.force_login(office)
    response = client.post(reverse("org:room-create"), _room_post(campus))
    assert response.status_code == 200
    assert "Địa điểm này đã có phòng tên này." in response.content.decode()
    assert Room.objects.count() == 1


def test_the_room_list_finds_rooms_without_diacritics(client, office, campus):
    Room.objects.create(site=campus, name="Phòng học 302", capacity=60)
    Room.objects.create(site=campus, name="Hội trường Đông", capacity=200)
    Room.objects.create(site=campus, name="Phòng học cũ", capacity=30, is_active=False)
    client.force_login(office)
    page = client.get(reverse("org:room-list"), {"q": "phong hoc"})
    assert [r.name for r in page.context["page"].object_list] == ["Phòng học 302"]
    page = client.get(reverse("org:room-list"), {"q": "HOI TRUONG DONG"})
    assert [r.name for r in page.context["page"].object_list] == ["Hội trường Đông"]
    page = client.get(reverse("org:room-list"), {"q": "phong hoc", "retired": "1"})
    assert [r.name for r in page.context["page"].object_list] == [
        "Phòng học 302",
        "Phòng học cũ",
    ]


def test_the_room_list_exports_to_excel(client, office, campus):
    Room.objects.create(
        site=campus, name="Phòng học 302", capacity=60, note="Có máy chiếu"
    )
    Room.objects.create(
        site=campus, name="Hội trường A", capacity=200, kind=Room.Kind.HALL
    )
    client.force_login(office)
    response = client.get(reverse("org:room-export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [
        [cell for cell in row]
        for row in sheet.iter_rows(values_only=True)
        if any(cell is not None for cell in row)
    ]
    header = rows.index(
        [
            "STT",
            "Tên phòng",
            "Địa điểm",
            "Loại phòng",
            "Sức chứa",
            "Tình trạng",
            "Ghi chú",
        ]
    )
    assert rows[header + 1 :] == [
        [1, "Hội trường A", "Cơ sở chính", "Hội trường", 200, "Đang dùng", None],
        [
            1 + 1,
            "Phòng học 302",
            "Cơ sở chính",
            "Phòng học",
            60,
            "Đang dùng",
            "Có máy chiếu",
        ],
    ]


def test_a_faculty_head_sees_rooms_but_cannot_add_one(client, make_user, campus):
    client.force_login(make_user(Role.FACULTY_HEAD))
    assert client.get(reverse("org:room-list")).status_code == 200
    response = client.post(reverse("org:room-create"), _room_post(campus))
    assert response.status_code == 403
    assert not Room.objects.exists()
    assert not AuditEvent.objects.filter(action="org.room_save").exists()


def test_the_office_adds_a_site_and_cannot_retire_it_while_rooms_are_in_use(
    client, office, school
):
    client.force_login(office)
    client.post(
        reverse("org:site-list"),
        {
            "name": "Trung tâm Chính trị xã Đông Sơn",
            "kind": "off_site",
            "is_active": "on",
        },
    )
    site = Site.objects.get()
    assert (site.school, site.kind, site.is_active) == (school, "off_site", True)
    Room.objects.create(site=site, name="Hội trường", capacity=80)
    response = client.post(
        reverse("org:site-update", args=[site.pk]),
        {"name": site.name, "kind": "off_site", "address": ""},
    )
    assert response.status_code == 200
    assert (
        "Hãy thôi dùng các phòng của địa điểm này trước." in response.content.decode()
    )
    site.refresh_from_db()
    assert site.is_active is True


def test_the_menu_leads_to_the_room_list(client, office):
    client.force_login(office)
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert f'href="{reverse("org:room-list")}"' in page


def test_the_room_list_is_in_vietnamese_order(client, office, campus):
    for name in ("Phòng Bình", "Phòng Ấn", "Phòng An", "Phòng Ăn"):
        Room.objects.create(site=campus, name=name, capacity=30)
    client.force_login(office)
    page = client.get(reverse("org:room-list"))
    assert [r.name for r in page.context["page"].object_list] == [
        "Phòng An",
        "Phòng Ăn",
        "Phòng Ấn",
        "Phòng Bình",
    ]
