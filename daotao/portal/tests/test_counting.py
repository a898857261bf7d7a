"""Counts live in the cache and reach the database only when flushed; no hit is
lost, and the day is the school's (Asia/Ho_Chi_Minh)."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from daotao.portal import counting, selectors
from daotao.portal.models import Article, DailyVisit
from daotao.portal.tests.factories import article

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 11, 30, 3, 0, tzinfo=datetime.UTC)  # 10:00 in Vietnam


def _request(ip="203.0.113.7", agent="Firefox"):
    return RequestFactory().get("/", REMOTE_ADDR=ip, HTTP_USER_AGENT=agent)


@pytest.fixture(autouse=True)
def _no_request_flush(monkeypatch):
    # Flushes happen only where a test asks for one.
    monkeypatch.setattr(counting, "_last_flush", float("inf"))


@time_machine.travel(NOW, tick=False)
def test_hits_touch_no_database_until_flushed(school):
    news = article(school, view_count=1575)
    with CaptureQueriesContext(connection) as queries:
        for n in range(50):
            counting.count_hit(
                _request(ip=f"198.51.100.{n % 5}"),
                school_id=school.pk,
                article_id=news.pk,
            )
    assert len(queries) == 0
    assert Article.objects.get(pk=news.pk).view_count == 1575
    assert not DailyVisit.objects.exists()

    flushed = counting.flush_counts()

    assert (flushed.views, flushed.visits, flushed.uniques) == (50, 50, 5)
    assert Article.objects.get(pk=news.pk).view_count == 1625
    row = DailyVisit.objects.get()
    assert (row.day, row.visits, row.unique_visitors) == (
        datetime.date(2026, 11, 30),
        50,
        5,
    )
    assert counting.pending_views(news.pk) == 0
    assert counting.flush_counts().views == 0  # a second flush adds nothing


@time_machine.travel(NOW, tick=False)
def test_hits_during_a_flush_are_kept_for_the_next(school, monkeypatch):
    news = article(school)
    for _ in range(5):
        counting.count_hit(_request(), school_id=school.pk, article_id=news.pk)
    read = counting._read

    def read_then_more_hits(keys):
        found = read(keys)
        if any(":views:" in key for key in keys):
            for _ in range(3):
                counting.count_hit(_request(), school_id=school.pk, article_id=news.pk)
        return found

    monkeypatch.setattr(counting, "_read", read_then_more_hits)
    counting.flush_counts()
    monkeypatch.setattr(counting, "_read", read)

    assert Article.objects.get(pk=news.pk).view_count == 5
    assert counting.pending_views(news.pk) == 3
    counting.flush_counts()
    assert Article.objects.get(pk=news.pk).view_count == 8
    assert DailyVisit.objects.get().visits == 8


@time_machine.travel(NOW, tick=False)
def test_a_running_flush_is_not_doubled(school):
    news = article(school)
    counting.count_hit(_request(), school_id=school.pk, article_id=news.pk)
    cache.add("portal:flush-lock", 1)
    assert counting.flush_counts() is None
    assert Article.objects.get(pk=news.pk).view_count == 0
    assert counting.pending_views(news.pk) == 1


def test_the_day_is_vietnams():
    late_utc = datetime.datetime(2026, 11, 30, 17, 30, tzinfo=datetime.UTC)
    assert counting.local_day(late_utc) == datetime.date(2026, 12, 1)


def _cache_keys() -> list[str]:
    """Every key in the cache: Redis's (REDIS_URL, as on PostgreSQL in CI) or the
    local-memory cache's own."""
    get_client = getattr(cache._cache, "get_client", None)
    if get_client is not None:
        return [key.decode() for key in get_client().keys("*")]
    return list(cache._cache)


@time_machine.travel(NOW, tick=False)
def test_unique_visitors_are_a_salted_hash_of_the_day(school):
    counting.count_hit(_request(), school_id=school.pk)
    counting.count_hit(_request(), school_id=school.pk)
    counting.count_hit(_request(agent="Chromium"), school_id=school.pk)
    keys = _cache_keys()
    assert not [key for key in keys if "203.0.113.7" in key]
    today = datetime.date(2026, 11, 30)
    first = counting.visitor_hash(_request(), today)
    assert first == counting.visitor_hash(_request(), today)
    tomorrow = today + datetime.timedelta(days=1)
    assert counting.visitor_hash(_request(), tomorrow) != first  # a new salt
    assert cache.get(f"portal:salt:{today.isoformat()}") != cache.get(
        f"portal:salt:{tomorrow.isoformat()}"
    )
    counting.flush_counts()
    assert DailyVisit.objects.values_list("visits", "unique_visitors").get() == (3, 2)


@time_machine.travel(NOW, tick=False)
def test_visitor_stats_add_pending_to_stored(school):
    today = datetime.date(2026, 11, 30)  # a Monday
    for days_ago, visits in [(0, 10), (1, 20), (2, 30), (29, 40), (40, 50)]:
        DailyVisit.objects.create(
            school=school, day=today - datetime.timedelta(days=days_ago), visits=visits
        )
    for _ in range(4):
        counting.count_hit(_request(), school_id=school.pk)
    stats = selectors.visitor_stats(school.pk)
    assert stats == selectors.VisitorStats(
        today=14, yesterday=20, week=14, month=14 + 20 + 30 + 40, total=154
    )


def test_flush_at_exit_writes_pending_counts(school):
    news = article(school)
    counting.count_hit(_request(), school_id=school.pk, article_id=news.pk)
    counting.flush_at_exit()
    assert Article.objects.get(pk=news.pk).view_count == 1
