"""Throughput of the production recipe (issue 16; quality P7): gunicorn as
deploy/gunicorn.conf.py runs it, on the demo school, PostgreSQL and Redis.

The staff pool (the file's defaults: 2 gthread workers per core × 4 threads) takes
the light staff mix — a cohort's roster, a session's attendance grid, a score sheet,
the people list and the start page, round-robin — from 8 clients signed in as the
training office (second factor passed) on keep-alive connections, for 20 seconds
after a warm-up. Meanwhile one visitor (in its own process) reads a public article
(a cached page) sequentially, first from the public site's own pool (2 workers at
Nice=-5, as its systemd unit runs them and nginx routes them in deploy/), then, for
comparison, from the staff pool. Before that, the floor: the same 8 clients on the
health check (full middleware stack, session and user, one query) for 10 seconds,
what the machine gives any page at that moment. Goals: ≥ 100 req/s and p95 ≤ 150 ms
for the staff mix; public article p95 ≤ 50 ms under that load. The staff pool runs
as production does, with the page cache (docs/adr/0038): the clients ask the same
pages again and nothing is written, so after the warm-up the pages are served kept.
Last, the same mix on a pool with the page cache off: what pages cost when each is
built (the first visit after a change), reported beside the goal figures. The
machine's load average is reported before, during and after: the clients share the 2
cores with the servers.
Needs PostgreSQL and Redis: `BENCH_DATABASE_URL=postgres://… REDIS_URL=redis://…
.venv/bin/python bench/throughput.py`; `BENCH_DEMO_DATABASE=<name>` uses an
already seeded demo database beside it instead of seeding a throwaway one.
"""

from __future__ import annotations

import contextlib
import http.client
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 8
WARMUP_ROUNDS = 20
SECONDS = 20.0
FLOOR_SECONDS = 10.0
HEALTH = "/suc-khoe/"
PUBLIC_WORKERS = 2
PUBLIC_NICE = -5
GOAL_PER_SECOND = 100
GOAL_P95_MS = 150.0
GOAL_PUBLIC_P95_MS = 50.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return f"postgres://{auth}@{host}/{db['NAME']}"


def _gunicorn(
    port: int,
    workers: int | None,
    threads: int | None = None,
    nice: int = 0,
    page_cache: bool = True,
) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_MANIFEST": "false",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_ACCESS_LOG": "/dev/null",
        "GUNICORN_LOG_LEVEL": "warning",
        "DAOTAO_PAGE_CACHE": "true" if page_cache else "false",
    }
    if workers is not None:
        env["GUNICORN_WORKERS"] = str(workers)
    if threads is not None:
        env["GUNICORN_THREADS"] = str(threads)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [str(gunicorn), "-c", "deploy/gunicorn.conf.py", "daotao.wsgi:application"],
        cwd=ROOT,
        env=env,
        # The public pool's priority, as its systemd unit gives it (Nice=-5).
        preexec_fn=(lambda: os.nice(nice)) if nice else None,
    )
    for _ in range(200):
        try:
            if _get(http.client.HTTPConnection("127.0.0.1", port), "/suc-khoe/")[0]:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


# A worker that gunicorn recycles (max_requests) closes its keep-alive connections;
# the client opens a new one and asks again, as a browser does. Under load the new
# connection can meet a worker that is closing too: a few attempts, then a failure.
_CLOSED = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)
_ATTEMPTS = 4


def _get(
    conn: http.client.HTTPConnection, path: str, cookie: str = ""
) -> tuple[int, float]:
    """(status, ms) of one GET on `conn`, reconnecting while the server closes it
    (status 0 after the last attempt); the time counts from the first attempt."""
    started = time.perf_counter()
    headers = {"Cookie": cookie} if cookie else {}
    for _attempt in range(_ATTEMPTS):
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            return response.status, (time.perf_counter() - started) * 1000
        except _CLOSED:
            conn.close()
    return 0, (time.perf_counter() - started) * 1000


def _staff_load(
    port: int,
    paths: list[str],
    cookie: str,
    stop: Any,
    seconds: float = SECONDS,
) -> tuple[list[float], int]:
    latencies: list[float] = []
    failures = [0]

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, turn = [], offset
        try:
            while not stop.is_set():
                status, ms = _get(conn, paths[turn % len(paths)], cookie)
                turn += 1
                if status == 200:
                    mine.append(ms)
                else:
                    failures[0] += 1
        finally:  # a client that fails keeps what it measured
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return latencies, failures[0]


def _visitor(port: int, path: str, stop: Any, out: Any) -> None:
    """The visitor's loop, in its own process: the staff clients' threads would
    otherwise hold the bench's GIL while its response waits to be read."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies = []
    while not stop.is_set():
        status, ms = _get(conn, path)
        if status == 200:
            latencies.append(ms)
        time.sleep(0.02)
    out.send(latencies)


def _measure(
    staff_port: int, public_port: int, paths: list[str], cookie: str, article: str
) -> dict[str, Any]:
    forked = multiprocessing.get_context("fork")
    stop = forked.Event()
    receive, send = forked.Pipe(duplex=False)
    visitor = forked.Process(target=_visitor, args=(public_port, article, stop, send))
    visitor.start()
    latencies, failures = _staff_load(staff_port, paths, cookie, stop)
    public = receive.recv()
    visitor.join()
    return {"staff": latencies, "failures": failures, "public": public}


def _demo_targets() -> tuple[list[str], str, str]:
    from django.test import Client
    from django.urls import reverse

    from daotao.accounts.models import User
    from daotao.accounts.tests.second_factor import verify_second_factor
    from daotao.assessment.models import ScoreSheet
    from daotao.enrolment.models import Cohort
    from daotao.portal.models import Article
    from daotao.teaching.models import TeachingSession

    cohort = Cohort.objects.get(code="LDP-2026")
    published = TeachingSession.objects.filter(cohort=cohort, run__isnull=True)
    session = published.order_by("date", "pk")[0]
    sheet = ScoreSheet.objects.filter(exam__cohort=cohort).order_by("pk")[0]
    paths = [
        reverse("enrolment:cohort-detail", args=[cohort.pk]),
        reverse("learning:attendance-grid", args=[session.pk]),
        reverse("assessment:sheet-detail", args=[sheet.pk]),
        reverse("people:person-list"),
        reverse("reports:dashboard"),
    ]
    user = User.objects.get(username="daotao")
    client = Client()
    client.force_login(user)
    verify_second_factor(client, user)
    client.get(paths[0])  # a browser holds the CSRF cookie after its first page
    cookie = "; ".join(
        f"{name}={client.cookies[name].value}" for name in ("sessionid", "csrftoken")
    )
    article = Article.objects.filter(status=Article.Status.PUBLISHED).order_by("pk")[0]
    return paths, cookie, reverse("portal:article", args=[article.slug])


def _demo_database() -> Any:
    """A throwaway database with the demo seeded, or (BENCH_DEMO_DATABASE) the
    named database beside BENCH_DATABASE_URL, already seeded, used as it is: the
    bench only reads it (sessions live in Redis; the article's counts are added
    to it)."""
    from django.core.management import call_command
    from django.db import connection

    from bench import throwaway_database

    named = os.environ.get("BENCH_DEMO_DATABASE")
    if named:
        connection.close()
        connection.settings_dict["NAME"] = named
        return contextlib.nullcontext()

    @contextlib.contextmanager
    def seeded() -> Any:
        with throwaway_database():
            call_command("seed_demo", verbosity=0)
            yield

    return seeded()


def _pool_size(workers: int | None) -> tuple[int, int]:
    """(workers, threads) as deploy/gunicorn.conf.py sets them for this machine."""
    return (
        workers
        or int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2)),
        int(os.environ.get("GUNICORN_THREADS", 4)),
    )


def _pages_built(paths: list[str], cookie: str) -> list[float]:
    """The staff mix again with the page cache off (docs/adr/0038): every request
    builds its page, as the first visit to a page after a change does."""
    port = _free_port()
    staff = _gunicorn(port, None, page_cache=False)
    try:
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for path in paths * WARMUP_ROUNDS:
            assert _get(warm, path, cookie)[0] == 200, path
        latencies, _failures = _staff_load(port, paths, cookie, threading.Event())
    finally:
        staff.send_signal(signal.SIGTERM)
        staff.wait(timeout=60)
    return latencies


def run() -> list[dict[str, Any]]:
    from django.db import connection

    from bench import figure, percentile

    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        raise RuntimeError(
            "throughput needs BENCH_DATABASE_URL (PostgreSQL) and REDIS_URL"
        )
    load_before = os.getloadavg()[0]
    with _demo_database():
        paths, cookie, article = _demo_targets()
        connection.close()
        staff_port, public_port = _free_port(), _free_port()
        # The staff pool as the unit runs it (the file's defaults); the public pool
        # as its unit does: 2 workers, Nice=-5.
        staff = _gunicorn(staff_port, None)
        public = _gunicorn(public_port, PUBLIC_WORKERS, nice=PUBLIC_NICE)
        try:
            warm = http.client.HTTPConnection("127.0.0.1", staff_port, timeout=30)
            for path in paths * WARMUP_ROUNDS:
                status = _get(warm, path, cookie)[0]
                assert status == 200, (path, status)
            for port in (public_port, staff_port):
                assert (
                    _get(http.client.HTTPConnection("127.0.0.1", port), article)[0]
                    == 200
                )
            # The floor: the same clients on the health check (full middleware
            # stack, the session and the user, one query) — what the machine
            # gives any page at this moment.
            floor, floor_failures = _staff_load(
                staff_port, [HEALTH], cookie, threading.Event(), FLOOR_SECONDS
            )
            split = _measure(staff_port, public_port, paths, cookie, article)
            load_split = os.getloadavg()[0]
            shared = _measure(staff_port, staff_port, paths, cookie, article)
        finally:
            for server in (staff, public):
                server.send_signal(signal.SIGTERM)
            for server in (staff, public):
                server.wait(timeout=60)
        built = _pages_built(paths, cookie)
    workers, threads = _pool_size(None)
    rate = len(split["staff"]) / SECONDS
    floor_rate = len(floor) / FLOOR_SECONDS
    p95 = percentile(split["staff"], 0.95)
    public_p95 = percentile(split["public"], 0.95)
    return [
        figure("throughput.staff_requests_per_second", rate, "req/s",
               goal=GOAL_PER_SECOND, passed=rate >= GOAL_PER_SECOND,
               workers=workers, threads=threads),
        figure("throughput.staff_p50", percentile(split["staff"], 0.50), "ms"),
        figure("throughput.staff_p95", p95, "ms", goal=GOAL_P95_MS,
               passed=p95 <= GOAL_P95_MS),
        figure("throughput.staff_failures", split["failures"] + floor_failures,
               "requests"),
        figure("throughput.floor_requests_per_second", floor_rate, "req/s"),
        figure("throughput.floor_p95", percentile(floor, 0.95), "ms"),
        figure("throughput.staff_vs_floor", rate / floor_rate, ""),
        figure("throughput.public_article_p95_under_staff_load", public_p95, "ms",
               goal=GOAL_PUBLIC_P95_MS, passed=public_p95 <= GOAL_PUBLIC_P95_MS),
        figure("throughput.public_article_p50_under_staff_load",
               percentile(split["public"], 0.50), "ms"),
        figure("throughput.public_article_p95_same_pool_as_staff",
               percentile(shared["public"], 0.95), "ms"),
        figure("throughput.staff_requests_per_second_pages_built",
               len(built) / SECONDS, "req/s"),
        figure("throughput.staff_p95_pages_built", percentile(built, 0.95), "ms"),
        figure("throughput.load_average_1min", load_split, "",
               before=load_before, after=os.getloadavg()[0]),
    ]  # fmt: skip


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import bench

    bench.configure()
    for row in run():
        print(row)
