"""Row scope fails closed (issue 23, finding 1).

Every scoped model declares its `scope_path` (core.access.ScopePath) and is read
through `visible_to(actor, permission)`. Whatever permission an agency-bound role is
given, it sees only its own agency's rows of the models that have an agency path,
and nothing of the models that have none. The world: two schools, each with the
walked records of the role matrix, and in the first school a second agency with
its own cadre, nomination, places, roster line, research task and placement.
"""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from daotao.core.access import (
    AGENCY_BOUND_ROLES,
    PERMISSIONS,
    SCHOOL_WIDE,
    Role,
    ScopePath,
    require_scope,
    scope_path_of,
    visible_to,
)

# Every test is a database test, so pytest-django keeps the module together, before
# any transactional test empties the seeded tables the world is built on.
pytestmark = pytest.mark.django_db

SCOPED = sorted(
    (
        model
        for model in apps.get_models()
        if isinstance(getattr(model, "scope_path", None), ScopePath)
    ),
    key=lambda model: model._meta.label,
)
WITH_AGENCY = [model for model in SCOPED if model.scope_path.agency is not None]


def _pks(queryset) -> set[int]:
    return set(queryset.values_list("pk", flat=True))


def _all_pks() -> dict[type, set[int]]:
    return {model: _pks(model._base_manager.all()) for model in SCOPED}


def _cadre(school, agency, cohort, *, position: int, by):
    """A cadre of `agency` nominated into the cohort's class, placed on its roster,
    with a research task and a placement."""
    from daotao.credentials.tests.factories import enroll
    from daotao.outcomes.models import Placement, ResearchTask
    from daotao.people.tests.factories import PersonFactory
    from daotao.planning.models import Quota

    person = PersonFactory(school=school, agency=agency)
    quota = Quota.objects.get_or_create(
        planned_class=cohort.planned_class, agency=agency, defaults={"places": 3}
    )[0]
    enrollment = enroll(cohort, person, position=position)
    task = ResearchTask.objects.create(
        enrollment=enrollment,
        title="Nâng cao chất lượng sinh hoạt chi bộ",
        due_on=datetime.date(2026, 8, 1),
        assigned_by=by,
    )
    placement = Placement.objects.create(
        enrollment=enrollment,
        kind=Placement.Kind.choices[0][0],
        effective_on=datetime.date(2026, 10, 1),
        recorded_by=by,
    )
    return {
        "Agency": {agency.pk},
        "Person": {person.pk},
        "Quota": {quota.pk},
        "Nomination": {enrollment.nomination_id},
        "Enrollment": {enrollment.pk},
        "ResearchTask": {task.pk},
        "Placement": {placement.pk},
        "Cohort": {cohort.pk},
        "PlannedClass": {cohort.planned_class_id},
    }


def _rows_the_walk_lacks(school, by) -> None:
    """A ledger period with an entry, a category, a picture, a research output,
    a calendar feed and a plan's review step: the scoped kinds the role matrix's
    records do not make."""
    from decimal import Decimal

    from django.core.files.base import ContentFile

    from daotao.faculty.models import Lecturer
    from daotao.ledger.models import HourRuleSet, LedgerPeriod
    from daotao.portal.models import Picture
    from daotao.portal.tests.factories import category
    from daotao.research.models import ResearchOutput
    from daotao.teaching.models import CalendarFeed

    lecturer = Lecturer.objects.filter(school=school).first()
    period = LedgerPeriod.objects.create(school=school, school_year=2025)
    period.entries.create(
        lecturer=lecturer,
        activity="lecture",
        date=datetime.date(2025, 10, 6),
        quantity=Decimal(4),
        coefficient=Decimal(1),
        hours=Decimal(4),
        rule_set=HourRuleSet.objects.order_by("pk").first(),
    )
    category(school)
    picture = Picture(school=school, title="Lễ khai giảng", uploaded_by=by)
    picture.large.save("lon.jpg", ContentFile(b"jpeg"), save=False)
    picture.medium.save("vua.jpg", ContentFile(b"jpeg"), save=False)
    picture.save()
    ResearchOutput.objects.create(
        school=school,
        kind=ResearchOutput.Kind.choices[0][0],
        title="Bài báo",
        year=2025,
    )
    CalendarFeed.objects.create(
        school=school, token=f"lich-{school.pk}", lecturer=lecturer, created_by=by
    )
    from django.utils import timezone

    from daotao.planning.models import PlanReviewStep, TrainingPlan

    PlanReviewStep.objects.create(
        school=school,
        plan=TrainingPlan.objects.filter(school=school).first(),
        kind=PlanReviewStep.Kind.SUBMITTED,
        actor=by,
        at=timezone.now(),
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Two schools with rows of every walked kind; built once, rolled back after."""
    from django.db import transaction
    from django.test import override_settings

    from daotao.accounts.models import Membership
    from daotao.accounts.tests.factories import UserFactory
    from daotao.enrolment.models import Cohort
    from daotao.org.tests.factories import AgencyFactory, SchoolFactory
    from daotao.people.tests.factories import PersonFactory
    from daotao.tests.test_role_matrix import _objects

    media = tmp_path_factory.mktemp("row-scope") / "media"
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        before = _all_pks()
        first = SchoolFactory()
        own = AgencyFactory(school=first, name="Đảng ủy xã A")
        neighbour = AgencyFactory(school=first, name="Đảng ủy xã B")
        by = UserFactory()
        _objects(PersonFactory(school=first, agency=own), first)
        cohort = Cohort.objects.get(school=first)
        mine = _cadre(first, own, cohort, position=2, by=by)
        _cadre(first, neighbour, cohort, position=3, by=by)
        _rows_the_walk_lacks(first, by)
        in_first = {m: pks - before[m] for m, pks in _all_pks().items()}
        second = SchoolFactory()
        elsewhere = AgencyFactory(school=second, name="Đảng ủy xã C")
        _objects(PersonFactory(school=second, agency=elsewhere), second)
        _cadre(second, elsewhere, Cohort.objects.get(school=second), position=2, by=by)
        _rows_the_walk_lacks(second, by)
        in_second = {m: pks - before[m] - in_first[m] for m, pks in _all_pks().items()}
        walked = _all_pks()
        # The role matrix's cadre (first line of the roster) is of the own agency.
        first_line = cohort.enrollments.get(position=1)
        mine["Person"].add(first_line.person_id)
        mine["Enrollment"].add(first_line.pk)
        mine["Nomination"].add(first_line.nomination_id)

        def member(role, **scope):
            user = UserFactory()
            Membership.objects.create(user=user, role=role, school=first, **scope)
            return user

        yield {
            "first": first,
            "own": own,
            "mine": mine,
            "in_first": in_first,
            "in_second": in_second,
            "walked": walked,
            "coordinator": member(Role.AGENCY_COORDINATOR, agency=own),
            "office": member(Role.TRAINING_OFFICE),
        }
        transaction.set_rollback(True)


@pytest.fixture
def granted(monkeypatch):
    """Give `roles` `permission` for the test, whatever the table says."""

    def grant(permission, *roles):
        monkeypatch.setitem(
            PERMISSIONS, permission, PERMISSIONS[permission] | frozenset(roles)
        )

    return grant


def test_the_world_has_rows_in_and_out_of_the_agency_of_every_agency_path(world):
    """Not vacuous: each model with an agency path has own rows and others."""
    for model in WITH_AGENCY:
        name = model.__name__
        assert name in world["mine"], f"{name}: add its rows to the world"
        mine = world["mine"][name]
        others = world["walked"][model] - mine
        assert mine and others, name
        assert mine <= world["in_first"][model], name


@pytest.mark.parametrize("role", sorted(AGENCY_BOUND_ROLES))
@pytest.mark.parametrize("permission", sorted(PERMISSIONS))
def test_an_agency_bound_role_sees_only_its_agency_whatever_it_is_given(
    world, granted, role, permission
):
    granted(permission, role)
    coordinator = world["coordinator"]
    assert coordinator.active_roles() == {role}
    for model in SCOPED:
        seen = _pks(model.objects.visible_to(coordinator, permission))
        if model.scope_path.agency is None:
            assert seen == set(), f"{model.__name__} has no agency path"
        else:
            assert seen == world["mine"][model.__name__], model.__name__


@pytest.mark.parametrize("model", SCOPED, ids=lambda model: model._meta.label)
def test_a_school_wide_role_sees_exactly_its_school(world, granted, model):
    """Each declared school path leads to the school the row was built in."""
    granted("core.use_admin", Role.TRAINING_OFFICE)
    seen = _pks(model.objects.visible_to(world["office"], "core.use_admin"))
    assert seen, "no row of this kind in the world"
    assert seen == world["in_first"][model]
    assert not seen & world["in_second"][model]


def test_rows_whose_id_is_the_agency_id_are_not_the_agency_s(world, granted):
    """The old fake path (`agency_field="id"`) showed an agency role the plan, term,
    document or article whose primary key equalled its agency's id."""
    from daotao.accounts.models import Membership
    from daotao.accounts.tests.factories import UserFactory
    from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
    from daotao.org.tests.factories import AgencyFactory
    from daotao.planning.models import TrainingPlan
    from daotao.portal.tests.factories import article
    from daotao.teaching.models import Term

    school = world["first"]
    pk = 1 + max(max(pks, default=0) for pks in world["walked"].values())
    agency = AgencyFactory(pk=pk, school=school)
    coordinator = UserFactory()
    Membership.objects.create(
        user=coordinator, role=Role.AGENCY_COORDINATOR, school=school, agency=agency
    )
    day = datetime.date(2027, 1, 4)
    rows = [
        (
            TrainingPlan.objects.create(
                pk=pk, school=school, year=2027, title="Kế hoạch 2027"
            ),
            "planning.view_plan",
        ),
        (
            Term.objects.create(
                pk=pk, school=school, name="Đợt 9", starts_on=day, ends_on=day
            ),
            "teaching.view_schedule",
        ),
        (
            OutgoingDocumentFactory(
                pk=pk, issuer=IssuerFactory(school=school, abbreviation="TrCT9")
            ),
            "documents.view_document",
        ),
        (article(school, "Bài có số của cơ quan"), "portal.manage_content"),
    ]
    for row, permission in rows:
        if row.pk != pk:  # the article's id comes from its service-like factory
            type(row)._base_manager.filter(pk=row.pk).update(id=pk)
        granted(permission, Role.AGENCY_COORDINATOR)
        model = type(row)
        assert model._base_manager.filter(pk=agency.pk, school=school).exists()
        assert not model.objects.visible_to(coordinator, permission).exists()


class Unscoped:
    """A model that declares no scope path."""

    _meta = type("Meta", (), {"label": "tests.Unscoped"})


def test_a_model_without_a_scope_path_cannot_be_read_through_visible_to():
    with pytest.raises(ImproperlyConfigured, match="declares no scope_path"):
        scope_path_of(Unscoped)


def test_a_model_without_a_declared_agency_path_shows_an_agency_role_nothing(
    world, granted
):
    from daotao.planning.models import TrainingPlan

    assert scope_path_of(TrainingPlan) == ScopePath()  # school only, by default
    granted("planning.view_plan", Role.AGENCY_COORDINATOR)
    plans = TrainingPlan.objects.filter(school=world["first"])
    assert plans.exists()
    assert not visible_to(plans, world["coordinator"], "planning.view_plan").exists()
    assert visible_to(plans, world["office"], "planning.view_plan").count() == (
        plans.count()
    )


def test_the_write_check_refuses_an_agency_role_a_row_of_no_agency(world, granted):
    from django.core.exceptions import PermissionDenied

    granted("planning.manage_plan", Role.AGENCY_COORDINATOR)
    first, own = world["first"], world["own"]
    with pytest.raises(PermissionDenied):
        require_scope(world["coordinator"], "planning.manage_plan", school_id=first.pk)
    require_scope(
        world["coordinator"],
        "planning.manage_plan",
        school_id=first.pk,
        agency_id=own.pk,
    )


def test_only_ledger_periods_are_declared_the_same_for_every_unit():
    """A unit-bound role reads a row without a unit path only when the model says
    the row is the same for every unit."""
    shared = [m._meta.label for m in SCOPED if m.scope_path.unit == SCHOOL_WIDE]
    assert shared == ["ledger.LedgerPeriod"]


def test_a_unit_bound_role_sees_its_unit_and_what_every_unit_shares(world):
    """A faculty head reads the ledger of their faculty: its lecturers and their
    entries, every period of the school, and nothing without a unit path."""
    from daotao.accounts.models import Membership
    from daotao.accounts.tests.factories import UserFactory
    from daotao.faculty.models import Lecturer
    from daotao.ledger.models import LedgerEntry, LedgerPeriod

    school = world["first"]
    entry = LedgerEntry.objects.get(period__school=school)
    head = UserFactory()
    Membership.objects.create(
        user=head, role=Role.FACULTY_HEAD, school=school, unit=entry.lecturer.unit
    )
    ledger = "ledger.view_ledger"
    colleagues = Lecturer.objects.filter(unit=entry.lecturer.unit)
    assert Lecturer.objects.filter(school=school).count() > colleagues.count()
    assert _pks(Lecturer.objects.visible_to(head, ledger)) == _pks(colleagues)
    assert _pks(LedgerEntry.objects.visible_to(head, ledger)) == {entry.pk}
    assert _pks(LedgerPeriod.objects.visible_to(head, ledger)) == {entry.period_id}
    for model in SCOPED:
        if model.scope_path.unit is None:
            assert not model.objects.visible_to(head, ledger).exists(), model
    # Through a permission the table does not bind to units, the whole school.
    assert _pks(Lecturer.objects.visible_to(head, "faculty.view_lecturer")) == (
        _pks(Lecturer.objects.filter(school=school))
    )
