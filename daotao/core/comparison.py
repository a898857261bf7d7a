"""The questions an app beside `reports` adds to the schools' comparison
(reports:comparison): the standard-school self-assessment sits beside reports,
so it registers its table here from its `AppConfig.ready()` (the pattern of
`core.todo`); `core` knows no app, reports reads them through `registered()`.

A table is lines, each a label and a value per school id, read for all the
schools at once in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from daotao.core.actors import Actor

# (actor, year, school ids) → [(label, {school id: value})]
Lines = Callable[[Actor, int, list[int]], list[tuple[str, dict[int, Any]]]]


@dataclass(frozen=True)
class ComparedTable:
    """One question: its key (the Excel link's), the permission its rows are read
    with, its texts (marked with gettext_noop, translated when shown) and its
    lines; `drawn` the lines drawn as bars per school (at most two)."""

    key: str
    permission: str
    title: str
    note: str
    item: str
    lines: Lines
    drawn: tuple[int, ...] = (0,)


_tables: dict[str, ComparedTable] = {}


def register(table: ComparedTable) -> None:
    """Add an app's table (replaces one of the same key)."""
    _tables[table.key] = table


def registered() -> list[ComparedTable]:
    return list(_tables.values())
