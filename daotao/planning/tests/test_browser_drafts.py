"""Draft work undone, in a real browser: the office corrects a class of a draft
plan from the plan page, opens a supplementary plan of the approved plan of the
year and sees it with the main plan. Screenshots go to $ARTIFACTS_DIR/drafts."""

import datetime
import os
from pathlib import Path

import pytest
from django.urls import reverse

from daotao.core.access import Role
from daotao.planning.models import PlannedClass, TrainingPlan
from daotao.tests.support.browser import leave, screenshot, sign_in
from daotao.tests.support.school_world import FreshSchool

SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "drafts"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def test_the_office_corrects_a_draft_class_and_opens_a_supplement(
    browser, live_server, school, make_user
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    fresh = FreshSchool(school)
    version = fresh.programme()
    approved = fresh.plan(2027, title="Kế hoạch đào tạo, bồi dưỡng cán bộ năm 2027")
    fresh.planned_class(
        version,
        code="TC-2027-01",
        name="Trung cấp lý luận chính trị K61A",
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 9, 1),
        plan=approved,
    )
    page = sign_in(browser, live_server, make_user(Role.TRAINING_OFFICE))
    page.goto(live_server.url + reverse("planning:plan-detail", args=[approved.pk]))
    page.click("button:has-text('Lập kế hoạch bổ sung')")
    supplement = TrainingPlan.objects.get(main_plan=approved)
    page.wait_for_url(f"**/ke-hoach/{supplement.pk}/")
    page.fill("#id_code", "BD-2027-05")
    page.fill("#id_name", "Bồi dưỡng kiến thức quốc phòng và an ninh")
    page.select_option("#id_program_version", str(version.pk))
    page.select_option("#id_site", str(fresh.site().pk))
    page.fill("#id_planned_size", "40")
    page.fill("#id_starts_on", "05/10/2027")
    page.fill("#id_ends_on", "15/11/2027")
    page.click("form.card button:has-text('Thêm lớp')")
    page.click("text=Sửa, xóa lớp")
    page.fill("#id_name", "Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 4")
    screenshot(page, SHOTS / "plan-1-sua-lop.png", full_page=True)
    page.click("button:has-text('Lưu')")
    page.wait_for_url(f"**/ke-hoach/{supplement.pk}/")
    assert PlannedClass.objects.get(code="BD-2027-05").name.endswith("đối tượng 4")
    screenshot(page, SHOTS / "plan-2-ke-hoach-bo-sung.png", full_page=True)
    page.click(f"a:has-text('{approved.title}')")
    assert "Kế hoạch bổ sung số 1 năm 2027" in page.locator("main").inner_text()
    screenshot(page, SHOTS / "plan-3-ke-hoach-nam.png", full_page=True)
    leave(page)
