"""The QR code printed on a credential: it encodes the absolute verification URL."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from daotao.core.qr import qr_png, qr_svg

__all__ = ["qr_png", "qr_svg", "verification_url"]


def verification_url(request: HttpRequest, code: str) -> str:
    """The absolute URL of the public verification page for `code`."""
    return request.build_absolute_uri(reverse("credential-verify", args=[code]))
