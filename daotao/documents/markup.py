"""The plain-text body an office types, turned into rendering blocks.

One line, one block: "1. Tiêu đề" / "2.1. Tiêu đề" / "I. TIÊU ĐỀ" are headings (level by
depth), "Điều 3. …" is an article, "- …" or "+ …" lines form a list, a line that is
only "---" breaks the page, anything else is a paragraph.
"""

from __future__ import annotations

import re
from typing import Any

_ROMAN = re.compile(r"^(?P<num>[IVXLC]+)\.\s+(?P<text>.+)$")
_NUMBERED = re.compile(r"^(?P<num>\d+(?:\.\d+)*)\.\s+(?P<text>.+)$")
_ARTICLE = re.compile(r"^Điều\s+(?P<num>\d+)\.\s*(?P<text>.*)$")
_LIST_ITEM = re.compile(r"^[-+•]\s+(?P<text>.+)$")


def parse_body(text: str) -> list[dict[str, Any]]:
    """Blocks for the renderer; blank lines are dropped, list items are grouped."""
    blocks: list[dict[str, Any]] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if line == "---":
            blocks.append({"kind": "page_break"})
        elif match := _ARTICLE.match(line):
            blocks.append(
                {"kind": "article", "number": int(match["num"]), "text": match["text"]}
            )
        elif match := _LIST_ITEM.match(line):
            if blocks and blocks[-1]["kind"] == "list":
                blocks[-1]["items"].append(match["text"])
            else:
                blocks.append({"kind": "list", "items": [match["text"]]})
        elif _ROMAN.match(line):
            blocks.append({"kind": "heading", "level": 1, "text": line})
        elif match := _NUMBERED.match(line):
            depth = match["num"].count(".") + 1
            level = min(depth + 1, 3) if _has_roman_headings(blocks) else min(depth, 3)
            blocks.append({"kind": "heading", "level": level, "text": line})
        else:
            blocks.append({"kind": "paragraph", "text": line})
    return blocks


def _has_roman_headings(blocks: list[dict[str, Any]]) -> bool:
    return any(
        b["kind"] == "heading" and _ROMAN.match(b["text"]) is not None for b in blocks
    )
