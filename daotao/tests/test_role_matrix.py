"""Role × view × method, from the one permission table."""

import pytest

from daotao.accounts.models import User
from daotao.core.access import (
    LECTURER_ROLES,
    PERMISSIONS,
    Role,
    declared_access_of,
)
from daotao.core.models import AuditEvent
from daotao.people.models import Person
from daotao.people.tests.factories import PersonFactory
from daotao.tests.urlwalk import walk

ROUTES = [
    r
    for r in walk()
    if r.namespace != "admin" and declared_access_of(r.callback).kind != "public"
]

# The staff pages written out by hand: this is what the table must keep meaning.
# A change to PERMISSIONS that alters these rows has to change this test too.
EXPECTED_GET = {
    "people:person-list": {
        Role.ADMINISTRATOR,
        Role.LEADERSHIP,
        Role.TRAINING_OFFICE,
        Role.FACULTY_HEAD,
        Role.RESEARCH_OFFICE,
        Role.SUPERVISOR,
        Role.AGENCY_COORDINATOR,
    },
    "people:person-create": {
        Role.ADMINISTRATOR,
        Role.LEADERSHIP,
        Role.TRAINING_OFFICE,
        Role.AGENCY_COORDINATOR,
    },
    "people:person-export": {
        Role.ADMINISTRATOR,
        Role.LEADERSHIP,
        Role.TRAINING_OFFICE,
        Role.AGENCY_COORDINATOR,
        Role.SUPERVISOR,
    },
    "accounts:permission-table": {Role.ADMINISTRATOR},
    "reports:dashboard": set(Role),
    "accounts:profile": set(Role),
}


def _expected(route, role) -> bool:
    access = declared_access_of(route.callback)
    if access.kind in ("login", "own_account"):
        return True
    return role in PERMISSIONS[access.permission]


def _user_for(role, make_user, person, objects=None):
    if role == Role.AGENCY_COORDINATOR:
        return make_user(role, agency=person.agency)
    if role == Role.FACULTY_HEAD and objects:
        # A faculty head reads the ledger of their own faculty: the walked lecturer's;
        # a lecturer themselves, they review the paper assigned to the teaching one.
        user = make_user(role, unit_id=objects["_faculty_unit"])
        user.person_id = objects["_teaching_person"]
        user.save(update_fields=["person"])
        return user
    user = make_user(role)
    if role in LECTURER_ROLES and objects:
        # A lecturer reads only the cohorts they teach: the walked cohort's.
        user.person_id = objects["_teaching_person"]
        user.save(update_fields=["person"])
    return user


@pytest.fixture(scope="module")
def _world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("role-matrix") / "media"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, _world_media):
    """The school, person and walked records, built once for the module.

    Built inside one transaction that is rolled back after the module's last test;
    each test still runs in its own savepoint (the `db` fixture, nested inside this
    transaction), so what a request writes is undone before the next test.
    """
    from django.db import transaction
    from django.test import override_settings

    from daotao.org.tests.factories import AgencyFactory, SchoolFactory

    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=_world_media),
        transaction.atomic(),
    ):
        school = SchoolFactory()
        agency = AgencyFactory(school=school)
        # A person inside the coordinator's agency, so every holder may reach it.
        person = PersonFactory(school=school, agency=agency)
        yield {
            "school": school,
            "agency": agency,
            "person": person,
            "objects": _objects(person, school),
        }
        transaction.set_rollback(True)


@pytest.fixture
def _media_root(settings, _world_media):
    # The module's files (the signed scans of its walked documents) live with it.
    settings.MEDIA_ROOT = _world_media


@pytest.fixture
def school(db, world):
    return world["school"]


@pytest.fixture
def agency(db, world):
    return world["agency"]


@pytest.fixture
def person(db, world):
    return world["person"]


@pytest.fixture
def objects(db, world):
    return world["objects"]


def _objects(person, school):
    """The record each app's detail routes are walked with."""
    from django.core.files.base import ContentFile

    from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
    from daotao.portal.tests.factories import portal_objects
    from daotao.programs.tests.factories import ProgramVersionFactory, TopicFactory
    from daotao.research.tests.conference_fixtures import research_objects

    document = OutgoingDocumentFactory(issuer=IssuerFactory(school=school))
    document.signed_scan.save("scan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    cycle = _training_cycle(person, school)
    topic = TopicFactory(
        module__block__version=ProgramVersionFactory(program__school=school)
    )
    block_pk = topic.module.block_id
    import datetime

    from daotao.faculty.tests.factories import LecturerFactory, UnavailabilityFactory

    lecturer = LecturerFactory(school=school)
    day = datetime.date(2026, 4, 6)
    absence = UnavailabilityFactory(lecturer=lecturer, starts_on=day, ends_on=day)
    timetable = _published_session(school, cycle["cohort"], topic)
    from daotao.teaching.models import ScheduleRun

    run = ScheduleRun.objects.create(
        school=school, term=timetable.term, created_by=person_user(school)
    )
    from daotao.assessment.tests.factories import sheet_routes
    from daotao.credentials.tests.factories import (
        diploma_template,
        issued_credential,
    )
    from daotao.ledger.models import HourRuleSet
    from daotao.reports.models import PeriodReport
    from daotao.research.tests.paper_setup import paper_routes
    from daotao.standards.tests.factories import standards_objects
    from daotao.teaching.models import Holiday

    # A submitted period report: the supervisor reads submitted ones only.
    period_report = PeriodReport.objects.create(
        school=school,
        year=2026,
        status=PeriodReport.Status.SUBMITTED,
        figures={},
        figures_at=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC),
        submitted_at=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC),
        created_by=run.created_by,
    )
    return {
        "_teaching_person": timetable.lecturer.person_id,
        "reports:period-report-detail": period_report.pk,
        "reports:period-report-submit": period_report.pk,
        "reports:period-report-document": period_report.pk,
        "_faculty_unit": lecturer.unit_id,
        "assessment": cycle["cohort"],
        **sheet_routes(cycle["cohort"]),
        **paper_routes(school, reviewer=timetable.lecturer),
        "people": person.pk,
        "teaching:cohort-timetable": cycle["cohort"],
        "teaching:lecturer-timetable": timetable.lecturer_id,
        "teaching:room-timetable": timetable.room_id,
        "org:room-update": timetable.room_id,
        "org:room-closure-add": timetable.room_id,
        "org:room-closure-delete": timetable.room.closures.create(
            starts_on=datetime.date(2030, 1, 2),
            ends_on=datetime.date(2030, 1, 3),
            reason="Sửa chữa",
        ).pk,
        "org:site-update": timetable.room.site_id,
        "teaching:session-move": timetable.pk,
        "learning": timetable.pk,
        "learning:feedback-lecturer": timetable.lecturer_id,
        **_support_routes(cycle["cohort"]),
        "teaching:term-detail": timetable.term_id,
        "teaching:term-schedule": timetable.term_id,
        "teaching:term-update": timetable.term_id,
        "teaching:term-delete": timetable.term_id,
        "teaching:run-detail": run.pk,
        "teaching:run-publish": run.pk,
        "teaching:run-place": run.pk,
        "teaching:run-place-check": run.pk,
        "faculty": lecturer.pk,
        "faculty:unavailability-delete": absence.pk,
        **_development_objects(lecturer, timetable),
        "ledger:ledger-lecturer": lecturer.pk,
        "ledger:hour-rule-set-update": HourRuleSet.objects.get().pk,
        "teaching:holiday-update": Holiday.objects.order_by("date").first().pk,
        "documents": document.pk,
        "programs": topic.module.block.version_id,
        "programs:module-add": block_pk,
        "programs:block-delete": block_pk,
        "programs:topic-add": topic.module_id,
        "programs:module-delete": topic.module_id,
        "programs:topic-update": topic.pk,
        "programs:topic-delete": topic.pk,
        "planning": cycle["plan"],
        "planning:quota-set": cycle["planned_class"],
        "planning:quota-adjust": cycle["planned_class"],
        "planning:planned-class-update": cycle["planned_class"],
        "planning:planned-class-delete": cycle["planned_class"],
        "enrolment": cycle["planned_class"],
        "enrolment:nomination-detail": cycle["nomination"],
        "enrolment:nomination-check": cycle["nomination"],
        "enrolment:nomination-override": cycle["nomination"],
        "enrolment:nomination-reject": cycle["nomination"],
        "enrolment:nomination-withdraw": cycle["nomination"],
        "enrolment:cohort-detail": cycle["cohort"],
        "enrolment:cohort-export": cycle["cohort"],
        "enrolment:cohort-decision": cycle["cohort"],
        "credentials": issued_credential(person.enrollments.get()).pk,
        "credentials:cohort-transcripts": person.enrollments.get().cohort_id,
        "credentials:template-update": diploma_template(school).pk,
        "outcomes": person.enrollments.get().pk,
        "core": _generated_file(school),
        **portal_objects(school),
        **research_objects(school),
        **standards_objects(school),
    }


def _development_objects(lecturer, session):
    """A record of each lecturer development kind (faculty.development) and an
    observation of the walked session."""
    import datetime

    from django.core.files.base import ContentFile

    from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
    from daotao.faculty.models import (
        AnnualEvaluation,
        DevelopmentRuleSet,
        EvaluationDecision,
        FieldPractice,
        Qualification,
        Rotation,
        TeachingContest,
    )
    from daotao.teaching.models import Observation

    day = datetime.date(2026, 6, 8)
    rule_set = DevelopmentRuleSet.objects.get()
    qualification = Qualification(lecturer=lecturer, kind="language", name="B1")
    qualification.evidence.save("b1.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    practice = FieldPractice.objects.create(
        lecturer=lecturer, place="Xã", topic="Nông thôn mới", starts_on=day, ends_on=day
    )
    rotation = Rotation.objects.create(
        lecturer=lecturer, post="Phó Bí thư", host="Xã", starts_on=day, ends_on=day
    )
    observation = Observation.objects.create(
        school=session.school,
        lecturer=session.lecturer,
        session=session,
        observed_on=session.date,
        lesson="Chuyên đề",
        score=8,
        band="Khá",
        rule_set=rule_set,
    )
    # the year's decision recognising the results (its link on the evaluation list)
    EvaluationDecision.objects.create(
        school=lecturer.school,
        year=2026,
        document=OutgoingDocumentFactory(
            issuer=IssuerFactory(school=lecturer.school, abbreviation="TrCT3")
        ),
    )
    return {
        "faculty:qualification-delete": qualification.pk,
        "faculty:qualification-download": qualification.pk,
        "faculty:field-practice-report": practice.pk,
        "faculty:field-practice-delete": practice.pk,
        "faculty:rotation-report": rotation.pk,
        "faculty:rotation-delete": rotation.pk,
        "faculty:rotation-proposal-draft": rotation.pk,
        "faculty:contest-delete": TeachingContest.objects.create(
            lecturer=lecturer, year=2026, level="school", result="first"
        ).pk,
        "faculty:evaluation-decide": AnnualEvaluation.objects.create(
            lecturer=lecturer, year=2026, rule_set=rule_set, proposed_band="good"
        ).pk,
        "faculty:development-rule-update": rule_set.pk,
        "teaching:observation-detail": observation.pk,
        "teaching:observation-delete": observation.pk,
    }


def _support_routes(cohort_pk):
    """Learner support and conduct routes (docs/adr/0034): the walked cohort with a
    commune's distance, a learner's commune, a computed payment line, a proposed
    reward and a conduct result; the default rate and conduct rule sets."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from daotao.enrolment.models import Cohort
    from daotao.learning.models import (
        CommuneSupportProfile,
        ConductDecision,
        ConductResult,
        ConductRuleSet,
        LearnerCommune,
        SupportLine,
        SupportPayment,
        SupportRateSet,
    )
    from daotao.org.models import Area

    cohort = Cohort.objects.get(pk=cohort_pk)
    enrollment = cohort.enrollments.get(position=1)
    by = person_user(cohort.school)
    commune = Area.objects.create(name="Mường Lát", kind="xã", level="commune")
    CommuneSupportProfile.objects.create(
        school=cohort.school,
        commune=commune,
        distance_km=Decimal(250),
        is_remote=True,
        note="Theo bản đồ",
    )
    LearnerCommune.objects.create(enrollment=enrollment, commune=commune)
    payment = SupportPayment.objects.create(
        school=cohort.school,
        cohort=cohort,
        rate_set=SupportRateSet.objects.first(),
        computed_at=timezone.now(),
        computed_by=by,
    )
    SupportLine.objects.create(
        payment=payment,
        enrollment=enrollment,
        days_present=1,
        commune_name=commune.name,
        meals=100000,
        total=100000,
    )
    decision = ConductDecision.objects.create(
        enrollment=enrollment,
        kind="reward",
        form="praise",
        reason="Tích cực phát biểu",
        decided_on=datetime.date(2026, 3, 20),
        proposed_by=by,
    )
    ConductResult.objects.create(
        enrollment=enrollment,
        rule_set=ConductRuleSet.objects.first(),
        score=100,
        label="Tốt",
        classified_by=by,
    )

    routes = dict.fromkeys(
        (
            "learning:support-cohort",
            "learning:support-cohort-export",
            "learning:support-compute",
            "learning:support-draft",
            "learning:support-learner-commune",
            "learning:decision-propose",
            "learning:conduct-classify",
        ),
        cohort_pk,
    )
    return routes | {
        "learning:support-rate-update": SupportRateSet.objects.first().pk,
        "learning:conduct-rule-update": ConductRuleSet.objects.first().pk,
        "learning:decision-draft": decision.pk,
    }


def _training_cycle(person, school):
    """An approved plan whose class gave the person's agency a place; the person
    nominated and admitted into a cohort with a signed summons decision."""
    import datetime

    from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
    from daotao.enrolment.models import Nomination
    from daotao.planning.models import Quota
    from daotao.programs.tests.factories import ProgramVersionFactory
    from daotao.tests.support.school_world import FreshSchool

    fresh = FreshSchool(school)
    planned = fresh.planned_class(
        ProgramVersionFactory(program__school=school),
        code="TC-01",
        name="Lớp TC K60A",
        planned_size=40,
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 9, 2),
    )
    plan = planned.plan
    Quota.objects.create(planned_class=planned, agency=person.agency, places=5)
    nomination = Nomination.objects.create(
        school=school,
        person=person,
        agency=person.agency,
        planned_class=planned,
        created_by=person_user(school),
        status="admitted",
    )
    decision = OutgoingDocumentFactory(
        issuer=IssuerFactory(school=school, abbreviation="TrCT2"),
        status="signed",
        number=7,
        year=2026,
        symbol="07/QĐ-TrCT",
        issued_on=datetime.date(2026, 2, 20),
    )
    from django.core.files.base import ContentFile

    decision.pdf_file.save("qd.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    cohort = fresh.cohort_of(planned, code="K60A", summons_document=decision)
    fresh.admit(cohort, nomination=nomination, position=1)
    return {
        "plan": plan.pk,
        "planned_class": planned.pk,
        "nomination": nomination.pk,
        "cohort": cohort.pk,
    }


def _published_session(school, cohort_pk, topic):
    """A session of the published schedule for the timetable and editing routes."""
    from daotao.enrolment.models import Cohort
    from daotao.faculty.tests.factories import LecturerFactory
    from daotao.org.models import Room
    from daotao.teaching.models import TeachingSession, Term

    cohort = Cohort.objects.get(pk=cohort_pk)
    term = Term.objects.create(
        school=school, name="Đợt 1", starts_on=cohort.starts_on, ends_on=cohort.ends_on
    )
    return TeachingSession.objects.create(
        school=school,
        term=term,
        cohort=cohort,
        topic=topic,
        date=cohort.starts_on,
        half_day=0,
        lecturer=LecturerFactory(school=school),
        room=Room.objects.create(site=cohort.site, name="Phòng 101", capacity=50),
    )


def _generated_file(school):
    """A finished export of another user (core's generated-file routes)."""
    from daotao.core.models import GeneratedFile

    return GeneratedFile.objects.create(
        school=school,
        kind="people:person-export",
        title="Danh sách cán bộ",
        requested_by=person_user(school),
        status=GeneratedFile.Status.DONE,
    ).pk


def person_user(school):
    from daotao.accounts.tests.factories import UserFactory

    return UserFactory()


def _url(route, objects):
    pk = objects.get(route.qualified_name, objects.get(route.namespace, 0))
    return route.url(pk=pk)


def test_hand_written_rows_match_the_table():
    by_name = {r.qualified_name: r for r in ROUTES}
    for name, roles in EXPECTED_GET.items():
        route = by_name[name]
        assert {role for role in Role if _expected(route, role)} == roles, name


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.qualified_name)
def test_get(client, make_user, person, objects, role, route):
    client.force_login(_user_for(role, make_user, person, objects))
    response = client.get(_url(route, objects))
    access = declared_access_of(route.callback)
    if not _expected(route, role):
        assert response.status_code == 403
    elif route.namespace == "core":
        # A generated file is its requester's alone (the walked one is another
        # user's): 404 to everyone else, 405 to a GET of the POST-only retry.
        assert response.status_code == (405 if route.name.endswith("-retry") else 404)
    elif access.methods is not None:
        assert response.status_code == 405  # actions answer POST only
    else:
        assert response.status_code == (302 if route.name == "logout" else 200)


WRITE_ROUTES = [
    r
    for r in ROUTES
    if r.namespace == "people" and r.name.endswith(("-create", "-update"))
]


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("route", WRITE_ROUTES, ids=lambda r: r.qualified_name)
def test_post_refused_changes_nothing(client, make_user, person, role, route):
    client.force_login(_user_for(role, make_user, person))
    before = (
        Person.objects.count(),
        AuditEvent.objects.count(),
        Person.objects.get(pk=person.pk).full_name,
    )
    payload = {
        "family_name": "Lê",
        "given_name": "Mới",
        "sex": "male",
        "agency": person.agency_id,
        "version": 1,
    }
    response = client.post(route.url(pk=person.pk), payload)
    after = (
        Person.objects.count(),
        AuditEvent.objects.count(),
        Person.objects.get(pk=person.pk).full_name,
    )
    if _expected(route, role) and role != Role.SUPERVISOR:
        assert response.status_code == 302
        assert after != before
    else:
        assert response.status_code == 403
        assert after == before


# A supervisor keeps its own credentials (password, second factor): those pages are
# the only writes it may make (accounts/tests/test_password_pages.py).
SUPERVISOR_WRITE_ROUTES = [
    r for r in ROUTES if declared_access_of(r.callback).kind != "own_account"
]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route", SUPERVISOR_WRITE_ROUTES, ids=lambda r: r.qualified_name
)
def test_supervisor_may_not_write_anywhere(client, make_user, objects, route):
    """Every unsafe method of a supervisor answers 403, even on their own pages."""
    client.force_login(make_user(Role.SUPERVISOR))
    users_before = list(User.objects.values_list("id", "password"))
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(_url(route, objects))
        assert response.status_code == 403, method
    assert list(User.objects.values_list("id", "password")) == users_before


# The province's board (Ban Tổ chức Tỉnh ủy) writes through the plan review alone
# (core.access.WRITES_ONLY_THROUGH), and its own credentials.
BOARD_REVIEW = "planning.review_plan"
BOARD_REFUSED_ROUTES = [
    r
    for r in ROUTES
    if declared_access_of(r.callback).kind != "own_account"
    and declared_access_of(r.callback).permission != BOARD_REVIEW
]


@pytest.mark.django_db
@pytest.mark.parametrize("route", BOARD_REFUSED_ROUTES, ids=lambda r: r.qualified_name)
def test_the_board_writes_nothing_but_the_plan_review(
    client, make_user, objects, route
):
    client.force_login(make_user(Role.PROVINCIAL_BOARD))
    events = AuditEvent.objects.count()
    response = client.post(_url(route, objects))
    assert response.status_code == 403
    assert AuditEvent.objects.count() == events


def test_the_board_may_post_only_to_the_review_routes():
    posted = {
        r.qualified_name
        for r in ROUTES
        if declared_access_of(r.callback).permission == BOARD_REVIEW
    }
    assert posted == {
        "planning:plan-review-approve",
        "planning:plan-review-return",
        "planning:quota-adjust",
    }


@pytest.mark.django_db
def test_user_without_role_sees_only_own_pages(client, make_user, person):
    client.force_login(make_user(None))
    assert client.get("/can-bo/").status_code == 403
    assert client.get("/tai-khoan/").status_code == 200
    assert "chưa được giao vai trò" in client.get("/quan-ly/").content.decode()
