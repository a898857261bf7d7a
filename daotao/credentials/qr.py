"""The QR code printed on a credential: it encodes the absolute verification URL."""

from __future__ import annotations

from io import BytesIO

import segno
from django.http import HttpRequest
from django.urls import reverse


def verification_url(request: HttpRequest, code: str) -> str:
    """The absolute URL of the public verification page for `code`."""
    return request.build_absolute_uri(reverse("credential-verify", args=[code]))


def verification_qr(url: str) -> segno.QRCode:
    return segno.make(url)


def qr_svg(url: str) -> bytes:
    buffer = BytesIO()
    verification_qr(url).save(buffer, kind="svg", scale=4, xmldecl=True)
    return buffer.getvalue()


def qr_png(url: str) -> bytes:
    buffer = BytesIO()
    verification_qr(url).save(buffer, kind="png", scale=8)
    return buffer.getvalue()
