"""The standard-school self-assessment in a real browser, from the indicators to
the drafted report: the office opens 2026, reads a computed indicator with its
count and denominator, enters an indicator the system does not compute with an
evidence file, drafts the NĐ 30 report and opens it. Screenshots go to
$ARTIFACTS_DIR/standards."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from daotao.core.access import Role
from daotao.faculty.models import Lecturer
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.models import EducationLevel
from daotao.org.tests.factories import UnitFactory
from daotao.standards.models import Evidence, IndicatorResult, SelfAssessment
from daotao.tests.support.browser import leave, screenshot, sign_in

SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "standards"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def _lecturers(school):
    """Three own lecturers, two with a master's degree: 66,67%."""
    for code in ("THS", "THS", "DH"):
        lecturer = LecturerFactory(school=school, title=Lecturer.Title.LECTURER)
        lecturer.person.education_level = EducationLevel.objects.get(code=code)
        lecturer.person.save()


def test_the_office_goes_from_the_indicators_to_the_drafted_report(
    browser, live_server, school, make_user
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    _lecturers(school)
    UnitFactory(school=school, kind="office")
    page = sign_in(browser, live_server, make_user(Role.TRAINING_OFFICE))
    page.goto(live_server.url + reverse("reports:dashboard"))
    page.click("a:has-text('Trường chính trị chuẩn')")
    page.fill("#id_year", "2026")
    page.click("form.card button:has-text('Lập bản tự đánh giá')")
    assessment = SelfAssessment.objects.get(year=2026)
    page.wait_for_url(f"**/truong-chuan/{assessment.pk}/")
    main = page.locator("main")
    assert "Tiêu chí 2. Đội ngũ cán bộ, viên chức" in main.inner_text()
    row = page.locator("tr", has_text="Tỷ lệ giảng viên có trình độ thạc sĩ trở lên")
    assert "66,67%" in row.inner_text()
    assert "2 trên 3 giảng viên cơ hữu" in row.inner_text()
    screenshot(page, SHOTS / "1-nam-2026.png", full_page=True)

    page.click("a:has-text('Quy chế tổ chức và hoạt động của Trường')")
    page.fill("#id_value", "1")
    page.fill("#id_explanation", "Quyết định ban hành Quy chế năm 2024.")
    page.click("button:has-text('Ghi giá trị')")
    page.fill("#id_title", "Quyết định ban hành Quy chế")
    page.set_input_files(
        "#id_file",
        {
            "name": "quy-che.docx",
            "mimeType": "application/octet-stream",
            "buffer": b"PK\x03\x04",
        },
    )
    page.click("button:has-text('Tải minh chứng lên')")
    page.wait_for_selector("a:has-text('Quyết định ban hành Quy chế')")
    result = IndicatorResult.objects.get(assessment=assessment, indicator__code="1.1")
    assert result.entered_value == 1
    assert Evidence.objects.get().result == result
    assert "Đạt" in page.locator("main").inner_text()
    screenshot(page, SHOTS / "2-chi-tieu-minh-chung.png", full_page=True)

    page.click("a:has-text('Tự đánh giá năm 2026')")
    page.click("button:has-text('Soạn báo cáo tự đánh giá')")
    page.click("a:has-text('Mở báo cáo đã soạn')")
    assessment.refresh_from_db()
    page.wait_for_url(f"**/{assessment.document_id}/")
    text = page.locator("main").inner_text()
    assert "Kết quả tự đánh giá trường chính trị chuẩn mức 1 năm 2026" in text
    screenshot(page, SHOTS / "3-bao-cao.png", full_page=True)
    leave(page)
