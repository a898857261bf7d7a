"""Attendance shares as assessment reads them for eligibility to sit."""

import datetime
from decimal import Decimal

import pytest

from daotao.enrolment.models import Enrollment, Nomination
from daotao.learning.models import Attendance
from daotao.learning.selectors import attendance_shares
from daotao.people.tests.factories import PersonFactory
from daotao.teaching.models import TeachingSession


@pytest.fixture
def cohort_with_sessions(world, make_user, school):
    from daotao.org.tests.factories import AgencyFactory

    cohort, topic = world["cohort"], world["topics"][0]
    agency = AgencyFactory(school=school)
    actor = make_user("training_office")
    enrollments = []
    for position, given in enumerate(["An", "Bình"], start=1):
        person = PersonFactory(school=school, given_name=given, agency=agency)
        nomination = Nomination.objects.create(
            school=school,
            planned_class=cohort.planned_class,
            agency=agency,
            person=person,
            created_by=actor,
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
    sessions = [
        TeachingSession.objects.create(
            school=school,
            term=world["term"],
            cohort=cohort,
            topic=topic,
            index=index,
            date=datetime.date(2027, 3, index),
            half_day=0,
            lecturer=world["lecturers"][0],
            room=world["rooms"][0],
        )
        for index in (1, 2, 3, 4)
    ]
    return enrollments, sessions, topic


@pytest.mark.django_db
def test_late_counts_as_attending_and_excused_does_not(cohort_with_sessions, world):
    (an, binh), sessions, topic = cohort_with_sessions
    statuses = ["present", "late", "excused", "absent"]
    for session, status in zip(sessions, statuses, strict=True):
        Attendance.objects.create(session=session, enrollment=an, status=status)
    Attendance.objects.create(session=sessions[0], enrollment=binh, status="present")

    shares = attendance_shares(cohort_id=world["cohort"].pk, topic_ids=[topic.pk])

    assert shares == {an.pk: Decimal("0.5"), binh.pk: Decimal("0.25")}


@pytest.mark.django_db
def test_no_published_session_gives_zero_for_everyone(cohort_with_sessions, world):
    (an, binh), _sessions, _topic = cohort_with_sessions
    other_topic = world["topics"][2]

    shares = attendance_shares(cohort_id=world["cohort"].pk, topic_ids=[other_topic.pk])

    assert shares == {an.pk: Decimal(0), binh.pk: Decimal(0)}
