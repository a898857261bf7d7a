"""Session lifetimes: 30 minutes idle (renewed at most once a minute), 12 hours
absolute."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
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
