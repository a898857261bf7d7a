"""The accessibility walk (issue 22, quality.md A1): axe-core on every page a role
can open, in one browser context per role.

The pages are the URL walker's routes (`daotao/tests/urlwalk.py`) that the role may
GET, by the permission table. Routes without parameters are opened first; every
link on a walked page is resolved back to its route, and the first real id (slug,
token) met for a path prefix (`chuong-trinh/phien-ban/<int:pk>`) opens every route
under that prefix — so a role reaches the records it can see, as a person clicking
through the demo would. Files (workbooks, PDF, DOCX, images, feeds) are not pages and
are left out by their route or, failing that, by the answer's content type.

axe-core comes from node_modules (package.json, `make js`) and is evaluated in each
page once, after it has loaded; only violations are collected.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse

from daotao.core.access import PERMISSIONS, Role, declared_access_of
from daotao.tests.urlwalk import Route, walk

AXE = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")

# Routes that are not pages a person reads: their answer is a file, a redirect or
# an effect. The walk also skips any other answer that is not HTML.
NOT_PAGES = {
    "accounts:logout",  # signs the walking user out
    "set-language",  # a redirect setting a cookie
    "health",  # JSON for the load balancer
    "portal:feed",
    "portal:sitemap",
    "portal:media",
    "credentials:credential-transcript",  # a PDF
    "credentials:cohort-transcripts",  # a PDF
    "reports:todo-count",  # the header's count, a fragment inside every page
    "reports:todo-open",  # a redirect to the item's page
}
FILE_ROUTE = re.compile(
    r"(\.(xlsx|pdf|docx|ics|xml|png|svg)$)|(xuat-excel|tai-docx/$|xem-pdf/$"
    r"|ban-quet/$|/pdf/$|in-pdf/$|/tep/$|tai-ve/$|/ma-qr/$)"
)
# Pages that need a secret the demo never links: a reset e-mail's token, the QR
# codes of a session's check-in and of a diploma.
NEEDS_A_SECRET = {"accounts:password-reset-confirm", "learning:check-in"}
NEEDS_A_SECRET |= {"credential-verify"}
# Pages no link leads to: the record of another route's page names theirs.
SAME_RECORD = {"learning:feedback-lecturer": "faculty:lecturer-detail"}


def _first_document_template() -> dict[str, Any]:
    from daotao.documents.models import DocumentTemplate

    return {"template_id": DocumentTemplate.objects.order_by("pk")[0].pk}


def _a_published_session() -> dict[str, Any]:
    from daotao.teaching.models import TeachingSession

    return {"pk": TeachingSession.objects.published().order_by("date", "pk")[0].pk}


def _a_draft_document() -> dict[str, Any]:
    from daotao.documents.models import OutgoingDocument

    draft = OutgoingDocument.objects.filter(status=OutgoingDocument.Status.DRAFT)
    return {"pk": draft.order_by("pk")[0].pk}


# Records of a kind tried for a page before it counts as unreached: a record met
# through another page may lack this one (404: a cohort without a decision) or be
# out of the role's reach for it (403: another faculty's score sheet to import).
TRIES = 5
REFUSED = (403, 404)


# Pages reached only by sending a form (the chosen template's drafting page), from
# a timetable's week the walk does not open (moving a session), or from one record
# among many the order of the register decides (only a draft can be edited; the
# first records tried were all issued on SQLite and not on PostgreSQL).
AFTER_A_FORM = {
    "documents:document-create": _first_document_template,
    "documents:document-update": _a_draft_document,
    "teaching:session-move": _a_published_session,
}
# Pages the demo gives no way to: a secret link, a kind of record it lacks (no
# conference is open for registration). The draft programme version and the draft
# supplementary plan (demo/drafts.py) show the structure's and a class's edit pages.
NOT_IN_THE_DEMO = NEEDS_A_SECRET | {"research:public-register"}
# Every cohort tried answers 404 for its summons decision.
NOT_IN_THE_DEMO |= {"enrolment:cohort-decision"}

# Routes whose opening costs seconds (the demo's 400 badges are built by the worker
# before its job page shows): opened by the first role that may, not by the rest.
OPENED_ONCE = {"research:badges"}

AXE_RUN = """async (tags) => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']});
  return {rules: r.passes.length + r.violations.length + r.incomplete.length,
          violations: r.violations.map(v => ({id: v.id, impact: v.impact,
            help: v.help, count: v.nodes.length,
            nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))};
}"""
LINKS = """() => [...document.querySelectorAll('a[href]')].map(a => a.href)"""


def is_page_route(route: Route) -> bool:
    if route.namespace == "admin" or route.qualified_name in NOT_PAGES:
        return False
    # The open API answers JSON to an application's token, not pages to a person;
    # only its docs page is read by people.
    if route.namespace == "api" and route.qualified_name != "api:docs":
        return False
    if route.name.endswith(("-export", "-template", "-download", "-retry")):
        return False
    access = declared_access_of(route.callback)
    if access.methods is not None and "GET" not in access.methods:
        return False
    return not FILE_ROUTE.search(route.route)


def page_routes() -> list[Route]:
    return [route for route in walk() if is_page_route(route)]


def routes_for(role: Role | None) -> list[Route]:
    """The page routes `role` may open (None: the public visitor's)."""
    chosen = []
    for route in page_routes():
        access = declared_access_of(route.callback)
        if role is None:
            allowed = access.kind == "public"
        elif access.kind == "public":
            allowed = False  # walked once, as the visitor
        elif access.kind in ("login", "own_account"):
            allowed = True
        else:
            allowed = role in PERMISSIONS[access.permission]
        if allowed:
            chosen.append(route)
    return chosen


def prefix_of(route: str) -> str:
    """The route up to its first parameter: the routes sharing it name one record."""
    match = re.search(r"<[^>]+>", route)
    return route[: match.end()] if match else ""


@dataclass
class PageResult:
    route: str
    path: str
    status: int
    seconds: float
    violations: list[dict] = field(default_factory=list)
    note: str = ""
    axe_seconds: float = 0.0


@dataclass
class RoleWalk:
    role: str
    width: int = 0
    pages: list[PageResult] = field(default_factory=list)
    unreached: dict[str, str] = field(default_factory=dict)  # route → why

    def counts(self) -> dict[str, int]:
        totals = dict.fromkeys(IMPACTS, 0)
        for page in self.pages:
            for violation in page.violations:
                totals[violation["impact"]] += violation["count"]
        return totals

    def blocking(self) -> list[dict]:
        return [
            {"role": self.role, "path": page.path, **violation}
            for page in self.pages
            for violation in page.violations
            if violation["impact"] in BLOCKING
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "width": self.width,
            "pages_walked": sum(1 for p in self.pages if not p.note),
            "counts": self.counts(),
            "pages": [p.__dict__ for p in self.pages],
            "unreached": self.unreached,
        }


def _route_of(url: str, host: str) -> tuple[str, dict[str, Any]] | None:
    parts = urlsplit(url)
    if parts.netloc != host:
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.view_name, match.kwargs


def prepare(context: Any) -> None:
    """Give every document of the browser context axe-core as it starts: compiled
    once by Chromium rather than evaluated again on each page."""
    assert AXE.exists(), f"{AXE} is missing: run `make js` (npm ci) first."
    context.add_init_script(path=str(AXE))


class _Ids:
    """Real URL parameters met in links: per route, then per path prefix."""

    def __init__(self, routes: list[Route], host: str):
        self.by_name = {r.qualified_name: r for r in routes}
        self.host = host
        self.exact: dict[str, dict[str, Any]] = {}
        self.prefixed: dict[str, list[dict[str, Any]]] = {}

    def learn(self, links: Iterable[str]) -> None:
        for link in links:
            resolved = _route_of(link, self.host)
            if resolved is None or not resolved[1]:
                continue
            name, kwargs = resolved
            route = self.by_name.get(name)
            if route is None:
                continue
            self.exact.setdefault(name, kwargs)
            known = self.prefixed.setdefault(prefix_of(route.route), [])
            if kwargs not in known:
                known.append(kwargs)

    def of(self, route: Route) -> dict[str, Any] | None:
        candidates = self.candidates(route)
        return candidates[0] if candidates else None

    def candidates(self, route: Route) -> list[dict[str, Any]]:
        """The ids to open `route` with, best first: none for a route without
        parameters; the one its own link carried; else those met for its prefix
        (the walk tries the next when one answers 403 or 404)."""
        name = route.qualified_name
        if not prefix_of(route.route):
            return [{}]
        if name in AFTER_A_FORM:
            return [AFTER_A_FORM[name]()]
        if name in self.exact:
            return [self.exact[name]]
        if name in SAME_RECORD:
            same = self.exact.get(SAME_RECORD[name])
            return [same] if same else []
        return self.prefixed.get(prefix_of(route.route), [])[:TRIES]


def walk_role(
    page: Any,
    base_url: str,
    role: Role | None,
    label: str,
    explore: int = 30,
    opened: set[str] | None = None,
) -> RoleWalk:
    """Open every page `role` may open in `page` (signed in already; its context
    `prepare`d), axe each. When routes are left without an id, up to `explore`
    further records of the walked kinds are opened (not checked) for their links.
    `opened`, shared by the roles of one walk, keeps the OPENED_ONCE routes that
    an earlier role opened: those are not opened again."""
    opened = set() if opened is None else opened
    routes = [r for r in routes_for(role) if r.qualified_name not in opened]
    ids = _Ids(routes, urlsplit(base_url).netloc)
    walked_paths: set[str] = set()
    result = RoleWalk(role=label)
    waiting = list(routes)
    while True:
        ready = [r for r in waiting if ids.of(r) is not None]
        if not ready and waiting and explore > 0:
            extra = _another_record(result, ids, waiting, walked_paths)
            if extra is not None:
                explore -= 1
                _open(page, base_url, extra[0], extra[1], walked_paths, ids.learn)
                continue
        if not ready:
            break
        for route in ready:
            waiting.remove(route)
            for kwargs in ids.candidates(route):
                path = reverse(route.qualified_name, kwargs=kwargs)
                outcome = _open(page, base_url, route, path, walked_paths, ids.learn)
                if outcome.status not in REFUSED:
                    break
            if outcome.status in REFUSED:
                result.unreached[route.qualified_name] = (
                    f"{outcome.status} for the records tried"
                )
                continue
            if not outcome.note:
                _axe(page, outcome)
            result.pages.append(outcome)
            if route.qualified_name in OPENED_ONCE:
                opened.add(route.qualified_name)
    for route in waiting:
        result.unreached[route.qualified_name] = (
            "needs a secret link"
            if route.qualified_name in NEEDS_A_SECRET
            else "no link to it on the pages walked"
        )
    return result


def _another_record(
    result: RoleWalk, ids: _Ids, waiting: list[Route], walked_paths: set[str]
) -> tuple[Route, str] | None:
    """A record not opened yet, of a walked kind of the same app as a route still
    waiting (`danh-gia/lop/…` for `danh-gia/bang-diem/<pk>/`) or else the same part
    of the site, explored least so far: (route, path)."""
    apps = {route.namespace for route in waiting}
    sections = {route.route.split("/")[0] for route in waiting}
    choices, seen = [], set()
    for outcome in result.pages:
        route = ids.by_name[outcome.route]
        prefix = prefix_of(route.route)
        if not prefix or prefix in seen:
            continue
        if route.namespace in apps:
            nearness = 0
        elif prefix.split("/")[0] in sections:
            nearness = 1
        else:
            continue
        seen.add(prefix)
        paths = [
            reverse(route.qualified_name, kwargs=kwargs)
            for kwargs in ids.prefixed.get(prefix, [])
        ]
        fresh = [path for path in paths if path not in walked_paths]
        if fresh:
            opened = len(paths) - len(fresh)
            choices.append((nearness, opened, route, fresh[0]))
    if not choices:
        return None
    *_rank, route, path = min(choices, key=lambda choice: choice[:2])
    return route, path


def _open(page, base_url, route, path, walked_paths, learn) -> PageResult:
    start = time.monotonic()
    walked_paths.add(path)
    try:
        response = page.goto(f"{base_url}{path}")
    except Exception as error:  # a download starting instead of a page
        return PageResult(route.qualified_name, path, 0, 0.0, note=str(error)[:80])
    status = response.status if response else 0
    final = urlsplit(page.url).path
    outcome = PageResult(route.qualified_name, path, status, 0.0)
    kind = (response.headers.get("content-type", "") if response else "").lower()
    if "text/html" not in kind:
        outcome.note = f"not a page ({kind or 'no answer'})"
    elif final != path and final in walked_paths:
        outcome.note = f"redirected to {final}, walked already"
    else:
        if final != path:
            outcome.note = ""
            outcome.path = f"{path} → {final}"
        walked_paths.add(final)
        learn(page.evaluate(LINKS))
    outcome.seconds = round(time.monotonic() - start, 2)
    return outcome


def _axe(page, outcome: PageResult) -> None:
    start = time.monotonic()
    found = page.evaluate(AXE_RUN, AXE_TAGS)
    assert found["rules"] > 0, outcome.path  # axe really ran its rules
    outcome.violations = found["violations"]
    outcome.axe_seconds = round(time.monotonic() - start, 2)


def write_report(walks: list[RoleWalk], path: Path, seconds: float) -> str:
    """The walk as JSON at `path` (pages per role, every violation); a summary."""
    path.parent.mkdir(parents=True, exist_ok=True)
    totals = dict.fromkeys(IMPACTS, 0)
    lines = []
    for one in walks:
        counts = one.counts()
        for impact in IMPACTS:
            totals[impact] += counts[impact]
        done = [p for p in one.pages if not p.note]
        lines.append(
            f"{one.role:<11} {one.width:>4} px {len(done):>4} pages "
            + " ".join(f"{impact} {counts[impact]}" for impact in IMPACTS)
        )
    pages = sum(1 for w in walks for p in w.pages if not p.note)
    lines.append(
        f"axe walk: {pages} pages in {seconds:.0f} s; nodes: "
        + ", ".join(f"{impact} {totals[impact]}" for impact in IMPACTS)
    )
    summary = "\n".join(lines)
    report = {
        "tags": AXE_TAGS,
        "seconds": round(seconds),
        "pages": pages,
        "counts": totals,
        "roles": [one.as_dict() for one in walks],
    }
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), "utf-8")
    return summary
