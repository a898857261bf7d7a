"""Issue 22, WCAG 2.2 AA, in a real browser (Debian's Chromium driven by Playwright).

- A1, on the seeded demo: axe-core (wcag2a/2aa/21a/21aa/22aa) on every page each
  demo role can open and on the public site (daotao/tests/support/a11y_walk.py),
  failing on any critical or serious violation; the report of pages walked per role
  and the moderate/minor counts left goes to $ARTIFACTS_DIR/a11y-report.json.
- A2/A3 at 1366 px, 390 px and 200 % zoom (a 683 px wide viewport at device scale
  factor 2): the main menu by keyboard (a real button; Escape closes and gives focus
  back; focus leaving the menu closes it; an open menu never covers the focused
  filter), the score grid's errors (focus on the summary, cells with aria-invalid
  and a description, the error style), the attendance grid operated by keyboard,
  and the app's own focus ring on every control Tab reaches on the grids.
- The person form's errors: focus on the error summary, every aria-describedby names
  an element that exists, and a summary link moves focus to its field.

axe-core comes from the npm registry through package.json (`make js` runs `npm ci`);
it is read from node_modules and given to each page as it starts, so nothing is
fetched at test time and the pages keep their CSP. Screenshots go to
$ARTIFACTS_DIR/a11y.
"""

import os
import time
from pathlib import Path

import pytest
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
from daotao.demo.users import DEMO_USERS
from daotao.teaching.models import TeachingSession
from daotao.tests.support import a11y_walk
from daotao.tests.support.browser import leave, screenshot

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.browser,
]

ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts"))
SHOTS = ARTIFACTS / "a11y"
REPORT = ARTIFACTS / "a11y-report.json"

# Widths: a desktop, a phone, and a 1366 px screen at 200 % zoom (683 CSS px).
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3}
ZOOM_200 = {"viewport": {"width": 683, "height": 450}, "device_scale_factor": 2}


def shoot(page, name: str, *, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    screenshot(page, SHOTS / f"{name}.png", full_page=full_page)


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
        inNav: !!e.closest('#mainnav'), inMain: !!e.closest('main')}; }"""
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


def pass_by_keyboard(page) -> list[str]:
    """Tab through the whole page: every control that takes focus shows the app's
    own ring (3 px solid, --focus or its twin on the brand red) and is on screen,
    not covered at its centre. The controls that miss either, named."""
    missing, seen = [], set()
    for _ in range(400):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        if state is None or state["key"] in seen:
            break
        seen.add(state["key"])
        if not (state["ring"] and state["seen"]):
            missing.append(state)
        if state["last"]:
            break
    return missing


# The focused element's ring as drawn, and whether it is on screen and on top at
# its centre (the page scrolled to it, nothing sticky over it).
FOCUS_STATE = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const ring = s.outlineStyle === 'solid' && parseFloat(s.outlineWidth) >= 3 &&
    ['rgb(11, 87, 208)', 'rgb(255, 209, 102)'].includes(s.outlineColor);
  const r = e.getBoundingClientRect();
  const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  const seen = r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight &&
    !!top && (top === e || e.contains(top) || top.contains(e) ||
              !!(e.labels && [...e.labels].some(l => l.contains(top))));
  const all = [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, [tabindex="0"]')]
    .filter(n => !n.disabled && n.getClientRects().length);
  return {key: e.tagName + '#' + (e.id || e.name || e.textContent.trim().slice(0, 30)),
          ring, seen, last: all[all.length - 1] === e};
}"""


LAYOUTS = {"1366px": DESKTOP, "390px": PHONE, "zoom200": ZOOM_200}


@pytest.mark.slow  # the seeded demo (cloned from the run's template)
def test_the_grids_by_keyboard_at_every_width(
    browser, live_server, flushable, demo_clone
):
    """A2/A3 on the grids at 1366 px, 390 px and 200 % zoom (a 683 px wide
    viewport at device scale factor 2)."""
    sheet = ScoreSheet.objects.get(
        exam__cohort__code=WALK_COHORT,
        exam__module__code=OPEN_MODULE,
        status=ScoreSheet.Status.OPEN,
    )
    session = (
        TeachingSession.objects.filter(attendances__isnull=False)
        .order_by("date", "pk")
        .first()
    )
    for name, layout in LAYOUTS.items():
        page = open_page(browser, live_server, "daotao", DEMO_PASSWORD, **layout)

        # 1. The score grid's errors, typed and sent by keyboard: tied to their
        # cells, focus on the summary, in the error style; nothing saved.
        page.goto(f"{live_server.url}/danh-gia/bang-diem/{sheet.pk}/")
        cells = page.locator("main table.grid input[inputmode=decimal]")
        first = tab_until(page, lambda f: f["tag"] == "INPUT" and f["inMain"])
        assert first["id"] == cells.nth(0).get_attribute("id")
        page.keyboard.type("11")
        # On along the row (its absence box too) to the next learner's test score.
        fifth = cells.nth(4).get_attribute("id")
        tab_until(page, lambda f, target=fifth: f["id"] == target, 6)
        page.keyboard.type("abc")
        with page.expect_navigation():
            page.keyboard.press("Enter")  # sends the grid's form
        summary = page.locator(".error-summary")
        expect(summary).to_be_focused()
        expect(summary).to_have_attribute("role", "alert")
        expect(summary.locator("li")).to_have_count(2)
        colour = page.evaluate(
            "() => getComputedStyle(document.querySelector('.error-summary')).color"
        )
        assert colour == "rgb(179, 38, 30)"  # --err, not the success green
        invalid = page.locator("main table.grid [aria-invalid=true]")
        expect(invalid).to_have_count(2)
        for index in range(2):
            cell = invalid.nth(index)
            error = page.locator(f"#{cell.get_attribute('aria-describedby')}")
            expect(error).to_have_class("error")
            assert error.inner_text().strip()
            assert cell.get_attribute("aria-label")
        if name == "390px":
            shoot(page, "score-grid-errors-390px")
        # The summary's first link, followed by keyboard, takes focus to the cell.
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(cells.nth(0)).to_be_focused()
        assert not_covered(page, f"#{cells.nth(0).get_attribute('id')}")
        if name == "1366px":
            shoot(page, "score-grid-errors")
        heights = page.evaluate(
            "() => [...document.querySelectorAll('main button')]"
            ".map(b => b.getBoundingClientRect().height)"
        )
        assert heights and min(heights) >= 24  # 2.5.8
        assert not sheet.scores.exclude(attendance=None, test=None).exists()
        assert pass_by_keyboard(page) == []

        # 2. The attendance grid: Tab reaches a learner's radios, an arrow chooses,
        # Tab on to the button and Enter records it.
        page.goto(f"{live_server.url}/hoc-vien/buoi-hoc/{session.pk}/diem-danh/")
        assert session.date.strftime("%d/%m/%Y") in page.title()
        tab_until(page, lambda f: f["tag"] == "INPUT" and f["inMain"])
        radio = "() => [document.activeElement.type, document.activeElement.name,"
        radio += " document.activeElement.value, document.activeElement.checked]"
        kind, learner, before, _checked = page.evaluate(radio)
        assert kind == "radio"
        assert not_covered(page, "input:focus")
        page.keyboard.press("ArrowRight")
        _kind, same, chosen, checked = page.evaluate(radio)
        assert (same, checked) == (learner, True) and chosen != before
        tab_until(page, lambda f: f["tag"] == "BUTTON" and f["inMain"], 400)
        with page.expect_navigation():
            page.keyboard.press("Enter")
        enrollment = int(learner.removeprefix("hv-"))
        assert session.attendances.get(enrollment_id=enrollment).status == chosen
        assert pass_by_keyboard(page) == []
        leave(page)


@pytest.mark.slow  # the seeded demo (cloned from the run's template)
def test_every_page_of_every_demo_role_passes_axe(
    browser, live_server, flushable, demo_clone
):
    """A1: every page each demo role can open (the URL walker's routes, with the
    demo's real ids) and the public site's; the width alternates between 390 px
    and 1366 px from role to role, so most pages are seen at both."""
    walks, started, opened = [], time.monotonic(), set()
    for index, user in enumerate([None, *DEMO_USERS]):
        layout = {"viewport": (DESKTOP if index % 2 else PHONE)["viewport"]}
        if user is None:
            page = browser.new_context(**layout).new_page()
        else:
            page = open_page(
                browser, live_server, user.username, DEMO_PASSWORD, **layout
            )
        a11y_walk.prepare(page.context)
        walk = a11y_walk.walk_role(
            page,
            live_server.url,
            user.role if user else None,
            user.username if user else "khách",
            opened=opened,
        )
        walk.width = layout["viewport"]["width"]
        walks.append(walk)
        leave(page)
    print(a11y_walk.write_report(walks, REPORT, time.monotonic() - started))

    assert [v for w in walks for v in w.blocking()] == []
    # Every page answered: no server error, no refusal of a page the role may open.
    failed = [
        (w.role, p.path, p.status)
        for w in walks
        for p in w.pages
        if not p.note and p.status != 200
    ]
    assert failed == []
    # Every page route of the URL walker was walked by some role, except those the
    # demo gives no way to (a secret link, a kind of record the demo lacks).
    walked = {p.route for w in walks for p in w.pages if not p.note}
    left = {r.qualified_name for r in a11y_walk.page_routes()} - walked
    assert left == a11y_walk.NOT_IN_THE_DEMO, (
        "Pages no demo role reached: link them from a page the role opens, or say "
        "how to reach them in daotao/tests/support/a11y_walk.py"
    )


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


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_the_person_forms_errors_are_tied_to_their_fields(
    browser, live_server, make_user, layout
):
    user = make_user(Role.TRAINING_OFFICE)
    page = open_page(browser, live_server, user.username, PASSWORD, **layout)
    page.goto(f"{live_server.url}/can-bo/them/")
    # Sent by keyboard: Tab to the form's button, Enter.
    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["inMain"], 200)
    with page.expect_navigation():
        page.keyboard.press("Enter")

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
    assert not_covered(page, f"#{target}")
    # The app's focus ring on every control of the page, each on screen.
    assert pass_by_keyboard(page) == []
    page.context.close()
