"""Issue 18: every page a demo role may open is reachable in at most three clicks
from its start page.

For each demo user the crawler signs in, opens `/quan-ly/` (depth 0) and follows
the links (`<a href>`) of the pages it reaches, breadth first; a link found on a
page at depth 2 is a page at depth 3 and is counted without being opened. Every
GET route of the URL walk (daotao/tests/urlwalk.py) that the user's role may open
under the permission table must be among the routes reached, whatever record its
id names; the few that a form, a redirect or a secret link produce are listed in
NOT_LINKED with the reason. Files (exports, PDFs, templates) are counted when
linked but not downloaded.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from daotao.accounts.models import User
from daotao.core.access import declared_access_of, has_permission
from daotao.demo.users import DEMO_USERS
from daotao.tests.urlwalk import walk

START = "/quan-ly/"
DEPTH = 3
# A route opened this many times (other records, other filters) shows no new links.
FETCHES_PER_ROUTE = 3

# Routes no link leads to, with the reason; everyone.
NOT_LINKED = {
    "accounts:second-factor": "the sign-in's own step, shown right after the password",
    "accounts:password-change-done": "where the password form sends you after saving",
    "learning:check-in": "opened from the QR code shown in class (a secret token)",
    "core:generated-file-detail": "where an export request sends its requester",
    "core:generated-file-download": "linked from the generated file's own page",
    "core:generated-file-retry": "a button (POST) on the generated file's page",
    "documents:document-create": "the template chosen on /van-ban/soan/ (a form)",
    "reports:todo-count": "the header's to-do count, a fragment the page loads itself",
    "reports:todo-open": "a redirect that read-once to-do links pass through",
}

# Pages not within three clicks on the demo, each for a reason of the demo's data
# (issue 18): tolerated, nothing else is. None is a missing link: every route below
# is linked within three clicks wherever the data allows (UNLINKED would name one,
# and the test fails when such a gap is closed, so the list stays true).
#
# The faculty head reads conference papers (research.view_paper) but not the
# conferences (research.view_conference: delegates and their contact details), so
# the research topic list (menu "Đề tài khoa học") lists the conferences whose
# papers they may read, each linking its paper list; from there the paper pages,
# the programme and the documents. The pages of papers keep the link back to the
# conference for those who may open it. No permission was widened.
FIRST_ROWS = "only in rows further down the list than the first three opened"
DATA = "linked only for records in a state the first rows of the demo lack"
UNLINKED = "the role may open it but no page it sees links it"
WEEK = "the attendance list opens on the current week, empty in the demo today"
KNOWN_GAPS: dict[str, tuple[str, set[str]]] = {
    # The exam rows of a class's "Đánh giá" page link the sheet, its candidates
    # and its import; the first classes the crawler opens have no exam yet.
    "assessment:sheet-detail": (
        FIRST_ROWS,
        {"quantri", "bgh", "daotao", "truongkhoa", "chunhiem", "giamsat"},
    ),
    "assessment:sheet-eligibility": (
        FIRST_ROWS,
        {"quantri", "bgh", "daotao", "truongkhoa", "chunhiem", "giamsat"},
    ),
    "assessment:sheet-import": (FIRST_ROWS, {"quantri", "daotao", "truongkhoa"}),
    "credentials:cohort-transcripts": (DATA, {"quantri", "bgh", "daotao", "giamsat"}),
    "documents:document-scan": (
        DATA,
        {"quantri", "bgh", "daotao", "truongkhoa", "nckh", "giamsat"},
    ),
    "enrolment:cohort-decision": (
        DATA,
        {"quantri", "bgh", "daotao", "truongkhoa", "coquan", "giamsat"},
    ),
    # nckh: the demo's signed reward and discipline decisions (issue 19) head the
    # register on SQLite, where drafts (no number) sort last.
    "documents:document-update": (FIRST_ROWS, {"bgh", "nckh"}),
    "learning:attendance-grid": (WEEK, {"truongkhoa", "giangvien", "chunhiem"}),
    "learning:check-in-screen": (WEEK, {"giangvien", "chunhiem"}),
    "research:my-review-file": (
        "no paper in the demo is assigned to a lecturer for review",
        {"truongkhoa", "giangvien"},
    ),
    # The paper list's rows link "Sửa tham luận" while a paper waits for its
    # decision; every paper of the demo's conference (over) is decided.
    "research:paper-update": (DATA, {"quantri", "nckh"}),
    "teaching:run-place": (DATA, {"quantri", "daotao"}),
    # The supervisor's term list holds the terms of the three demo schools; the
    # first terms the crawler opens are Nghệ An's and Hà Tĩnh's, never scheduled.
    "teaching:run-detail": (FIRST_ROWS, {"giamsat"}),
    # A class's week timetable (one click from Tuyển sinh) links "Đổi lịch" on
    # its sessions; it opens on the current week, which may have none.
    "teaching:session-move": (
        "the class timetable opens on the current week, which may have no session",
        {"quantri", "daotao"},
    ),
}

# Files: counted when a page links them, never downloaded by the crawler.
FILE_SUFFIXES = (
    "-export",
    "-template",
    "-docx",
    "-pdf",
    "-scan",
    "-file",
    "-qr",
    "-download",
    "-transcript",
    "-transcripts",
    "-evaluation",
)
FILE_ROUTES = {"research:badges", "research:programme-print"}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def _links(html: str) -> Iterator[str]:
    parser = _Links()
    parser.feed(html)
    for href in parser.hrefs:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        yield parts.path + (f"?{parts.query}" if parts.query else "")


def _route_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def _is_file(name: str) -> bool:
    return name.endswith(FILE_SUFFIXES) or name in FILE_ROUTES


def crawl(client: Client) -> dict[str, int]:
    """Route name → the fewest clicks from the start page that reach it."""
    reached: dict[str, int] = {"reports:dashboard": 0}
    seen = {START}
    opened: Counter[str] = Counter()
    queue: deque[tuple[str, int]] = deque([(START, 0)])
    while queue:
        path, depth = queue.popleft()
        response = client.get(path)
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        for link in _links(response.content.decode()):
            name = _route_name(link)
            if name is None or name.startswith("admin:") or link in seen:
                continue
            seen.add(link)
            reached.setdefault(name, depth + 1)
            worth_opening = not _is_file(name) and opened[name] < FETCHES_PER_ROUTE
            if depth + 1 < DEPTH and worth_opening:
                opened[name] += 1
                queue.append((link, depth + 1))
    return reached


def may_open(user: User) -> set[str]:
    """The GET routes the user's role may open, by the permission table."""
    names = set()
    for route in walk():
        if route.namespace == "admin":
            continue
        access = declared_access_of(route.callback)
        if access.kind == "public" or access.methods is not None:
            continue
        if access.kind == "permission" and not has_permission(user, access.permission):
            continue
        names.add(route.qualified_name)
    return names


@pytest.fixture(scope="module")
def demo(demo_template, django_db_blocker) -> Iterator[str]:
    with django_db_blocker.unblock(), demo_template.cloned() as output:
        yield output


@pytest.mark.django_db
@pytest.mark.parametrize("username", [u.username for u in DEMO_USERS])
def test_every_page_of_the_role_is_within_three_clicks(demo, client, username):
    user = User.objects.get(username=username)
    client.force_login(user)
    reached = crawl(client)
    expected = may_open(user) - set(NOT_LINKED)
    missing = sorted(expected - set(reached))
    known = sorted(
        name for name, (_w, roles) in KNOWN_GAPS.items() if username in roles
    )
    new_misses = sorted(set(missing) - set(known))
    assert new_misses == [], f"{username} cannot reach {new_misses}"
    # The list of gaps stays true: a structural gap closed is taken off it (the
    # others move with the day the demo is seeded and the order of its rows).
    structural = {n for n in known if KNOWN_GAPS[n][0] == UNLINKED}
    closed = sorted(structural - set(missing))
    assert closed == [], f"{username} reaches {closed} now: remove from KNOWN_GAPS"
    assert max(reached[name] for name in expected - set(known)) <= DEPTH
