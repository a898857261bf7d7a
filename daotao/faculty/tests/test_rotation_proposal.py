"""The school's Tờ trình đề nghị luân chuyển giảng viên, drafted through the
documents app from a rotation, on a fresh school."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents.models import OutgoingDocument
from daotao.documents.services import issuer_ensure_default
from daotao.faculty.development import services
from daotao.faculty.models import Lecturer, Rotation
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.tests.factories import UnitFactory
from daotao.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def world(school, unit, make_user):
    lecturer = LecturerFactory(
        school=school,
        unit=unit,
        title=Lecturer.Title.PRINCIPAL,
        person=PersonFactory(
            school=school, family_name="Lê", middle_name="Thị", given_name="Hạnh"
        ),
    )
    rotation = Rotation.objects.create(
        lecturer=lecturer,
        post="Phó Bí thư Đảng ủy xã",
        host="Đảng ủy xã Ngọc Lặc",
        level=Rotation.Level.COMMUNE,
        starts_on=D(2026, 11, 2),
        ends_on=D(2027, 4, 30),
    )
    return {
        "rotation": rotation,
        "office": make_user(Role.TRAINING_OFFICE),
        "drafting_unit": UnitFactory(school=school),
    }


def _draft(world, school, actor=None):
    return services.rotation_proposal_draft(
        actor=actor or world["office"],
        rotation=world["rotation"],
        issuer=issuer_ensure_default(school=school),
        drafting_unit_id=world["drafting_unit"].pk,
    )


def test_drafted_from_the_rotation_to_the_committee(world, school, unit):
    rotation = _draft(world, school)
    document = rotation.proposal_document
    assert document.status == OutgoingDocument.Status.DRAFT
    assert document.document_type.abbreviation == "TTr"
    assert document.summary == ("Về việc đề nghị luân chuyển giảng viên Lê Thị Hạnh")
    lines = document.body_text.splitlines()
    assert lines[0] == f"Kính gửi: Ban Tổ chức Tỉnh ủy {school.province.name}."
    assert lines[1].endswith(
        f"{school.name} đề nghị luân chuyển đồng chí Lê Thị Hạnh, giảng viên "
        f"chính, {unit.name}, đến đảm nhiệm chức vụ Phó Bí thư Đảng ủy xã, Đảng ủy "
        "xã Ngọc Lặc (cấp xã), thời gian từ ngày 02/11/2026 đến ngày 30/04/2027."
    )
    assert lines[-1] == (
        f"{school.name} kính trình Ban Tổ chức Tỉnh ủy {school.province.name} xem "
        "xét, tham mưu cấp có thẩm quyền quyết định./."
    )
    assert document.signer_title == "HIỆU TRƯỞNG"
    assert document.recipients == ["Như trên;", "Đồng chí Lê Thị Hạnh;"]
    audit = AuditEvent.objects.get(action="faculty.rotation_proposal_draft")
    assert audit.changes == {"rotation_proposal": [None, document.pk]}


def test_drafted_again_updates_the_same_document(world, school):
    first = _draft(world, school).proposal_document
    Rotation.objects.filter(pk=world["rotation"].pk).update(ends_on=D(2027, 5, 31))
    world["rotation"].refresh_from_db()
    again = _draft(world, school).proposal_document
    assert again.pk == first.pk
    assert OutgoingDocument.objects.count() == 1
    assert "đến ngày 31/05/2027." in again.body_text
    OutgoingDocument.objects.filter(pk=first.pk).update(
        status=OutgoingDocument.Status.SUBMITTED
    )
    with pytest.raises(ValidationError):
        _draft(world, school)


@pytest.mark.parametrize("role", [Role.LECTURER, Role.SUPERVISOR, Role.LEADERSHIP])
def test_a_role_without_the_permissions_is_refused(world, school, make_user, role):
    with pytest.raises(PermissionDenied):
        _draft(world, school, actor=make_user(role))
    world["rotation"].refresh_from_db()
    assert world["rotation"].proposal_document is None
    assert not OutgoingDocument.objects.exists()
    assert not AuditEvent.objects.filter(
        action="faculty.rotation_proposal_draft"
    ).exists()


def test_a_head_of_another_faculty_is_refused(world, school, make_user):
    head = make_user(Role.FACULTY_HEAD, unit_id=UnitFactory(school=school).pk)
    with pytest.raises(PermissionDenied):
        _draft(world, school, actor=head)
    assert not OutgoingDocument.objects.exists()


def test_the_dossier_button_drafts_for_the_office_and_403s_for_a_lecturer(
    world, school, client, make_user
):
    rotation = world["rotation"]
    url = f"/giang-vien/luan-chuyen/{rotation.pk}/soan-to-trinh/"
    client.force_login(make_user(Role.LECTURER))
    assert client.post(url).status_code == 403
    assert not OutgoingDocument.objects.exists()
    client.force_login(world["office"])
    dossier = f"/giang-vien/{rotation.lecturer_id}/ho-so-phat-trien/"
    page = client.get(dossier).content.decode()
    assert url in page and "Soạn tờ trình đề nghị luân chuyển" in page
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == dossier
    rotation.refresh_from_db()
    page = client.get(dossier).content.decode()
    detail = reverse("documents:document-detail", args=[rotation.proposal_document_id])
    assert detail in page and "Soạn lại tờ trình" in page
