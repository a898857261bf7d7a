"""The demo's school year in progress: the autumn 2026 cohorts studying, their term
scheduled by the engine and published, the ledger of 2026 counted up to today."""

from decimal import Decimal

import pytest
from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from daotao.accounts.models import User
from daotao.core.models import AuditEvent
from daotao.demo import autumn
from daotao.demo.todo import OPEN_CLASS
from daotao.enrolment.models import Cohort, Enrollment, Nomination
from daotao.faculty.models import Lecturer
from daotao.ledger import rules
from daotao.ledger.models import LedgerEntry, LedgerPeriod
from daotao.org.models import School
from daotao.planning.models import TrainingPlan
from daotao.teaching import scheduling as engine
from daotao.teaching.models import ScheduleRun, TeachingSession, Term
from daotao.teaching.services.scheduling import engine_session, problem_for_term
from daotao.tests.support.demo_database import seed

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # seeds the whole demo

TABLES = [
    TrainingPlan,
    Nomination,
    Cohort,
    Enrollment,
    Lecturer.topics.through,
    Term,
    ScheduleRun,
    TeachingSession,
    LedgerPeriod,
    LedgerEntry,
    AuditEvent,
]


@pytest.fixture
def term(seeded_module) -> Term:
    return Term.objects.get(name=autumn.TERM_NAME)


def _published(term: Term):
    return TeachingSession.objects.filter(term=term, run=None)


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in TABLES}


def test_autumn_cohorts_of_the_approved_2026_plan_are_admitted(term):
    plan = TrainingPlan.objects.get(year=2026)
    assert plan.status == TrainingPlan.Status.APPROVED
    cohorts = {cohort.code: cohort for cohort in term.cohorts.all()}
    assert set(cohorts) == {"K62A", "LDP-2026"}
    today = timezone.localdate()
    for cohort in cohorts.values():
        assert cohort.planned_class.plan == plan
        assert cohort.enrollments.count() >= 10
        assert cohort.summons_document is not None
        assert cohort.homeroom_lecturer is not None
        expected = (
            "open"
            if today < cohort.starts_on
            else "studying"
            if today <= cohort.ends_on
            else "finished"
        )
        assert cohort.status == expected
    k62a = cohorts["K62A"]
    assert k62a.starts_on.year == 2026 and k62a.starts_on.month == 9
    assert k62a.program_version.program.code == "TCLLCT"
    assert cohorts["LDP-2026"].program_version.program.code == "BD-LDP"
    assert (term.starts_on, term.ends_on) == autumn.TERM_DATES
    # Nobody studies in two classes; the demo learner stays in K63A.
    assert (
        not Enrollment.objects.values("person").annotate(n=Count("id")).filter(n__gt=1)
    )
    learner = User.objects.get(username="hocvien").person
    assert learner.enrollments.get().cohort.code == "K63A"
    # Only the class of next year's plan, left open for nominations, waits.
    waiting = Nomination.objects.exclude(status="admitted")
    assert set(waiting.values_list("planned_class__code", flat=True)) == {
        OPEN_CLASS.code
    }


def test_no_demo_learner_fails_an_eligibility_rule(term):
    """Issue 14: no TC learner already holds Trung cấp or higher, nobody retires
    before the class ends, and every bồi dưỡng class has its rule set."""
    nominations = list(Nomination.objects.select_related("person__theory_level"))
    assert nominations
    assert all(n.rule_set_id is not None for n in nominations)
    failed = [
        (n.person.full_name, r["rule"])
        for n in nominations
        for r in n.eligibility
        if not r["passed"]
    ]
    assert failed == []
    k62a = Enrollment.objects.filter(cohort__code="K62A").select_related(
        "person__theory_level"
    )
    assert {
        e.person.theory_level.code if e.person.theory_level else "" for e in k62a
    } <= {"", "CHUA", "SC"}


def test_the_published_schedule_is_the_engines_and_valid(term):
    runs = list(term.runs.all())
    assert [(run.status, run.time_limit_seconds) for run in runs] == [
        ("published", autumn.SOLVER_SECONDS)
    ]
    published = list(_published(term))
    # K62A: its programme up to what the term holds; LDP-2026: all of it.
    assert len(published) > 150
    assert {s.cohort.code for s in published} == {"K62A", "LDP-2026"}
    problem = problem_for_term(term)
    assert engine.validate(problem, [engine_session(s) for s in published]) == []
    for session in published:
        assert session.lecturer.topics.filter(pk=session.topic_id).exists()
        cohort = session.cohort
        assert cohort.starts_on <= session.date <= cohort.ends_on
        assert session.date.weekday() in cohort.study_weekdays


def test_nobody_and_no_room_is_booked_twice_in_a_half_day(term):
    sessions = TeachingSession.objects.filter(run=None)
    for field in ("lecturer", "room", "cohort"):
        twice = (
            sessions.values(field, "date", "half_day")
            .annotate(n=Count("id"))
            .filter(n__gt=1)
        )
        assert not twice.exists(), field
    assert not sessions.filter(lecturer=None).exists()
    assert not sessions.filter(room=None).exists()


def test_the_2026_ledger_counts_every_session_taught_up_to_today(term):
    today = timezone.localdate()
    period = LedgerPeriod.objects.get(school_year=autumn.SCHOOL_YEAR)
    entries = period.entries.all()
    assert entries.exists()
    assert not period.is_closed
    total = entries.aggregate(total=Sum("hours"))["total"]
    assert total == sum(
        (e.quantity * e.coefficient for e in entries), Decimal(0)
    ).quantize(Decimal("0.01"))
    cent = Decimal("0.01")
    assert all(e.hours == (e.quantity * e.coefficient).quantize(cent) for e in entries)
    assert not entries.filter(date__gt=today).exists()
    taught = _published(term).filter(date__lte=today)
    assert taught.exists()
    counted = set(entries.values_list("session_id", flat=True))
    for session in taught:
        if session.kind == "field_study":  # one entry per day, on its first session
            assert entries.filter(
                lecturer=session.lecturer, date=session.date, activity="field_study"
            ).exists()
        else:
            assert session.pk in counted
    assert autumn._is_current(period, today)


def test_giangvien_teaches_the_skills_of_the_bd_class_and_has_hours(term, client):
    user = User.objects.get(username="giangvien")
    lecturer = user.person.lecturer
    taught = _published(term).filter(lecturer=lecturer)
    modules = set(taught.values_list("topic__module__code", flat=True))
    assert {"II.1", "II.2"} <= modules
    hours = LedgerEntry.objects.filter(
        lecturer=lecturer, period__school_year=2026
    ).aggregate(total=Sum("hours"))["total"]
    assert hours is not None and hours > 0

    client.force_login(user)
    response = client.get(reverse("ledger:ledger-own"))
    assert response.status_code == 200
    assert "LDP-2026" in response.content.decode()


def test_seeding_again_changes_nothing(term):
    before = _counts()
    assert seed().startswith("Dữ liệu mẫu đã có đủ")
    assert _counts() == before


def test_a_later_day_counts_the_sessions_taught_since(term):
    school = School.objects.get(province__code="038")
    office = User.objects.get(username="daotao")
    today, later = timezone.localdate(), term.ends_on
    assert rules.school_year_of(later) == autumn.SCHOOL_YEAR
    still_to_come = _published(term).filter(date__gt=today).exists()
    assert autumn._ledger(school, office, later) == int(still_to_come)
    period = LedgerPeriod.objects.get(school_year=autumn.SCHOOL_YEAR)
    assert period.entries.filter(date__gt=today).exists() == still_to_come
    assert autumn._ledger(school, office, later) == 0
