"""The acting user, as services and selectors see it.

`core` sits below `accounts`, so the type is a Protocol of what the access policy
and the history read: a signed-in `accounts.User`, Django's anonymous user on a
public page, or a stand-in with the same attributes in a command or a task.
Services that also run without anyone acting (migrations, seeds) take
`Actor | None`.
"""

from __future__ import annotations

from typing import Any, Protocol


class Actor(Protocol):
    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...
