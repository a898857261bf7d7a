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


def test_badges_of_many_pages_are_made_in_the_worker(
    client, conference, make_user, monkeypatch, django_capture_on_commit_callbacks
):
    """Over SYNC_PAGES pages the badges are a generated file: the worker prints the
    same selection, the QR codes under the page's origin."""
    from daotao.core.models import GeneratedFile

    monkeypatch.setattr("daotao.research.views.delegates.SYNC_PAGES", 0)
    chosen = add_delegate(conference, NGHE_AN, "Nguyễn Văn Bình", role="leader")
    add_delegate(conference, NGHE_AN, "Trần Thị Cúc")
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(
            reverse("research:badges", args=[conference.pk]), {"id": [chosen.pk]}
        )
    job = GeneratedFile.objects.get()
    assert response.url == f"/tep-tao-nen/{job.pk}/"
    assert job.params["query"] == f"id={chosen.pk}"
    assert (job.status, job.row_count, job.filename) == ("done", 1, "the-dai-bieu.pdf")
    download = client.get(f"/tep-tao-nen/{job.pk}/tai-ve/")
    reader = PdfReader(io.BytesIO(b"".join(download.streaming_content)))
    text = reader.pages[0].extract_text()
    assert "Nguyễn Văn Bình" in text and "Trần Thị Cúc" not in text
