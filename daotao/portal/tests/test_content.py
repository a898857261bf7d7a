"""Rich text is sanitised: the usual XSS payloads come out harmless."""

import pytest

from daotao.portal.content import paragraphs_html, plain_text, sanitise_html, slug_for

PAYLOADS = [
    "<script>alert(1)</script><p>Chữ</p>",
    '<p onclick="alert(1)">Chữ</p>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">bấm</a>',
    '<a href="JaVaScRiPt:alert(1)">bấm</a>',
    '<a href="jav&#x09;ascript:alert(1)">bấm</a>',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    "<svg><script>alert(1)</script></svg>",
    '<p style="background:url(javascript:alert(1))">Chữ</p>',
    '<div style="width: expression(alert(1))">Chữ</div>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">bấm</a>',
    '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="https://evil.example"><input name="a"></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<style>@import "https://evil.example/x.css";</style>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<a href="vbscript:msgbox(1)">bấm</a>',
]
DANGEROUS = (
    "<script", "onerror", "onload", "onclick", "javascript:", "vbscript:",
    "data:", "style", "expression", "<iframe", "<object", "<embed", "<form",
    "<svg", "<base", "<meta", "<math",
)  # fmt: skip


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_are_neutralised(payload):
    clean = sanitise_html(payload)
    lowered = clean.lower()
    assert not [word for word in DANGEROUS if word in lowered], clean
    assert sanitise_html(clean) == clean


def test_ordinary_rich_text_survives():
    body = (
        "<h2>Kết quả</h2><p><strong>400</strong> đại biểu, <em>25</em> tham luận.</p>"
        '<ul><li>Một</li></ul><a href="https://thanhhoa.gov.vn/">Tỉnh</a>'
        '<img src="/media/a.jpg" alt="Ảnh">'
    )
    assert sanitise_html(body) == (
        "<h2>Kết quả</h2><p><strong>400</strong> đại biểu, <em>25</em> tham luận.</p>"
        '<ul><li>Một</li></ul><a href="https://thanhhoa.gov.vn/" '
        'rel="noopener noreferrer">Tỉnh</a><img src="/media/a.jpg" alt="Ảnh">'
    )


def test_plain_text_and_paragraphs():
    assert plain_text("<p>Hội&nbsp;thảo <b>khoa học</b></p><script>x()</script>") == (
        "Hội thảo khoa học"
    )
    assert paragraphs_html("Dòng <1>\n\n  Dòng   2 ") == (
        "<p>Dòng &lt;1&gt;</p>\n<p>Dòng 2</p>"
    )


def test_slug_from_a_vietnamese_title():
    assert slug_for("Hội thảo khoa học “Đổi mới” năm 2014") == (
        "hoi-thao-khoa-hoc-doi-moi-nam-2014"
    )
    assert len(slug_for("Đào tạo " * 60)) <= 200
    assert not slug_for("Đào tạo " * 60).endswith("-")
