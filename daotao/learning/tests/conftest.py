"""The learning tests use the teaching tests' small world (school, rooms, a TC LLCT
version, one cohort, three lecturers, a term), and a class of six learners with
signed-in users, one session taught by the first lecturer, the second lecturer as
homeroom lecturer."""

import datetime

import pytest

from daotao.core.access import Role
from daotao.enrolment.models import Enrollment, Nomination
from daotao.people.tests.factories import PersonFactory
from daotao.teaching.models import TeachingSession
from daotao.tests.support.worlds import teaching_world

SESSION_DAY = datetime.date(2027, 3, 1)  # a Monday, morning 07:30–11:00


def _as(make_user, role, person):
    user = make_user(role)
    user.person = person
    user.save(update_fields=["person"])
    return user


@pytest.fixture
def world(school):
    """The teaching tests' world (daotao/tests/support/worlds.py)."""
    return teaching_world(school)


@pytest.fixture
def klass(world, school, make_user):
    from daotao.org.tests.factories import AgencyFactory

    cohort, lecturers = world["cohort"], world["lecturers"]
    cohort.homeroom_lecturer = lecturers[1]
    cohort.save(update_fields=["homeroom_lecturer"])
    agency = AgencyFactory(school=school)
    creator = make_user(Role.TRAINING_OFFICE)
    enrollments, learners = [], []
    names = ["An", "Bình", "Cường", "Dũng", "Hoa", "Lan"]
    for position, given in enumerate(names, start=1):
        person = PersonFactory(school=school, given_name=given, agency=agency)
        nomination = Nomination.objects.create(
            school=school,
            planned_class=cohort.planned_class,
            agency=agency,
            person=person,
            created_by=creator,
            status=Nomination.Status.ADMITTED,
        )
        enrollments.append(
            Enrollment.objects.create(
                cohort=cohort,
                person=person,
                nomination=nomination,
                agency=agency,
                learner_code=f"K63A-{position:03d}",
                position=position,
            )
        )
        learners.append(_as(make_user, Role.LEARNER, person))
    session = TeachingSession.objects.create(
        school=school,
        term=world["term"],
        cohort=cohort,
        topic=world["topics"][0],
        date=SESSION_DAY,
        half_day=0,
        lecturer=lecturers[0],
        room=world["rooms"][0],
    )
    return {
        "cohort": cohort,
        "enrollments": enrollments,
        "learners": learners,
        "session": session,
        "teacher": _as(make_user, Role.LECTURER, lecturers[0].person),
        "homeroom": _as(make_user, Role.HOMEROOM_LECTURER, lecturers[1].person),
        "other_lecturer": _as(make_user, Role.LECTURER, lecturers[2].person),
        "other_homeroom": _as(
            make_user, Role.HOMEROOM_LECTURER, PersonFactory(school=school)
        ),
        "outsider": _as(make_user, Role.LEARNER, PersonFactory(school=school)),
        "office": creator,
    }
