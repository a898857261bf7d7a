"""The public site in a real browser (Debian's Chromium driven by Playwright): the
home page, an article, a search and the diploma verification page, with no console
error anywhere. Screenshots go to $ARTIFACTS_DIR/portal (default: artifacts/)."""

import datetime
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from daotao.credentials.tests.factories import cohort_of, enroll, issued_credential
from daotao.people.tests.factories import PersonFactory
from daotao.portal.models import Banner
from daotao.portal.tests.factories import article, category
from daotao.tests.support.browser import leave, screenshot

SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "portal"
VN = ZoneInfo("Asia/Ho_Chi_Minh")

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def test_a_visitor_reads_searches_and_verifies(browser, live_server, school, agency):
    cohort = cohort_of(school, program_kind="tc_llct", name="Trung cấp LLCT")
    person = PersonFactory(
        school=school, agency=agency, family_name="Trần", middle_name="Thị",
        given_name="Hà",
    )  # fmt: skip
    diploma = issued_credential(enroll(cohort, person, position=1))
    research = category(school, "Nghiên cứu khoa học")
    report = article(
        school,
        "Báo cáo kết quả thực hiện Hội thảo khoa học",
        body="<p>Số: 104 /BC-TrCT</p><p>Hội thảo được tổ chức 1 ngày.</p>",
        category_obj=research,
        published_at=datetime.datetime(2014, 11, 12, 9, 17, 44, tzinfo=VN),
        view_count=1575,
    )
    article(school, "Khai giảng lớp trung cấp", category_obj=research)
    today = timezone.localdate()
    Banner.objects.create(
        school=school,
        title="Hưởng ứng Ngày Sách và Văn hóa đọc Việt Nam",
        starts_on=today,
        ends_on=today,
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(f"{live_server.url}/")
    assert (
        page.locator(".campaign")
        .inner_text()
        .startswith("HƯỞNG ỨNG NGÀY SÁCH VÀ VĂN HÓA ĐỌC VIỆT NAM")
    )
    assert page.locator("#count-today").inner_text() == "1"
    screenshot(page, SHOTS / "1-trang-chu.png", full_page=True)

    page.click("text=Báo cáo kết quả thực hiện Hội thảo khoa học")
    assert page.locator("#posted").inner_text() == (
        "Đăng lúc: 09:17:44 12/11/2014 (GMT+7)"
    )
    assert page.locator("#views").inner_text() == "1.576 lượt xem"
    assert "Khai giảng lớp trung cấp" in page.locator(".other-news").inner_text()
    screenshot(page, SHOTS / "2-bai-viet.png", full_page=True)

    page.fill("#site-q", "hoi thao")
    page.press("#site-q", "Enter")
    page.wait_for_url("**/tim-kiem/?q=hoi+thao")
    assert page.locator("#result-count").inner_text() == (
        "Tìm thấy 1 bài viết cho “hoi thao”."
    )
    screenshot(page, SHOTS / "3-tim-kiem.png", full_page=True)

    page.fill("#id_code", diploma.verification_code)
    page.click("form:has(#id_code) button")
    page.wait_for_url(f"**/xac-minh/{diploma.verification_code}/")
    assert page.locator("#holder").inner_text() == "Trần Thị Hà"
    assert page.locator("#status").inner_text() == "Còn hiệu lực"
    screenshot(page, SHOTS / "4-xac-minh.png", full_page=True)
    leave(page)

    assert problems == []
    assert report.slug
