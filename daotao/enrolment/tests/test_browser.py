"""The training cycle's first steps in a real browser (Debian's Chromium driven by
Playwright): the coordinator sees the quota and sends the agency's sheet, the
office overrides a failed rule with a reason and admits, leadership signs the
summons decision, and the agency sees it with its number."""

import datetime

import pytest
from playwright.sync_api import expect

from daotao.core.access import Role
from daotao.core.tests import importing_samples as samples
from daotao.enrolment.models import Cohort, EligibilityOverride, Nomination
from daotao.planning.models import Quota
from daotao.tests.support.browser import leave, sign_in

# Other transactional tests flush the tables that data migrations filled (rule
# sets, templates, reference lists); serialized_rollback puts them back first.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def test_from_the_agencys_sheet_to_the_signed_summons(
    browser,
    live_server,
    tmp_path,
    planned_class,
    agencies,
    make_user,
    coordinator,
    office,
):
    Quota.objects.filter(planned_class=planned_class, agency=agencies[0]).update(
        places=3
    )
    headers = (
        *samples.HEADERS,
        "Trình độ chuyên môn",
        "Ngày vào Đảng",
        "Thuộc diện quy hoạch",
        "Xếp loại năm 2025",
        "Xếp loại năm 2024",
    )
    party = {"Lê Thị Bình": None}  # the one whose Party membership is missing
    people = [
        (*person, "Đại học", party.get(person[0], "19/05/2010"), "x", "HTTNV", "HTTNV")
        for person in samples.PEOPLE
    ]
    sheet = tmp_path / "danh-sach.xlsx"
    sheet.write_bytes(samples.official_list(people, headers=headers))
    leader = make_user(Role.LEADERSHIP)
    class_url = f"{live_server.url}/tuyen-sinh/lop/{planned_class.pk}/"

    page = sign_in(browser, live_server, coordinator)
    page.goto(class_url)
    assert "đã gửi 0/3" in page.inner_text(".card")
    page.click("text=Nhập danh sách từ Excel")
    page.set_input_files("#id_file", str(sheet))
    page.fill("#id_sending_document_number", "25-CV/ĐU")
    page.fill("#id_sending_document_date", "20/01/2026")
    page.click("button:has-text('Kiểm tra tệp')")
    expect(page.locator("section")).to_contain_text("tạo mới 3")
    page.click("button:has-text('Ghi 3 dòng vào hệ thống')")
    page.wait_for_url(class_url)
    expect(page.locator("main")).to_contain_text("đã gửi 3/3")
    assert Nomination.objects.filter(source="sheet").count() == 3
    leave(page)

    page = sign_in(browser, live_server, office)
    page.goto(class_url)
    page.click("button:has-text('Xét điều kiện các hồ sơ mới')")
    expect(page.locator("main")).to_contain_text("Đã xét điều kiện 3 hồ sơ")
    page.click("a:has-text('Lê Thị Bình')")
    page.wait_for_url("**/de-nghi/**")
    reason = "Kết nạp Đảng ngày 19/5/2015, Cơ quan cử bổ sung lý lịch"
    party_rule = "form:has(input[value=party_member])"
    page.fill(f"{party_rule} input[name=reason]", reason)
    page.click(f"{party_rule} button")
    expect(page.locator("main")).to_contain_text(reason)
    assert EligibilityOverride.objects.get().reason == reason
    page.goto(class_url)
    page.click("summary:has-text('Lập lớp')")
    page.fill("#id_code", "K60A")
    page.click("button:has-text('Lập lớp')")
    page.wait_for_url("**/lop-hoc/**")
    expect(page.locator("main")).to_contain_text("Đã lập lớp K60A")
    roster = page.locator("table tbody tr td:nth-child(3)").all_inner_texts()
    cohort = Cohort.objects.get()
    admitted = [e.person.full_name for e in cohort.enrollments.order_by("position")]
    assert roster == admitted
    # Vietnamese order: by tên, then tên đệm, then họ
    assert roster.index("Nguyễn Văn An") < roster.index("Lê Thị Bình")
    page.click("text=mở văn bản")
    page.wait_for_url("**/van-ban/**")
    page.click("button:has-text('Trình ký')")
    expect(page.locator("main")).to_contain_text("Đã trình ký.")
    leave(page)

    page = sign_in(browser, live_server, leader)
    page.goto(f"{live_server.url}/van-ban/{cohort.summons_document_id}/")
    page.check("form[action$='/ky/'] input[name=confirm]")
    page.click("button:has-text('Ký và cấp số')")
    expect(page.locator("main")).to_contain_text("Đã ký và cấp số văn bản.")
    leave(page)
    cohort.summons_document.refresh_from_db()
    symbol = cohort.summons_document.symbol
    assert symbol.endswith("/QĐ-" + cohort.school.abbreviation)

    page = sign_in(browser, live_server, coordinator)
    page.goto(f"{live_server.url}/tuyen-sinh/lop-hoc/{cohort.pk}/")
    expect(page.locator("main")).to_contain_text(f"Số {symbol}")
    assert datetime.date.today().strftime("%d/%m/%Y") in page.inner_text("main")
    leave(page)
