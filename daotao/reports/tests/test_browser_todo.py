"""The start page's to-do list in Chromium on the seeded demo: for each role with
work waiting, the item the demo implies is listed, followed, done, and gone from
the start page and the header count. Screenshots at 1366 px and 390 px go to
$TODO_SHOTS (default artifacts/todo)."""

import os
from pathlib import Path

import pytest
from django.db import transaction

from daotao.accounts.models import User
from daotao.accounts.second_factor import requires_second_factor
from daotao.accounts.tests.second_factor import (
    confirmed_device,
    pass_second_factor_in_browser,
)
from daotao.assessment.models import Score, ScoreAmendment, ScoreSheet
from daotao.assessment.services import amendment_gate
from daotao.demo.data import PASSWORD
from daotao.tests.support.browser import leave, screenshot

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

SHOTS = Path(os.environ.get("TODO_SHOTS", "artifacts/todo"))
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2}


@pytest.fixture
def flushable(transactional_db):
    """The demo's locked sheets go through the amendment gate before the flush."""
    yield
    with transaction.atomic(), amendment_gate():
        ScoreAmendment.objects.all().delete()
        Score.objects.all().delete()
        ScoreSheet.objects.all().delete()


def signed_in(browser, live_server, username, layout):
    user = User.objects.get(username=username)
    if requires_second_factor(user):
        confirmed_device(user)  # the code page at once, not the enrolment page
    page = browser.new_context(**layout).new_page()
    # A loaded CI machine may take longer than Playwright's 30 s to sign in.
    page.set_default_timeout(90_000)
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    pass_second_factor_in_browser(page, user)
    page.goto(f"{live_server.url}/quan-ly/")
    return page


def shoot(browser, live_server, username, name):
    """The start page at a phone's width."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = signed_in(browser, live_server, username, PHONE)
    page.wait_for_selector(".bell-count")
    screenshot(page, SHOTS / f"{name}-390.png", full_page=True)
    leave(page)


def bell(page) -> int:
    page.wait_for_selector(".bell-count")
    return int(page.locator("a.bell .bell-count").inner_text())


def enter_scores(page):
    for cell in page.locator("input[inputmode=decimal]").all():
        cell.fill("8")
    page.click("text=Lưu điểm")
    page.wait_for_load_state()
    page.click("text=Nộp bảng điểm")


def sign(page):
    page.check("form[action$='/ky/'] input[name=confirm]")  # the confirm box
    page.click("form[action$='/ky/'] button[type=submit]")


def check_nominations(page):
    page.click("text=Xét điều kiện các hồ sơ mới")


def approve_plan(page):
    """The board approves the demo's second 2027 supplement by its Công văn."""
    form = page.locator("form[action$='/tham-dinh/phe-duyet/']")
    form.locator("input[name=approval_number]").fill("105-CV/BTCTU")
    form.locator("input[name=confirm]").check()
    form.locator("button[type=submit]").click()


# role → (the item's key prefix, what doing it takes on the page it links to)
WALKS = {
    # The administrator holds every permission: the office's nominations too.
    "quantri": ("enrolment.check:", check_nominations),
    "bgh": ("documents.sign:", sign),
    "daotao": ("enrolment.check:", check_nominations),
    "giangvien": ("assessment.sheet:", enter_scores),
    "chunhiem": (
        "learning.leave:",
        lambda page: page.click("form:has(input[name=note]) button[value='1']"),
    ),
    # Reading the results is the work: the item goes once opened.
    "coquan": ("outcomes.results:", lambda page: None),
    "bientap": ("portal.draft:", lambda page: page.click("text=Đăng / hẹn giờ đăng")),
    # The second 2027 supplement waits for the province's board (demo/drafts.py).
    "bantochuc": ("planning.review:", approve_plan),
}


@pytest.mark.parametrize("username", list(WALKS))
def test_the_start_page_lists_the_work_and_it_goes_when_done(
    browser, live_server, flushable, demo_clone, username
):
    prefix, do = WALKS[username]
    # The phone first, closed before the desktop signs in (one sign-in at a time).
    shoot(browser, live_server, username, username)
    page = signed_in(browser, live_server, username, DESKTOP)
    item = page.locator(f"section.todo li[data-todo^='{prefix}']")
    assert item.count() == 1
    before = bell(page)
    assert before == page.locator("section.todo li").count()
    SHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, SHOTS / f"{username}-1366.png", full_page=True)
    item.locator("a").click()
    page.wait_for_load_state()
    page.on("dialog", lambda dialog: dialog.accept())  # a confirmation, if any
    do(page)
    page.wait_for_load_state()
    screenshot(page, SHOTS / f"{username}-done-1366.png", full_page=True)
    page.goto(f"{live_server.url}/quan-ly/")
    assert page.locator(f"li[data-todo^='{prefix}']").count() == 0
    assert bell(page) == before - 1
    leave(page)


# The roles the demo gives no waiting work: the start page says so and the count is 0.
IDLE = ("truongkhoa", "hocvien", "nckh", "giamsat")


def test_the_start_page_says_when_nothing_is_waiting(
    browser, live_server, flushable, demo_clone
):
    for username in IDLE:
        page = signed_in(browser, live_server, username, DESKTOP)
        assert page.locator("section.todo li").count() == 0
        assert page.locator("[data-todo-empty]").inner_text() == (
            "Không có việc nào đang chờ bạn."
        )
        assert bell(page) == 0
        screenshot(page, SHOTS / f"{username}-1366.png", full_page=True)
        leave(page)
