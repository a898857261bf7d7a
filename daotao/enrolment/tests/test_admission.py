"""Late admission: a supplementary decision (QĐ bổ sung) adds accepted nominees to
a formed cohort; its roster and open score sheets pick them up."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.assessment import services as assessment
from daotao.assessment.models import Score
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents import services as documents
from daotao.documents.models import OutgoingDocument
from daotao.enrolment import services
from daotao.enrolment.models import Enrollment, Nomination
from daotao.enrolment.tests.test_services import nominate
from daotao.org.models import Unit
from daotao.programs.tests.factories import BlockFactory, ModuleFactory, TopicFactory

EXAM_DAY = datetime.date(2026, 6, 1)


def _unit(planned):
    return Unit.objects.get(school=planned.school, abbreviation="QLĐT").pk


@pytest.fixture
def cohort(coordinator, office, planned_class, eligible_person):
    for given in ("Bình", "An"):
        services.nomination_check(
            actor=office,
            nomination=nominate(
                coordinator, planned_class, eligible_person(given_name=given)
            ),
        )
    return services.cohort_admit(
        actor=office,
        planned_class=planned_class,
        code="K60A",
        issuer=documents.issuer_ensure_default(school=planned_class.school),
        drafting_unit_id=_unit(planned_class),
        signer_title="HIỆU TRƯỞNG",
    )


@pytest.fixture
def late(cohort, make_user, office, planned_class, eligible_person, agencies):
    """A special case nominated after the cohort was formed: not yet a Party
    member, accepted by the office with a reason."""
    other = make_user(Role.AGENCY_COORDINATOR, agency=agencies[1])
    nomination = services.nomination_check(
        actor=office,
        nomination=nominate(
            other,
            planned_class,
            eligible_person(
                agency=agencies[1],
                family_name="Đỗ",
                middle_name="Thị",
                given_name="Ăn",
                party_joined_on=None,
            ),
        ),
    )
    services.nomination_override(
        actor=office,
        nomination=nomination,
        rule="party_member",
        reason="Đã có quyết định kết nạp, chờ lễ kết nạp",
    )
    return nomination


def _sheets(cohort, office):
    block = BlockFactory(version=cohort.program_version, position=1)
    modules = [ModuleFactory(block=block, position=i) for i in (1, 2)]
    for module in modules:
        TopicFactory(module=module)
    open_sheet, locked_sheet = (
        assessment.score_sheet_create(
            actor=office,
            exam=assessment.exam_create(
                actor=office, cohort=cohort, module=module, held_on=EXAM_DAY
            ),
        )
        for module in modules
    )
    for score in locked_sheet.scores.all():
        assessment.score_enter(
            actor=office,
            score=score,
            values={"attendance": "9", "test": "8", "exam": "7"},
            expected_version=score.version,
        )
    assessment.score_sheet_submit(actor=office, sheet=locked_sheet)
    locked_sheet = assessment.score_sheet_lock(actor=office, sheet=locked_sheet)
    return open_sheet, locked_sheet


def _admit_late(office, cohort):
    return services.cohort_admit_supplementary(
        actor=office,
        cohort=cohort,
        issuer=documents.issuer_ensure_default(school=cohort.school),
        drafting_unit_id=_unit(cohort.planned_class),
        signer_title="HIỆU TRƯỞNG",
    )


@pytest.mark.django_db
def test_a_late_admit_joins_the_formed_cohort_with_the_next_code_and_an_annex(
    office, cohort, late
):
    decision = _admit_late(office, cohort)

    late.refresh_from_db()
    assert late.status == Nomination.Status.ADMITTED
    roster = list(
        Enrollment.objects.filter(cohort=cohort)
        .order_by("position")
        .values_list("position", "learner_code", "person__full_name")
    )
    assert roster == [
        (1, "K60A-001", "Nguyễn Văn An"),
        (2, "K60A-002", "Nguyễn Văn Bình"),
        (3, "K60A-003", "Đỗ Thị Ăn"),
    ]
    added = Enrollment.objects.get(nomination=late)
    assert added.summons_document == decision
    assert decision.status == OutgoingDocument.Status.DRAFT
    assert decision.summary == (
        "Về việc triệu tập bổ sung học viên lớp Trung cấp lý luận chính trị K60A"
    )
    assert decision.body_text.startswith(
        "Điều 1. Triệu tập bổ sung 1 học viên có tên trong danh sách kèm theo"
    )
    annex = decision.body[-1]
    assert annex["kind"] == "annex"
    assert annex["title"] == (
        "DANH SÁCH HỌC VIÊN TRIỆU TẬP BỔ SUNG LỚP TRUNG CẤP LÝ LUẬN CHÍNH TRỊ K60A"
    )
    assert [row[:2] for row in annex["blocks"][0]["rows"]] == [["1", "Đỗ Thị Ăn"]]
    cohort.refresh_from_db()
    assert cohort.summons_document != decision
    event = AuditEvent.objects.get(action="enrolment.cohort_admit_supplementary")
    assert event.changes == {"admitted": [2, 3], "decision": [None, decision.pk]}


@pytest.mark.django_db
def test_the_late_admit_appears_on_open_score_sheets_and_not_on_locked_ones(
    office, cohort, late
):
    open_sheet, locked_sheet = _sheets(cohort, office)
    locked_before = list(
        Score.objects.filter(sheet=locked_sheet).values_list(
            "pk", "enrollment_id", "result", "version"
        )
    )

    _admit_late(office, cohort)

    added = Enrollment.objects.get(nomination=late)
    assert sorted(
        Score.objects.filter(sheet=open_sheet).values_list("enrollment_id", flat=True)
    ) == sorted(Enrollment.objects.filter(cohort=cohort).values_list("pk", flat=True))
    assert Score.objects.filter(sheet=open_sheet, enrollment=added).get().result is None
    assert (
        list(
            Score.objects.filter(sheet=locked_sheet).values_list(
                "pk", "enrollment_id", "result", "version"
            )
        )
        == locked_before
    )


@pytest.mark.django_db
def test_leadership_signs_the_supplementary_decision_like_the_first(
    office, make_user, cohort, late
):
    leader = make_user(Role.LEADERSHIP)
    decision = _admit_late(office, cohort)

    documents.document_submit(actor=office, document=decision)
    signed = documents.document_sign(
        actor=leader, document=decision, signed_on=datetime.date(2026, 3, 20)
    )

    assert signed.status == OutgoingDocument.Status.SIGNED
    assert signed.symbol.endswith("/QĐ-" + signed.issuer.abbreviation)


@pytest.mark.django_db
def test_nothing_to_add_is_refused_and_writes_nothing(office, cohort):
    before = (
        Enrollment.objects.count(),
        OutgoingDocument.objects.count(),
        AuditEvent.objects.count(),
    )
    with pytest.raises(ValidationError, match="Chưa có hồ sơ nào"):
        _admit_late(office, cohort)
    assert (
        Enrollment.objects.count(),
        OutgoingDocument.objects.count(),
        AuditEvent.objects.count(),
    ) == before


@pytest.mark.django_db
def test_a_coordinator_cannot_admit_late_and_nothing_changes(coordinator, cohort, late):
    with pytest.raises(PermissionDenied):
        _admit_late(coordinator, cohort)
    late.refresh_from_db()
    assert late.status == Nomination.Status.CHECKED
    assert Enrollment.objects.filter(cohort=cohort).count() == 2


@pytest.mark.django_db
def test_the_office_admits_late_from_the_cohort_page(client, office, cohort, late):
    client.force_login(office)
    page = client.get(f"/tuyen-sinh/lop-hoc/{cohort.pk}/").content.decode()
    assert "Triệu tập bổ sung" in page
    assert "Đỗ Thị Ăn" in page

    response = client.post(
        f"/tuyen-sinh/lop-hoc/{cohort.pk}/bo-sung/", {"signer_title": "HIỆU TRƯỞNG"}
    )

    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == Nomination.Status.ADMITTED
    page = client.get(f"/tuyen-sinh/lop-hoc/{cohort.pk}/").content.decode()
    assert "Quyết định triệu tập bổ sung" in page
    assert "K60A-003" in page


@pytest.mark.django_db
def test_a_coordinator_cannot_post_the_late_admission(
    client, coordinator, cohort, late
):
    client.force_login(coordinator)
    response = client.post(
        f"/tuyen-sinh/lop-hoc/{cohort.pk}/bo-sung/", {"signer_title": "HIỆU TRƯỞNG"}
    )
    assert response.status_code in (403, 404)
    late.refresh_from_db()
    assert late.status == Nomination.Status.CHECKED
