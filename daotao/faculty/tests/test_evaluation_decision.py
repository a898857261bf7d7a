"""The decision recognising the year's evaluation results, drafted through the
documents app from the evaluation list, on a fresh school."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents.models import OutgoingDocument
from daotao.documents.services import issuer_ensure_default
from daotao.faculty.development import services
from daotao.faculty.models import (
    AnnualEvaluation,
    DevelopmentRuleSet,
    EvaluationDecision,
    Lecturer,
)
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.tests.factories import UnitFactory
from daotao.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date
# family, middle, given: the list reads by given name (Dũng before Đào), not family
NAMES = [
    ("Trần", "Thị", "Đào", Lecturer.Title.PRINCIPAL),
    ("Vũ", "Văn", "Chi", Lecturer.Title.LECTURER),
    ("Bùi", "Văn", "Dũng", Lecturer.Title.SENIOR),
]


@pytest.fixture
def world(school, unit, make_user):
    rule_set = DevelopmentRuleSet.objects.for_date(D(2026, 12, 31))
    items = []
    for family, middle, given, title in NAMES:
        person = PersonFactory(
            school=school,
            family_name=family,
            middle_name=middle,
            given_name=given,
            date_of_birth=D(1980, 3, 9),
        )
        lecturer = LecturerFactory(school=school, unit=unit, person=person, title=title)
        items.append(
            AnnualEvaluation.objects.create(
                lecturer=lecturer, year=2026, rule_set=rule_set, proposed_band="good"
            )
        )
    return {
        "items": items,
        "office": make_user(Role.TRAINING_OFFICE),
        "leader": make_user(Role.LEADERSHIP),
        "drafting_unit": UnitFactory(school=school),
    }


def _decide(world, bands):
    for item, band in zip(world["items"], bands, strict=False):
        services.evaluation_decide(
            actor=world["leader"], evaluation=item, band=band, decided_on=D(2026, 12, 5)
        )


def _draft(world, school, actor=None):
    return services.evaluation_decision_draft(
        actor=actor or world["office"],
        school=school,
        year=2026,
        issuer=issuer_ensure_default(school=school),
        drafting_unit_id=world["drafting_unit"].pk,
    )


def test_refused_while_a_band_is_undecided_changes_nothing(world, school):
    _decide(world, ["excellent", "good"])
    documents = OutgoingDocument.objects.count()
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        _draft(world, school)
    assert error.value.messages == [
        "Còn 1 giảng viên chưa được Ban Giám hiệu quyết định mức xếp loại năm 2026; "
        "chưa thể soạn quyết định công nhận."
    ]
    assert not EvaluationDecision.objects.exists()
    assert OutgoingDocument.objects.count() == documents
    assert AuditEvent.objects.count() == audits


def test_drafted_once_all_decided_with_the_list_annexed(world, school, unit):
    _decide(world, ["excellent", "good", "not_done"])
    decision = _draft(world, school)
    document = decision.document
    assert (decision.school_id, decision.year) == (school.pk, 2026)
    assert document.status == OutgoingDocument.Status.DRAFT
    assert document.summary == (
        "Về việc công nhận kết quả đánh giá, xếp loại chất lượng viên chức năm 2026"
    )
    assert document.body_text.startswith(
        "Điều 1. Công nhận kết quả đánh giá, xếp loại chất lượng viên chức năm 2026 "
        f"đối với 3 viên chức của {school.name} (Hoàn thành xuất sắc nhiệm vụ: 1; "
        "Hoàn thành tốt nhiệm vụ: 1; Không hoàn thành nhiệm vụ: 1)"
    )
    annex = document.body[-1]
    assert annex["kind"] == "annex"
    assert annex["title"] == (
        "DANH SÁCH KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG VIÊN CHỨC NĂM 2026"
    )
    assert annex["blocks"][0]["rows"] == [
        ["1", "Vũ Văn Chi", "09/03/1980", f"Giảng viên, {unit.name}",
         "Hoàn thành tốt nhiệm vụ"],
        ["2", "Bùi Văn Dũng", "09/03/1980", f"Giảng viên cao cấp, {unit.name}",
         "Không hoàn thành nhiệm vụ"],
        ["3", "Trần Thị Đào", "09/03/1980", f"Giảng viên chính, {unit.name}",
         "Hoàn thành xuất sắc nhiệm vụ"],
    ]  # fmt: skip
    audit = AuditEvent.objects.get(action="faculty.evaluation_decision_draft")
    assert audit.changes == {"document": [None, document.pk]}


def test_drafted_again_updates_the_same_document(world, school):
    _decide(world, ["excellent", "good", "good"])
    first = _draft(world, school)
    services.evaluation_decide(
        actor=world["leader"],
        evaluation=world["items"][2],
        band="done",
        decided_on=D(2026, 12, 6),
    )
    again = _draft(world, school)
    assert again.pk == first.pk
    assert again.document_id == first.document_id
    assert EvaluationDecision.objects.count() == 1
    again.document.refresh_from_db()
    assert again.document.body[-1]["blocks"][0]["rows"][1][-1] == (
        "Hoàn thành nhiệm vụ"
    )
    # submitted for signature: no longer redrafted
    OutgoingDocument.objects.filter(pk=first.document_id).update(
        status=OutgoingDocument.Status.SUBMITTED
    )
    with pytest.raises(ValidationError):
        _draft(world, school)


@pytest.mark.parametrize("role", [Role.FACULTY_HEAD, Role.LECTURER])
def test_a_role_without_the_permissions_is_refused(world, school, make_user, role):
    _decide(world, ["excellent", "good", "good"])
    documents = OutgoingDocument.objects.count()
    with pytest.raises(PermissionDenied):
        _draft(world, school, actor=make_user(role))
    assert not EvaluationDecision.objects.exists()
    assert OutgoingDocument.objects.count() == documents


def test_the_list_posts_the_draft_for_the_office_and_403s_for_a_lecturer(
    world, school, client, make_user
):
    _decide(world, ["excellent", "good", "good"])
    client.force_login(make_user(Role.LECTURER))
    assert (
        client.post(
            "/giang-vien/danh-gia/soan-quyet-dinh/", {"nam": "2026"}
        ).status_code
        == 403
    )
    assert not EvaluationDecision.objects.exists()
    client.force_login(world["office"])
    page = client.get("/giang-vien/danh-gia/?nam=2026").content.decode()
    assert "Soạn quyết định công nhận" in page
    response = client.post("/giang-vien/danh-gia/soan-quyet-dinh/", {"nam": "2026"})
    assert response.status_code == 302
    assert response["Location"] == "/giang-vien/danh-gia/?nam=2026"
    decision = EvaluationDecision.objects.get(school=school, year=2026)
    page = client.get("/giang-vien/danh-gia/?nam=2026").content.decode()
    assert reverse("documents:document-detail", args=[decision.document_id]) in page
    assert "Soạn lại quyết định công nhận" in page
