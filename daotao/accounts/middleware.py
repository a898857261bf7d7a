"""The absolute session lifetime (12 hours) on top of the idle timeout."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

LOGIN_AT_KEY = "daotao_login_at"


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT_KEY)
            now = timezone.now().timestamp()
            limit = settings.SESSION_ABSOLUTE_LIFETIME.total_seconds()
            if started is None or now - float(started) > limit:
                logout(request)
        return self.get_response(request)
