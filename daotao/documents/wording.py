"""Wording as data: placeholders filled from a draft's values, and the wording files
of documents drafted without a `DocumentTemplate` (docs/adr/0027)."""

from __future__ import annotations

import functools
import json
import string
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from daotao.core.text import normalize

__all__ = ["fill", "head_of", "load_wording", "lower_first"]


class _Values(dict):
    """Placeholders the data does not have stay visible, e.g. "{plan_symbol}"."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(text: str, values: Mapping[str, Any]) -> str:
    """The wording with its {placeholders} filled from `values`."""
    return normalize(string.Formatter().vformat(text, (), _Values(values)))


def lower_first(text: str) -> str:
    """ "Phòng Quản lý đào tạo" → "phòng Quản lý đào tạo" (inside a sentence)."""
    return text[:1].lower() + text[1:]


def head_of(unit_name: str) -> str:
    """The head of a unit as named in a decision: "Trưởng phòng Quản lý đào tạo…",
    "Trưởng khoa Xây dựng Đảng"."""
    return f"Trưởng {lower_first(unit_name)}"


@functools.cache
def load_wording(path: Path) -> Mapping[str, Any]:
    """The wording kept in a JSON file beside the app that drafts the document."""
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)
