"""The demo's teaching data: enough lecturers for every topic, places to teach,
cohorts in a term, and nothing made twice."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from daotao.accounts.models import User
from daotao.core.models import AuditEvent
from daotao.demo.data import PROVINCE_CODE
from daotao.demo.todo import OPEN_CLASS
from daotao.documents.models import OutgoingDocument
from daotao.enrolment.models import Cohort, Enrollment, Nomination
from daotao.faculty.models import Lecturer, Unavailability
from daotao.org.models import Room, School, Site
from daotao.programs.models import Topic
from daotao.teaching.models import SiteTravel, Term

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # seeds the whole demo

TABLES = [
    Lecturer,
    Lecturer.topics.through,
    Lecturer.preferred_topics.through,
    Unavailability,
    Site,
    Room,
    SiteTravel,
    Nomination,
    Cohort,
    Enrollment,
    OutgoingDocument,
    Term,
    Term.cohorts.through,
    AuditEvent,
]


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in TABLES}


@pytest.fixture
def seeded(seeded_module):
    return seeded_module


def _thanh_hoa() -> School:
    """The demo's first school (the other two have their own tests)."""
    return School.objects.get(province__code=PROVINCE_CODE)


def test_seeding_twice_changes_nothing(seeded):
    before = _counts()
    assert _seed().startswith("Dữ liệu mẫu đã có đủ")
    assert _counts() == before
    school = _thanh_hoa()
    assert Lecturer.objects.filter(school=school).count() == 24
    # K63A, K63B, K63C of 2027, the two classes of the autumn of 2026 and the
    # finished LDP-2025 (demo/graduation.py), each with its term.
    assert Cohort.objects.filter(school=school).count() == 6
    assert Term.objects.filter(school=school).count() == 3


def test_every_topic_of_tc_llct_has_three_qualified_lecturers(seeded):
    school = _thanh_hoa()
    topics = Topic.objects.filter(
        module__block__version__program__school=school,
        module__block__version__program__code="TCLLCT",
        module__block__version__status="in_use",
    ).annotate(qualified=Count("lecturers", filter=Q(lecturers__is_active=True)))
    assert topics.count() == 34  # 17 học phần in each of the two modes
    assert min(topic.qualified for topic in topics) >= 3
    lecturers = Lecturer.objects.filter(school=school).annotate(n=Count("topics"))
    assert all(lecturer.n >= 6 for lecturer in lecturers)  # 3 modules, two modes
    assert all(
        set(lecturer.preferred_topics.all()) <= set(lecturer.topics.all())
        for lecturer in lecturers
    )


def test_lecturers_come_from_the_teaching_units_with_mixed_titles(seeded):
    school = _thanh_hoa()
    by_unit = dict(
        Lecturer.objects.filter(school=school)
        .values_list("unit__abbreviation")
        .annotate(n=Count("id"))
        .values_list("unit__abbreviation", "n")
    )
    assert by_unit == {"LLCS": 8, "XDĐ": 8, "NNPL": 8}
    titles = set(Lecturer.objects.filter(school=school).values_list("title", flat=True))
    assert titles == {"trainee", "lecturer", "principal", "senior"}
    assert not Lecturer.objects.filter(person__agency__isnull=False).exists()


def test_demo_lecturer_users_reach_their_lecturer(seeded):
    giangvien = User.objects.get(username="giangvien")
    chunhiem = User.objects.get(username="chunhiem")
    assert giangvien.person.lecturer.unit.abbreviation == "XDĐ"
    assert chunhiem.person.lecturer.unit.abbreviation == "LLCS"
    k63a = Cohort.objects.get(code="K63A")
    assert k63a.homeroom_lecturer == chunhiem.person.lecturer


def test_sites_rooms_and_travel(seeded):
    school = _thanh_hoa()
    campus = Site.objects.get(school=school, kind=Site.Kind.CAMPUS)
    off_site = Site.objects.get(school=school, kind=Site.Kind.OFF_SITE)
    capacities = list(campus.rooms.values_list("capacity", flat=True))
    assert len(capacities) >= 6
    assert min(capacities) >= 40
    assert max(capacities) == 120
    assert list(off_site.rooms.values_list("name", "capacity")) == [
        ("Hội trường Đảng ủy xã", 120)
    ]
    assert sorted(
        SiteTravel.objects.filter(from_site__school=school).values_list(
            "from_site__kind", "to_site__kind", "half_days"
        )
    ) == [("campus", "off_site", 1), ("off_site", "campus", 1)]


def test_cohorts_admitted_with_rosters_and_summons_in_one_term(seeded):
    term = Term.objects.get(name="Học kỳ I năm 2027")
    assert (term.name, term.starts_on, term.ends_on) == (
        "Học kỳ I năm 2027",
        datetime.date(2027, 4, 5),
        datetime.date(2027, 6, 4),
    )
    cohorts = list(term.cohorts.order_by("code"))
    assert [c.code for c in cohorts] == ["K63A", "K63B", "K63C"]
    for cohort in cohorts:
        assert cohort.starts_on <= term.starts_on
        assert term.ends_on <= cohort.ends_on
        assert cohort.enrollments.count() >= 5
        assert cohort.summons_document is not None
        assert cohort.homeroom_lecturer is not None
    assert Cohort.objects.get(code="K63C").site.kind == Site.Kind.OFF_SITE
    learner = User.objects.get(username="hocvien").person
    assert learner.enrollments.get().cohort.code == "K63A"
    # Only the class of next year's plan, left open for nominations, waits.
    waiting = Nomination.objects.exclude(status="admitted")
    assert set(waiting.values_list("planned_class__code", flat=True)) == {
        OPEN_CLASS.code
    }
    assert not term.sessions.exists()  # the engine has not run for 2027 yet


def test_absences_of_field_practice_and_work_trips(seeded):
    kinds = set(Unavailability.objects.values_list("kind", flat=True))
    assert {"field_practice", "trip"} <= kinds
    # recorded by hand; field practice and the rotation (demo/staff_development.py)
    # keep their own
    assert Unavailability.objects.filter(owned_by="").count() == 4
    assert Unavailability.objects.exclude(owned_by="").count() == 5
