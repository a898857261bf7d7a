import io

from django.urls import reverse
from pypdf import PdfReader

from daotao.accounts.models import Role
from daotao.research.badges import badges_docx
from daotao.research.tests.conference_fixtures import (
    add_delegate,
)

NGHE_AN = "Trường Chính trị tỉnh Nghệ An"


def test_eight_badges_a_page_with_name_and_qr(conference):
    delegates = [
        add_delegate(conference, NGHE_AN, f"Nguyễn Văn Số{n}", position="Giảng viên")
        for n in range(9)
    ]
    docx = badges_docx(
        delegates, conference_title=conference.title, url_for=lambda d: "https://x/"
    )
    from docx import Document

    document = Document(io.BytesIO(docx))
    assert len(document.tables) == 2
    assert len(document.inline_shapes) == 9
    first = document.tables[0].cell(0, 0).text
    assert "Nguyễn Văn Số0" in first and "ĐẠI BIỂU" in first and NGHE_AN in first


def test_badges_pdf_of_a_selection(client, conference, make_user):
    chosen = add_delegate(conference, NGHE_AN, "Nguyễn Văn Bình", role="leader")
    add_delegate(conference, NGHE_AN, "Trần Thị Cúc")
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    response = client.get(
        reverse("research:badges", args=[conference.pk]), {"id": [chosen.pk]}
    )
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Nguyễn Văn Bình" in text and "Trần Thị Cúc" not in text
    assert "TRƯỞNG ĐOÀN" in text
