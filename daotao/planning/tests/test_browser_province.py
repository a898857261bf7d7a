"""The province in the plan loop, in a real browser (docs/adr/0037): the school
submits its draft plan, the province's board returns it with a comment, the
school revises and resubmits, the board adjusts an agency's places and approves
by its Công văn, and the agency's coordinator sends its cadres within the places
the board set. Screenshots go to $ARTIFACTS_DIR/province."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from daotao.core.access import Role
from daotao.core.tests import importing_samples as samples
from daotao.enrolment.models import Nomination
from daotao.org.models import School
from daotao.org.tests.factories import AgencyFactory
from daotao.planning import services
from daotao.planning.models import PlannedClass, PlanReviewStep, Quota, TrainingPlan
from daotao.tests.support.browser import leave, screenshot, sign_in
from daotao.tests.support.school_world import FreshSchool

SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "province"

# Other transactional tests flush the tables that data migrations filled (rule
# sets, templates, reference lists); serialized_rollback puts them back first.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

COMMENT = "Lớp K60A chỉ mở 35 chỗ; giao thêm chỉ tiêu cho xã Thọ Xuân."


def test_the_school_submits_the_board_returns_then_approves_the_agency_nominates(
    browser, live_server, tmp_path, school, make_user
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    School.objects.filter(pk=school.pk).update(plans_approved_by_province=True)
    tho_xuan = AgencyFactory(school=school, name="Đảng ủy xã Thọ Xuân")
    hac_thanh = AgencyFactory(school=school, name="Đảng ủy phường Hạc Thành")
    office = make_user(Role.TRAINING_OFFICE)
    board = make_user(Role.PROVINCIAL_BOARD)
    coordinator = make_user(Role.AGENCY_COORDINATOR, agency=tho_xuan)
    fresh = FreshSchool(school)
    plan = services.plan_create(
        actor=office, school_id=school.pk, year=2026, title="Kế hoạch năm 2026"
    )
    planned = services.planned_class_add(
        actor=office,
        plan=plan,
        data=services.PlannedClassData(
            code="TC-2026-01",
            name="Trung cấp lý luận chính trị K60A",
            program_version_id=fresh.programme().pk,
            mode=PlannedClass.Mode.PART_TIME,
            site_id=fresh.site().pk,
            planned_size=40,
            starts_on=datetime.date(2026, 3, 2),
            ends_on=datetime.date(2027, 8, 30),
        ),
    )
    for agency in (tho_xuan, hac_thanh):
        services.quota_set(
            actor=office, planned_class=planned, agency_id=agency.pk, places=2
        )
    plan_url = live_server.url + reverse("planning:plan-detail", args=[plan.pk])

    # The school submits its draft.
    page = sign_in(browser, live_server, office)
    page.goto(plan_url)
    page.click("button.primary:has-text('Trình duyệt')")
    expect(page.locator("main")).to_contain_text("Đã trình duyệt kế hoạch.")
    leave(page)

    # The board returns it with its comment (the to-do list leads there).
    page = sign_in(browser, live_server, board)
    page.goto(f"{live_server.url}/quan-ly/")
    page.click("section.todo a:has-text('Kế hoạch năm 2026')")
    page.wait_for_url(f"**/ke-hoach/{plan.pk}/")
    expect(page.locator("button:has-text('Trình duyệt')")).to_have_count(0)
    page.fill("#id_comment", COMMENT)
    screenshot(page, SHOTS / "1-ban-tham-dinh.png")
    page.click("button:has-text('Trả lại kèm ý kiến')")
    expect(page.locator("main")).to_contain_text("Đã trả lại kế hoạch")
    leave(page)
    assert TrainingPlan.objects.get(pk=plan.pk).status == "draft"

    # The school sees the comment, revises the class and submits again.
    page = sign_in(browser, live_server, office)
    page.goto(plan_url)
    expect(page.locator("#y-kien-tra-lai")).to_contain_text(COMMENT)
    screenshot(page, SHOTS / "2-y-kien-tra-lai.png")
    page.click("text=Sửa, xóa lớp")
    page.fill("#id_planned_size", "35")
    page.click("button:has-text('Lưu')")
    page.wait_for_url(f"**/ke-hoach/{plan.pk}/")
    page.click("button.primary:has-text('Trình duyệt')")
    expect(page.locator("main")).to_contain_text("Đã trình duyệt kế hoạch.")
    leave(page)

    # The board gives Thọ Xuân 3 places and approves by its Công văn.
    page = sign_in(browser, live_server, board)
    page.goto(plan_url)
    page.click("summary:has-text('Điều chỉnh chỉ tiêu')")
    prefix = f"#id_adjust_{planned.pk}_"
    page.select_option(prefix + "agency", str(tho_xuan.pk))
    page.fill(prefix + "places", "3")
    page.fill(prefix + "reason", "Xã có 3 cán bộ trong quy hoạch.")
    page.click("button:has-text('Ghi điều chỉnh')")
    expect(page.locator("main")).to_contain_text("Đã điều chỉnh chỉ tiêu.")
    page.fill("#id_approval_number", "123-CV/BTCTU")
    page.fill("#id_approval_date", "20/01/2026")
    page.check("form[action$='/tham-dinh/phe-duyet/'] input[name=confirm]")
    page.click("form[action$='/tham-dinh/phe-duyet/'] button:has-text('Phê duyệt')")
    expect(page.locator("main")).to_contain_text("Đã phê duyệt kế hoạch.")
    history = page.locator("h2#qua-trinh + .table-wrap tbody tr")
    expect(history).to_have_count(5)
    expect(history.nth(4)).to_contain_text("Công văn số 123-CV/BTCTU ngày 20/01/2026")
    screenshot(page, SHOTS / "3-da-phe-duyet.png")
    leave(page)
    assert [s.kind for s in PlanReviewStep.objects.order_by("at", "id")] == [
        "submitted",
        "returned",
        "submitted",
        "quota_changed",
        "approved",
    ]
    assert Quota.objects.get(agency=tho_xuan).places == 3

    # The agency sends its three cadres, within the places the board set.
    sheet = tmp_path / "danh-sach.xlsx"
    sheet.write_bytes(samples.official_list(samples.PEOPLE))
    class_url = f"{live_server.url}/tuyen-sinh/lop/{planned.pk}/"
    page = sign_in(browser, live_server, coordinator)
    page.goto(class_url)
    assert "đã gửi 0/3" in page.inner_text(".card")
    page.click("text=Nhập danh sách từ Excel")
    page.set_input_files("#id_file", str(sheet))
    page.fill("#id_sending_document_number", "25-CV/ĐU")
    page.fill("#id_sending_document_date", "25/01/2026")
    page.click("button:has-text('Kiểm tra tệp')")
    page.click("button:has-text('Ghi 3 dòng vào hệ thống')")
    page.wait_for_url(class_url)
    expect(page.locator("main")).to_contain_text("đã gửi 3/3")
    leave(page)
    assert (
        Nomination.objects.filter(planned_class=planned, agency=tho_xuan).count() == 3
    )
