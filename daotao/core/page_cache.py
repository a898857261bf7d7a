"""Staff pages served again while nothing they read has changed (docs/adr/0038).

Every statement that writes through Django's database connections raises the
version of the table it writes: at once, and again when its transaction commits.
A view wrapped in `cached_page` keeps its response with the tables the whole
request read (the middleware watches every SELECT from the start of the request,
the user and the memberships included) and those tables' versions. The same
session asking the same URL in the same hour gets that response back while every
one of those versions is unchanged; any write to any of those tables, by any
process, sends the next request to the view again.

Where the versions live: the default cache (Redis in production, shared by every
worker; in one process, the local-memory cache). Writes the connections cannot
see (COPY, a restored backup, migrations) call `tables_written` or `everything_written`.

A response is kept only when it is safe to: GET, a signed-in user, outside any
transaction the request opened, no message waiting for the page, status 200,
no cookie set by the view, and no write anywhere while it was being built (the
global write counter unchanged from the start of the request).
"""

from __future__ import annotations

import contextvars
import functools
import hashlib
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.backends.signals import connection_created
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

VERSION_PREFIX = "page-cache:v:"
ENTRY_PREFIX = "page-cache:e:"
# A table name standing for every table: a write the watcher cannot attribute
# (DDL, an unparsed statement, a restored backup) makes every kept page stale.
EVERYTHING = "*"
# Raised by every write anywhere; a response is kept only if it did not move while
# the request ran, so no page is kept that may mix data from before and after a write.
WRITES = "~"
# Tables whose rows are no page's content: the session is part of the key itself.
IGNORED_TABLES = frozenset({"django_session"})
# Session keys that change without changing any page (the idle timer's renewal).
IGNORED_SESSION_KEYS = frozenset({"daotao_seen_at"})
ENTRY_SECONDS = 10 * 60

_READ_STATEMENTS = ("SELECT", "(SELECT", "EXPLAIN", "SAVEPOINT", "RELEASE", "ROLLBACK",
                    "BEGIN", "COMMIT", "SET ", "SHOW", "PRAGMA")  # fmt: skip
_WRITTEN = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|COPY)\s+"?(\w+)"?',
    re.IGNORECASE,
)
_TRUNCATED = re.compile(
    r"^\s*TRUNCATE\s+(?:TABLE\s+)?(.+?)"
    r"(?:\s+(?:RESTART|CONTINUE|CASCADE|RESTRICT)\b|;|$)",
    re.IGNORECASE,
)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)
_WRITING_WORDS = re.compile(r"\b(?:INSERT|UPDATE|DELETE)\b", re.IGNORECASE)

# The tables read so far by the request this thread is serving (None: no request
# is being watched).
_reading: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "page_cache_reading", default=None
)


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE", False))


# -- what a statement reads and writes ----------------------------------------


def tables_read(sql: str) -> set[str]:
    return {name.lower() for name in _READ.findall(sql)}


def tables_of_write(sql: str) -> frozenset[str] | None:
    """The tables a statement writes; empty for a statement that writes none;
    None when it writes something the watcher cannot name (every table then)."""
    head = sql.lstrip()[:10].upper()
    if head.startswith(_READ_STATEMENTS):
        return frozenset()
    if head.startswith("WITH") and not _WRITING_WORDS.search(sql):
        return frozenset()
    written = _WRITTEN.match(sql)
    if written:
        return frozenset({written.group(1).lower()})
    truncated = _TRUNCATED.match(sql)
    if truncated:
        names = re.split(r"\s*,\s*", truncated.group(1))
        return frozenset(name.strip('"').lower() for name in names if name)
    return None


# -- versions -------------------------------------------------------------------


def _bump(names: Iterable[str]) -> None:
    for name in (*names, WRITES):
        key = VERSION_PREFIX + name
        try:
            cache.incr(key)
        except ValueError:  # never written, or evicted: a fresh random start
            if not cache.add(key, secrets.randbits(52), timeout=None):
                cache.incr(key)


def versions(names: Iterable[str]) -> tuple[Any, ...]:
    names = tuple(names)
    found = cache.get_many([VERSION_PREFIX + name for name in names])
    return tuple(found.get(VERSION_PREFIX + name) for name in names)


def _known_versions(names: tuple[str, ...]) -> tuple[Any, ...]:
    """The versions of `names`, giving each table never written yet a start of its
    own (a missing version never matches, so an evicted one cannot match again)."""
    current = versions(names)
    missing = [
        name for name, version in zip(names, current, strict=True) if version is None
    ]
    for name in missing:
        cache.add(VERSION_PREFIX + name, secrets.randbits(52), timeout=None)
    return versions(names) if missing else current


def tables_written(connection: Any, tables: Iterable[str]) -> None:
    """Record that `tables` were written on `connection`: their versions rise now
    and, inside a transaction, again when it commits (a page built meanwhile from
    the data before the commit is then stale too)."""
    tables = frozenset(tables) - IGNORED_TABLES
    if not tables or not enabled():
        return
    if not connection.in_atomic_block or _in_test_transaction(connection):
        _bump(tables)
        return
    pending = _pending_of(connection)
    fresh = tables - pending.tables
    if fresh:
        pending.tables |= fresh
        _bump(fresh)


def everything_written() -> None:
    """Every kept page is stale (a restored backup, a migration)."""
    if enabled():
        _bump([EVERYTHING])


@dataclass
class _Pending:
    """The tables a transaction has written; raised again when it commits."""

    tables: set[str]

    def __call__(self) -> None:
        _bump(self.tables)


def _pending_of(connection: Any) -> _Pending:
    # Django drops a transaction's commit callbacks when it (or the savepoint they
    # were registered in) rolls back, so the callback list says whether this
    # transaction has one of ours already.
    for _sids, func, _robust in connection.run_on_commit:
        if isinstance(func, _Pending):
            return func
    pending = _Pending(set())
    connection.on_commit(pending)
    return pending


def _in_test_transaction(connection: Any) -> bool:
    # The suite's TestCase transaction never commits: every write is counted at once.
    return any(
        getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    )


def _watch(
    execute: Callable[..., Any],
    sql: str,
    params: Any,
    many: bool,
    context: dict[str, Any],
) -> Any:
    reading = _reading.get()
    written = tables_of_write(sql)
    if written is not None and not written:
        if reading is not None:
            reading |= tables_read(sql)
            # A statement handed to a database function as text (core.listing).
            texts = () if many or not isinstance(params, list | tuple) else params
            for param in texts:
                if isinstance(param, str) and param[:6].upper() == "SELECT":
                    reading |= tables_read(param)
        return execute(sql, params, many, context)
    result = execute(sql, params, many, context)
    connection = context["connection"]
    if written is None:
        everything_written()
    else:
        tables_written(connection, written)
    return result


def _watch_connection(sender: Any, connection: Any, **kwargs: Any) -> None:
    # First in the list: `connection.execute_wrapper()` blocks pop the last one.
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


def install() -> None:
    """Watch every connection opened from now on (called by the core app)."""
    connection_created.connect(_watch_connection, dispatch_uid="page_cache_watch")


# -- the request ----------------------------------------------------------------


class PageCacheMiddleware:
    """Watches what each GET request reads and notes where the write counter stood
    when it began. Placed right after the session middleware, before anything
    reads the user."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "GET" or not enabled():
            return self.get_response(request)
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)  # no one signed in: nothing is kept
        request.page_cache_writes = versions([WRITES])[0]  # type: ignore[attr-defined]
        token = _reading.set(set())
        try:
            return self.get_response(request)
        finally:
            _reading.reset(token)


@dataclass(frozen=True)
class _Entry:
    tables: tuple[str, ...]
    versions: tuple[Any, ...]
    status: int
    headers: tuple[tuple[str, str], ...]
    content: bytes

    def response(self) -> HttpResponse:
        response = HttpResponse(self.content, status=self.status)
        for name, value in self.headers:
            response.headers[name] = value
        return response


def _key(request: HttpRequest) -> str | None:
    """The entry's key for this request, or None when it must go to the view."""
    if request.method != "GET" or not enabled():
        return None
    if not hasattr(request, "page_cache_writes") or _reading.get() is None:
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    from django.db import connections

    for conn in connections.all(initialized_only=True):
        if conn.in_atomic_block and not _in_test_transaction(conn):
            return None  # the request's own transaction: its writes are not counted yet
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    if not csrf:
        return None  # the page would carry a token for a cookie the browser lacks
    session = request.session
    if request.COOKIES.get("messages") or session.get("_messages"):
        return None  # a message waits to be shown on this page
    kept = sorted(
        (name, repr(value))
        for name, value in session.items()
        if name not in IGNORED_SESSION_KEYS
    )
    parts = [
        request.get_full_path(),
        getattr(request, "LANGUAGE_CODE", ""),
        timezone.localtime().strftime("%Y-%m-%d %H"),
        session.session_key or "",
        repr(kept),
        csrf,
        repr(sorted(i for i in request.headers.items() if i[0].lower()[:3] == "hx-")),
        str(user.pk),
    ]  # fmt: skip
    return ENTRY_PREFIX + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _fresh(entry: Any) -> bool:
    return isinstance(entry, _Entry) and versions(entry.tables) == entry.versions


def _keep(key: str, request: HttpRequest, response: HttpResponse) -> None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return
    reading = _reading.get()
    if reading is None:
        return
    tables = tuple(sorted((reading - IGNORED_TABLES) | {EVERYTHING}))
    current = _known_versions((*tables, WRITES))
    if current[-1] != request.page_cache_writes:  # type: ignore[attr-defined]
        return  # something was written while the page was built
    cache.set(
        key,
        _Entry(
            tables=tables,
            versions=current[:-1],
            status=response.status_code,
            headers=tuple(response.headers.items()),
            content=response.content,
        ),
        ENTRY_SECONDS,
    )


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's last response to this session while nothing it read has
    changed. Put it under the access declaration: the permission is checked on
    every request, cached or not."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = _key(request)
        if key is None:
            return view(request, *args, **kwargs)
        entry = cache.get(key)
        if _fresh(entry):
            return entry.response()
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and not response.is_rendered:
            response.render()
        _keep(key, request, response)
        return response

    wrapped.page_cache = True  # type: ignore[attr-defined]
    return wrapped
