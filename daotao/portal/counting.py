"""Visit and view counts without a database write per hit (docs/adr/0007).

Each hit adds to counters in the cache (atomic INCR on Redis; the local-memory
cache locks per process). `flush_counts()` moves the pending counts into the
database: it reads a counter, writes the database, and after the commit
subtracts exactly what it wrote (DECRBY), so hits that arrive meanwhile stay
pending instead of being lost. It runs at most once a minute from a request,
from `manage.py flush_counts`, and at process exit.
"""

from __future__ import annotations

import atexit
import datetime
import hashlib
import logging
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from daotao.core.network import client_ip

FLUSH_INTERVAL = 60  # seconds between flushes started by requests
PENDING_DAYS = 7  # days of pending visit counters a flush looks at
_LOCK = "portal:flush-lock"
_DAY = 24 * 3600


def local_day(now: datetime.datetime | None = None) -> datetime.date:
    """The calendar day in the school's time zone (Asia/Ho_Chi_Minh)."""
    return timezone.localdate(now or timezone.now())


def _visits_key(school_id: int, day: datetime.date) -> str:
    return f"portal:c:visits:{school_id}:{day.isoformat()}"


def _uniques_key(school_id: int, day: datetime.date) -> str:
    return f"portal:c:uniques:{school_id}:{day.isoformat()}"


def _views_key(article_id: int) -> str:
    return f"portal:c:views:{article_id}"


_touched: set[str] = set()  # the counters this process has added to


def _increment(key: str) -> int:
    """Add one to the counter; the count now pending."""
    _touched.add(key)
    try:
        return cache.incr(key)
    except ValueError:  # the first hit of this counter (or it was evicted)
        if cache.add(key, 1, timeout=None):
            return 1
        return cache.incr(key)  # another process created it meanwhile


_salts: dict[str, str] = {}


def _daily_salt(day: datetime.date) -> str:
    # A random salt per day, shared by the processes through the cache for two days
    # and never written anywhere else: once it is gone, that day's hashes cannot be
    # linked to an address. Each process remembers today's only.
    key = f"portal:salt:{day.isoformat()}"
    salt = _salts.get(key)
    if salt is None:
        cache.add(key, secrets.token_hex(16), timeout=2 * _DAY)
        salt = cache.get(key) or ""
        _salts.clear()
        _salts[key] = salt
    return salt


def visitor_hash(request: HttpRequest, day: datetime.date) -> str:
    """A salted hash of the client's address and browser, valid for one day."""
    ip = client_ip(request)
    agent = request.META.get("HTTP_USER_AGENT", "")[:200]
    material = f"{_daily_salt(day)}|{ip}|{agent}".encode()
    return hashlib.sha256(material).hexdigest()[:32]


def count_hit(
    request: HttpRequest, *, school_id: int, article_id: int | None = None
) -> int:
    """Count one page view of the public site (and of the article, if any); the
    article's views now pending (0 without an article)."""
    day = local_day()
    _increment(_visits_key(school_id, day))
    seen = f"portal:seen:{day.isoformat()}:{visitor_hash(request, day)}"
    if cache.add(seen, 1, timeout=2 * _DAY):
        _increment(_uniques_key(school_id, day))
    pending = 0 if article_id is None else _increment(_views_key(article_id))
    if _counted_against is None:
        _remember_database()
    maybe_flush()
    return pending


def pending_views(article_id: int) -> int:
    return cache.get(_views_key(article_id)) or 0


def pending_visits(school_id: int, days: Iterable[datetime.date]) -> dict:
    """day → pending visits for `days`, in one cache round trip."""
    days = list(days)
    found = cache.get_many([_visits_key(school_id, day) for day in days])
    return {day: found.get(_visits_key(school_id, day), 0) for day in days}


# The first request-started flush comes a minute after the process starts.
_last_flush = time.monotonic()
_counted_against: str | None = None


def _remember_database() -> None:
    """Register the exit flush on the first hit, naming the database counted for."""
    global _counted_against
    from django.db import connection

    _counted_against = str(connection.settings_dict["NAME"])
    atexit.register(flush_at_exit)


def maybe_flush() -> None:
    """Flush if this process has not in the last minute (one cheap check per hit)."""
    global _last_flush
    now = time.monotonic()
    if now - _last_flush < FLUSH_INTERVAL:
        return
    _last_flush = now
    flush_counts()


@dataclass(frozen=True)
class Flushed:
    views: int
    visits: int
    uniques: int
    article_ids: tuple[int, ...]


def flush_counts(*, today: datetime.date | None = None) -> Flushed | None:
    """Write the pending counts to the database; None if another flush is running."""
    if not cache.add(_LOCK, 1, timeout=FLUSH_INTERVAL):
        return None
    try:
        return _flush(today or local_day())
    finally:
        cache.delete(_LOCK)


def _read(keys: list[str]) -> dict[str, int]:
    found = {}
    for start in range(0, len(keys), 500):
        found.update(cache.get_many(keys[start : start + 500]))
    return {key: value for key, value in found.items() if value}


def _flush(today: datetime.date) -> Flushed:
    from daotao.org.models import School
    from daotao.portal.models import Article, DailyVisit

    article_ids = list(
        Article.objects.exclude(status=Article.Status.DRAFT).values_list(
            "pk", flat=True
        )
    )
    views = _read([_views_key(pk) for pk in article_ids])
    days = [today - datetime.timedelta(days=n) for n in range(PENDING_DAYS)]
    school_ids = list(School.objects.values_list("pk", flat=True))
    visit_keys = {
        (sid, day): (_visits_key(sid, day), _uniques_key(sid, day))
        for sid in school_ids
        for day in days
    }
    pending = _read([key for pair in visit_keys.values() for key in pair])
    flushed_ids = []
    with transaction.atomic():
        for key, count in views.items():
            pk = int(key.rsplit(":", 1)[1])
            Article.objects.filter(pk=pk).update(view_count=F("view_count") + count)
            flushed_ids.append(pk)
        for (sid, day), (visits_key, uniques_key) in visit_keys.items():
            visits, uniques = pending.get(visits_key, 0), pending.get(uniques_key, 0)
            if visits or uniques:
                DailyVisit.objects.get_or_create(school_id=sid, day=day)
                DailyVisit.objects.filter(school_id=sid, day=day).update(
                    visits=F("visits") + visits,
                    unique_visitors=F("unique_visitors") + uniques,
                )
    # Only after the commit: subtract what was written; hits counted meanwhile stay.
    for key, count in {**views, **pending}.items():
        cache.decr(key, count)
    from daotao.portal import pagecache

    pagecache.forget_articles(flushed_ids)
    return Flushed(
        views=sum(views.values()),
        visits=sum(v for k, v in pending.items() if ":visits:" in k),
        uniques=sum(v for k, v in pending.items() if ":uniques:" in k),
        article_ids=tuple(flushed_ids),
    )


def flush_at_exit() -> None:
    from django.db import connection

    # A test run or a bench has dropped its database by now: nothing to write to.
    if _counted_against != str(connection.settings_dict["NAME"]):
        return
    if not any(cache.get_many(list(_touched)).values()):
        return  # nothing of this process is pending
    try:
        flush_counts()
    except Exception:
        # At exit nobody is left to tell but the log; the counts stay in a shared
        # cache (Redis) for the next flush.
        logging.getLogger(__name__).exception("flushing counts at exit failed")
