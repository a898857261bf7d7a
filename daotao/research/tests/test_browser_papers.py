"""The research office's conference flow in a real browser (Debian's Chromium driven
by Playwright): a paper entered with its file, a reviewer from the author's own
school refused with the reason, an Academy expert's review, the decision, a session
and the paper placed in it, then the report drafted from the data, whose figures
match the database."""

import pytest
from playwright.sync_api import expect

from daotao.core.access import Role
from daotao.research.models import ConferenceDocument, Paper, Review
from daotao.research.tests.paper_setup import Group, conference_setup, docx_bytes
from daotao.research.tests.test_reporting import report_figures_match_the_database
from daotao.tests.support.browser import leave, sign_in

# Other transactional tests flush the tables that data migrations filled (document
# templates among them); serialized_rollback puts them back first.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def test_from_a_paper_to_the_drafted_report(
    browser,
    live_server,
    make_user,
    school,
    unit,
    tmp_path,
):
    setup = conference_setup(school)
    conference = setup.conference
    host = setup.org(Group.HOST_SCHOOL)
    academy = setup.org(Group.ACADEMY)
    office = make_user(Role.RESEARCH_OFFICE)
    paper_file = tmp_path / "tham-luan.docx"
    paper_file.write_bytes(docx_bytes("Vai trò tham mưu"))

    page = sign_in(browser, live_server, office)
    page.goto(f"{live_server.url}/nghien-cuu/hoi-thao/{conference.pk}/tham-luan/")
    page.click("text=Nhập tham luận")
    page.fill("#id_title", "Vai trò tham mưu của Nhà trường")
    page.select_option("#id_theme_group", str(setup.themes[0].pk))
    page.set_input_files("#id_file", str(paper_file))
    page.fill("#id_tac-gia-0-full_name", "Lê Thị Hương")
    page.select_option("#id_tac-gia-0-organisation", str(host.pk))
    page.check("#id_tac-gia-0-is_presenter")
    page.click("text=Lưu tham luận")
    expect(page.locator("h1")).to_have_text("Vai trò tham mưu của Nhà trường")
    paper = Paper.objects.get()
    assert (paper.file_kind, paper.file_name) == ("docx", "tham-luan.docx")

    page.click("summary:has-text('Phân công phản biện')")
    page.select_option("#id_lecturer", str(setup.lecturers[0].pk))
    page.click("button:has-text('Phân công')")
    expect(page.locator(".error-summary")).to_contain_text("xung đột lợi ích")
    assert Review.objects.count() == 0

    page.select_option("#id_lecturer", "")
    page.fill("#id_reviewer_name", "PGS.TS Trương Thị Thông")
    page.select_option("#id_organisation", str(academy.pk))
    page.click("button:has-text('Phân công')")
    review = Review.objects.get()
    page.click("summary:has-text('Nhập phản biện')")
    page.fill(f"#score-{review.pk}", "9")
    page.fill(f"#comments-{review.pk}", "Thiết thực")
    page.click("button:has-text('Lưu phản biện')")
    page.click("summary:has-text('Quyết định')")
    page.check("#id_decision_0")
    page.click("button:has-text('Ghi quyết định')")
    expect(page.locator("dd strong")).to_have_text("Được chấp nhận")

    page.click("text=Sắp xếp chương trình")
    page.select_option("#id_part", str(setup.parts[0].pk))
    page.fill("#id_title", "Phiên toàn thể")
    page.fill("#id_starts_at", "07/04/2026 08:00")
    page.fill("#id_ends_at", "07/04/2026 10:00")
    page.fill("#id_chairs", "PGS.TS Trương Thị Thông")
    page.click("button:has-text('Thêm phiên')")
    page.click("button:has-text('Xếp cuối phiên')")
    expect(page.locator("table").first).to_contain_text(
        "Vai trò tham mưu của Nhà trường"
    )
    assert Paper.objects.get().position == 1

    page.click("text=Giấy mời, báo cáo")
    expect(page.locator("dl")).to_contain_text("27")
    page.select_option("#id_drafting_unit", str(unit.pk))
    page.click("text=Soạn báo cáo kết quả từ số liệu")
    page.wait_for_url(lambda url: "/van-ban/" in url and "/nghien-cuu/" not in url)
    report = ConferenceDocument.objects.get(kind="report").document
    assert page.url.endswith(f"/van-ban/{report.pk}/")
    report_figures_match_the_database(report, conference)
    assert "nhận được 1 tham luận, trong đó 1 tham luận được chấp nhận" in (
        report.body_text
    )
    leave(page)
