"""A fixed-window counter per client IP for public pages that accept input
(verification lookups, registration forms), kept in the cache."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpRequest

from daotao.core.network import client_ip


def over_limit(request: HttpRequest, *, scope: str, limit: int, window: int) -> bool:
    """Count this request for the client's IP under `scope`; True once more than
    `limit` requests fell in the current `window` seconds."""
    return over_limit_for_key(
        scope=scope, key=client_ip(request) or "unknown", limit=limit, window=window
    )


def over_limit_for_key(*, scope: str, key: str, limit: int, window: int) -> bool:
    """The same counter for any key (an e-mail address, a username)."""
    key = f"{scope}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count > limit
