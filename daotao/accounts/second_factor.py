"""Two-factor sign-in (quality S6): TOTP from an authenticator app, with one-time
recovery codes, through django-otp (docs/adr/0023).

Who needs it is derived from the permission table: any role holding one of
SECOND_FACTOR_PERMISSIONS (signing, approving, locking scores, issuing credentials,
administering). A verified session lasts as long as the session; a device the user
chose to remember skips the code for TWO_FACTOR_REMEMBER_DAYS.
"""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.history import audit_record

# The one list: holding any of these makes a second factor required.
SECOND_FACTOR_PERMISSIONS = (
    "documents.sign_document",
    "documents.publish_document",
    "planning.approve_plan",
    "planning.review_plan",
    "assessment.lock_scores",
    "assessment.amend_scores",
    "credentials.issue_credential",
    "core.use_admin",
    "accounts.manage_user",
)
RECOVERY_CODE_COUNT = 10
REMEMBER_COOKIE = "daotao_2fa"
_REMEMBER_SALT = "daotao.accounts.second-factor.remember"
_VERIFIED_USER_KEY = "daotao_2fa_user"
DEVICE_NAME = "Ứng dụng xác thực"


def requires_second_factor(user: Any) -> bool:
    """Whether `user` must pass a second factor (and the setting enforces it)."""
    if not settings.TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    return any(has_permission(user, name) for name in SECOND_FACTOR_PERMISSIONS)


def is_verified(request: HttpRequest) -> bool:
    """Whether this session passed a second factor for its current user."""
    session = request.session
    return bool(session.get(DEVICE_ID_SESSION_KEY)) and session.get(
        _VERIFIED_USER_KEY
    ) == getattr(request.user, "pk", None)


def mark_verified(request: HttpRequest, device: Any) -> None:
    otp_login(request, device)
    request.session[_VERIFIED_USER_KEY] = request.user.pk


def confirmed_totp(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def verify_token(user: Any, token: str) -> Any:
    """The device that accepts `token` (a 6-digit TOTP code or a recovery code, which
    is used up), or None. django-otp throttles repeated failures per device."""
    token = token.strip().replace(" ", "")
    if token.isdigit() and len(token) == 6:
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
    else:
        devices = StaticDevice.objects.filter(user=user, confirmed=True)
    with transaction.atomic():
        for device in devices:
            if device.verify_is_allowed()[0] and device.verify_token(token):
                return device
    return None


# --- Enrolment ---------------------------------------------------------------------


def pending_totp(user: Any) -> TOTPDevice:
    """The unconfirmed device being enrolled (made on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(
        user=user, name=DEVICE_NAME, confirmed=False
    )


def secret_text(device: TOTPDevice) -> str:
    """The key as authenticator apps take it typed in (base32, in groups of four)."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_data_uri(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5)


def second_factor_enrol(*, actor: Actor, device: TOTPDevice, token: str) -> list[str]:
    """Confirm `device` with a code from the app; replace the user's other devices;
    return fresh recovery codes (shown once). Raises ValueError on a wrong code."""
    if device.user_id != actor.pk or not device.verify_token(token.strip()):
        raise ValueError("wrong code")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = recovery_codes_replace(actor=actor)
        audit_record(actor=actor, action="accounts.second_factor_enrol", instance=actor)
    return codes


def recovery_codes_replace(*, actor: Actor) -> list[str]:
    """New recovery codes for `actor` (the old ones stop working)."""
    with transaction.atomic():
        StaticDevice.objects.filter(user=actor).delete()
        static = StaticDevice.objects.create(
            user=actor, name="Mã khôi phục", confirmed=True
        )
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            [StaticToken(device=static, token=code) for code in codes]
        )
    return codes


# --- Remembered devices ------------------------------------------------------------


def _remember_value(user: Any, device: Any) -> str:
    # The session hash changes with the password: a new password forgets devices.
    return f"{user.pk}:{device.persistent_id}:{user.get_session_auth_hash()[:20]}"


def remember_device(response: HttpResponse, user: Any, device: Any) -> None:
    response.set_signed_cookie(
        REMEMBER_COOKIE,
        _remember_value(user, device),
        salt=_REMEMBER_SALT,
        max_age=settings.TWO_FACTOR_REMEMBER_DAYS * 86400,
        secure=not settings.DEBUG,
        httponly=True,
        samesite="Lax",
    )


def remembered_device(request: HttpRequest) -> Any:
    """The user's device named by a valid, unexpired remember cookie, or None."""
    try:
        value = request.get_signed_cookie(
            REMEMBER_COOKIE,
            salt=_REMEMBER_SALT,
            max_age=settings.TWO_FACTOR_REMEMBER_DAYS * 86400,
        )
    except (KeyError, signing.BadSignature):
        return None
    user = request.user
    device = confirmed_totp(user)
    if device is None or value != _remember_value(user, device):
        return None
    return device
