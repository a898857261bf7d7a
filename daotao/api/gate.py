"""What every API call goes through before and after its operation: the token
identified, the client's rate limit, the history row, and the ETag (ADR 0036).

The API's routes are declared public for the session-based access walk: a call
carries no session and is authenticated by its bearer token, and an operation
without a valid token answers 401 (never a redirect to the login page)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import URLPattern
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.translation import gettext as _

from daotao.api import selectors, services
from daotao.core.access import public
from daotao.core.ratelimit import over_limit_for_key

UNKNOWN = object()


def bearer_token(request: HttpRequest) -> str:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def identified_client(request: HttpRequest) -> Any:
    """The client of the request's token (looked up once per request), or None."""
    client = getattr(request, "api_client", UNKNOWN)
    if client is UNKNOWN:
        token = bearer_token(request)
        client = selectors.client_for_token(token) if token else None
        request.api_client = client  # type: ignore[attr-defined]
    return client


def _limited(client: Any) -> HttpResponse | None:
    window = getattr(settings, "API_RATE_WINDOW", 60)
    if not over_limit_for_key(
        scope="api",
        key=client.token_hash,
        limit=getattr(settings, "API_RATE_LIMIT", 120),
        window=window,
    ):
        return None
    response = JsonResponse(
        {"detail": _("Ứng dụng gọi quá nhiều lần; hãy thử lại sau.")}, status=429
    )
    # The counter's window began at most `window` seconds ago.
    response["Retry-After"] = str(window)
    return response


def _with_etag(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if getattr(response, "streaming", False):
        return response
    etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    patch_vary_headers(response, ("Authorization",))
    return get_conditional_response(request, etag=etag, response=response)


def through_gate(callback: Callable[..., HttpResponse]) -> Callable[..., Any]:
    def gated(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        client = identified_client(request)
        response = _limited(client) if client is not None else None
        if response is None:
            response = _with_etag(request, callback(request, *args, **kwargs))
        if client is not None:
            services.api_call_record(
                client=client,
                method=request.method or "",
                path=request.get_full_path(),
                status=response.status_code,
            )
        return response

    gated.csrf_exempt = True  # type: ignore[attr-defined]
    gated.__name__ = getattr(callback, "__name__", "api_view")
    return public(gated)


def gated_patterns(patterns: list[Any]) -> list[URLPattern]:
    """Ninja's URL patterns, each callback put through the gate."""
    return [
        URLPattern(p.pattern, through_gate(p.callback), p.default_args, p.name)
        for p in patterns
    ]
