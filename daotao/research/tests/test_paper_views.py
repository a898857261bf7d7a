"""The paper, programme and report pages: the research office runs the whole flow
from the pages and gets a draft report whose figures match the data; other roles
read or are refused."""

import io
import re

import pytest
from pypdf import PdfReader

from daotao.core.access import Role
from daotao.documents.models import OutgoingDocument
from daotao.research.models import ConferenceDocument, Paper, ProgrammeSession, Review
from daotao.research.tests.paper_setup import (
    Group,
    conference_setup,
    docx_bytes,
    upload,
)
from daotao.research.tests.test_reporting import report_figures_match_the_database

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(school):
    return conference_setup(school)


def _author_rows(rows):
    data = {
        "tac-gia-TOTAL_FORMS": "4",
        "tac-gia-INITIAL_FORMS": "0",
        "tac-gia-MIN_NUM_FORMS": "0",
        "tac-gia-MAX_NUM_FORMS": "20",
    }
    for index, (name, organisation, other, presenter) in enumerate(rows):
        data[f"tac-gia-{index}-full_name"] = name
        data[f"tac-gia-{index}-organisation"] = organisation or ""
        data[f"tac-gia-{index}-organisation_name"] = other
        if presenter:
            data[f"tac-gia-{index}-is_presenter"] = "on"
    return data


def _submit(client, setup, title, organisation, theme=0, file=None):
    data = {
        "title": title,
        "theme_group": setup.themes[theme].pk,
        "abstract": "Tóm tắt",
        **_author_rows([("Nguyễn Văn Tác Giả", organisation.pk, "", True)]),
    }
    if file is not None:
        data["file"] = file
    response = client.post(
        f"/nghien-cuu/hoi-thao/{setup.conference.pk}/tham-luan/them/", data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Paper.objects.get(title=title)


def test_the_research_office_runs_the_whole_flow_from_the_pages(
    client, make_user, setup, unit
):
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    conference = setup.conference
    regional = setup.org(Group.REGIONAL_SCHOOL)
    host = setup.org(Group.HOST_SCHOOL)
    academy = setup.org(Group.ACADEMY)

    first = _submit(
        client,
        setup,
        "Đổi mới quản lý học viên",
        regional,
        file=upload("bai-1.docx", docx_bytes("Quản lý học viên")),
    )
    second = _submit(
        client,
        setup,
        "Vai trò tham mưu của Nhà trường",
        host,
        theme=1,
        file=upload("bai-2.docx", docx_bytes("Tham mưu")),
    )
    listing = client.get(f"/nghien-cuu/hoi-thao/{conference.pk}/tham-luan/?q=hoc vien")
    assert f'href="/nghien-cuu/tham-luan/{first.pk}/"' in listing.content.decode()
    assert f'href="/nghien-cuu/tham-luan/{second.pk}/"' not in listing.content.decode()

    # A host lecturer may not review the host's paper: refused with the reason.
    refused = client.post(
        f"/nghien-cuu/tham-luan/{second.pk}/phan-cong-phan-bien/",
        {"lecturer": setup.lecturers[0].pk},
    )
    assert refused.status_code == 400
    assert "xung đột lợi ích" in refused.content.decode()
    assert Review.objects.count() == 0

    for paper, reviewer in (
        (first, {"lecturer": setup.lecturers[0].pk}),
        (
            second,
            {"reviewer_name": "PGS.TS Trương Thị Thông", "organisation": academy.pk},
        ),
    ):
        response = client.post(
            f"/nghien-cuu/tham-luan/{paper.pk}/phan-cong-phan-bien/", reviewer
        )
        assert response.status_code == 302
        review = Review.objects.get(paper=paper)
        response = client.post(
            f"/nghien-cuu/phan-bien/{review.pk}/",
            {"score": "8,5", "recommendation": "accept", "comments": "Đạt"},
        )
        assert response.status_code == 302
        response = client.post(
            f"/nghien-cuu/tham-luan/{paper.pk}/quyet-dinh/", {"decision": "accept"}
        )
        assert response.status_code == 302
    assert set(Paper.objects.values_list("status", flat=True)) == {"accepted"}
    assert Review.objects.get(paper=first).score == 8.5

    programme = f"/nghien-cuu/hoi-thao/{conference.pk}/chuong-trinh/"
    response = client.post(
        programme,
        {
            "part": setup.parts[0].pk,
            "title": "Phiên toàn thể",
            "starts_at": "07/04/2026 08:00",
            "ends_at": "07/04/2026 11:00",
            "chairs": "PGS.TS Trương Thị Thông",
        },
    )
    assert response.status_code == 302
    session = ProgrammeSession.objects.get()
    for paper in (second, first):
        response = client.post(
            f"/nghien-cuu/tham-luan/{paper.pk}/xep-phien/",
            {"session": session.pk, "next": "programme"},
        )
        assert response.status_code == 302 and response.url == programme
    printed = client.get(programme + "in/").content.decode()
    assert printed.index("Vai trò tham mưu") < printed.index("Đổi mới quản lý học viên")
    assert "Chủ trì: PGS.TS Trương Thị Thông" in printed

    proceedings = client.post(f"/nghien-cuu/hoi-thao/{conference.pk}/ky-yeu/")
    assert proceedings["Content-Type"] == "application/pdf"
    pdf = PdfReader(io.BytesIO(proceedings.content))
    contents = pdf.pages[1].extract_text()
    assert re.search(r"1\. Vai trò tham mưu của Nhà trường\W+3", contents)
    assert re.search(r"2\. Đổi mới quản lý học viên\W+4", contents)

    documents = f"/nghien-cuu/hoi-thao/{conference.pk}/van-ban/"
    response = client.post(documents + "giay-moi/", {"drafting_unit": unit.pk})
    assert response.status_code == 302
    assert ConferenceDocument.objects.filter(kind="invitation").count() == 6
    response = client.post(documents + "bao-cao/", {"drafting_unit": unit.pk})
    assert response.status_code == 302
    report = ConferenceDocument.objects.get(kind="report").document
    assert response.url == f"/van-ban/{report.pk}/"
    assert report.status == OutgoingDocument.Status.DRAFT
    report_figures_match_the_database(report, conference)
    assert "nhận được 2 tham luận, trong đó 2 tham luận được chấp nhận" in (
        report.body_text
    )
    page = client.get(documents).content.decode()
    assert "Kết quả thực hiện Hội thảo khoa học" in page


def test_a_bad_file_is_shown_next_to_the_field_and_nothing_saved(
    client, make_user, setup
):
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    response = client.post(
        f"/nghien-cuu/hoi-thao/{setup.conference.pk}/tham-luan/them/",
        {
            "title": "Tệp giả",
            "theme_group": setup.themes[0].pk,
            "file": upload("bai.pdf", b"MZ not really a pdf"),
            **_author_rows(
                [("Lê Văn A", setup.org(Group.REGIONAL_SCHOOL).pk, "", False)]
            ),
        },
    )
    assert response.status_code == 400
    assert "không phải là tệp PDF hợp lệ" in response.content.decode()
    assert Paper.objects.count() == 0


def test_paper_list_exports_excel_by_theme(client, make_user, setup, caplog):
    from openpyxl import load_workbook

    client.force_login(make_user(Role.RESEARCH_OFFICE))
    _submit(client, setup, "Bài nhóm hai", setup.org(Group.REGIONAL_SCHOOL), theme=1)
    _submit(client, setup, "Bài nhóm một", setup.org(Group.PARTNER_SCHOOL), theme=0)
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.get(
        f"/nghien-cuu/hoi-thao/{setup.conference.pk}/tham-luan/xuat-excel/"
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    logged = [
        r for r in caplog.records if getattr(r, "event", "") == "export_personal_data"
    ]
    assert [r.object for r in logged] == ["research.paper"]
    assert rows[1][:3] == ("STT", "Nhóm chủ đề", "Tên tham luận")
    assert [row[1:3] for row in rows[2:]] == [
        ("Thể chế đào tạo, bồi dưỡng", "Bài nhóm một"),
        ("Quản lý quy trình đào tạo", "Bài nhóm hai"),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.LEADERSHIP, 403),
        (Role.LECTURER, 403),
        (Role.SUPERVISOR, 403),
    ],
)
def test_only_the_research_office_submits(client, make_user, setup, role, status):
    client.force_login(make_user(role))
    response = client.post(
        f"/nghien-cuu/hoi-thao/{setup.conference.pk}/tham-luan/them/",
        {"title": "Không được", "theme_group": setup.themes[0].pk},
    )
    assert response.status_code == status
    assert Paper.objects.count() == 0


def test_a_conference_of_another_school_answers_404(client, make_user):
    from daotao.org.tests.factories import SchoolFactory

    other = conference_setup(SchoolFactory())
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    assert (
        client.get(f"/nghien-cuu/hoi-thao/{other.conference.pk}/tham-luan/").status_code
        == 404
    )


def test_the_paper_list_reads_the_same_number_of_queries_for_2_or_12_papers(
    client, make_user, setup, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from daotao.research.tests.paper_setup import submit

    office = make_user(Role.RESEARCH_OFFICE)
    client.force_login(office)
    url = f"/nghien-cuu/hoi-thao/{setup.conference.pk}/tham-luan/"
    for number in range(2):
        submit(office, setup, title=f"Bài {number}", theme=number % 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for number in range(2, 12):
        submit(office, setup, title=f"Bài {number}", theme=number % 3)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    details = re.findall(
        r'href="/nghien-cuu/tham-luan/\d+/"', response.content.decode()
    )
    assert len(details) == 12


def test_proceedings_without_accepted_papers_say_so(client, make_user, setup):
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    response = client.post(
        f"/nghien-cuu/hoi-thao/{setup.conference.pk}/ky-yeu/", follow=True
    )
    assert "Chưa có tham luận được chấp nhận nào có tệp." in response.content.decode()


def test_proceedings_of_many_papers_are_made_in_the_worker_or_fail_with_the_reason(
    client, make_user, setup, monkeypatch, django_capture_on_commit_callbacks
):
    """Without a paper that has a file the worker's file fails with the reason the
    page would have shown, and the requester may ask again."""
    from daotao.core.models import GeneratedFile

    monkeypatch.setattr("daotao.research.print_jobs.PROCEEDINGS_SYNC_PAPERS", -1)
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/nghien-cuu/hoi-thao/{setup.conference.pk}/ky-yeu/")
    job = GeneratedFile.objects.get()
    assert response.url == f"/tep-tao-nen/{job.pk}/"
    assert job.params == {"conference": setup.conference.pk}
    assert (job.status, job.error) == (
        "failed",
        "Chưa có tham luận được chấp nhận nào có tệp.",
    )
    page = client.get(response.url).content.decode()
    assert "Chưa có tham luận được chấp nhận nào có tệp." in page
    assert "Tạo lại" in page


def test_the_paper_list_links_the_edit_of_a_paper_waiting_for_its_decision(
    client, make_user, setup
):
    from daotao.research.services import papers as services
    from daotao.research.tests.paper_setup import submit

    office = make_user(Role.RESEARCH_OFFICE)
    waiting = submit(office, setup, title="Bài chờ quyết định", theme=0)
    withdrawn = submit(office, setup, title="Bài đã rút", theme=1)
    services.paper_withdraw(actor=office, paper=withdrawn, reason="Tác giả xin rút")
    url = f"/nghien-cuu/hoi-thao/{setup.conference.pk}/tham-luan/"

    client.force_login(office)
    page = client.get(url).content.decode()
    assert re.findall(r'href="/nghien-cuu/tham-luan/(\d+)/sua/"', page) == [
        str(waiting.pk)
    ]
    client.force_login(make_user(Role.LEADERSHIP))
    assert "/sua/" not in client.get(url).content.decode()


def test_a_faculty_head_reaches_the_papers_from_the_topic_list_not_the_conference(
    client, make_user, setup
):
    from daotao.research.tests.paper_setup import submit

    paper = submit(make_user(Role.RESEARCH_OFFICE), setup, title="Bài một", theme=0)
    conference = setup.conference
    papers_url = f"/nghien-cuu/hoi-thao/{conference.pk}/tham-luan/"
    conference_link = f'href="/nghien-cuu/hoi-thao/{conference.pk}/"'

    client.force_login(make_user(Role.FACULTY_HEAD))
    topics = client.get("/nghien-cuu/de-tai/").content.decode()
    assert f'href="{papers_url}"' in topics
    assert "/nghien-cuu/hoi-thao/" + '"' not in topics  # no conference list
    papers = client.get(papers_url).content.decode()
    assert f'href="/nghien-cuu/tham-luan/{paper.pk}/"' in papers
    assert conference_link not in papers
    detail = client.get(f"/nghien-cuu/tham-luan/{paper.pk}/").content.decode()
    assert conference_link not in detail
    # The conference and its delegates stay closed to them.
    assert client.get(f"/nghien-cuu/hoi-thao/{conference.pk}/").status_code == 403
    delegates = f"/nghien-cuu/hoi-thao/{conference.pk}/dai-bieu/"
    assert client.get(delegates).status_code == 403

    # Those who see the conference keep its link and need no second way in.
    client.force_login(make_user(Role.RESEARCH_OFFICE))
    assert (
        f'href="{papers_url}"' not in client.get("/nghien-cuu/de-tai/").content.decode()
    )
    assert conference_link in client.get(papers_url).content.decode()
