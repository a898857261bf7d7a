"""Moving a published session by hand: a clean move is saved, fixed and audited;
every conflicting or stale move is refused with its message and changes nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.faculty.models import Unavailability
from daotao.faculty.tests.factories import UnavailabilityFactory
from daotao.org.models import Room
from daotao.org.tests.factories import SchoolFactory
from daotao.teaching.models import Holiday, SiteTravel, TeachingSession
from daotao.teaching.services.editing import session_conflicts, session_move
from daotao.teaching.tests.test_timetables_views import other_cohort

pytestmark = pytest.mark.django_db

THURSDAY = datetime.date(2027, 3, 4)
FRIDAY = datetime.date(2027, 3, 5)


def publish(world, *, cohort=None, topic=0, lecturer=0, room=0, **values):
    values.setdefault("date", THURSDAY)
    values.setdefault("half_day", TeachingSession.HalfDay.MORNING)
    cohort = cohort or world["cohort"]
    return TeachingSession.objects.create(
        school=cohort.school,
        term=world["term"],
        cohort=cohort,
        topic=world["topics"][topic],
        lecturer=world["lecturers"][lecturer],
        room=world["rooms"][room],
        **values,
    )


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def session(world):
    return publish(world)


def state(session):
    session.refresh_from_db()
    return (
        session.date,
        session.half_day,
        session.lecturer_id,
        session.room_id,
        session.is_fixed,
        session.version,
        AuditEvent.objects.count(),
    )


def move(office, session, world, **changes):
    values = {
        "date": FRIDAY,
        "half_day": 0,
        "lecturer": session.lecturer,
        "room": session.room,
        "expected_version": session.version,
    }
    values.update(changes)
    return session_move(actor=office, session=session, **values)


def refused(office, session, world, **changes):
    """The move's refusal messages, after checking that nothing changed."""
    before = state(session)
    with pytest.raises(ValidationError) as refusal:
        move(office, session, world, **changes)
    assert state(session) == before
    return refusal.value.messages


def test_a_clean_move_is_saved_fixed_and_audited(office, session, world):
    nam = world["lecturers"][1]
    room = Room.objects.create(site=world["sites"][0], name="Phòng 301", capacity=50)
    moved = move(office, session, world, half_day=1, lecturer=nam, room=room)
    session.refresh_from_db()
    assert (session.date, session.half_day, session.lecturer, session.room) == (
        FRIDAY,
        1,
        nam,
        room,
    )
    assert (session.is_fixed, session.version, moved.version) == (True, 2, 2)
    event = AuditEvent.objects.get()
    assert (event.actor, event.action, event.object_id) == (
        office,
        "teaching.session_move",
        str(session.pk),
    )
    assert event.changes == {
        "date": ["2027-03-04", "2027-03-05"],
        "half_day": [0, 1],
        "lecturer": [world["lecturers"][0].pk, nam.pk],
        "room": [world["rooms"][0].pk, room.pk],
        "is_fixed": [False, True],
        "version": [1, 2],
    }


def test_a_stale_version_is_refused(office, session, world):
    assert refused(office, session, world, expected_version=0) == [
        "Buổi học vừa được người khác đổi lịch. Hãy tải lại trang và làm lại."
    ]


def test_the_lecturer_busy_with_another_cohort_is_refused(office, session, world):
    publish(world, cohort=other_cohort(world), date=FRIDAY, room=1)
    assert refused(office, session, world) == [
        "Giảng viên Trần Thị Hà đã có buổi dạy lớp K63B sáng 05/03/2027"
    ]


def test_a_room_taken_by_another_cohort_is_refused(office, session, world):
    publish(world, cohort=other_cohort(world), date=FRIDAY, lecturer=1)
    assert refused(office, session, world) == [
        "Phòng 201 đã có buổi học của lớp K63B sáng 05/03/2027"
    ]


def test_a_cohort_already_studying_that_half_day_is_refused(office, session, world):
    publish(world, date=FRIDAY, topic=1, lecturer=1, room=1)
    assert refused(office, session, world) == [
        "Lớp K63A đã có buổi học chuyên đề Chủ nghĩa duy vật lịch sử sáng 05/03/2027"
    ]


def test_a_holiday_is_refused(office, session, world):
    Holiday.objects.create(date=FRIDAY, name="Nghỉ bù")
    assert refused(office, session, world) == [
        "Ngày 05/03/2027 là ngày nghỉ lễ (Nghỉ bù)"
    ]


def test_a_day_the_cohort_does_not_study_is_refused(office, session, world):
    saturday = datetime.date(2027, 3, 6)
    assert refused(office, session, world, date=saturday) == [
        "Lớp K63A không học vào thứ Bảy 06/03/2027"
    ]


def test_a_day_outside_the_term_is_refused(office, session, world):
    assert refused(office, session, world, date=datetime.date(2027, 3, 15)) == [
        "Ngày 15/03/2027 nằm ngoài đợt Tháng 3/2027 (01/03/2027 – 12/03/2027)"
    ]


def test_the_lecturers_unavailability_is_refused(office, session, world):
    UnavailabilityFactory(
        lecturer=world["lecturers"][0],
        starts_on=FRIDAY,
        ends_on=FRIDAY,
        part=Unavailability.Part.MORNING,
        kind=Unavailability.Kind.TRIP,
    )
    assert refused(office, session, world) == [
        "Giảng viên Trần Thị Hà bận sáng 05/03/2027 (Công tác)"
    ]
    move(office, session, world, half_day=1)  # the afternoon is free
    assert state(session)[:2] == (FRIDAY, 1)


def test_a_room_too_small_for_the_cohort_is_refused(office, session, world):
    assert refused(office, session, world, room=world["rooms"][1]) == [
        "Phòng 202 (40 chỗ) không đủ chỗ cho lớp K63A (45 học viên)"
    ]


def test_a_room_at_another_site_is_refused(office, session, world):
    assert refused(office, session, world, room=world["rooms"][2]) == [
        "Hội trường không ở Cơ sở chính, nơi lớp K63A học"
    ]


def test_a_lecturer_not_qualified_for_the_topic_is_refused(office, session, world):
    tuan = world["lecturers"][2]
    tuan.topics.remove(world["topics"][0])
    assert refused(office, session, world, lecturer=tuan) == [
        "Giảng viên Phạm Minh Tuấn không được phân công dạy chuyên đề "
        "Chủ nghĩa duy vật biện chứng"
    ]


def test_a_lecturer_who_cannot_travel_in_time_is_refused(office, session, world):
    campus, off_site = world["sites"]
    SiteTravel.objects.create(from_site=off_site, to_site=campus, half_days=2)
    away = other_cohort(world, code="K63C")
    away.site = off_site
    away.save()
    publish(world, cohort=away, date=FRIDAY, half_day=1, room=2)  # Hà, afternoon
    assert refused(office, session, world) == [
        "Giảng viên Trần Thị Hà không kịp đi giữa Cơ sở chính và "
        "Trung tâm Chính trị huyện (buổi dạy lớp K63C chiều 05/03/2027)"
    ]


def test_every_conflict_is_listed(world, session):
    publish(world, cohort=other_cohort(world), date=FRIDAY)
    conflicts = session_conflicts(
        session=session,
        date=FRIDAY,
        half_day=0,
        lecturer=world["lecturers"][0],
        room=world["rooms"][1],
    )
    assert conflicts == [
        "Giảng viên Trần Thị Hà đã có buổi dạy lớp K63B sáng 05/03/2027",
        "Phòng 202 (40 chỗ) không đủ chỗ cho lớp K63A (45 học viên)",
    ]


def test_staying_in_place_is_no_conflict_with_itself(world, session):
    assert (
        session_conflicts(
            session=session,
            date=session.date,
            half_day=session.half_day,
            lecturer=session.lecturer,
            room=session.room,
        )
        == []
    )


def test_staff_of_another_school_may_not_move(make_user, session, world):
    stranger = make_user(Role.TRAINING_OFFICE, school=SchoolFactory())
    before = state(session)
    with pytest.raises(PermissionDenied):
        move(stranger, session, world)
    assert state(session) == before
