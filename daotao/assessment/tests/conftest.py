"""A cohort of three learners studying a TC LLCT version of two modules, and the
users who enter, lock and amend its scores."""

import datetime

import pytest
from django.urls import reverse

from daotao.assessment import services
from daotao.core.access import Role
from daotao.tests.support.worlds import (  # EXAM_DAY, fill: the tests' too
    EXAM_DAY,
    fill,
    first_exam,
    graded_world,
    locked,
)


@pytest.fixture
def world(school, make_user):
    return graded_world(school, make_user(None))


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def lecturer(make_user):
    return make_user(Role.LECTURER)


@pytest.fixture
def exam(world, office):
    return first_exam(world, office)


@pytest.fixture
def sheet(exam, office):
    return services.score_sheet_create(actor=office, exam=exam)


@pytest.fixture
def locked_sheet(sheet, office):
    return locked(sheet, office)


# What the graduation review form ticks for a learner who passed everything.
ALL = {"is_exam_passed": "on", "is_essay_passed": "on", "is_field_study_done": "on"}


@pytest.fixture
def considered(world, sheet, office, client, unit):
    """Both modules locked; Tuấn fails the second (4.0); Nam has no essay; the
    school has a unit to draft from."""
    fill(sheet, office)
    services.score_sheet_submit(actor=office, sheet=sheet)
    services.score_sheet_lock(actor=office, sheet=sheet)
    second = services.create_exam_with_sheet(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][1],
        held_on=EXAM_DAY,
    )
    fill(second, office, {"attendance": "9", "test": "7", "exam": "8"})
    tuan = second.scores.get(enrollment__person__given_name="Tuấn")
    services.score_enter(
        actor=office,
        score=tuan,
        values={"attendance": "4", "test": "4", "exam": "4"},
        expected_version=tuan.version,
    )
    services.score_sheet_submit(actor=office, sheet=second)
    services.score_sheet_lock(actor=office, sheet=second)
    data = {"learner": []}
    for enrollment in world["enrollments"]:
        data["learner"].append(str(enrollment.pk))
        for name in ALL:
            if not (
                enrollment.person.given_name == "Nam" and name == "is_essay_passed"
            ):
                data[f"e{enrollment.pk}-{name}"] = "on"
    client.force_login(office)
    client.post(
        reverse("assessment:graduation-review", args=[world["cohort"].pk]), data
    )
    return world


def teaches(user, cohort, module=None, *, days=1, present=True):
    """Make `user` the lecturer of `days` published sessions of `module` (the
    cohort's first module by default), every learner present unless `present` is
    False (no attendance recorded); the sessions, in date order."""
    from daotao.faculty.models import Lecturer
    from daotao.faculty.tests.factories import LecturerFactory
    from daotao.org.models import Room
    from daotao.teaching.models import TeachingSession, Term

    if user.person_id and Lecturer.objects.filter(person_id=user.person_id).exists():
        lecturer = Lecturer.objects.get(person_id=user.person_id)
    else:
        lecturer = LecturerFactory(school=cohort.school)
        user.person = lecturer.person
        user.save(update_fields=["person"])
    module = module or cohort.program_version.blocks.first().modules.first()
    term, _created = Term.objects.get_or_create(
        school=cohort.school,
        name="Đợt 1",
        defaults={"starts_on": cohort.starts_on, "ends_on": cohort.ends_on},
    )
    room, _created = Room.objects.get_or_create(
        site=cohort.site, name="Phòng 105", defaults={"capacity": 50}
    )
    taught = TeachingSession.objects.filter(cohort=cohort).count()
    sessions = [
        TeachingSession.objects.create(
            school=cohort.school,
            term=term,
            cohort=cohort,
            topic=module.topics.first(),
            date=cohort.starts_on + datetime.timedelta(days=taught + day),
            half_day=0,
            lecturer=lecturer,
            room=room,
        )
        for day in range(days)
    ]
    if present:
        for enrollment in cohort.enrollments.all():
            attended(sessions, enrollment, days)
    return sessions


def attended(sessions, enrollment, count):
    """`enrollment` present at the first `count` sessions, absent at the rest."""
    from daotao.learning.models import Attendance

    for index, session in enumerate(sessions):
        Attendance.objects.create(
            session=session,
            enrollment=enrollment,
            status="present" if index < count else "absent",
        )
