"""What is waiting for a user: the to-do items each app contributes.

An app that knows of work waiting for someone registers a provider here from its
`AppConfig.ready()` (the pattern of `faculty.topics`): a function of the acting
user that returns the items of that app's own rows, read through `visible_to`
(row scope) in a fixed number of queries, and nothing when the user holds none of
the permissions the work needs. `core` knows no app; the start page, the bell,
the notifications page and the daily digest read the items through `todo_for`.

An app that shows a user the state of their own work on the start page (a
lecturer's next sessions, a learner's class) registers a summary the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from daotao.core.actors import Actor


@dataclass(frozen=True)
class ToDo:
    """One thing to do, a link to where it is done.

    `key` names the item across days (`<app>.<kind>:<row id>`, a version suffix
    where the same row can want work again): the digest records it once sent.
    `group` is the heading the item is listed under (several items of a kind).
    """

    key: str
    group: str
    title: str
    url: str
    note: str = ""
    # News rather than work: gone once the user opened it (TodoMark.read_at).
    read_once: bool = False


@dataclass(frozen=True)
class Summary:
    """A card of the start page about the user's own work."""

    key: str
    title: str
    lines: tuple[str, ...]
    url: str = ""
    link_label: str = ""
    is_empty: bool = False


Provider = Callable[[Any], Iterable[ToDo]]
SummaryProvider = Callable[[Any], Iterable[Summary]]

_providers: dict[str, Provider] = {}
_summaries: dict[str, SummaryProvider] = {}


def register(name: str, provider: Provider) -> None:
    """Install an app's to-do provider under `name` (replaces one of that name)."""
    _providers[name] = provider


def register_summary(name: str, provider: SummaryProvider) -> None:
    """Install an app's start-page summary under `name` (replaces one)."""
    _summaries[name] = provider


def providers() -> dict[str, Provider]:
    return dict(_providers)


def todo_for(actor: Actor) -> list[ToDo]:
    """Every item waiting for the actor, provider by provider in the order they
    were registered (the apps' order), each provider's own order kept."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return []
    items: list[ToDo] = []
    for provider in _providers.values():
        items.extend(provider(actor))
    once = [item.key for item in items if item.read_once]
    if once:
        from daotao.core.models import TodoMark

        read = set(
            TodoMark.objects.filter(
                user_id=actor.pk, key__in=once, read_at__isnull=False
            ).values_list("key", flat=True)
        )
        items = [item for item in items if item.key not in read]
    return items


def mark_read(*, user: Any, key: str) -> None:
    """Record that the user opened the item (an item to read once is then gone)."""
    from django.utils import timezone

    from daotao.core.models import TodoMark

    mark, _created = TodoMark.objects.get_or_create(user_id=user.pk, key=key[:120])
    if mark.read_at is None:
        mark.read_at = timezone.now()
        mark.save(update_fields=["read_at"])


def summaries_for(actor: Actor) -> list[Summary]:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return []
    cards: list[Summary] = []
    for provider in _summaries.values():
        cards.extend(provider(actor))
    return cards


def grouped(items: Iterable[ToDo]) -> list[tuple[str, list[ToDo]]]:
    """The items under their headings, headings in first-seen order."""
    groups: dict[str, list[ToDo]] = {}
    for item in items:
        groups.setdefault(item.group, []).append(item)
    return list(groups.items())


# --- The daily digest -----------------------------------------------------------------


def has_digest(user: Any) -> bool:
    from daotao.core.models import DigestSubscription

    return DigestSubscription.objects.filter(user_id=user.pk).exists()


def digest_set(*, user: Any, enabled: bool) -> None:
    """Turn the user's daily e-mail of what is waiting for them on or off."""
    from daotao.core.models import DigestSubscription

    if enabled:
        DigestSubscription.objects.get_or_create(user_id=user.pk)
    else:
        DigestSubscription.objects.filter(user_id=user.pk).delete()


def digest_items(user: Any) -> list[ToDo]:
    """The user's items never sent to them by e-mail."""
    from daotao.core.models import TodoMark

    items = todo_for(user)
    sent = set(
        TodoMark.objects.filter(
            user_id=user.pk,
            key__in=[item.key for item in items],
            mailed_at__isnull=False,
        ).values_list("key", flat=True)
    )
    return [item for item in items if item.key not in sent]


def digest_sent(*, user: Any, items: Iterable[ToDo], at: Any) -> None:
    """Record the items as mailed to the user (so they are never mailed again)."""
    from daotao.core.models import TodoMark

    for item in items:
        mark, _created = TodoMark.objects.get_or_create(user_id=user.pk, key=item.key)
        if mark.mailed_at is None:
            mark.mailed_at = at
            mark.save(update_fields=["mailed_at"])
