"""Rich text in and out: the one sanitiser every article and page body passes
through, plain text for search and summaries, and slugs from Vietnamese titles."""

from __future__ import annotations

import html
import re

import nh3
from django.utils.text import slugify

from daotao.core.text import search_key

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "h2", "h3", "h4", "blockquote", "ul", "ol", "li", "a", "img", "figure",
        "figcaption", "table", "thead", "tbody", "tr", "th", "td", "caption",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# No javascript:, data: or vbscript: anywhere; relative links stay allowed.
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def sanitise_html(raw: str) -> str:
    """Return `raw` with only the allowed tags and attributes: no script, no event
    handler, no style, no dangerous URL. Applying it twice changes nothing."""
    return nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


# A body holding any of these was written as HTML (by the editor, or by hand);
# anything else is text typed into the plain textarea (no JavaScript).
_BLOCK_TAG = re.compile(
    r"<\s*(p|br|h[1-6]|ul|ol|li|table|blockquote|figure|hr|div|img)\b", re.I
)


def body_html(raw: str) -> str:
    """The sanitised HTML of a body as typed: HTML as it is; plain text typed
    without the editor in paragraphs, one per run of lines between blank lines
    (a single line break kept as <br>)."""
    if not raw.strip():
        return ""
    if not _BLOCK_TAG.search(raw):
        chunks = re.split(r"\n\s*\n", raw.replace("\r\n", "\n").strip())
        raw = "\n".join(
            "<p>" + "<br>".join(line.strip() for line in chunk.splitlines()) + "</p>"
            for chunk in chunks
            if chunk.strip()
        )
    return sanitise_html(raw)


def plain_text(fragment: str) -> str:
    """The text of an HTML fragment, tags removed and whitespace collapsed."""
    text = nh3.clean(fragment, tags=set(), clean_content_tags={"script", "style"})
    return " ".join(html.unescape(text).split())


def paragraphs_html(text: str) -> str:
    """Plain text (a report's body) as escaped paragraphs, one per non-empty line."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(f"<p>{html.escape(line)}</p>" for line in lines if line)


def slug_for(title: str, *, max_length: int = 200) -> str:
    """ "Hội thảo khoa học" → "hoi-thao-khoa-hoc" (đ as d), cut at a word boundary."""
    slug = slugify(search_key(title)) or "bai-viet"
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug
