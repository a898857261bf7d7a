"""What higher apps say about a room's use, so org can check a change to a room
without importing them.

`org` sits below the apps that book rooms (teaching) and must not import them;
they register a check here from their `AppConfig.ready()`. Before a room's
capacity shrinks or the room is retired or closed for some days, the org services
ask every check and refuse the change if any answers (in Vietnamese).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RoomChange:
    """A proposed change: the room with its new capacity, whether it stays in
    use, and the days it would be closed (None: no closure)."""

    room: Any
    capacity: int
    is_active: bool
    closed: tuple[datetime.date, datetime.date] | None = None


_CHECKS: list[Callable[[RoomChange], list[str]]] = []


def register_use_check(check: Callable[[RoomChange], list[str]]) -> None:
    """Add a check answering what the change would break (empty: nothing)."""
    if check not in _CHECKS:
        _CHECKS.append(check)


def room_change_problems(change: RoomChange) -> list[str]:
    """Every registered check's answer for `change`, in registration order."""
    return [problem for check in _CHECKS for problem in check(change)]
