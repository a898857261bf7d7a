"""Two agencies' cadres in the teaching tests' cohort, their coordinators, a
lecturer teaching the cohort, and helpers for locked scores."""

import datetime
from decimal import Decimal

import pytest

from daotao.assessment.models import Exam, Score, ScoreSheet
from daotao.assessment.services import rule_set_for
from daotao.core.access import Role
from daotao.enrolment.models import Enrollment, Nomination
from daotao.org.tests.factories import AgencyFactory
from daotao.people.tests.factories import PersonFactory
from daotao.teaching.models import TeachingSession
from daotao.tests.support.worlds import teaching_world

CADRES = [
    ("Nguyễn", "Văn", "An", 0),
    ("Trần", "Thị", "Bình", 0),
    ("Lê", "", "Cường", 1),
]


@pytest.fixture
def world(school):
    """The teaching tests' world (daotao/tests/support/worlds.py)."""
    return teaching_world(school)


@pytest.fixture
def agencies(school):
    return [
        AgencyFactory(school=school, name="Huyện ủy Đông Sơn"),
        AgencyFactory(school=school, name="Sở Nội vụ"),
    ]


@pytest.fixture
def cadres(world, school, agencies, make_user):
    """An and Bình from the first agency, Cường from the second."""
    creator = make_user(None)
    cohort = world["cohort"]
    found = []
    for position, (family, middle, given, which) in enumerate(CADRES, start=1):
        person = PersonFactory(
            school=school,
            family_name=family,
            middle_name=middle,
            given_name=given,
            agency=agencies[which],
        )
        nomination = Nomination.objects.create(
            school=school,
            planned_class=cohort.planned_class,
            agency=agencies[which],
            person=person,
            created_by=creator,
            status=Nomination.Status.ADMITTED,
        )
        found.append(
            Enrollment.objects.create(
                cohort=cohort,
                person=person,
                nomination=nomination,
                agency=agencies[which],
                learner_code=f"K63A-{position:03d}",
                position=position,
            )
        )
    return found


@pytest.fixture
def coordinator(make_user, agencies):
    return make_user(Role.AGENCY_COORDINATOR, agency=agencies[0])


@pytest.fixture
def other_coordinator(make_user, agencies):
    return make_user(Role.AGENCY_COORDINATOR, agency=agencies[1])


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def teaching_lecturer(world, school, make_user):
    """A lecturer user whose profile teaches one session of the cohort."""
    lecturer = world["lecturers"][0]
    TeachingSession.objects.create(
        school=school,
        term=world["term"],
        cohort=world["cohort"],
        topic=world["topics"][0],
        index=1,
        date=datetime.date(2027, 3, 1),
        half_day=0,
        lecturer=lecturer,
        room=world["rooms"][0],
    )
    user = make_user(Role.LECTURER)
    user.person = lecturer.person
    user.save(update_fields=["person"])
    return user


def lock_results(cohort, module, results):
    """A locked sheet of the module's first exam with `results` by enrollment."""
    exam = Exam.objects.create(
        school=cohort.school,
        cohort=cohort,
        module=module,
        rule_set=rule_set_for(
            program_kind=cohort.program_version.program.kind,
            on=datetime.date(2027, 4, 5),
        ),
        held_on=datetime.date(2027, 4, 5),
    )
    sheet = ScoreSheet.objects.create(exam=exam)
    for enrollment, result in results.items():
        Score.objects.create(sheet=sheet, enrollment=enrollment, result=Decimal(result))
    ScoreSheet.objects.filter(pk=sheet.pk).update(status=ScoreSheet.Status.LOCKED)
