"""The test suite's way through the second factor: a confirmed device, verified on
the client's session (what passing the code page leaves behind)."""

from typing import Any

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from daotao.accounts.second_factor import _VERIFIED_USER_KEY


def confirmed_device(user: Any) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="thử", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def verify_second_factor(client: Client, user: Any) -> None:
    device = confirmed_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session[_VERIFIED_USER_KEY] = user.pk
    session.save()
