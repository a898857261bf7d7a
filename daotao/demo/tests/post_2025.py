"""What a 2026 text must not name: a district-level body (abolished 1/7/2025), a body
merged away in 2025, the Academy's or the programme's former names, or a province
merged into another (org/data/provinces-2025.csv, after Nghị quyết 202/2025/QH15)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

PROVINCES = Path(__file__).resolve().parents[2] / "org" / "data" / "provinces-2025.csv"


def merged_provinces() -> list[str]:
    """The names of the provinces that no longer exist under their own name."""
    with PROVINCES.open(encoding="utf-8") as handle:
        return [
            row["old_name"]
            for row in csv.DictReader(handle)
            if row["old_name"] != row["new_name"]
        ]


_DISTRICT = (
    r"[Hh]uyện ủy",
    r"[Tt]hị ủy",
    r"[Tt]hành ủy (?:Thanh Hóa|Sầm Sơn)",
    r"(?:UBND|Ủy ban nhân dân) (?:huyện|thị xã)",
    r"\bhuyện\b",
    r"\bthị xã\b",
    r"cấp huyện",
    r"Tĩnh Gia",
)
_MERGED_BODIES = (
    r"Ban Tuyên giáo Tỉnh ủy",
    r"Ban Dân vận Tỉnh ủy",
    r"Đảng ủy [Kk]hối",
    r"HVCT-HCQG",
    # The programme's name before the Academy renamed it.
    r"lý luận chính trị - hành chính",
)


def _pattern() -> re.Pattern[str]:
    provinces = (rf"(?<![\w]){re.escape(name)}(?![\w])" for name in merged_provinces())
    return re.compile("|".join([*_DISTRICT, *_MERGED_BODIES, *provinces]))


PATTERN = _pattern()


def outdated_names(text: str) -> list[str]:
    """Every outdated name `text` mentions, in order."""
    return [match.group(0) for match in PATTERN.finditer(text)]
