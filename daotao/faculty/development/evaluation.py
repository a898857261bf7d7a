"""What the annual evaluation reads from apps above `faculty`.

The hours of the year live in `ledger`, research works in `research` and observed
lessons in `teaching`, all above this app; each registers here, from its
`AppConfig.ready()`, a function that gives its figure for a list of lecturers in a
year (the pattern of `faculty.profile`). A figure nobody registered is read as
none (no norm, no research, no observation).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

# key → function(lecturer ids, year) → {lecturer id: value}; for HOURS the year is
# the ledger's school year (the year it starts), for the others the calendar year
Source = Callable[[Sequence[int], int], dict[int, Any]]

HOURS = "hours"  # value: (hours done, norm hours or None)
RESEARCH = "research"  # value: number of works
OBSERVATION = "observation"  # value: average score (Decimal) of observed lessons

_SOURCES: dict[str, Source] = {}


def register_source(key: str, source: Source) -> None:
    _SOURCES[key] = source


def figures(key: str, lecturer_ids: Sequence[int], year: int) -> dict[int, Any]:
    source = _SOURCES.get(key)
    return source(lecturer_ids, year) if source else {}
