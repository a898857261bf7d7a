"""The scale data set (`seed_scale`): sizes follow the factor, rows are valid
and the same every time."""

from __future__ import annotations

import pytest
from django.db import transaction

from daotao.assessment.models import Score, ScoreSheet
from daotao.demo import scale
from daotao.enrolment.models import Cohort, Enrollment, Nomination
from daotao.faculty.models import Lecturer
from daotao.learning.models import Attendance
from daotao.ledger.models import LedgerEntry
from daotao.org.models import Agency, Site
from daotao.people.models import Person
from daotao.programs.tests.factories import (
    BlockFactory,
    ModuleFactory,
    ProgramVersionFactory,
    TopicFactory,
)
from daotao.teaching.models import TeachingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(school):
    """A school with what the demo gives the scale data: a site and a programme
    of twelve assessed modules of one topic each."""
    Site.objects.create(school=school, name="Cơ sở chính")
    version = ProgramVersionFactory(program__school=school, program__kind="tc_llct")
    block = BlockFactory(version=version, position=1, name="Phần I")
    for position in range(1, 13):
        module = ModuleFactory(block=block, position=position, name=f"HP {position}")
        TopicFactory(module=module, lecture_periods=20)
    return school


def _counts() -> dict[str, int]:
    return {
        "persons": Person.objects.count(),
        "agencies": Agency.objects.count(),
        "lecturers": Lecturer.objects.count(),
        "cohorts": Cohort.objects.count(),
        "nominations": Nomination.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "sessions": TeachingSession.objects.count(),
        "attendance": Attendance.objects.count(),
        "scores": Score.objects.count(),
        "ledger": LedgerEntry.objects.count(),
    }


def test_sizes_are_the_issues_figures_times_the_factor(school, make_user):
    office = make_user("training_office")
    before = _counts()

    scale.build(school=school, office=office, scale=0.002)

    added = {k: v - before[k] for k, v in _counts().items()}
    # 2,000 cohorts x 0.002 = 4: 200 learners, 120 sessions, 40 exams of 50 lines.
    assert added == {
        "persons": 600,
        "agencies": 1,
        "lecturers": 1,
        "cohorts": 4,
        "nominations": 200,
        "enrollments": 200,
        "sessions": 120,
        "attendance": 120 * 50,  # every session is before the reference day
        "scores": 4 * 10 * 50,
        "ledger": 120,
    }
    assert set(ScoreSheet.objects.values_list("status", flat=True)) == {"locked"}
    assert Cohort.objects.filter(status="finished").count() == 4


def test_every_cohort_has_fifty_learners_of_distinct_persons(school, make_user):
    scale.build(school=school, office=make_user("training_office"), scale=0.002)

    for cohort in Cohort.objects.all():
        persons = cohort.enrollments.values_list("person_id", flat=True)
        assert len(persons) == 50
        assert len(set(persons)) == 50


def test_a_second_build_is_refused_and_adds_nothing(school, make_user):
    office = make_user("training_office")
    scale.build(school=school, office=office, scale=0.002)
    counts = _counts()

    with pytest.raises(scale.ScaleError):
        scale.build(school=school, office=office, scale=0.002)

    assert _counts() == counts


def _build_and_read(school, office) -> list[tuple]:
    with transaction.atomic():
        scale.build(school=school, office=office, scale=0.002)
        rows = list(
            Person.objects.filter(citizen_id__startswith=scale.CITIZEN_PREFIX)
            .order_by("citizen_id")
            .values_list("full_name", "date_of_birth", "citizen_id", "agency__name")
        )
        rows += list(
            Attendance.objects.order_by(
                "session__date", "session__half_day", "pk"
            ).values_list("enrollment__learner_code", "status")
        )
        transaction.set_rollback(True)
    return rows


def test_the_same_factor_gives_the_same_rows(school, make_user):
    office = make_user("training_office")

    first = _build_and_read(school, office)
    second = _build_and_read(school, office)

    assert len(first) == 600 + 6_000
    assert first == second
