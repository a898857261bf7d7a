"""A room booked by the published schedule: its capacity, retiring it and closing
it are checked against the cohorts using it (org.rooms, answered by teaching)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.org import services as org_services
from daotao.teaching.models import TeachingSession
from daotao.teaching.services import editing
from daotao.teaching.services import rooms as room_checks

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def booked(world, monkeypatch):
    """K63A (45 planned learners) booked in Phòng 201 on Tuesday 2 March 2027,
    seen from 1 February 2027."""
    monkeypatch.setattr(room_checks, "_today", lambda: D(2027, 2, 1))
    return TeachingSession.objects.create(
        school=world["term"].school,
        term=world["term"],
        cohort=world["cohort"],
        topic=world["topics"][0],
        date=D(2027, 3, 2),
        half_day=0,
        lecturer=world["lecturers"][0],
        room=world["rooms"][0],
    )


def _refused(office, room, **values):
    before = (room.capacity, room.is_active, room.closures.count())
    with pytest.raises(ValidationError) as refused:
        org_services.room_save(actor=office, room=room, **values)
    room.refresh_from_db()
    assert (room.capacity, room.is_active, room.closures.count()) == before
    assert not AuditEvent.objects.filter(action="org.room_save").exists()
    return refused.value.messages


def test_a_capacity_below_a_booked_cohort_is_refused(world, office, booked):
    assert _refused(office, booked.room, capacity=40) == [
        "Lớp K63A (45 học viên) học ở Phòng 201 từ ngày 02/03/2027: sức chứa 40 chỗ "
        "không đủ."
    ]


def test_a_capacity_that_still_fits_is_saved(world, office, booked):
    room = org_services.room_save(actor=office, room=booked.room, capacity=45)
    room.refresh_from_db()
    assert room.capacity == 45


def test_a_booked_room_cannot_be_retired(world, office, booked):
    assert _refused(office, booked.room, is_active=False) == [
        "Phòng 201 còn buổi học đã công bố của lớp K63A (từ ngày 02/03/2027); hãy "
        "đổi phòng các buổi đó trước khi thôi dùng."
    ]


def test_sessions_before_today_do_not_hold_a_room(world, office, booked, monkeypatch):
    monkeypatch.setattr(room_checks, "_today", lambda: D(2027, 3, 3))
    room = org_services.room_save(actor=office, room=booked.room, is_active=False)
    assert room.is_active is False


def test_closing_a_room_on_a_booked_day_is_refused(world, office, booked):
    room = booked.room
    with pytest.raises(ValidationError) as refused:
        org_services.room_closure_add(
            actor=office,
            room=room,
            starts_on=D(2027, 3, 1),
            ends_on=D(2027, 3, 5),
            reason="Sửa chữa",
        )
    assert refused.value.messages == [
        "Phòng 201 đã có buổi học của lớp K63A ngày 02/03/2027; hãy đổi phòng buổi "
        "đó trước."
    ]
    assert not room.closures.exists()


def test_a_move_into_a_closed_or_retired_room_names_it(world, office, booked):
    other = world["rooms"][1]  # Phòng 202, 40 places
    org_services.room_closure_add(
        actor=office,
        room=other,
        starts_on=D(2027, 3, 3),
        ends_on=D(2027, 3, 3),
        reason="Hội nghị",
    )
    conflicts = editing.session_conflicts(
        session=booked,
        date=D(2027, 3, 3),
        half_day=0,
        lecturer=booked.lecturer,
        room=other,
    )
    assert conflicts == [
        "Phòng 202 không dùng được ngày 03/03/2027 (Hội nghị)",
        "Phòng 202 (40 chỗ) không đủ chỗ cho lớp K63A (45 học viên)",
    ]
    other.is_active = False
    other.save()
    conflicts = editing.session_conflicts(
        session=booked, date=D(2027, 3, 4), half_day=0, lecturer=None, room=other
    )
    assert conflicts[0] == "Phòng 202 đã thôi sử dụng"
