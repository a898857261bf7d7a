"""Issue 6's whole chain on the demo school, in a real browser (Debian's Chromium
driven by Playwright), as the real roles do it and through the pages only:
the module's lecturer corrects a learner's attendance on the grid; the office
opens the exam's eligibility list (a learner excluded, with the reason); the
lecturer sees that learner barred on the score grid, a file giving them a score
is refused, and enters the others' scores and submits; the office locks and
amends one score by decision; the office reviews graduation and drafts the
decision, leadership signs it; the office issues the certificates in one batch;
anyone, logged out, verifies one from its QR address; the sending agency's
coordinator sees the cadre's results and downloads the school's evaluation.

Screenshots of the key steps go to $ARTIFACTS_DIR (default: artifacts/).
"""

import datetime
import io
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from daotao.accounts.models import User
from daotao.accounts.tests.second_factor import pass_second_factor_in_browser
from daotao.assessment.models import (
    GraduationDecision,
    Score,
    ScoreAmendment,
    ScoreSheet,
)
from daotao.assessment.services import amendment_gate
from daotao.credentials.models import Credential
from daotao.demo import graduation as demo
from daotao.demo.data import PASSWORD
from daotao.enrolment.models import Cohort, Enrollment
from daotao.learning.models import Attendance
from daotao.people.forms import person_label
from daotao.teaching.models import TeachingSession
from daotao.tests.support.browser import leave, screenshot

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
    pytest.mark.slow,  # seeds the whole demo
]

SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "chain"


@pytest.fixture
def flushable(transactional_db):
    """After the test, the locked sheets and scores it made are deleted through the
    amendment gate, so the flush ending a transactional test is not refused by the
    trigger."""
    yield
    with transaction.atomic(), amendment_gate():
        ScoreAmendment.objects.all().delete()
        Score.objects.all().delete()
        ScoreSheet.objects.all().delete()


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, SHOTS / f"{name}.png", full_page=True)


def sign_in(browser, live_server, username: str):
    page = browser.new_context(
        viewport={"width": 1280, "height": 900}, accept_downloads=True
    ).new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    pass_second_factor_in_browser(page, User.objects.get(username=username))
    return page


def menu(page, group: str, item: str) -> None:
    """Open an entry of the top bar's drop-down `group`."""
    page.click(f"header summary:has-text('{group}')")
    page.click(f"header .navgroup-items a:has-text('{item}')")


def message(page):
    return page.locator(".messages, .message, [role=status]").first


def open_sheet(page, module_name: str) -> None:
    """From anywhere: Đào tạo › Đánh giá › LDP-2026 › the module's sheet."""
    menu(page, "Đào tạo", "Đánh giá")
    page.click(f"a:has-text('{demo.WALK_COHORT}')")
    page.click(f"tr:has-text('{module_name}') td a")
    page.wait_for_url("**/bang-diem/**")


# Each learner's marks in the open module (the walk types them): steady, on the
# 0.5 steps; the excluded learner is marked absent instead.
def marks_for(position: int) -> tuple[str, str, str]:
    return ("9", str(6 + position % 4), str(Decimal(13 + position % 6) / 2))


def test_the_whole_chain_on_the_demo_school(
    browser, live_server, flushable, demo_clone
):
    cohort = Cohort.objects.get(code=demo.WALK_COHORT)
    below, mistaken = demo.walk_learners(cohort)
    cadre = Enrollment.objects.get(
        cohort=cohort, agency__name="Đảng ủy phường Hạc Thành"
    )
    sheet = ScoreSheet.objects.get(
        exam__cohort=cohort, exam__module__code=demo.OPEN_MODULE
    )
    module_name = sheet.exam.module.name
    sessions = list(
        TeachingSession.objects.filter(
            cohort=cohort, run=None, topic__module__code=demo.OPEN_MODULE
        ).order_by("date", "half_day")
    )
    wrong = sessions[demo.MARKED_ABSENT_BY_MISTAKE.index(Attendance.Status.ABSENT)]
    assert sheet.status == ScoreSheet.Status.OPEN
    assert (below.person.full_name, mistaken.person.full_name) == (
        "Lê Quang Việt",
        "Đinh Mai Trang",
    )

    # 1. The module's lecturer corrects the attendance on the session's grid.
    page = sign_in(browser, live_server, "giangvien")
    menu(page, "Đào tạo", "Điểm danh")
    today = timezone.localdate()
    weeks_back = (monday(today) - monday(wrong.date)).days // 7
    for _week in range(weeks_back):
        page.click("text=‹ Tuần trước")
    row = page.locator("tr", has_text=wrong.date.strftime("%d/%m/%Y")).filter(
        has_text=wrong.get_half_day_display()
    )
    row.locator("a:has-text('Điểm danh')").click()
    page.wait_for_url(f"**/buoi-hoc/{wrong.pk}/diem-danh/")
    trang = page.get_by_label(f"{mistaken.person.full_name}: Vắng không phép")
    expect(trang).to_be_checked()
    page.get_by_label(f"{mistaken.person.full_name}: Đi muộn").check()
    shoot(page, "01-attendance-grid")
    page.click("button:has-text('Ghi điểm danh')")
    expect(page.locator("main")).to_contain_text("Đã ghi điểm danh (1 thay đổi)")
    expect(page.get_by_label(f"{mistaken.person.full_name}: Đi muộn")).to_be_checked()
    assert (
        Attendance.objects.get(session=wrong, enrollment=mistaken).status
        == Attendance.Status.LATE
    )
    leave(page)

    # 2. The office opens the exam's eligibility list: one learner excluded.
    page = sign_in(browser, live_server, "daotao")
    open_sheet(page, module_name)
    page.click("text=Danh sách đủ điều kiện dự thi")
    excluded = page.locator("tr", has_text="Không được dự thi")
    expect(excluded).to_have_count(1)
    expect(excluded).to_contain_text(below.person.full_name)
    expect(excluded).to_contain_text("Dự 25% số buổi, dưới mức tối thiểu 80%.")
    expect(page.locator("tr", has_text=mistaken.person.full_name)).to_contain_text(
        "Dự 100% số buổi, đạt mức tối thiểu 80%."
    )
    eligible = page.get_by_role("cell", name="Được dự thi", exact=True)
    expect(eligible).to_have_count(15)
    shoot(page, "02-eligibility")
    # Its sessions lead to their attendance grids.
    page.click("#buoi-hoc ~ div a >> nth=0")
    page.wait_for_url(f"**/buoi-hoc/{sessions[0].pk}/diem-danh/")
    expect(
        page.get_by_label(f"{below.person.full_name}: Vắng không phép")
    ).to_be_checked()
    leave(page)

    # 3. The lecturer finds the excluded learner barred on the grid, with no cell
    #    to type in; a file giving them a score is refused; the rest are entered.
    page = sign_in(browser, live_server, "giangvien")
    open_sheet(page, module_name)
    lines = list(
        sheet.scores.select_related("enrollment__person").order_by(
            "enrollment__person__sort_key", "id"
        )
    )
    assert len(lines) == 16
    barred = page.locator("tbody tr", has_text=below.person.full_name)
    expect(barred).to_contain_text(
        "Không đủ điều kiện dự thi quy định cần xác nhận: Dự 25% số buổi, dưới "
        "mức tối thiểu 80%."
    )
    expect(barred.locator("input")).to_have_count(0)
    page.click("text=Nhập điểm từ Excel")
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "diem-bo-sung.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument"
                ".spreadsheetml.sheet",
                "buffer": _score_file(below, ("9", "8", "8,5")),
            }
        ],
    )
    page.click("button:has-text('Ghi điểm')")
    refusal = page.locator("td .error")
    expect(refusal).to_have_text(
        f"“Chuyên cần”: {below.person.full_name} không đủ điều kiện dự thi (Dự 25% "
        "số buổi, dưới mức tối thiểu 80%.): không ghi điểm."
    )
    shoot(page, "03-barred-score-refused")
    barred_line = next(line for line in lines if line.enrollment_id == below.pk)
    barred_line.refresh_from_db()
    assert (barred_line.exam, barred_line.version) == (None, 1)
    page.click(f"a:has-text('‹ Bảng điểm: {module_name}')")
    for position, line in enumerate(lines):
        name = line.enrollment.person.full_name
        if line.enrollment_id == below.pk:
            continue
        for column, value in zip(
            ("Chuyên cần", "Kiểm tra", "Thi"), marks_for(position), strict=True
        ):
            page.get_by_label(f"{column} — {name}", exact=True).fill(value)
    shoot(page, "03-score-grid")
    page.click("button:has-text('Lưu điểm')")
    expect(page.locator("main")).to_contain_text("Đã lưu điểm của 15 học viên.")
    page.click("button:has-text('Nộp bảng điểm')")
    expect(page.locator("main")).to_contain_text("Đã nộp bảng điểm.")
    sheet.refresh_from_db()
    assert sheet.status == ScoreSheet.Status.SUBMITTED
    cadre_line = next(line for line in lines if line.enrollment_id == cadre.pk)
    cadre_line.refresh_from_db()
    position = lines.index(cadre_line)
    attendance, test, exam = (Decimal(v) for v in marks_for(position))
    expected = (
        attendance * Decimal("0.1") + test * Decimal("0.3") + exam * Decimal("0.6")
    ).quantize(Decimal("0.1"))
    assert cadre_line.result == expected
    leave(page)

    # 4. The office locks the sheet, then amends the cadre's exam mark by decision.
    page = sign_in(browser, live_server, "daotao")
    open_sheet(page, module_name)
    page.check("form[action$='/khoa/'] input[name=confirm]")
    page.click("button:has-text('Khóa bảng điểm')")
    expect(page.locator("main")).to_contain_text("Đã khóa bảng điểm.")
    page.select_option("#id_score", label=person_label(cadre.person))
    # Only the exam mark is typed: the blank components keep their marks.
    page.fill("#id_exam", str(exam + 1))
    page.fill("#id_reason", "Phúc khảo bài thi: cộng sót điểm câu 3")
    page.fill("#id_decision_number", "215/QĐ-TrCT")
    page.fill("#id_decision_date", today.strftime("%d/%m/%Y"))
    page.click("button:has-text('Điều chỉnh')")
    expect(page.locator("main")).to_contain_text("Đã điều chỉnh điểm.")
    history = page.locator("tr", has_text="Phúc khảo bài thi")
    expect(history).to_contain_text(cadre.person.full_name)
    expect(history).to_contain_text(f"Thi: {_vi(exam)}")
    expect(history).to_contain_text(f"Thi: {_vi(exam + 1)}")
    expect(history).to_contain_text("Số 215/QĐ-TrCT")
    shoot(page, "04-amendment")
    amendment = ScoreAmendment.objects.get()
    assert amendment.old_values["exam"] == str(exam.quantize(Decimal("0.1")))
    amended = expected + Decimal("0.6")
    assert amendment.new_values["result"] == str(amended)

    # 5. Graduation consideration, and the decision drafted through documents.
    page.click(f"a:has-text('‹ {demo.WALK_COHORT}')")
    page.click("text=Xét tốt nghiệp")
    # A short course ends in the essay: no graduation-exam column to puzzle over.
    expect(page.locator("thead")).not_to_contain_text("Thi tốt nghiệp")
    for enrollment in cohort.enrollments.select_related("person"):
        name = enrollment.person.full_name
        page.get_by_label(f"Đạt tiểu luận — {name}").check()
        page.get_by_label(f"Đã đi thực tế — {name}").check()
    page.click("button:has-text('Lưu kết quả xét')")
    expect(page.locator("main")).to_contain_text("Đã lưu kết quả xét tốt nghiệp.")
    graduates = page.locator("tbody tr", has_text="Tốt nghiệp").filter(
        has_not_text="Chưa tốt nghiệp"
    )
    expect(graduates).to_have_count(15)
    expect(page.locator("tr", has_text=below.person.full_name)).to_contain_text(
        "Chưa tốt nghiệp: Còn 1 học phần chưa đạt."
    )
    shoot(page, "05-graduation-review")
    # A bồi dưỡng course ends in "hoàn thành chương trình", not "tốt nghiệp".
    page.click("button:has-text('Soạn quyết định công nhận hoàn thành chương trình')")
    expect(page.locator("main")).to_contain_text(
        "Đã soạn quyết định công nhận hoàn thành chương trình."
    )
    page.click("text=mở văn bản")
    page.wait_for_url("**/van-ban/**")
    document_url = page.url
    page.click("button:has-text('Trình ký')")
    expect(page.locator("main")).to_contain_text("Đã trình ký.")
    leave(page)

    page = sign_in(browser, live_server, "bgh")
    page.goto(document_url)  # leadership opens it from the register in practice
    page.check("form[action$='/ky/'] input[name=confirm]")
    page.click("button:has-text('Ký và cấp số')")
    expect(page.locator("main")).to_contain_text("Đã ký và cấp số văn bản.")
    leave(page)
    decision = GraduationDecision.objects.get(cohort=cohort)
    decision.document.refresh_from_db()
    symbol = decision.document.symbol
    assert re.fullmatch(r"\d+/QĐ-TrCT", symbol)
    assert len(decision.graduates) == 15

    # 6. The office issues the certificates from the graduates list.
    page = sign_in(browser, live_server, "daotao")
    menu(page, "Đào tạo", "Đánh giá")
    page.click(f"a:has-text('{demo.WALK_COHORT}')")
    page.click("text=Xét tốt nghiệp")
    expect(page.locator("main")).to_contain_text(f"Số {symbol}")
    page.fill("#id_issue_signer", "Lê Văn Luân")
    page.check("form[action*='/cap-theo-lop/'] input[name=confirm]")
    page.click("button:has-text('Cấp văn bằng, chứng chỉ cho danh sách tốt nghiệp')")
    expect(page.locator("main")).to_contain_text("Đã cấp 15 văn bằng, chứng chỉ.")
    issued = Credential.objects.filter(enrollment__cohort=cohort)
    assert issued.count() == 15
    assert not issued.filter(enrollment=below).exists()
    credential = issued.get(enrollment=cadre)
    # The blanks after LDP-2025's ten, in the order of the decision's list.
    order = [g["enrollment_id"] for g in decision.graduates]
    assert credential.serial == f"BD{11 + order.index(cadre.pk):06d}"
    shoot(page, "06-register")
    page.click(f"a:has-text('{cadre.person.full_name}')")
    verify_url = page.locator("dd a[href*='/xac-minh/']").get_attribute("href")
    leave(page)

    # 7. Logged out, the QR's address shows the certificate and nothing more.
    anonymous = browser.new_context(viewport={"width": 800, "height": 900}).new_page()
    anonymous.goto(verify_url)
    expect(anonymous.locator("#holder")).to_have_text(cadre.person.full_name)
    expect(anonymous.locator("#programme")).to_have_text("Bồi dưỡng lãnh đạo cấp phòng")
    expect(anonymous.locator("#classification")).to_have_text(
        credential.classification_label
    )
    expect(anonymous.locator("#issued-on")).to_have_text(today.strftime("%d/%m/%Y"))
    expect(anonymous.locator("#status")).to_have_text("Còn hiệu lực")
    # The số hiệu and the year of birth are shown, to tell namesakes apart.
    expect(anonymous.locator("#serial")).to_have_text(credential.serial)
    expect(anonymous.locator("#date-of-birth")).to_have_text(
        f"**/**/{cadre.person.date_of_birth.year}"
    )
    body = anonymous.inner_text("body")
    for private in (
        cadre.learner_code,
        cadre.person.citizen_id,
        cadre.person.date_of_birth.strftime("%d/%m/%Y"),
        cadre.agency.name,
        str(amended).replace(".", ","),
    ):
        assert private not in body
    shoot(anonymous, "07-verification")
    anonymous.context.close()

    # 8. The agency's coordinator sees that cadre's results and the evaluation.
    page = sign_in(browser, live_server, "coquan")
    menu(page, "Cán bộ, giảng viên", "Cán bộ đi học")
    page.click(f"a:has-text('{cadre.person.full_name}')")
    main = page.locator("main")
    expect(main).to_contain_text(demo.WALK_COHORT)
    attended, result = (
        page.locator("table", has_text=heading).locator("tr", has_text=module_name)
        for heading in ("Tham dự", "Điểm")
    )
    expect(attended).to_contain_text("100 %")
    expect(result).to_contain_text(_vi(amended))
    classification = Credential.objects.get(pk=credential.pk).classification_label
    expect(main).to_contain_text(f"Xếp loại: {classification}")
    shoot(page, "08-agency-cadre")
    with page.expect_download() as download:
        page.click("text=Đánh giá cuối khóa (PDF)")
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    leave(page)


def _score_file(enrollment, marks: tuple[str, str, str]) -> bytes:
    book = Workbook()
    book.active.append(("Họ và tên", "Mã học viên", "Chuyên cần", "Kiểm tra", "Thi"))
    book.active.append((enrollment.person.full_name, enrollment.learner_code, *marks))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _vi(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.1"))).replace(".", ",")
