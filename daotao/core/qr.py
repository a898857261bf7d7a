"""QR codes of URLs the system built (check-in, verification, badges), with segno.

Only URLs we build reach these functions, so the SVG can be inlined in a page."""

from __future__ import annotations

from io import BytesIO

import segno


def qr_svg(url: str, *, scale: int = 4, inline: bool = False) -> bytes:
    """An SVG of the QR code for `url`; `inline` leaves out the XML declaration
    so the markup can sit inside an HTML page."""
    buffer = BytesIO()
    segno.make(url).save(
        buffer, kind="svg", scale=scale, xmldecl=not inline, svgns=True
    )
    return buffer.getvalue()


def qr_png(url: str, *, scale: int = 8) -> bytes:
    """A PNG of the QR code for `url` (for DOCX/PDF printing)."""
    buffer = BytesIO()
    segno.make(url).save(buffer, kind="png", scale=scale)
    return buffer.getvalue()
