"""Session lifetimes: 30 minutes idle (renewed at most once a minute), 12 hours
absolute; the second factor for the roles that need it."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

LOGIN_AT_KEY = "daotao_login_at"
SEEN_AT_KEY = "daotao_seen_at"
# How often a request renews the idle timer: saving the session on every request
# would cost a database write per page view for no gain in safety.
RENEW_EVERY_SECONDS = 60


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT_KEY)
            seen = request.session.get(SEEN_AT_KEY)
            now = timezone.now().timestamp()
            limit = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()
            # The session store expires idle sessions too (the database by its
            # expire_date, Redis by its TTL); checked here as well, so the rule does
            # not depend on the store's clock.
            idle = seen is not None and now - float(seen) > settings.SESSION_COOKIE_AGE
            if started is None or now - float(started) > limit or idle:
                logout(request)
            elif now - float(request.session.get(SEEN_AT_KEY, 0)) > RENEW_EVERY_SECONDS:
                request.session[SEEN_AT_KEY] = now  # saved, so the cookie is renewed
        return self.get_response(request)


# Pages an unverified user of a second-factor role may still open (besides the
# public ones): the code page, enrolment, and signing out.
SECOND_FACTOR_OPEN = frozenset(
    {"accounts:second-factor", "accounts:second-factor-setup", "accounts:logout"}
)


class SecondFactorMiddleware:
    """Roles that sign, approve, lock, issue or administer pass a second factor
    before any page but the public ones (docs/adr/0023)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], *args: Any
    ) -> HttpResponse | None:
        from daotao.accounts import second_factor
        from daotao.core.access import declared_access_of

        match = request.resolver_match
        if match is not None and match.view_name in SECOND_FACTOR_OPEN:
            # The code pages show no to-do count: nothing is open before the code.
            request.second_factor_step = True
            return None
        access = declared_access_of(view)
        if access is not None and access.kind == "public":
            return None
        if not second_factor.requires_second_factor(request.user):
            return None
        if second_factor.is_verified(request):
            return None
        device = second_factor.remembered_device(request)
        if device is not None:
            second_factor.mark_verified(request, device)
            return None
        target = (
            "accounts:second-factor"
            if second_factor.confirmed_totp(request.user)
            else "accounts:second-factor-setup"
        )
        return redirect(
            f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
        )
