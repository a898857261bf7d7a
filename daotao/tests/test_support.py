"""The shared test support: the apps' factories build valid rows of one school,
and the fresh-school builder keeps plan → class → cohort → term consistent."""

import datetime

import pytest

from daotao.enrolment.models import Nomination
from daotao.enrolment.tests.factories import (
    CohortFactory,
    EnrollmentFactory,
    NominationFactory,
)
from daotao.learning.tests.factories import AttendanceFactory, LeaveRequestFactory
from daotao.planning.models import TrainingPlan
from daotao.planning.tests.factories import (
    PlannedClassFactory,
    QuotaFactory,
    TrainingPlanFactory,
)
from daotao.programs.tests.factories import TopicFactory
from daotao.research.tests.factories import ResearchOutputFactory, ResearchTopicFactory
from daotao.teaching.tests.factories import TeachingSessionFactory, TermFactory
from daotao.tests.support.school_world import FreshSchool

pytestmark = pytest.mark.django_db

D = datetime.date

FACTORIES = [
    TrainingPlanFactory,
    PlannedClassFactory,
    QuotaFactory,
    CohortFactory,
    NominationFactory,
    EnrollmentFactory,
    TermFactory,
    TeachingSessionFactory,
    AttendanceFactory,
    LeaveRequestFactory,
    ResearchTopicFactory,
    ResearchOutputFactory,
]


def _school_of(row):
    for path in (
        "school",
        "planned_class.school",
        "cohort.school",
        "session.school",
        "enrollment.cohort.school",
    ):
        value = row
        try:
            for name in path.split("."):
                value = getattr(value, name)
        except AttributeError:
            continue
        return value
    raise AssertionError(f"{row!r} reaches no school")


def _schools_reached(row):
    """Every school the row's foreign keys lead to, one step down."""
    schools = set()
    for field in row._meta.concrete_fields:
        if field.is_relation and getattr(row, field.name, None) is not None:
            target = getattr(row, field.name)
            if hasattr(target, "school_id") and target.school_id:
                schools.add(target.school_id)
    return schools


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_each_factory_builds_a_valid_row_of_one_school(factory):
    row = factory()

    row.full_clean()
    school = _school_of(row)
    assert _schools_reached(row) <= {school.pk}


def test_a_cohort_takes_its_planned_classs_programme_mode_site_and_dates():
    cohort = CohortFactory(planned_class__starts_on=D(2026, 9, 7))

    planned = cohort.planned_class
    assert (
        cohort.school,
        cohort.name,
        cohort.program_version,
        cohort.mode,
        cohort.site,
        cohort.starts_on,
        cohort.ends_on,
    ) == (
        planned.school,
        planned.name,
        planned.program_version,
        planned.mode,
        planned.site,
        D(2026, 9, 7),
        planned.ends_on,
    )


def test_an_enrollment_stands_on_an_admitted_nomination_for_its_class():
    line = EnrollmentFactory()

    assert line.nomination.status == Nomination.Status.ADMITTED
    assert line.nomination.planned_class == line.cohort.planned_class
    assert (line.person, line.agency) == (
        line.nomination.person,
        line.nomination.agency,
    )
    assert line.learner_code == f"{line.cohort.code}-{line.position:03d}"


def test_classes_go_into_the_plan_of_their_year_one_plan_a_year(school):
    fresh = FreshSchool(school)
    version = fresh.programme()

    k63a = fresh.cohort(version, code="K63A", starts_on=D(2027, 3, 1))
    k63b = fresh.cohort(version, code="K63B", starts_on=D(2027, 9, 6))
    k64a = fresh.cohort(version, code="K64A", starts_on=D(2028, 3, 6))

    plans = TrainingPlan.objects.filter(school=school).order_by("year")
    assert [(plan.year, plan.status) for plan in plans] == [
        (2027, TrainingPlan.Status.APPROVED),
        (2028, TrainingPlan.Status.APPROVED),
    ]
    assert k63a.planned_class.plan == k63b.planned_class.plan == plans[0]
    assert k64a.planned_class.plan == plans[1]
    assert [c.planned_class.code for c in (k63a, k63b, k64a)] == [
        "TC-K63A",
        "TC-K63B",
        "TC-K64A",
    ]
    assert k63a.ends_on == D(2027, 8, 31)
    for cohort in (k63a, k63b, k64a):
        cohort.planned_class.full_clean()
        cohort.full_clean()


def test_classes_share_the_campus_its_rooms_and_the_lecturers(school):
    fresh = FreshSchool(school)
    version = fresh.programme()
    topics = [TopicFactory(module__block__version=version) for _ in range(2)]
    first = fresh.cohort(version, code="K63A", starts_on=D(2027, 3, 1))
    second = fresh.cohort(version, code="K63B", starts_on=D(2027, 3, 1))

    room = fresh.room("Phòng 201", capacity=60)
    lecturers = fresh.lecturers(topics, [("Trần", "Thị", "Hà"), ("Lê", "Văn", "Nam")])

    assert first.site == second.site == fresh.site() == room.site
    assert fresh.room("Phòng 201") == room
    assert room.capacity == 60
    assert [lecturer.person.full_name for lecturer in lecturers] == [
        "Trần Thị Hà",
        "Lê Văn Nam",
    ]
    for lecturer in lecturers:
        assert set(lecturer.topics.all()) == set(topics)
        assert lecturer.school == school


def test_admissions_fill_the_roster_in_order_also_late_ones(school):
    fresh = FreshSchool(school)
    cohort = fresh.cohort(fresh.programme(), code="K63A", starts_on=D(2027, 3, 1))
    first, second = fresh.admit(cohort), fresh.admit(cohort)
    term = fresh.term("Tháng 3/2027", D(2027, 3, 1), D(2027, 3, 12), [cohort])
    TeachingSessionFactory(cohort=cohort, term=term)

    late = fresh.admit(cohort)

    assert [line.position for line in (first, second, late)] == [1, 2, 3]
    assert list(cohort.enrollments.order_by("position")) == [first, second, late]
    assert late.learner_code == "K63A-003"
    assert late.nomination.planned_class == cohort.planned_class
    assert late.agency == late.person.agency
    assert list(term.cohorts.all()) == [cohort]
    term.full_clean()
