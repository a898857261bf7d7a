"""The province in the plan loop (docs/adr/0037): the school submits, the
province's board (Ban Tổ chức Tỉnh ủy) returns with its comment or approves,
adjusting the agencies' places; the plan's history keeps every step."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.accounts.models import Membership
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.enrolment import services as enrolment
from daotao.enrolment.models import Nomination
from daotao.org.tests.factories import AgencyFactory, SchoolFactory, UnitFactory
from daotao.people.tests.factories import PersonFactory
from daotao.planning import services
from daotao.planning.models import PlanReviewStep, Quota, TrainingPlan
from daotao.planning.todo import plans_to_approve, plans_to_review
from daotao.tests.support.school_world import FreshSchool

pytestmark = pytest.mark.django_db

Status = TrainingPlan.Status
Kind = PlanReviewStep.Kind


@pytest.fixture
def school(db):
    return SchoolFactory(plans_approved_by_province=True)


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def board(make_user):
    return make_user(Role.PROVINCIAL_BOARD)


@pytest.fixture
def agencies(school):
    return (
        AgencyFactory(school=school, name="Đảng ủy xã Thọ Xuân"),
        AgencyFactory(school=school, name="Đảng ủy phường Hạc Thành"),
    )


@pytest.fixture
def plan(school, office, agencies):
    """A draft plan of one class of 40, with 10 places for each agency."""
    fresh = FreshSchool(school)
    draft = services.plan_create(
        actor=office, school_id=school.pk, year=2027, title="Kế hoạch năm 2027"
    )
    planned = services.planned_class_add(
        actor=office,
        plan=draft,
        data=services.PlannedClassData(
            code="TC-2027-01",
            name="Trung cấp lý luận chính trị K61A",
            program_version_id=fresh.programme().pk,
            mode="full_time",
            site_id=fresh.site().pk,
            planned_size=40,
            starts_on=datetime.date(2027, 3, 1),
            ends_on=datetime.date(2027, 9, 1),
        ),
    )
    for agency in agencies:
        services.quota_set(
            actor=office, planned_class=planned, agency_id=agency.pk, places=10
        )
    return draft


def _state(plan):
    """What a refused action must leave as it was."""
    current = TrainingPlan.objects.get(pk=plan.pk)
    return (
        current.status,
        current.version,
        current.approved_by_id,
        sorted(
            Quota.objects.filter(planned_class__plan=plan).values_list(
                "agency_id", "places"
            )
        ),
        PlanReviewStep.objects.count(),
        AuditEvent.objects.count(),
    )


def _steps(plan):
    return [
        (s.kind, s.actor_id, s.by_province, s.comment, s.detail, s.approval_number)
        for s in PlanReviewStep.objects.filter(plan=plan).order_by("at", "id")
    ]


def test_the_board_returns_with_a_comment_then_approves_the_revised_plan(
    plan, office, board, agencies
):
    services.plan_submit(actor=office, plan=plan)
    assert [t.title for t in plans_to_review(board)] == ["Kế hoạch năm 2027"]

    returned = services.plan_return(
        actor=board, plan=plan, comment="Giảm lớp K61A còn 35 học viên."
    )
    assert returned.status == Status.DRAFT
    assert plans_to_review(board) == []

    planned = plan.classes.get()
    services.planned_class_update(
        actor=office,
        planned_class=planned,
        data=services.PlannedClassData(
            code=planned.code,
            name=planned.name,
            program_version_id=planned.program_version_id,
            mode=planned.mode,
            site_id=planned.site_id,
            planned_size=35,
            starts_on=planned.starts_on,
            ends_on=planned.ends_on,
        ),
    )
    services.plan_submit(actor=office, plan=plan)
    services.plan_quota_adjust(
        actor=board,
        planned_class=planned,
        agency_id=agencies[0].pk,
        places=15,
        reason="Xã Thọ Xuân có nhiều cán bộ trong quy hoạch.",
    )
    approved = services.plan_approve(
        actor=board,
        plan=plan,
        approval_number="123-CV/BTCTU",
        approval_date=datetime.date(2026, 12, 20),
    )

    assert (approved.status, approved.approved_by_id) == (Status.APPROVED, board.pk)
    assert _steps(plan) == [
        (Kind.SUBMITTED, office.pk, False, "", "", ""),
        (Kind.RETURNED, board.pk, True, "Giảm lớp K61A còn 35 học viên.", "", ""),
        (Kind.SUBMITTED, office.pk, False, "", "", ""),
        (
            Kind.QUOTA_CHANGED,
            board.pk,
            True,
            "Xã Thọ Xuân có nhiều cán bộ trong quy hoạch.",
            "TC-2027-01 — Đảng ủy xã Thọ Xuân: 10 → 15",
            "",
        ),
        (Kind.APPROVED, board.pk, True, "", "", "123-CV/BTCTU"),
    ]
    step = PlanReviewStep.objects.get(plan=plan, kind=Kind.APPROVED)
    assert step.approval_reference == "Công văn số 123-CV/BTCTU ngày 20/12/2026"
    assert sorted(Quota.objects.values_list("agency__name", "places")) == [
        ("Đảng ủy phường Hạc Thành", 10),
        ("Đảng ủy xã Thọ Xuân", 15),
    ]
    actions = list(
        AuditEvent.objects.filter(action__startswith="planning.plan_")
        .exclude(action="planning.plan_create")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "planning.plan_submitted",
        "planning.plan_draft",
        "planning.plan_submitted",
        "planning.plan_approved",
    ]


def test_the_board_must_say_why_it_returns_the_plan(plan, office, board):
    services.plan_submit(actor=office, plan=plan)
    before = _state(plan)
    with pytest.raises(ValidationError, match="Hãy ghi ý kiến"):
        services.plan_return(actor=board, plan=plan, comment="   ")
    assert _state(plan) == before


def test_leadership_may_not_approve_or_return_when_the_province_approves(
    plan, office, make_user
):
    leader = make_user(Role.LEADERSHIP)
    services.plan_submit(actor=office, plan=plan)
    assert plans_to_approve(leader) == []
    before = _state(plan)
    for action in (services.plan_approve, services.plan_return):
        with pytest.raises(ValidationError, match="do Ban Tổ chức Tỉnh ủy thẩm định"):
            action(actor=leader, plan=plan)
    assert _state(plan) == before


def test_the_board_does_not_review_a_school_that_approves_its_own_plans(
    plan, office, board, school, agencies, make_user
):
    type(school).objects.filter(pk=school.pk).update(plans_approved_by_province=False)
    services.plan_submit(actor=office, plan=plan)
    assert plans_to_review(board) == []
    before = _state(plan)
    with pytest.raises(ValidationError, match="do Ban Giám hiệu phê duyệt"):
        services.plan_approve(actor=board, plan=plan)
    with pytest.raises(ValidationError, match="do Ban Giám hiệu phê duyệt"):
        services.plan_quota_adjust(
            actor=board,
            planned_class=plan.classes.get(),
            agency_id=agencies[0].pk,
            places=12,
            reason="Điều chỉnh",
        )
    assert _state(plan) == before
    leader = make_user(Role.LEADERSHIP)
    assert services.plan_approve(actor=leader, plan=plan).status == Status.APPROVED


def test_refused_steps_change_nothing(plan, office, board, agencies):
    before = _state(plan)
    # A draft is neither returned, approved nor adjusted by the board.
    with pytest.raises(ValidationError, match="Dự thảo"):
        services.plan_approve(actor=board, plan=plan)
    with pytest.raises(ValidationError, match="Dự thảo"):
        services.plan_return(actor=board, plan=plan, comment="Xem lại")
    with pytest.raises(ValidationError, match="đang trình duyệt"):
        services.plan_quota_adjust(
            actor=board,
            planned_class=plan.classes.get(),
            agency_id=agencies[0].pk,
            places=12,
            reason="Điều chỉnh",
        )
    # The board writes nothing of the school's own: no class, no draft quota.
    with pytest.raises(PermissionDenied):
        services.quota_set(
            actor=board,
            planned_class=plan.classes.get(),
            agency_id=agencies[0].pk,
            places=1,
        )
    with pytest.raises(PermissionDenied):
        services.plan_submit(actor=board, plan=plan)
    assert _state(plan) == before

    services.plan_submit(actor=office, plan=plan)
    before = _state(plan)
    planned = plan.classes.get()
    with pytest.raises(ValidationError, match="lý do"):
        services.plan_quota_adjust(
            actor=board,
            planned_class=planned,
            agency_id=agencies[0].pk,
            places=12,
            reason=" ",
        )
    with pytest.raises(ValidationError, match="vượt số lượng dự kiến"):
        services.plan_quota_adjust(
            actor=board,
            planned_class=planned,
            agency_id=agencies[0].pk,
            places=31,
            reason="Tăng chỉ tiêu",
        )
    with pytest.raises(ValidationError, match="số, ký hiệu"):
        services.plan_approve(
            actor=board, plan=plan, approval_date=datetime.date(2026, 12, 1)
        )
    # The office may not approve its own plan.
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=office, plan=plan)
    assert _state(plan) == before


def test_the_board_of_another_province_reaches_nothing(
    plan, office, agencies, make_user, client
):
    services.plan_submit(actor=office, plan=plan)
    other = SchoolFactory(plans_approved_by_province=True)
    stranger = make_user(Role.PROVINCIAL_BOARD, school=other)
    before = _state(plan)
    with pytest.raises(PermissionDenied):
        services.plan_approve(actor=stranger, plan=plan)
    with pytest.raises(PermissionDenied):
        services.plan_return(actor=stranger, plan=plan, comment="Trả lại")
    with pytest.raises(PermissionDenied):
        services.plan_quota_adjust(
            actor=stranger,
            planned_class=plan.classes.get(),
            agency_id=agencies[0].pk,
            places=12,
            reason="Điều chỉnh",
        )
    assert plans_to_review(stranger) == []

    client.force_login(stranger)
    assert client.get(f"/ke-hoach/{plan.pk}/").status_code == 404
    response = client.post(
        f"/ke-hoach/{plan.pk}/tham-dinh/phe-duyet/", {"confirm": "yes"}
    )
    assert response.status_code == 404
    response = client.post(
        f"/ke-hoach/lop/{plan.classes.get().pk}/dieu-chinh-chi-tieu/",
        {"agency": agencies[0].pk, "places": 12, "reason": "Điều chỉnh"},
    )
    assert response.status_code == 404
    assert _state(plan) == before


def test_agencies_nominate_within_the_places_the_board_set(
    plan, office, board, agencies, make_user
):
    services.plan_submit(actor=office, plan=plan)
    planned = plan.classes.get()
    services.plan_quota_adjust(
        actor=board,
        planned_class=planned,
        agency_id=agencies[0].pk,
        places=2,
        reason="Xã đã cử đủ cán bộ năm trước.",
    )
    services.plan_approve(actor=board, plan=plan)
    coordinator = make_user(Role.AGENCY_COORDINATOR, agency=agencies[0])
    data = enrolment.NominationData(
        is_post_qualifying=True,
        rating_previous_year="good",
        rating_year_before="good",
    )

    def nominate():
        return enrolment.nomination_submit(
            actor=coordinator,
            planned_class=planned,
            agency_id=agencies[0].pk,
            person=PersonFactory(school=plan.school, agency=agencies[0]),
            data=data,
        )

    nominate()
    nominate()
    before = (Nomination.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError, match=r"hết chỉ tiêu .*\(2/2\)"):
        nominate()
    assert (Nomination.objects.count(), AuditEvent.objects.count()) == before
    assert Nomination.objects.filter(planned_class=planned).count() == 2


def test_the_plan_document_cites_the_provinces_approval(plan, office, board, school):
    UnitFactory(school=school, abbreviation="QLĐT", kind="office")
    services.plan_submit(actor=office, plan=plan)
    # Drafted while submitted: no approval to cite yet.
    draft = services.plan_document_draft(actor=office, plan=plan)
    assert not [line for line in _basis(draft) if "phê duyệt" in line]
    services.plan_approve(
        actor=board,
        plan=plan,
        approval_number="123-CV/BTCTU",
        approval_date=datetime.date(2026, 12, 20),
    )
    document = services.plan_document_draft(actor=office, plan=plan)
    assert document.pk == draft.pk
    assert [line for line in _basis(document) if "phê duyệt" in line] == [
        "Căn cứ Công văn số 123-CV/BTCTU ngày 20/12/2026 của Ban Tổ chức Tỉnh ủy "
        "về việc phê duyệt Kế hoạch đào tạo, bồi dưỡng cán bộ năm 2027 của "
        f"{school.name};"
    ]


def _basis(document):
    return list(document.basis)


def test_a_board_membership_reaches_its_school_whole(board, school):
    membership = Membership.objects.get(user=board)
    assert (membership.school_id, membership.unit_id, membership.agency_id) == (
        school.pk,
        None,
        None,
    )
