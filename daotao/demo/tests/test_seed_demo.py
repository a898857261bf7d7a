"""`manage.py seed_demo`: one coherent demo school, valid data, nothing twice."""

from io import StringIO

import pytest
from django.core.management import call_command

from daotao.accounts.models import Membership, User
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.core.validators import validate_citizen_id
from daotao.demo.data import CADRE_COUNT, PASSWORD
from daotao.org.models import Agency, Area, School, Unit
from daotao.people.models import Person, PostHistory
from daotao.planning.models import TrainingPlan

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # seeds the whole demo

LECTURERS = 40
AGENCIES = 33 + 17 * 3 + 3
EXPECTED_MEMBERSHIPS = {
    "quantri": (Role.ADMINISTRATOR, True, None, None),
    "bgh": (Role.LEADERSHIP, True, None, None),
    "daotao": (Role.TRAINING_OFFICE, True, "QLĐT", None),
    "truongkhoa": (Role.FACULTY_HEAD, True, "XDĐ", None),
    "giangvien": (Role.LECTURER, True, "XDĐ", None),
    "chunhiem": (Role.HOMEROOM_LECTURER, True, "LLCS", None),
    "hocvien": (Role.LEARNER, True, None, None),
    "coquan": (Role.AGENCY_COORDINATOR, True, None, "Đảng ủy phường Hạc Thành"),
    "nckh": (Role.RESEARCH_OFFICE, True, "QLĐT", None),
    "bientap": (Role.COMMUNICATIONS, True, "TCHC", None),
    "giamsat": (Role.SUPERVISOR, False, None, None),
    "bantochuc": (Role.PROVINCIAL_BOARD, True, None, None),
}
TABLES = [
    School,
    Unit,
    Area,
    Agency,
    Agency.predecessors.through,
    Person,
    PostHistory,
    User,
    Membership,
    AuditEvent,
]


def _counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in TABLES}


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_builds_one_school_with_valid_people_and_is_idempotent(
    seeded_module,
):
    # The run's one seeding of the empty database (the demo template's).
    first_output = seeded_module

    school = School.objects.get(province__code="038")
    assert (school.abbreviation, school.province.code) == ("TrCT", "038")
    assert sorted(
        Unit.objects.filter(school=school).values_list("abbreviation", flat=True)
    ) == [
        "LLCS",
        "NNPL",
        "QLĐT",
        "TCHC",
        "XDĐ",
    ]
    assert Agency.objects.filter(school=school).count() == AGENCIES
    historical = Agency.objects.filter(school=school, valid_to__isnull=False)
    assert historical.count() == 3
    assert all(agency.successors.count() == 1 for agency in historical)
    people = Person.objects.filter(school=school)
    assert people.count() == CADRE_COUNT + LECTURERS
    assert people.filter(agency__isnull=True).count() == LECTURERS

    for person in people:
        validate_citizen_id(
            person.citizen_id, date_of_birth=person.date_of_birth, sex=person.sex
        )
        assert person.citizen_id.startswith("038")
        assert 1966 <= person.date_of_birth.year <= 2000

    # One login per role here, and five staff logins in each of the two schools.
    assert User.objects.count() == len(Role) + 2 * 5
    for username, (role, has_school, unit, agency) in EXPECTED_MEMBERSHIPS.items():
        membership = Membership.objects.get(user__username=username)
        assert membership.role == role
        assert (membership.school_id is not None) == has_school
        assert (membership.unit.abbreviation if membership.unit else None) == unit
        assert (membership.agency.name if membership.agency else None) == agency
    # The demo school's plans go through the province: each approved plan was
    # submitted by the office, then approved by the board with its Công văn.
    assert school.plans_approved_by_province
    board = User.objects.get(username="bantochuc")
    approved = TrainingPlan.objects.filter(
        school=school, status=TrainingPlan.Status.APPROVED
    )
    assert approved.count() >= 4
    for plan in approved:
        steps = list(plan.review_steps.order_by("at", "id"))
        assert [(s.kind, s.by_province) for s in steps] == [
            ("submitted", False),
            ("approved", True),
        ]
        assert (steps[1].actor, plan.approved_by) == (board, board)
        assert steps[1].approval_number.endswith("-CV/BTCTU")
    coordinated = Membership.objects.get(
        role=Role.AGENCY_COORDINATOR, school=school
    ).agency
    assert coordinated.people.exists()
    learner = User.objects.get(username="hocvien")
    assert learner.person is not None
    assert learner.display_name == learner.person.full_name
    assert User.objects.get(username="quantri").check_password(PASSWORD)
    assert "quantri" in first_output
    assert "http://127.0.0.1:8000" in first_output

    before = _counts()
    second_output = _seed()

    assert _counts() == before
    assert "không tạo thêm gì" in second_output
    assert "giamsat" in second_output


def test_two_more_schools_each_have_their_own_records(seeded_module):
    """Nghệ An and Hà Tĩnh beside Thanh Hóa: each with its units, issuer, staff
    logins, agencies, cadres, an approved plan, a cohort, a term and a topic; the
    supervisor sees the three schools, a school's office only its own."""
    from daotao.documents.models import Issuer
    from daotao.enrolment.models import Cohort
    from daotao.planning.models import TrainingPlan
    from daotao.research.models import ResearchTopic
    from daotao.teaching.models import Term

    assert "daotao.nghean" in seeded_module
    assert "coquan.hatinh" in seeded_module
    schools = {s.province.code: s for s in School.objects.select_related("province")}
    assert sorted(schools) == ["038", "040", "042"]
    assert schools["040"].name == "Trường Chính trị tỉnh Nghệ An"
    assert schools["042"].name == "Trường Chính trị tỉnh Hà Tĩnh"
    for code, key, cohort_code in (
        ("040", "nghean", "K45A"),
        ("042", "hatinh", "K38A"),
    ):
        school = schools[code]
        assert Unit.objects.filter(school=school).count() == 5
        assert Issuer.objects.filter(school=school).count() == 1
        assert Agency.objects.filter(school=school).count() == 2
        people = Person.objects.filter(school=school)
        assert people.count() == 6 + 2
        for person in people:
            validate_citizen_id(
                person.citizen_id, date_of_birth=person.date_of_birth, sex=person.sex
            )
            assert person.citizen_id.startswith(code)
        logins = Membership.objects.filter(school=school)
        assert sorted(logins.values_list("user__username", flat=True)) == sorted(
            f"{prefix}.{key}"
            for prefix in ("quantri", "bgh", "daotao", "giangvien", "coquan")
        )
        plan = TrainingPlan.objects.get(school=school)
        assert plan.status == TrainingPlan.Status.APPROVED
        cohort = Cohort.objects.get(school=school)
        assert cohort.code == cohort_code
        assert cohort.enrollments.count() == 6
        assert Term.objects.get(school=school).cohorts.get() == cohort
        assert ResearchTopic.objects.filter(school=school).count() == 1
        office = User.objects.get(username=f"daotao.{key}")
        seen = Cohort.objects.visible_to(office, "enrolment.view_cohort")
        assert list(seen) == [cohort]
    supervisor = User.objects.get(username="giamsat")
    seen = Cohort.objects.visible_to(supervisor, "enrolment.view_cohort")
    assert {c.school_id for c in seen} == {s.pk for s in schools.values()}
