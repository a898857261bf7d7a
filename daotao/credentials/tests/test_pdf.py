"""Diplomas, certificates and transcripts: the DOCX each page is laid out in, the one
PDF of a batch, the editable wording, and who may print or edit."""

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from pypdf import PdfReader

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.credentials import printing, services
from daotao.credentials.models import CredentialTemplate, Kind
from daotao.credentials.services import Graduate
from daotao.credentials.tests.conftest import ISSUED_ON
from daotao.credentials.tests.factories import blank_stock

pytestmark = pytest.mark.django_db


def url_for(credential):
    return f"https://daotao.test/xac-minh/{credential.verification_code}/"


@pytest.fixture
def diplomas(school, issuer, diploma_cohort):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    return services.credentials_issue(
        actor=issuer,
        kind=Kind.DIPLOMA,
        year=2026,
        graduates=[
            Graduate(enrollment_id=e.pk, classification_label=label)
            for e, label in zip(
                diploma_cohort, ("Giỏi", "Khá", "Xuất sắc"), strict=True
            )
        ],
        issued_on=ISSUED_ON,
        signer="Nguyễn Văn Hiệu",
    )


def _docx(data):
    return Document(io.BytesIO(data))


def _text(document):
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def _pages(document):
    """1 + the paragraphs that start a new page."""
    body = document.element.body
    return 1 + len(body.findall(f".//{qn('w:pageBreakBefore')}"))


# --- The DOCX ------------------------------------------------------------------------


def test_each_credential_is_one_page_with_its_data_and_a_qr(diplomas):
    document = _docx(printing.credentials_docx(diplomas, url_for=url_for))
    text = _text(document)
    assert _pages(document) == 3
    assert len(document.inline_shapes) == 3  # one QR picture per page
    for credential in diplomas:
        assert credential.holder_name in text
        assert f"Số hiệu: {credential.serial}" in text
        assert f"{credential.entry_number}/TCLLCT-2026" in text
    assert "Xếp loại tốt nghiệp: Xuất sắc" in text
    assert "Trung cấp lý luận chính trị" in text
    assert "BẰNG TỐT NGHIỆP" in text
    assert "ngày 15 tháng 9 năm 2026" in text
    assert "Nguyễn Văn Hiệu" in text
    section = document.sections[0]
    assert section.page_width > section.page_height  # A4 landscape


def test_the_qr_encodes_the_verification_url(diplomas):
    document = _docx(printing.credentials_docx(diplomas[:1], url_for=url_for))
    blob = document.inline_shapes[0]._inline.graphic.graphicData.pic.blipFill
    image = document.part.related_parts[blob.blip.embed].blob
    assert image.startswith(b"\x89PNG")
    from daotao.credentials import qr

    assert image == qr.qr_png(url_for(diplomas[0]))


def test_a_default_template_per_kind_waits_for_confirmation(school):
    for kind in Kind.values:
        template = services.credential_template_for(school_id=school.pk, kind=kind)
        assert not template.is_confirmed
    assert CredentialTemplate.objects.filter(school=school).count() == 3


def test_editing_the_wording_changes_the_output(diplomas, issuer, school):
    template = services.credential_template_for(school_id=school.pk, kind=Kind.DIPLOMA)
    services.credential_template_update(
        actor=issuer,
        template=template,
        data={
            "title": "BẰNG TỐT NGHIỆP MẪU MỚI",
            "recognition": "Được công nhận hoàn thành {chuong_trinh}",
            "signer_title": "KT. HIỆU TRƯỞNG",
        },
    )
    text = _text(_docx(printing.credentials_docx(diplomas, url_for=url_for)))
    assert "BẰNG TỐT NGHIỆP MẪU MỚI" in text
    assert "Được công nhận hoàn thành Trung cấp lý luận chính trị" in text
    assert "KT. HIỆU TRƯỞNG" in text
    event = AuditEvent.objects.get(action="credentials.template_update")
    assert set(event.changes) == {"title", "recognition", "signer_title"}


def test_a_transcript_lists_the_module_results_given(diplomas):
    rows = [("Triết học Mác - Lênin", "8,5"), ("Kinh tế chính trị", "7,0")]
    document = _docx(
        printing.transcripts_docx(
            [printing.Transcript(credential=c, rows=rows) for c in diplomas[:2]]
        )
    )
    text = _text(document)
    assert _pages(document) == 2
    assert "BẢNG ĐIỂM" in text
    assert "Triết học Mác - Lênin" in text
    assert "8,5" in text
    assert diplomas[1].holder_name in text


# --- The PDF -------------------------------------------------------------------------


def test_many_credentials_make_one_pdf_one_page_each(diplomas):
    reader = PdfReader(io.BytesIO(printing.credentials_pdf(diplomas, url_for=url_for)))
    assert len(reader.pages) == 3
    for page, credential in zip(reader.pages, diplomas, strict=True):
        text = page.extract_text()
        assert credential.holder_name in text
        assert credential.serial in text
        assert credential.classification_label in text


# --- Views ---------------------------------------------------------------------------


def test_staff_download_one_diploma(client, make_user, diplomas):
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.get(f"/van-bang/{diplomas[0].pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert diplomas[0].serial in response["Content-Disposition"]
    assert len(PdfReader(io.BytesIO(response.content)).pages) == 1


def test_print_all_of_a_year_prints_the_valid_ones(client, issuer, diplomas):
    services.credential_revoke(actor=issuer, credential=diplomas[1], reason="Sai sót")
    client.force_login(issuer)
    response = client.get("/van-bang/in-pdf/?year=2026&kind=diploma")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    assert diplomas[1].holder_name not in reader.pages[0].extract_text()
    assert AuditEvent.objects.filter(object_type="credentials.credential").exists()


def test_print_all_with_nothing_to_print_goes_back(client, issuer):
    client.force_login(issuer)
    response = client.get("/van-bang/in-pdf/")
    assert response.status_code == 302


def test_a_revoked_credential_is_not_printed(client, issuer, diplomas):
    services.credential_revoke(actor=issuer, credential=diplomas[0], reason="Sai sót")
    client.force_login(issuer)
    assert client.get(f"/van-bang/{diplomas[0].pk}/pdf/").status_code == 404


@pytest.mark.parametrize("role", [None, Role.LECTURER, Role.LEARNER])
def test_printing_needs_view_credential(client, make_user, diplomas, role):
    client.force_login(make_user(role))
    assert client.get(f"/van-bang/{diplomas[0].pk}/pdf/").status_code == 403
    assert client.get("/van-bang/in-pdf/").status_code == 403


def test_the_template_page_edits_the_wording(client, issuer, school):
    client.force_login(issuer)
    response = client.get("/van-bang/mau/")
    assert response.status_code == 200
    assert "cần xác nhận" in response.content.decode()
    template = CredentialTemplate.objects.get(school=school, kind=Kind.CERTIFICATE)
    page = client.get(f"/van-bang/mau/{template.pk}/")
    assert "Câu công nhận" in page.content.decode()
    data = {name: getattr(template, name) for name in services.WORDING_FIELDS} | {
        "title": "CHỨNG CHỈ BỒI DƯỠNG",
        "is_confirmed": "on",
    }
    response = client.post(f"/van-bang/mau/{template.pk}/", data)
    assert response.status_code == 302
    template.refresh_from_db()
    assert template.title == "CHỨNG CHỈ BỒI DƯỠNG"
    assert template.is_confirmed
    assert template.updated_by == issuer


@pytest.mark.parametrize("role", [Role.LEADERSHIP, Role.SUPERVISOR, Role.LECTURER])
def test_only_issuers_edit_templates(client, make_user, school, role):
    template = services.credential_template_for(school_id=school.pk, kind=Kind.DIPLOMA)
    client.force_login(make_user(role))
    assert client.get("/van-bang/mau/").status_code == 403
    url = f"/van-bang/mau/{template.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "X"}).status_code == 403
    template.refresh_from_db()
    assert template.title == "BẰNG TỐT NGHIỆP"


def test_a_template_of_another_school_is_not_found(client, issuer):
    from daotao.org.tests.factories import SchoolFactory

    other = services.credential_template_for(
        school_id=SchoolFactory().pk, kind=Kind.DIPLOMA
    )
    client.force_login(issuer)
    assert client.get(f"/van-bang/mau/{other.pk}/").status_code == 404


def test_a_print_of_many_pages_is_made_in_the_worker(
    client, issuer, make_user, diplomas, monkeypatch, django_capture_on_commit_callbacks
):
    """Over SYNC_PAGES the print is a generated file: the worker writes the same
    PDF (verification links under the page's origin), the requester downloads it."""
    from daotao.core.models import GeneratedFile

    monkeypatch.setattr("daotao.credentials.views.credentials.SYNC_PAGES", 2)
    client.force_login(issuer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/van-bang/in-pdf/?year=2026&kind=diploma")
    job = GeneratedFile.objects.get()
    assert response.url == f"/tep-tao-nen/{job.pk}/"
    assert job.params["origin"] == "http://testserver/"
    assert (job.status, job.row_count, job.filename) == ("done", 3, "van-bang.pdf")
    download = client.get(f"/tep-tao-nen/{job.pk}/tai-ve/")
    assert download["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    assert len(reader.pages) == 3
    for diploma, page in zip(diplomas, reader.pages, strict=True):
        assert diploma.holder_name in page.extract_text()
    client.force_login(make_user(Role.LEADERSHIP))
    assert client.get(f"/tep-tao-nen/{job.pk}/tai-ve/").status_code == 404
