"""Lecturer services: exact values saved, history written, refusals change nothing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.faculty import services
from daotao.faculty.models import Lecturer, Unavailability
from daotao.faculty.services import LecturerData, UnavailabilityData
from daotao.faculty.tests.factories import LecturerFactory, UnavailabilityFactory
from daotao.org.tests.factories import SchoolFactory, UnitFactory
from daotao.people.tests.factories import PersonFactory
from daotao.programs.tests.factories import ProgramVersionFactory, TopicFactory

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2027, 4, 5)


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def topics(school):
    version = ProgramVersionFactory(program__school=school)
    return [
        TopicFactory(module__block__version=version, name=f"Chuyên đề {n}")
        for n in range(3)
    ]


def test_create_saves_profile_topics_and_audit(office, school, unit, topics):
    person = PersonFactory(school=school, given_name="Tuấn")
    lecturer = services.lecturer_create(
        actor=office,
        person=person,
        data=LecturerData(
            title=Lecturer.Title.PRINCIPAL,
            unit_id=unit.pk,
            is_concurrent=True,
            topic_ids=(topics[1].pk, topics[0].pk),
            preferred_topic_ids=(topics[1].pk,),
        ),
    )
    lecturer.refresh_from_db()
    assert (
        lecturer.school_id,
        lecturer.person_id,
        lecturer.unit_id,
        lecturer.title,
        lecturer.is_visiting,
        lecturer.is_concurrent,
        lecturer.is_active,
    ) == (school.pk, person.pk, unit.pk, "principal", False, True, True)
    assert sorted(lecturer.topics.values_list("pk", flat=True)) == [
        topics[0].pk,
        topics[1].pk,
    ]
    assert list(lecturer.preferred_topics.values_list("pk", flat=True)) == [
        topics[1].pk
    ]
    event = AuditEvent.objects.get()
    assert (event.action, event.object_type, event.object_id, event.school_id) == (
        "faculty.lecturer_create",
        "faculty.lecturer",
        str(lecturer.pk),
        school.pk,
    )
    assert event.actor == office
    assert event.changes == {
        "person": [None, person.pk],
        "unit_id": [None, unit.pk],
        "title": [None, "principal"],
        "is_concurrent": [None, True],
        "is_active": [None, True],
        "topics": [None, [topics[0].pk, topics[1].pk]],
        "preferred_topics": [None, [topics[1].pk]],
    }


def test_person_already_a_lecturer_is_refused(office, school):
    existing = LecturerFactory(school=school)
    with pytest.raises(ValidationError) as caught:
        services.lecturer_create(actor=office, person=existing.person)
    assert caught.value.message_dict == {
        "person": [f"{existing.person.full_name} đã có hồ sơ giảng viên."]
    }
    assert Lecturer.objects.count() == 1
    assert AuditEvent.objects.count() == 0


def test_role_without_manage_permission_is_refused(make_user, school):
    person = PersonFactory(school=school)
    head = make_user(Role.FACULTY_HEAD)
    with pytest.raises(PermissionDenied):
        services.lecturer_create(actor=head, person=person)
    assert Lecturer.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_person_of_another_school_is_refused(office):
    stranger = PersonFactory(school=SchoolFactory())
    with pytest.raises(PermissionDenied):
        services.lecturer_create(actor=office, person=stranger)
    assert Lecturer.objects.count() == 0


def test_update_records_old_and_new_values(office, school, topics):
    lecturer = LecturerFactory(school=school, title=Lecturer.Title.TRAINEE)
    lecturer.topics.set([topics[0]])
    old_unit = lecturer.unit_id
    new_unit = UnitFactory(school=school, name="Khoa Xây dựng Đảng")
    services.lecturer_update(
        actor=office,
        lecturer=lecturer,
        data=LecturerData(
            title=Lecturer.Title.LECTURER,
            unit_id=new_unit.pk,
            is_visiting=True,
            topic_ids=(topics[0].pk, topics[2].pk),
        ),
    )
    lecturer.refresh_from_db()
    assert (lecturer.title, lecturer.unit_id, lecturer.is_visiting) == (
        "lecturer",
        new_unit.pk,
        True,
    )
    event = AuditEvent.objects.get(action="faculty.lecturer_update")
    assert event.changes == {
        "unit_id": [old_unit, new_unit.pk],
        "title": ["trainee", "lecturer"],
        "is_visiting": [False, True],
        "topics": [[topics[0].pk], [topics[0].pk, topics[2].pk]],
    }


def test_update_without_change_writes_no_history(office, school):
    lecturer = LecturerFactory(school=school)
    services.lecturer_update(
        actor=office,
        lecturer=lecturer,
        data=LecturerData(title=lecturer.title, unit_id=lecturer.unit_id),
    )
    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "build", "message"),
    [
        (
            "preferred_topics",
            lambda t, other: {
                "topic_ids": (t[0].pk,),
                "preferred_topic_ids": (t[1].pk,),
            },
            "Chuyên đề muốn giảng phải nằm trong các chuyên đề được giảng.",
        ),
        (
            "topics",
            lambda t, other: {"topic_ids": (other.pk,)},
            "Có chuyên đề không thuộc chương trình của trường.",
        ),
        (
            "unit",
            lambda t, other: {"unit_id": UnitFactory(school=SchoolFactory()).pk},
            "Khoa, phòng không thuộc trường hoặc đã giải thể.",
        ),
        (
            "title",
            lambda t, other: {"title": "professor"},
            "Chức danh không hợp lệ.",
        ),
    ],
)
def test_wrong_profile_is_refused_and_changes_nothing(
    office, school, topics, field, build, message
):
    lecturer = LecturerFactory(school=school, title=Lecturer.Title.LECTURER)
    lecturer.topics.set([topics[2]])
    other_school_topic = TopicFactory(
        module__block__version=ProgramVersionFactory(program__school=SchoolFactory())
    )
    with pytest.raises(ValidationError) as caught:
        services.lecturer_update(
            actor=office,
            lecturer=lecturer,
            data=LecturerData(**build(topics, other_school_topic)),
        )
    assert caught.value.message_dict == {field: [message]}
    lecturer.refresh_from_db()
    assert lecturer.title == "lecturer"
    assert list(lecturer.topics.values_list("pk", flat=True)) == [topics[2].pk]
    assert AuditEvent.objects.count() == 0


def test_unavailability_add_and_delete_are_kept_in_history(office, school):
    lecturer = LecturerFactory(school=school)
    item = services.unavailability_add(
        actor=office,
        lecturer=lecturer,
        data=UnavailabilityData(
            starts_on=MONDAY,
            ends_on=MONDAY + datetime.timedelta(days=4),
            kind=Unavailability.Kind.FIELD_PRACTICE,
            note="  Đi thực tế tại xã Thọ Xuân ",
        ),
    )
    assert (item.starts_on, item.ends_on, item.part, item.kind, item.note) == (
        MONDAY,
        datetime.date(2027, 4, 9),
        "all",
        "field_practice",
        "Đi thực tế tại xã Thọ Xuân",
    )
    services.unavailability_delete(actor=office, unavailability=item)
    assert Unavailability.objects.count() == 0
    described = {
        "starts_on": "2027-04-05",
        "ends_on": "2027-04-09",
        "part": "all",
        "kind": "field_practice",
        "note": "Đi thực tế tại xã Thọ Xuân",
    }
    assert list(
        AuditEvent.objects.order_by("id").values_list("action", "object_id", "changes")
    ) == [
        (
            "faculty.unavailability_add",
            str(lecturer.pk),
            {"unavailability": [None, described]},
        ),
        (
            "faculty.unavailability_delete",
            str(lecturer.pk),
            {"unavailability": [described, None]},
        ),
    ]


def test_unavailability_ending_before_it_starts_is_refused(office, school):
    lecturer = LecturerFactory(school=school)
    with pytest.raises(ValidationError) as caught:
        services.unavailability_add(
            actor=office,
            lecturer=lecturer,
            data=UnavailabilityData(
                starts_on=MONDAY,
                ends_on=MONDAY - datetime.timedelta(days=1),
                kind=Unavailability.Kind.TRIP,
            ),
        )
    assert caught.value.message_dict == {
        "ends_on": ["Ngày kết thúc phải từ ngày bắt đầu trở đi."]
    }
    assert Unavailability.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_unavailability_delete_by_another_school_is_refused(make_user, school):
    item = UnavailabilityFactory(
        lecturer=LecturerFactory(school=SchoolFactory()),
        starts_on=MONDAY,
        ends_on=MONDAY,
    )
    with pytest.raises(PermissionDenied):
        services.unavailability_delete(
            actor=make_user(Role.TRAINING_OFFICE), unavailability=item
        )
    assert Unavailability.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.count() == 0
