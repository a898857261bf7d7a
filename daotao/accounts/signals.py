"""Receivers for Django's auth signals: session bookkeeping and security log lines."""

import logging
from typing import Any

from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from daotao.accounts.middleware import LOGIN_AT_KEY, SEEN_AT_KEY
from daotao.accounts.models import UserSession
from daotao.core.network import client_ip

security_log = logging.getLogger("daotao.security")


def _ip(request: HttpRequest | None) -> str | None:
    return (client_ip(request) or None) if request is not None else None


@receiver(user_logged_in)
def on_logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    now = timezone.now().timestamp()
    # A new sign-in starts both clocks: the absolute lifetime and the idle timer.
    request.session[LOGIN_AT_KEY] = now
    request.session[SEEN_AT_KEY] = now
    request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key,
        defaults={"user": user, "ip_address": _ip(request)},
    )
    security_log.info(
        "login",
        extra={"event": "login", "user": user.pk, "ip": _ip(request), "result": "ok"},
    )


@receiver(user_logged_out)
def on_logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if request is not None and request.session.session_key:
        UserSession.objects.filter(session_key=request.session.session_key).delete()


@receiver(user_login_failed)
def on_login_failed(
    sender: Any, credentials: dict, request: HttpRequest | None = None, **kwargs: Any
) -> None:
    security_log.warning(
        "login failed",
        extra={
            "event": "login_failed",
            "username": credentials.get("username", ""),
            "ip": _ip(request),
            "result": "failed",
        },
    )
