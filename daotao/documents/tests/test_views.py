"""The document pages as the office and the leadership use them."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents.models import DocumentTemplate, OutgoingDocument
from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
from daotao.org.tests.factories import UnitFactory

Status = OutgoingDocument.Status


@pytest.fixture
def issuer(school):
    return IssuerFactory(school=school)


@pytest.fixture
def unit(school):
    return UnitFactory(school=school, name="Phòng Quản lý đào tạo", abbreviation="QLĐT")


def _draft_payload(issuer, unit, **overrides):
    payload = {
        "issuer": issuer.pk,
        "drafting_unit": unit.pk,
        "summary": "Kết quả bồi dưỡng năm 2026",
        "body_text": (
            "1. Kết quả\nĐã mở 12 lớp.\n- Lớp TC LLCT\n2. Kiến nghị\nTăng chỉ tiêu."
        ),
        "signer_authority": "KT. Hiệu trưởng",
        "signer_title": "Phó Hiệu trưởng",
        "signer_name": "Lê Văn Thử",
        "recipients_text": "Ban Tổ chức Tỉnh ủy;\nBan Giám hiệu;",
        "archive_units_text": "",
    }
    payload.update(overrides)
    return payload


@pytest.mark.django_db
def test_office_drafts_from_a_template_and_submits(client, make_user, issuer, unit):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    template = DocumentTemplate.objects.get(code="bao-cao")
    form = client.get(f"/van-ban/soan/{template.pk}/").context["form"]
    assert form.initial["signer_title"] == "PHÓ HIỆU TRƯỞNG"
    response = client.post(
        f"/van-ban/soan/{template.pk}/", _draft_payload(issuer, unit)
    )
    document = OutgoingDocument.objects.get()
    assert response["Location"] == f"/van-ban/{document.pk}/"
    assert (document.status, document.symbol, document.number) == (
        Status.DRAFT,
        "",
        None,
    )
    assert document.signer_authority == "KT. HIỆU TRƯỞNG"
    assert document.archive_units == ["QLĐT"]
    assert [b["kind"] for b in document.body] == [
        "heading",
        "paragraph",
        "list",
        "heading",
        "paragraph",
    ]
    client.post(f"/van-ban/{document.pk}/trinh-ky/")
    document.refresh_from_db()
    assert document.status == Status.SUBMITTED
    page = client.get(f"/van-ban/{document.pk}/")
    assert [str(e.label) for e in page.context["history"]] == [
        "Soạn dự thảo",
        "Trình ký",
    ]


@pytest.mark.django_db
def test_missing_summary_is_reported_on_the_field(client, make_user, issuer, unit):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    template = DocumentTemplate.objects.get(code="bao-cao")
    response = client.post(
        f"/van-ban/soan/{template.pk}/", _draft_payload(issuer, unit, summary="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["summary"]
    assert OutgoingDocument.objects.count() == 0


@pytest.mark.django_db
def test_leadership_signs_and_the_register_lists_and_exports(client, make_user, issuer):
    document = OutgoingDocumentFactory(issuer=issuer, status=Status.SUBMITTED)
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.post(
        f"/van-ban/{document.pk}/ky/", {"confirm": "yes"}, follow=True
    )
    assert "Đã ký và cấp số văn bản." in response.content.decode()
    document.refresh_from_db()
    assert document.symbol.endswith("/BC-TrCT")
    docx = client.get(f"/van-ban/{document.pk}/tai-docx/")
    stem = f"{document.year}-{document.symbol.replace('/', '-')}"
    assert docx["Content-Disposition"] == f'attachment; filename="{stem}.docx"'
    assert docx.content[:2] == b"PK"
    register = client.get("/van-ban/", {"q": "hoi thao"}).context["page"]
    assert [d.pk for d in register.object_list] == [document.pk]
    export = client.get("/van-ban/xuat-excel/")
    rows = list(
        load_workbook(BytesIO(export.content)).active.iter_rows(values_only=True)
    )
    assert rows[0][0] == "Sổ đăng ký văn bản đi"
    assert rows[1][:3] == ("STT", "Số, ký hiệu", "Ngày tháng")
    assert rows[2][1] == document.symbol


@pytest.mark.django_db
def test_signing_without_the_confirmation_box_changes_nothing(
    client, make_user, issuer
):
    document = OutgoingDocumentFactory(issuer=issuer, status=Status.SUBMITTED)
    client.force_login(make_user(Role.LEADERSHIP))
    page = client.get(f"/van-ban/{document.pk}/").content.decode()
    assert 'name="confirm" value="yes" required' in page
    events = AuditEvent.objects.count()
    response = client.post(f"/van-ban/{document.pk}/ky/", follow=True)
    assert "Chưa xác nhận" in response.content.decode()
    document.refresh_from_db()
    assert (document.status, document.number, document.symbol) == (
        Status.SUBMITTED,
        None,
        "",
    )
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_signing_a_broken_document_says_why_and_changes_nothing(
    client, make_user, issuer
):
    broken = OutgoingDocumentFactory(
        issuer=issuer, status=Status.SUBMITTED, body=[{"kind": "lạ"}]
    )
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.post(f"/van-ban/{broken.pk}/ky/", {"confirm": "yes"}, follow=True)
    assert "Không tạo được văn bản" in response.content.decode()
    broken.refresh_from_db()
    assert (broken.status, broken.number) == (Status.SUBMITTED, None)


@pytest.mark.django_db
def test_draft_preview_is_a_pdf_shown_in_the_page(client, make_user, issuer):
    document = OutgoingDocumentFactory(issuer=issuer)
    client.force_login(make_user(Role.TRAINING_OFFICE))
    detail = client.get(f"/van-ban/{document.pk}/").content.decode()
    assert f'src="/van-ban/{document.pk}/xem-pdf/"' in detail
    pdf = client.get(f"/van-ban/{document.pk}/xem-pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in pdf["Content-Security-Policy"]
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_scan_must_be_a_pdf(client, make_user, issuer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = OutgoingDocumentFactory(
        issuer=issuer,
        status=Status.SIGNED,
        number=3,
        year=2026,
        issued_on="2026-03-05",
        symbol="03/BC-TrCT",
    )
    client.force_login(make_user(Role.TRAINING_OFFICE))
    fake = SimpleUploadedFile(
        "scan.pdf", b"MZ not a pdf", content_type="application/pdf"
    )
    response = client.post(
        f"/van-ban/{document.pk}/dinh-kem-ban-quet/", {"scan": fake}, follow=True
    )
    assert "Bản quét phải là tệp PDF." in response.content.decode()
    document.refresh_from_db()
    assert not document.signed_scan


@pytest.mark.django_db
def test_a_scan_posted_on_another_schools_document_is_404(client, make_user):
    """Another school's document id answers 404 before the upload is looked at
    (it answered a redirect to the document when no file came)."""
    from daotao.org.tests.factories import SchoolFactory

    document = OutgoingDocumentFactory(
        issuer=IssuerFactory(school=SchoolFactory()),
        status=Status.SIGNED,
        number=3,
        year=2026,
        issued_on="2026-03-05",
        symbol="03/BC-TrCT",
    )
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.post(f"/van-ban/{document.pk}/dinh-kem-ban-quet/", {})
    assert response.status_code == 404
    document.refresh_from_db()
    assert not document.signed_scan
