"""Whole public pages in the cache, with the live counters filled in per request.

A page is rendered once with markers (`<!--c:views-->`) where the counters go and
kept under its own key; every request fills the markers from the cache-held
counters, so a cached page still shows current counts. Publishing or editing an
article forgets its page and bumps the generation that home and list pages carry
in their keys; pages also expire after `TTL` as a safety net (the local-memory
cache of another process cannot be told).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.cache import cache
from django.utils.translation import get_language

TTL = 300
_GENERATION = "portal:generation"
MARKERS = ("views", "today", "yesterday", "week", "month", "total")


def marker(name: str) -> str:
    return f"<!--c:{name}-->"


_MARKER = re.compile(r"<!--c:(\w+)-->")


def split(html: str) -> list[str]:
    """The page cut at its markers: text, name, text, name, …, text (kept cached, so
    filling a page is one join)."""
    return _MARKER.split(html)


def fill(parts: list[str] | str, values: dict[str, str]) -> str:
    if isinstance(parts, str):
        parts = split(parts)
    return "".join(
        values.get(part, "") if index % 2 else part for index, part in enumerate(parts)
    )


def generation() -> int:
    cache.add(_GENERATION, 1, timeout=None)
    return cache.get(_GENERATION) or 1


def article_key(slug: str) -> str:
    return f"portal:page:article:{get_language()}:{slug}"


def page_key(name: str) -> str:
    """A list page's key: it changes whenever any article changes."""
    return f"portal:page:{get_language()}:{generation()}:{name}"


def get(key: str):
    return cache.get(key)


def put(key: str, entry: object) -> None:
    cache.set(key, entry, timeout=TTL)


def forget_articles(article_ids: Iterable[int]) -> None:
    """Forget the cached pages of these articles (counts were flushed, or edited)."""
    from django.conf import settings

    from daotao.portal.models import Article

    ids = list(article_ids)
    if not ids:
        return
    slugs = Article.objects.filter(pk__in=ids).values_list("slug", flat=True)
    cache.delete_many(
        [
            f"portal:page:article:{code}:{slug}"
            for slug in slugs
            for code, _name in settings.LANGUAGES
        ]
    )


def content_changed(article_ids: Iterable[int] = ()) -> None:
    """An article was published, edited or withdrawn: its page and every list go."""
    forget_articles(article_ids)
    cache.add(_GENERATION, 1, timeout=None)
    cache.incr(_GENERATION)
