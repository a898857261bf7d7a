"""Visitor counting (issue 8; quality P8): 2,000 counted hits per second, no count
lost, no database write per hit.

One school and one published article. Timed: 10,000 requests for the cached
article page through the full middleware stack (Django's WSGI handler called
directly, without the test client's bookkeeping), each one a counted hit (site
visit, unique visitor, article view); every SQL statement is captured meanwhile.
Then 4 threads add 10,000 more hits straight to the counters (the cache's locking
under concurrency), and one flush writes everything to the database. Reported:
hits per second of each part, the statements run during the hits, and how many
counts the database misses after the flush (goal: 0).
Run alone: `.venv/bin/python bench/portal_counts.py`.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path
from typing import Any

PAGE_HITS = 10_000
THREADS = 4
THREAD_HITS = 2_500
GOAL_PER_SECOND = 2_000


def _hits_by_threads(school_id: int, article_id: int) -> float:
    from django.test import RequestFactory

    from daotao.portal import counting

    def work(n: int) -> None:
        request = RequestFactory().get("/", REMOTE_ADDR=f"198.51.100.{n}")
        for _ in range(THREAD_HITS):
            counting.count_hit(request, school_id=school_id, article_id=article_id)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(THREADS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return THREADS * THREAD_HITS / (time.perf_counter() - started)


def run() -> list[dict[str, Any]]:
    from django.core.cache import cache
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench import figure, throwaway_database
    from daotao.org.tests.factories import SchoolFactory
    from daotao.portal import counting
    from daotao.portal.models import Article, DailyVisit
    from daotao.portal.tests.factories import article

    counting._last_flush = float("inf")  # the bench flushes once, at the end
    with throwaway_database():
        cache.clear()
        school = SchoolFactory()
        news = article(school, "Hội thảo khoa học cấp trường", view_count=1575)
        url = reverse("portal:article", args=[news.slug])
        client = Client()
        assert client.get(url).status_code == 200  # renders and caches the page
        handler = WSGIHandler()
        environ = RequestFactory()._base_environ(
            PATH_INFO=url, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="bench"
        )
        statuses = []

        def start_response(status: str, headers: list) -> None:
            statuses.append(status)

        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            for _ in range(PAGE_HITS):
                b"".join(handler(dict(environ), start_response))
            page_rate = PAGE_HITS / (time.perf_counter() - started)
        assert set(statuses) == {"200 OK"}, set(statuses)
        thread_rate = _hits_by_threads(school.pk, news.pk)
        hits = 1 + PAGE_HITS + THREADS * THREAD_HITS
        counting.flush_counts()
        stored_views = Article.objects.get(pk=news.pk).view_count - 1575
        stored_visits = DailyVisit.objects.get().visits
        lost = (hits - stored_views) + (hits - stored_visits)
    return [
        figure(
            "portal_counts.page_hits_per_second",
            page_rate,
            "hits/s",
            goal=GOAL_PER_SECOND,
            passed=page_rate >= GOAL_PER_SECOND,
        ),
        figure(
            "portal_counts.counter_hits_per_second_4_threads", thread_rate, "hits/s"
        ),
        figure("portal_counts.queries_during_hits", len(queries), "queries"),
        figure("portal_counts.lost_after_flush", lost, "counts", passed=lost == 0),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import bench

    bench.configure()
    for row in run():
        print(row)
