"""A cached public article under load (issue 8; quality P7: ≥ 1,000 requests per
second on loopback, p95 ≤ 100 ms) and its view count across a worker restart.

One school and the seed's article (report 104/BC-TrCT, ~25 KB of text). gunicorn
(2 sync workers, production settings, the local-memory cache) serves it from a
throwaway database; 8 client threads (http.client, a new connection per request,
as the sync worker closes each) load it for 15 seconds after a warm-up. Every
request is a counted view. Then gunicorn is stopped (SIGTERM: the workers exit as
on a restart and write their pending counts), and the article's stored views are
compared with the requests answered.
Run alone: `.venv/bin/python bench/portal_article.py`.
"""

from __future__ import annotations

import http.client
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
WORKERS = 2
CLIENTS = 8
WARMUP = 300
SECONDS = 15.0
GOAL_PER_SECOND = 1_000
GOAL_P95_MS = 100.0
INITIAL_VIEWS = 1575


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST']}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


def _start_gunicorn(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_STATIC_MANIFEST": "false",
    }
    env.pop("REDIS_URL", None)
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [
            # beside this Python: the venv's, wherever the checkout is
            str(Path(sys.executable).parent / "gunicorn"),
            "daotao.wsgi:application",
            f"--workers={WORKERS}",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            if _get(port, "/suc-khoe/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def _get(port: int, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, (time.perf_counter() - started) * 1000


def _load(port: int, path: str) -> tuple[list[float], int]:
    latencies: list[float] = []
    failures = [0]
    deadline = time.perf_counter() + SECONDS

    def client() -> None:
        mine = []
        while time.perf_counter() < deadline:
            status, ms = _get(port, path)
            if status == 200:
                mine.append(ms)
            else:
                failures[0] += 1
        latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures[0]


def run() -> list[dict[str, Any]]:
    from django.urls import reverse

    from bench import figure, percentile, throwaway_database
    from daotao.demo.website import REPORT, REPORT_TITLE
    from daotao.org.tests.factories import SchoolFactory
    from daotao.portal.content import paragraphs_html
    from daotao.portal.models import Article
    from daotao.portal.tests.factories import article

    with throwaway_database():
        school = SchoolFactory()
        news = article(
            school,
            REPORT_TITLE,
            body=paragraphs_html(REPORT.read_text(encoding="utf-8")),
            view_count=INITIAL_VIEWS,
        )
        path = reverse("portal:article", args=[news.slug])
        port = _free_port()
        server = _start_gunicorn(port)
        try:
            for _ in range(WARMUP):
                assert _get(port, path)[0] == 200
            latencies, failures = _load(port, path)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
        answered = WARMUP + len(latencies)
        stored = Article.objects.get(pk=news.pk).view_count - INITIAL_VIEWS
    rate = len(latencies) / SECONDS
    p95 = percentile(latencies, 0.95)
    return [
        figure(
            "portal_article.requests_per_second",
            rate,
            "req/s",
            goal=GOAL_PER_SECOND,
            passed=rate >= GOAL_PER_SECOND,
        ),
        figure("portal_article.p50", percentile(latencies, 0.50), "ms"),
        figure("portal_article.p95", p95, "ms", goal=GOAL_P95_MS, passed=p95 <= 100),
        figure("portal_article.failures", failures, "requests"),
        figure(
            "portal_article.views_lost_after_restart",
            answered - stored,
            "views",
            passed=answered == stored,
        ),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import bench

    bench.configure()
    for row in run():
        print(row)
