"""Computed indicators equal the database's counts on a fresh school built here."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from daotao.enrolment.models import Enrollment
from daotao.faculty.models import Lecturer
from daotao.faculty.tests.factories import LecturerFactory
from daotao.ledger.models import LedgerEntry, LedgerPeriod
from daotao.org.models import EducationLevel, Room, TheoryLevel
from daotao.org.tests.factories import RoomFactory
from daotao.research.models import ResearchTopic
from daotao.research.tests.factories import ResearchOutputFactory, ResearchTopicFactory
from daotao.standards.computations import compute
from daotao.standards.models import Verdict
from daotao.standards.selectors import assessment_rows
from daotao.standards.tests.factories import assessment_for
from daotao.tests.support.school_world import FreshSchool

YEAR = 2026


def _lecturer(school, education, theory, title=Lecturer.Title.LECTURER, **values):
    lecturer = LecturerFactory(school=school, title=title, **values)
    person = lecturer.person
    person.education_level = EducationLevel.objects.get(code=education)
    person.theory_level = TheoryLevel.objects.get(code=theory)
    person.save()
    return lecturer


@pytest.fixture
def fresh(school):
    """Five own lecturers (3 with a master's or higher, 1 doctor, 2 cao cấp or
    cử nhân LLCT, 2 principal or senior), a visiting and an inactive one who do
    not count; two cohorts in 2026 and one in 2025; rooms; research."""
    own = [
        _lecturer(school, "TS", "CC", Lecturer.Title.SENIOR),
        _lecturer(school, "THS", "CN", Lecturer.Title.PRINCIPAL),
        _lecturer(school, "THS", "TC"),
        _lecturer(school, "DH", "TC"),
        _lecturer(school, "DH", "TC"),
    ]
    _lecturer(school, "TS", "CC", is_visiting=True)
    _lecturer(school, "TS", "CC", is_active=False)
    world = FreshSchool(school)
    version = world.programme()
    spring = world.cohort(
        version,
        code="K70A",
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 9, 30),
    )
    autumn = world.cohort(
        version,
        code="K70B",
        starts_on=datetime.date(2025, 10, 1),
        ends_on=datetime.date(2026, 1, 15),
    )
    old = world.cohort(
        version,
        code="K69A",
        starts_on=datetime.date(2025, 3, 3),
        ends_on=datetime.date(2025, 9, 30),
    )
    for cohort, size in ((spring, 4), (autumn, 2), (old, 3)):
        for _ in range(size):
            world.admit(cohort)
    site = world.site()
    RoomFactory(site=site, name="P.201", kind=Room.Kind.CLASSROOM, capacity=60)
    RoomFactory(site=site, name="P.202", kind=Room.Kind.CLASSROOM, capacity=40)
    RoomFactory(site=site, name="Hội trường A", kind=Room.Kind.HALL, capacity=250)
    RoomFactory(site=site, name="Hội trường B", kind=Room.Kind.HALL, capacity=120)
    RoomFactory(
        site=site, name="P.Cũ", kind=Room.Kind.CLASSROOM, capacity=80, is_active=False
    )
    ResearchTopicFactory(
        school=school,
        leader=own[0],
        level=ResearchTopic.Level.PROVINCE,
        starts_on=datetime.date(2025, 6, 1),
        ends_on=datetime.date(2026, 6, 1),
    )
    ResearchTopicFactory(
        school=school,
        leader=own[1],
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2027, 12, 31),
    )
    ResearchOutputFactory(school=school, year=YEAR, authors=[own[0], own[1]])
    ResearchOutputFactory(school=school, year=YEAR, authors=[own[0]])
    ResearchOutputFactory(school=school, year=YEAR - 1, authors=[own[2]])
    return {"own": own, "spring": spring, "autumn": autumn, "old": old, "world": world}


def _value(key, school):
    return compute(key, school_id=school.pk, year=YEAR)


@pytest.mark.django_db
def test_lecturer_shares_count_own_active_lecturers_only(school, fresh):
    own = Lecturer.objects.filter(
        school=school, is_active=True, is_visiting=False, is_concurrent=False
    )
    assert own.count() == 5
    masters = own.filter(person__education_level__code__in=("THS", "TS")).count()
    computed = _value("master_share", school)
    assert (computed.numerator, computed.denominator) == (masters, 5) == (3, 5)
    assert computed.value == Decimal("60.00")
    assert "3 trên 5" in computed.how
    assert computed.list_url == reverse("faculty:lecturer-list") + "?active=1"
    assert _value("doctor_share", school).value == Decimal("20.00")
    assert _value("theory_share", school).value == Decimal("40.00")
    assert _value("principal_share", school).value == Decimal("40.00")
    assert _value("lecturer_count", school).value == 5


@pytest.mark.django_db
def test_classes_and_learners_are_those_studying_in_the_year(school, fresh):
    assert _value("cohorts_in_year", school).value == 2
    in_year = Enrollment.objects.filter(
        cohort__in=[fresh["spring"], fresh["autumn"]]
    ).count()
    assert _value("learners_in_year", school).value == in_year == 6
    per = _value("learners_per_lecturer", school)
    assert (per.numerator, per.denominator, per.value) == (6, 5, Decimal("1.20"))
    assert _value("programmes_in_year", school).value == 1


@pytest.mark.django_db
def test_rooms_and_halls_are_the_active_ones(school, fresh):
    assert _value("classrooms", school).value == 2
    seats = _value("seats", school)
    assert (seats.value, seats.denominator) == (Decimal(470), 4)
    assert _value("hall_seats", school).value == 250
    assert _value("computer_rooms", school).value == 0


@pytest.mark.django_db
def test_research_of_the_year(school, fresh):
    assert _value("topics_in_year", school).value == 1
    assert _value("topics_provincial", school).value == 1
    assert _value("topics_accepted", school).value == 0
    assert _value("outputs_in_year", school).value == 2
    share = _value("lecturers_with_output", school)
    assert (share.numerator, share.denominator) == (2, 5)


@pytest.mark.django_db
def test_hours_per_lecturer_from_the_ledger_of_the_year(school, fresh):
    own = fresh["own"]
    period = LedgerPeriod.objects.create(school=school, school_year=2025)
    from daotao.ledger.models import HourRuleSet

    rule_set = HourRuleSet.objects.first()
    for lecturer, day, hours in (
        (own[0], datetime.date(2026, 2, 1), "300"),
        (own[1], datetime.date(2026, 5, 1), "200.5"),
        (own[1], datetime.date(2025, 12, 31), "99"),  # the year before: not counted
    ):
        LedgerEntry.objects.create(
            period=period,
            lecturer=lecturer,
            activity=LedgerEntry.Activity.LECTURE,
            date=day,
            quantity=1,
            coefficient=1,
            hours=Decimal(hours),
            rule_set=rule_set,
        )
    computed = _value("hours_per_lecturer", school)
    assert computed.numerator == Decimal("500.50")
    assert computed.value == Decimal("100.10")


@pytest.mark.django_db
def test_a_share_of_nobody_has_no_data(school):
    computed = _value("master_share", school)
    assert computed.value is None
    assert (computed.numerator, computed.denominator) == (0, 0)


@pytest.mark.django_db
def test_the_year_page_rows_use_the_computed_values_and_thresholds(school, fresh):
    assessment = assessment_for(school)
    rows = {r.indicator.code: r for c in assessment_rows(assessment) for r in c.rows}
    # 2.2 master's share: 60% against ≥ 70 (UNCONFIRMED default): not met.
    assert rows["2.2"].value == Decimal("60.00")
    assert rows["2.2"].verdict == Verdict.NOT_MET
    # 2.3 doctors: 20% against ≥ 5, above ≥ 15: above standard.
    assert rows["2.3"].verdict == Verdict.ABOVE
    # Entered indicators without a value have no data yet.
    assert rows["1.1"].verdict == Verdict.NO_DATA
    assert sum(1 for r in rows.values() if r.computed is not None) >= 20
