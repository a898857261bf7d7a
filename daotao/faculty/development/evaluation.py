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


# Checks of what already holds a lecturer's days (published sessions, in
# `teaching`): function(lecturer, first day, last day) → messages, none if free.
BusyCheck = Callable[[Any, Any, Any], list[str]]
_BUSY: list[BusyCheck] = []


def register_busy_check(check: BusyCheck) -> None:
    if check not in _BUSY:
        _BUSY.append(check)


def busy(lecturer: Any, first: Any, last: Any) -> list[str]:
    return [message for check in _BUSY for message in check(lecturer, first, last)]
