"""The test suite's way through the second factor: a confirmed device, verified on
the client's session (what passing the code page leaves behind)."""

import base64
from typing import Any
from urllib.parse import urlsplit

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


def pass_second_factor_in_browser(page: Any, user: Any) -> None:
    """After the password in a browser test: type the app's current code on the
    code page, as the person would (the user gets a device first if needed)."""
    from daotao.accounts.second_factor import requires_second_factor

    if not requires_second_factor(user):
        return
    device = confirmed_device(user)
    # A code is accepted once per 30-second step; the same person signing in again
    # within the step would have to wait for the next code.
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0
    )
    device.refresh_from_db()
    page.wait_for_url(lambda url: "/xac-thuc-hai-buoc/" in url)
    address = urlsplit(page.url)
    if address.path.endswith("/thiet-lap/"):
        # No device yet when the password was taken (so the enrolment page): now
        # there is one, so the code page, towards the same next page.
        page.goto(
            f"{address.scheme}://{address.netloc}/xac-thuc-hai-buoc/?{address.query}"
        )
    page.fill("#id_token", current_code(device))
    page.click("form:has(#id_token) button[type=submit]")
    page.wait_for_url(
        lambda url: not urlsplit(url).path.startswith("/xac-thuc-hai-buoc/")
    )


def enrol_second_factor_in_browser(page: Any) -> None:
    """On the enrolment page a new user of a second-factor role is sent to: read the
    key shown for manual entry, type the app's code, and continue past the recovery
    codes (what a person with an authenticator app does)."""
    page.wait_for_url(lambda url: "/xac-thuc-hai-buoc/thiet-lap/" in url)
    secret = page.locator("code").first.inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.fill("#id_token", f"{TOTP(key).token():06d}")
    page.click("form:has(#id_token) button[type=submit]")
    page.click("a:has-text('Tiếp tục')")
