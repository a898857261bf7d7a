"""QR codes of URLs: SVG for pages, PNG for printing."""

import struct

import segno
from defusedxml import ElementTree

from daotao.core.qr import qr_png, qr_svg

URL = "https://truong.example.vn/xac-minh/Q7kz-2Xw9/"


def test_svg_is_a_document_or_inline_markup():
    document = qr_svg(URL)
    assert document.startswith(b"<?xml")
    inline = qr_svg(URL, scale=6, inline=True)
    assert inline.startswith(b"<svg")
    root = ElementTree.fromstring(inline)
    width, height = segno.make(URL).symbol_size(scale=6)
    assert (root.get("width"), root.get("height")) == (str(width), str(height))


def test_png_has_the_size_of_the_symbol_of_that_url():
    png = qr_png(URL, scale=8)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == segno.make(URL).symbol_size(scale=8)
    assert qr_png(URL + "x") != png
