"""A lecturer assigned as reviewer enters their own review in a real browser: from
the menu to "Bài cần phản biện", the other reviewer's score hidden until they
submit, then shown. Screenshots go to $ARTIFACTS_DIR/drafts (default: artifacts/)."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from daotao.core.access import Role
from daotao.research.models import Review
from daotao.research.services import papers as services
from daotao.research.tests.paper_setup import Group, conference_setup, submit
from daotao.tests.support.browser import leave, screenshot, sign_in

SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "drafts"

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]


def test_a_lecturer_reviews_a_paper_assigned_to_them(
    browser, live_server, school, make_user
):
    SHOTS.mkdir(parents=True, exist_ok=True)
    office = make_user(Role.RESEARCH_OFFICE)
    setup = conference_setup(school)
    paper = submit(office, setup, title="Nâng cao chất lượng giảng dạy lý luận")
    own = services.review_assign(actor=office, paper=paper, lecturer=setup.lecturers[0])
    expert = services.review_assign(
        actor=office,
        paper=paper,
        reviewer_name="TS. Đỗ Văn Chuyên",
        organisation=setup.org(Group.ACADEMY),
    )
    services.review_record(
        actor=office, review=expert, score="7", comments="", recommendation="revise"
    )
    lecturer = make_user(Role.LECTURER)
    lecturer.person_id = setup.lecturers[0].person_id
    lecturer.save(update_fields=["person"])

    page = sign_in(browser, live_server, lecturer)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + reverse("reports:dashboard"))
    page.click("details.navgroup summary:has-text('Của tôi')")
    page.click("a[href='/nghien-cuu/bai-can-phan-bien/']")
    page.wait_for_url("**/nghien-cuu/bai-can-phan-bien/")
    card = page.locator(f"#phan-bien-{own.pk}")
    assert "Nâng cao chất lượng giảng dạy lý luận" in card.inner_text()
    assert "TS. Đỗ Văn Chuyên" not in page.content()
    page.fill(f"#score-{own.pk}", "8,5")
    page.select_option(f"#rec-{own.pk}", "accept")
    page.fill(f"#comments-{own.pk}", "Bài viết có số liệu thực tế của tỉnh.")
    screenshot(page, SHOTS / "review-1-truoc-khi-gui.png", full_page=True)
    card.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "Đã gửi phản biện" in page.content()
    text = page.locator(f"#phan-bien-{own.pk}").inner_text()
    assert "Phản biện của bạn: 8,5 điểm" in text
    assert "TS. Đỗ Văn Chuyên: 7 — Chấp nhận, cần sửa" in text
    screenshot(page, SHOTS / "review-2-da-gui.png", full_page=True)
    done = Review.objects.get(pk=own.pk)
    assert (str(done.score), done.entered_by, done.entered_on_behalf) == (
        "8.50",
        lecturer,
        False,
    )
    assert problems == []
    leave(page)
