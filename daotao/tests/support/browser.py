"""Browser walks (marker `browser`): Debian's Chromium driven by Playwright. The
`browser` fixture is in daotao/conftest.py; these are the steps every walk shares."""

import os
import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

from daotao.accounts.tests.factories import PASSWORD  # make_user's too
from daotao.accounts.tests.second_factor import pass_second_factor_in_browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@contextmanager
def launched_chromium() -> Iterator[Any]:
    # The ORM is used between browser steps while Playwright's loop is running.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM)
            yield launched
            launched.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


def screenshot(page: Any, path: Path, *, full_page: bool = True) -> None:
    """A picture of the page for people to look at (artifacts/), not a check. Chromium
    under load sometimes answers "Unable to capture screenshot" for a long page: the
    picture is taken again of the viewport, and if that fails too a warning says so
    instead of failing the walk it illustrates."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(path), full_page=full_page)
    except PlaywrightError as first:
        try:
            page.screenshot(path=str(path))
        except PlaywrightError:
            warnings.warn(f"no screenshot {path.name}: {first.message}", stacklevel=2)


def sign_in(browser, live_server, user):
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("form:has(#id_username) button[type=submit]")
    page.wait_for_url(lambda url: "/dang-nhap/" not in url)
    pass_second_factor_in_browser(page, user)
    return page


def leave(page):
    """Let the page finish (the document preview loads its PDF), then close it, so
    no request outlives the test's database."""
    page.wait_for_load_state("networkidle")
    page.context.close()
