"""Issue 22, WCAG 2.2 AA, in a real browser (Debian's Chromium driven by Playwright).

- The main menu by keyboard at 1366 px, at 390 px and at 200 % zoom: the toggle is a
  real button, Escape closes and gives focus back, focus leaving the menu closes it,
  and an open menu never covers the focused filter on /can-bo/.
- The person form's errors: focus on the error summary, every aria-describedby names
  an element that exists, and a summary link moves focus to its field.
- On the seeded demo: the score grid's cell errors (aria-invalid, description, focus,
  error style), the attendance grid by keyboard, and axe-core (wcag2a/2aa/21a/21aa/22aa)
  on a start page, a list, a form and a detail page of every demo role and of the
  public site, failing on any critical or serious violation.

axe-core comes from the npm registry through package.json (`make js` runs `npm ci`);
it is read from node_modules and evaluated in the page, so nothing is fetched at test
time and the pages keep their CSP. Screenshots go to $ARTIFACTS_DIR/a11y.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from playwright.sync_api import expect

from daotao.accounts.models import User
from daotao.accounts.tests.factories import PASSWORD  # make_user's
from daotao.accounts.tests.second_factor import pass_second_factor_in_browser
from daotao.assessment.models import Score, ScoreAmendment, ScoreSheet
from daotao.assessment.services import amendment_gate
from daotao.core.access import Role
from daotao.demo.data import PASSWORD as DEMO_PASSWORD
from daotao.demo.graduation import OPEN_MODULE, WALK_COHORT
from daotao.teaching.models import TeachingSession
from daotao.tests.support.browser import leave

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "a11y"
AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Widths: a desktop, a phone, and a 1366 px screen at 200 % zoom (683 CSS px).
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3}
ZOOM_200 = {"viewport": {"width": 683, "height": 450}, "device_scale_factor": 2}


def shoot(page, name: str, *, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def open_page(browser, live_server, username: str, password: str, **context):
    page = browser.new_context(**(context or DESKTOP)).new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    # The roles that sign, approve or administer type their second factor.
    pass_second_factor_in_browser(page, User.objects.get(username=username))
    return page


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement; return {tag: e.tagName,
        id: e.id, cls: e.className, text: (e.textContent || '').trim().slice(0, 60),
        inNav: !!e.closest('#mainnav')}; }"""
    )


def tab_until(page, predicate, limit: int = 60) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = focused(page)
        if predicate(now):
            return now
    raise AssertionError(f"Tab never reached the element; last: {now}")


def not_covered(page, selector: str) -> bool:
    """The focused element is the topmost one at its own centre (nothing covers it)."""
    return page.evaluate(
        """(sel) => { const e = document.querySelector(sel);
        const r = e.getBoundingClientRect();
        const top = document.elementFromPoint(
          r.left + r.width / 2, r.top + r.height / 2);
        return top === e || e.contains(top); }""",
        selector,
    )


def axe(page) -> list[dict]:
    assert AXE.exists(), f"{AXE} is missing: run `make js` (npm ci) first."
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => { const r = await axe.run(document,
        {runOnly: {type: 'tag', values: tags}});
        return {passes: r.passes.length, violations: r.violations.map(v => ({
          id: v.id, impact: v.impact,
          nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))}; }""",
        AXE_TAGS,
    )
    assert result["passes"] > 0  # axe really ran its rules on the page
    return result["violations"]


# --- The seeded demo: the grids and the axe walk ---------------------------------
# First in the module: the run's demo template is built from a database no
# transactional test has flushed yet (the flush empties the reference lists).


@pytest.fixture
def flushable(transactional_db):
    """The demo's locked sheets are deleted through the amendment gate, so the flush
    ending this transactional test is not refused by the trigger."""
    yield
    with transaction.atomic(), amendment_gate():
        ScoreAmendment.objects.all().delete()
        Score.objects.all().delete()
        ScoreSheet.objects.all().delete()


def first_link(path: str, selector: str) -> tuple[str, str]:
    return (path, selector)


# A focused set per role: the start page, one list, one form and one detail page
# (its real id followed from a list, as a user would). None is the public visitor.
WALK = {
    None: [
        "/",
        "/tin-tuc/",
        first_link("/", ".site-nav a[href^='/chuyen-muc/']"),
        first_link("/tin-tuc/", "main .item h3 a"),
        "/dang-nhap/",
        "/hoi-thao/",
    ],
    "quantri": [
        "/quan-ly/",
        "/phan-quyen/",
        "/to-chuc/khoa-phong/them/",
        first_link("/can-bo/", "main table tbody a"),
    ],
    "bgh": [
        "/quan-ly/",
        "/ke-hoach/",
        "/van-ban/",
        first_link("/ke-hoach/", "main table tbody a"),
    ],
    "daotao": [
        "/quan-ly/",
        "/tuyen-sinh/",
        "/to-chuc/phong-hoc/them/",
        first_link("/giang-day/dot-xep-lich/", "main table tbody a"),
    ],
    "truongkhoa": [
        "/quan-ly/",
        "/giang-vien/",
        "/giang-day/lich-cua-toi/",
        first_link("/giang-vien/", "main table tbody a"),
    ],
    "giangvien": [
        "/quan-ly/",
        "/giang-day/gio-chuan/cua-toi/",
        "/giang-day/lich-cua-toi/",
        first_link("/danh-gia/", "main table tbody a"),
    ],
    "chunhiem": [
        "/quan-ly/",
        "/hoc-vien/buoi-hoc/",
        first_link("/danh-gia/", "main table tbody a"),
    ],
    "hocvien": ["/quan-ly/", "/hoc-vien/", "/danh-gia/diem-cua-toi/"],
    "coquan": [
        "/quan-ly/",
        "/can-bo/",
        "/can-bo/them/",
        first_link("/can-bo/", "main table tbody a"),
    ],
    "nckh": [
        "/quan-ly/",
        "/nghien-cuu/de-tai/",
        "/nghien-cuu/de-tai/them/",
        first_link("/nghien-cuu/hoi-thao/", "main table tbody a"),
    ],
    "bientap": [
        "/quan-ly/",
        "/bien-tap/",
        "/bien-tap/them/",
        first_link("/bien-tap/", "main table tbody a"),
    ],
    "giamsat": [
        "/quan-ly/",
        "/to-chuc/co-quan/",
        first_link("/van-bang/", "main table tbody a"),
    ],
}


def walk_role(browser, live_server, username, pages, report):
    if username:
        page = open_page(browser, live_server, username, DEMO_PASSWORD, **PHONE)
    else:
        page = browser.new_context(**PHONE).new_page()
    for item in pages:
        if isinstance(item, tuple):
            page.goto(f"{live_server.url}{item[0]}")
            path = page.locator(item[1]).first.get_attribute("href")
        else:
            path = item
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, (username, path, response.status)
        for violation in axe(page):
            report.append({"role": username or "khách", "path": path, **violation})
    page.context.close()


@pytest.mark.slow  # the seeded demo (cloned from the run's template)
def test_the_demo_school_for_every_role(browser, live_server, flushable, demo_clone):

    # 1. The score grid's errors: tied to their cells, focus on the summary, red.
    sheet = ScoreSheet.objects.get(
        exam__cohort__code=WALK_COHORT,
        exam__module__code=OPEN_MODULE,
        status=ScoreSheet.Status.OPEN,
    )
    report: list[dict] = []  # axe's findings, every page of the test
    page = open_page(browser, live_server, "daotao", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/danh-gia/bang-diem/{sheet.pk}/")
    cells = page.locator("main table.grid input[inputmode=decimal]")
    cells.nth(0).fill("11")
    cells.nth(4).fill("abc")
    page.click("button:has-text('Lưu điểm')")
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary.locator("li")).to_have_count(2)
    # In the error colour (--err), not the success green.
    colour = page.evaluate(
        "() => getComputedStyle(document.querySelector('.error-summary')).color"
    )
    assert colour == "rgb(179, 38, 30)"
    invalid = page.locator("main table.grid [aria-invalid=true]")
    expect(invalid).to_have_count(2)
    for index in range(2):
        cell = invalid.nth(index)
        error = page.locator(f"#{cell.get_attribute('aria-describedby')}")
        expect(error).to_have_class("error")
        assert error.inner_text().strip()
    # The summary's first link takes focus to the cell.
    summary.locator("a").first.click()
    expect(cells.nth(0)).to_be_focused()
    shoot(page, "score-grid-errors", full_page=False)
    # Every button of the grid is at least 24 px tall (2.5.8).
    heights = page.evaluate(
        "() => [...document.querySelectorAll('main button')]"
        ".map(b => b.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 24
    # Refused as a whole: nothing of the grid was saved.
    assert not sheet.scores.exclude(attendance=None, test=None).exists()
    report += [{"role": "daotao", "path": page.url, **v} for v in axe(page)]
    leave(page)

    # 2. The attendance grid by keyboard: Tab reaches a learner's radios, arrows choose.
    session = (
        TeachingSession.objects.filter(attendances__isnull=False).distinct().first()
    )
    page = open_page(browser, live_server, "daotao", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/hoc-vien/buoi-hoc/{session.pk}/diem-danh/")
    assert session.date.strftime("%d/%m/%Y") in page.title()
    tab_until(page, lambda f: f["tag"] == "INPUT" and not f["inNav"])
    radio = "() => [document.activeElement.type, document.activeElement.name,"
    radio += " document.activeElement.value, document.activeElement.checked]"
    kind, name, before, _checked = page.evaluate(radio)
    assert kind == "radio"
    page.keyboard.press("ArrowRight")
    # The arrow chose the same learner's next status.
    _kind, after_name, after, checked = page.evaluate(radio)
    assert (after_name, checked) == (name, True)
    assert after != before
    report += [{"role": "daotao", "path": page.url, **v} for v in axe(page)]
    leave(page)

    # 3. axe on every role's pages at a phone width.
    for username, pages in WALK.items():
        walk_role(browser, live_server, username, pages, report)
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "axe.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    blocking = [v for v in report if v["impact"] in ("critical", "serious")]
    assert blocking == []


# --- The main menu -----------------------------------------------------------------


@pytest.mark.parametrize(
    "layout", [DESKTOP, PHONE, ZOOM_200], ids=["1366px", "390px", "zoom200"]
)
def test_the_main_menu_by_keyboard(browser, live_server, make_user, layout):
    user = make_user(Role.TRAINING_OFFICE)
    page = open_page(browser, live_server, user.username, PASSWORD, **layout)
    page.goto(f"{live_server.url}/can-bo/")
    narrow = layout is not DESKTOP
    toggle = page.locator("button.nav-toggle")
    nav = page.locator("#mainnav")

    # The first stop is the skip link, which moves focus to the content.
    page.keyboard.press("Tab")
    assert focused(page)["cls"] == "skip"
    expect(page.locator("a.skip")).to_be_visible()

    if narrow:
        expect(nav).to_be_hidden()
        assert tab_until(page, lambda f: "nav-toggle" in f["cls"])
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(toggle).to_have_attribute("aria-controls", "mainnav")
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(nav).to_be_visible()
    else:
        expect(toggle).to_be_hidden()
        expect(nav).to_be_visible()

    # Into the menu, open a group by keyboard, to its first item.
    tab_until(page, lambda f: f["tag"] == "SUMMARY")
    page.keyboard.press("Enter")
    group = page.locator("details.navgroup[open]")
    expect(group).to_have_count(1)
    page.keyboard.press("Tab")
    assert focused(page)["tag"] == "A" and focused(page)["inNav"]
    expect(
        page.locator("details.navgroup[open] .navgroup-items a").first
    ).to_be_focused()
    if layout is PHONE:
        shoot(page, "menu-390px-opened-by-keyboard")

    # Escape closes the group and gives focus back to its summary, not to <body>.
    page.keyboard.press("Escape")
    expect(group).to_have_count(0)
    assert focused(page)["tag"] == "SUMMARY"
    if narrow:
        # A second Escape closes the menu and returns focus to its toggle.
        page.keyboard.press("Escape")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(nav).to_be_hidden()
        expect(toggle).to_be_focused()
        page.keyboard.press("Enter")
        expect(nav).to_be_visible()

    # Focus leaving the menu closes it (and any open group), so it never covers the
    # control that has focus: with a group open again, Tab on to the search filter.
    tab_until(page, lambda f: f["tag"] == "SUMMARY")
    page.keyboard.press("Enter")
    expect(page.locator("details.navgroup[open]")).to_have_count(1)
    tab_until(page, lambda f: f["id"] == "id_q")
    expect(page.locator("details.navgroup[open]")).to_have_count(0)
    if narrow:
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(nav).to_be_hidden()
    assert not_covered(page, "#id_q")
    # The app's own focus ring is drawn on the filter.
    outline = page.evaluate(
        "() => getComputedStyle(document.activeElement).outlineStyle"
    )
    assert outline == "solid"
    # No horizontal scrolling of the page at this width.
    assert page.evaluate(
        "() => document.documentElement.scrollWidth"
        " <= document.documentElement.clientWidth"
    )
    page.context.close()


# --- Form errors -------------------------------------------------------------------


def test_the_person_forms_errors_are_tied_to_their_fields(
    browser,
    live_server,
    make_user,
):
    user = make_user(Role.TRAINING_OFFICE)
    page = open_page(browser, live_server, user.username, PASSWORD)
    page.goto(f"{live_server.url}/can-bo/them/")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    # Focus is on the error summary, not on <body>.
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    # Every aria-describedby names elements that exist; each invalid field is
    # described by its error text.
    broken = page.evaluate(
        """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(e =>
        e.getAttribute('aria-describedby').split(/\\s+/)
        .filter(id => !document.getElementById(id)).map(id => e.id + ' → ' + id))"""
    )
    assert broken == []
    invalid = page.locator("main [aria-invalid=true]")
    assert invalid.count() >= 2
    for index in range(invalid.count()):
        field = invalid.nth(index)
        described = field.get_attribute("aria-describedby") or ""
        error_id = f"{field.get_attribute('id')}_error"
        assert error_id in described.split()
        expect(page.locator(f"#{error_id} p.error")).not_to_have_count(0)
    # A link of the summary moves focus to its field.
    link = summary.locator("a").first
    target = link.get_attribute("href").lstrip("#")
    link.click()
    expect(page.locator(f"#{target}")).to_be_focused()
    page.context.close()
