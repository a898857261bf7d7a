"""PDF uploads with JavaScript, launch actions or embedded files are refused
(conference papers, signed scans); plain PDFs pass."""

import io

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from daotao.core.pdf_safety import pdf_active_content, validate_pdf_is_passive
from daotao.research.services.papers import check_paper_file


def _pdf(change=None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if change is not None:
        change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_action_launch(writer):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/Launch"),
            NameObject("/F"): TextStringObject("cmd.exe"),
        }
    )


def _open_action_javascript(writer):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('xin chào');"),
        }
    )


PLAIN = _pdf()
WITH_JAVASCRIPT = _pdf(_open_action_javascript)
WITH_ATTACHMENT = _pdf(lambda writer: writer.add_attachment("a.exe", b"MZ\x90\x00"))
WITH_LAUNCH = _pdf(_open_action_launch)
# The same JavaScript action with its names hex-escaped, as a crafted file would.
HEX_ESCAPED = WITH_JAVASCRIPT.replace(b"/JavaScript", b"/J#61vaScript").replace(
    b"/JS ", b"/J#53 "
)


def test_the_crafted_file_escapes_its_names():
    assert b"/J#61vaScript" in HEX_ESCAPED and b"/J#53 " in HEX_ESCAPED


def test_a_plain_pdf_has_no_active_content():
    assert pdf_active_content(PLAIN) == set()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (WITH_JAVASCRIPT, "/JavaScript"),
        (WITH_ATTACHMENT, "/EmbeddedFiles"),
        (WITH_LAUNCH, "/Launch"),
        (HEX_ESCAPED, "/JavaScript"),
    ],
    ids=["javascript", "attachment", "launch", "hex-escaped"],
)
def test_active_content_is_found(data, expected):
    assert expected in pdf_active_content(data)


def test_an_unreadable_pdf_is_refused():
    with pytest.raises(ValidationError) as refused:
        validate_pdf_is_passive(b"%PDF-1.4\nrac", filename="hong.pdf", field="file")
    assert refused.value.message_dict == {
        "file": ["Không đọc được tệp PDF “hong.pdf” (hỏng hoặc có mật khẩu)."]
    }


@pytest.mark.parametrize(
    "data", [WITH_JAVASCRIPT, WITH_ATTACHMENT, WITH_LAUNCH, HEX_ESCAPED]
)
def test_a_conference_paper_with_active_content_is_refused(data):
    with pytest.raises(ValidationError) as refused:
        check_paper_file(data, filename="tham-luan.pdf")
    assert refused.value.message_dict["file"] == [
        "Tệp PDF “tham-luan.pdf” chứa mã JavaScript, lệnh mở tệp khác hoặc tệp "
        "nhúng; hãy in lại thành PDF thường rồi tải lên."
    ]


def test_a_plain_conference_paper_is_accepted():
    assert check_paper_file(PLAIN, filename="tham-luan.pdf") == "pdf"


@pytest.mark.django_db
def test_a_signed_scan_with_javascript_is_refused(client, make_user, school):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from daotao.core.access import Role
    from daotao.documents.models import OutgoingDocument
    from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory

    document = OutgoingDocumentFactory(
        issuer=IssuerFactory(school=school),
        status=OutgoingDocument.Status.SIGNED,
        number=3,
        year=2026,
        issued_on="2026-03-05",
        symbol="03/BC-TrCT",
    )
    client.force_login(make_user(Role.TRAINING_OFFICE))
    scan = SimpleUploadedFile("scan.pdf", WITH_JAVASCRIPT, "application/pdf")
    response = client.post(
        f"/van-ban/{document.pk}/dinh-kem-ban-quet/", {"scan": scan}, follow=True
    )
    assert "chứa mã JavaScript" in response.content.decode()
    document.refresh_from_db()
    assert not document.signed_scan
