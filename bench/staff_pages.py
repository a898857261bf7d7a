"""Staff pages at national size (issue 16): p95 of each page on the `seed_scale`
data, a bare one-query view of the same table in the same run, and the page's
query count on the small twin (`--scale 0.01`) and on the large data.

The large data is the database named by BENCH_DATABASE_URL (PostgreSQL:
`seed_scale` is run into it first if it holds no scale data yet, minutes; later
runs reuse it and only read, apart from the logins' sessions); the small twin is
built in a throwaway database beside it. BENCH_SCALE (default 1) sets the large
factor, BENCH_REQUESTS (default 60) the timed requests per page.

Requests go through `django.test.Client` in-process, full middleware stack, DEBUG
off: on two shared cores that measures the application's own cost without a
server's and a client's processes competing for them (gunicorn throughput is the
`ops` bench's). Figures: `<page>_p50_ms`, `<page>_p95_ms`, `<page>_bare_p95_ms`,
`<page>_p95_vs_bare`, `<page>_queries_small`, `<page>_queries_large`, and the
1-minute load average before and after. The page cache is off here: each request
builds its page.
Run alone: `.venv/bin/python bench/staff_pages.py`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SMALL_SCALE = 0.01
WARMUP = 5
PEOPLE_PAGE = 1000
OFFICE, COORDINATOR = "daotao", "coquan"


def _targets() -> dict[str, Any]:
    """The objects each page is opened on, found in the scale data."""
    from daotao.assessment.models import ScoreSheet
    from daotao.demo import scale
    from daotao.demo.users import COORDINATED_AGENCY
    from daotao.enrolment.models import Cohort, Enrollment
    from daotao.people.models import Person
    from daotao.teaching.models import TeachingSession

    ours = Cohort.objects.filter(code__startswith=f"{scale.CODE_PREFIX}-")
    current = (
        ours.filter(starts_on__lt=scale.REFERENCE_DAY)
        .order_by("-starts_on", "code")
        .first()
    )
    finished = ours.filter(status="finished").order_by("-starts_on", "code").first()
    people_pages = -(-Person.objects.count() // 50)
    return {
        "current": current,
        "finished": finished,
        "session": TeachingSession.objects.filter(
            cohort=current, date__lt=scale.REFERENCE_DAY
        )
        .order_by("-date", "half_day")
        .first(),
        "sheet": ScoreSheet.objects.filter(exam__cohort=finished)
        .order_by("exam__module__position", "exam_id")
        .first(),
        # in a finished cohort, with results: the same page at both sizes
        "cadre": Enrollment.objects.filter(
            agency__name=COORDINATED_AGENCY,
            cohort__code__startswith=f"{scale.CODE_PREFIX}-",
            cohort__status="finished",
        )
        .order_by("-cohort__starts_on", "id")
        .first(),
        "people_page": min(PEOPLE_PAGE, people_pages),
        "monday": scale.REFERENCE_DAY,
        "school_year": scale.REFERENCE_DAY.year - 1,
    }


# page -> (user, URL of the page, URL of its bare view), from the targets
PAGES: dict[str, tuple[str, Callable[[dict], str], Callable[[dict], str]]] = {
    "tuyen_sinh": (
        OFFICE,
        lambda t: "/tuyen-sinh/",
        lambda t: "/bench/bare/planned/",
    ),
    "danh_gia": (
        OFFICE,
        lambda t: "/danh-gia/",
        lambda t: "/bench/bare/cohorts/",
    ),
    "co_quan_office": (
        OFFICE,
        lambda t: "/co-quan/",
        lambda t: "/bench/bare/enrollments/",
    ),
    "co_quan_office_cohort": (
        OFFICE,
        lambda t: f"/co-quan/?cohort={t['finished'].pk}",
        lambda t: f"/bench/bare/enrollments/?cohort_id={t['finished'].pk}",
    ),
    "co_quan_agency": (
        COORDINATOR,
        # every cohort: the coordinator's cadres are spread over all of them
        lambda t: "/co-quan/?ket-thuc=1",
        lambda t: f"/bench/bare/enrollments/?agency_id={t['cadre'].agency_id}",
    ),
    "cadre_detail": (
        COORDINATOR,
        lambda t: f"/co-quan/hoc-vien/{t['cadre'].pk}/",
        lambda t: f"/bench/bare/attendance/?enrollment_id={t['cadre'].pk}",
    ),
    "quan_ly": (OFFICE, lambda t: "/quan-ly/", lambda t: "/bench/bare/cohorts/"),
    "people_deep_page": (
        OFFICE,
        lambda t: f"/can-bo/?page={t['people_page']}",
        lambda t: f"/bench/bare/?school={t['current'].school_id}",
    ),
    "cohort_roster": (
        OFFICE,
        lambda t: f"/tuyen-sinh/lop-hoc/{t['current'].pk}/",
        lambda t: f"/bench/bare/enrollments/?cohort_id={t['current'].pk}",
    ),
    "session_week": (
        OFFICE,
        lambda t: f"/hoc-vien/buoi-hoc/?ngay={t['monday'].isoformat()}",
        lambda t: f"/bench/bare/sessions/?date__gte={t['monday'].isoformat()}",
    ),
    "attendance_grid": (
        OFFICE,
        lambda t: f"/hoc-vien/buoi-hoc/{t['session'].pk}/diem-danh/",
        lambda t: f"/bench/bare/attendance/?session_id={t['session'].pk}",
    ),
    "score_sheet": (
        OFFICE,
        lambda t: f"/danh-gia/bang-diem/{t['sheet'].pk}/",
        lambda t: f"/bench/bare/scores/?sheet_id={t['sheet'].pk}",
    ),
    "cohort_results": (
        OFFICE,
        lambda t: f"/danh-gia/lop/{t['finished'].pk}/ket-qua/",
        lambda t: f"/bench/bare/scores/?sheet__exam__cohort_id={t['finished'].pk}",
    ),
    "hour_ledger": (
        OFFICE,
        lambda t: f"/giang-day/gio-chuan/?nam={t['school_year']}",
        lambda t: f"/bench/bare/ledger/?period__school_year={t['school_year']}",
    ),
}


def _clients() -> dict[str, Any]:
    from django.test import Client

    from daotao.accounts.models import User
    from daotao.accounts.second_factor import requires_second_factor
    from daotao.accounts.tests.second_factor import verify_second_factor

    clients = {}
    for username in (OFFICE, COORDINATOR):
        client, user = Client(), User.objects.get(username=username)
        client.force_login(user)
        # DEBUG off asks the office for its second factor: the session passes
        # it as the code page would (a device for the user is made once).
        if requires_second_factor(user):
            verify_second_factor(client, user)
        clients[username] = client
    return clients


def _get(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)


def _query_counts() -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    clients, targets = _clients(), _targets()
    counts = {}
    for name, (user, url, _bare) in PAGES.items():
        for _ in range(2):  # caches warm, as in the timed runs
            _get(clients[user], url(targets))
        with CaptureQueriesContext(connection) as queries:
            _get(clients[user], url(targets))
        counts[name] = len(queries)
    return counts


def _ensure_scale_data(factor: float) -> float:
    """Migrated and seeded at `factor` unless scale data is there; seconds."""
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("seed_scale", scale=factor, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return time.perf_counter() - started


def run() -> list[dict[str, Any]]:
    from bench import figure, throwaway_database, time_calls

    requests = int(os.environ.get("BENCH_REQUESTS", "60"))
    large_scale = float(os.environ.get("BENCH_SCALE", "1"))
    figures = [figure("staff_pages_load_before", os.getloadavg()[0], "load")]
    from django.test.utils import override_settings

    with override_settings(
        ROOT_URLCONF="bench.urls",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Every request builds its page: the page cache (docs/adr/0038) would serve
        # the repeated requests kept; its figures are the throughput bench's.
        PAGE_CACHE=False,
    ):
        with throwaway_database():
            _ensure_scale_data(SMALL_SCALE)
            small = _query_counts()
        seconds = _ensure_scale_data(large_scale)
        figures.append(figure("staff_pages_seed_or_check", seconds, "s"))
        large = _query_counts()
        clients, targets = _clients(), _targets()
        for name, (user, url, bare) in PAGES.items():
            client = clients[user]
            p50, p95 = time_calls(
                lambda: _get(client, url(targets)),  # noqa: B023
                repeat=requests,
                warmup=WARMUP,
            )
            _b50, bare_p95 = time_calls(
                lambda: _get(client, bare(targets)),  # noqa: B023
                repeat=requests,
                warmup=WARMUP,
            )
            load = os.getloadavg()[0]
            figures += [
                figure(f"{name}_p50_ms", p50, "ms"),
                figure(f"{name}_p95_ms", p95, "ms", load=round(load, 2)),
                figure(f"{name}_bare_p95_ms", bare_p95, "ms"),
                figure(f"{name}_p95_vs_bare", p95 / bare_p95, "x"),
                figure(f"{name}_queries_small", small[name], "queries"),
                figure(f"{name}_queries_large", large[name], "queries"),
            ]
    figures.append(figure("staff_pages_load_after", os.getloadavg()[0], "load"))
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import bench

    bench.configure()
    for row in run():
        print(f"{row['name']:<44} {row['value']:>12,.2f} {row['unit']}")
