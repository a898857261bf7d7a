"""The topics (chuyên đề) a lecturer may teach, as the app that owns them tells.

Topics belong to the programmes app, which sits above this one: it declares the
lecturer relations on its `Topic` (so `lecturer.topics` and
`lecturer.preferred_topics` are its reverse accessors) and registers a catalogue
here from its `AppConfig.ready()`. Without one, no topic is known (fail closed).
"""

from __future__ import annotations

from typing import Any, Protocol

# (group label, [(topic id, label), …]) for a grouped choice field.
Choices = list[tuple[str, list[tuple[int, str]]]]


class TopicCatalogue(Protocol):
    def known_ids(self, *, school_id: int, ids: list[int]) -> set[int]:
        """Of `ids`, the topics of the school's programmes."""

    def choices(self, *, school_id: int, keep: tuple[int, ...]) -> Choices:
        """The school's topics in versions not retired, plus `keep`, grouped."""

    def by_programme(self, *, lecturer: Any) -> list[tuple[Any, list]]:
        """(version, [(topic, label), …]) of what the lecturer may teach, with
        `is_preferred` set on each topic."""


class _NoTopics:
    def known_ids(self, *, school_id: int, ids: list[int]) -> set[int]:
        return set()

    def choices(self, *, school_id: int, keep: tuple[int, ...]) -> Choices:
        return []

    def by_programme(self, *, lecturer: Any) -> list[tuple[Any, list]]:
        return []


_catalogue: list[TopicCatalogue] = [_NoTopics()]


def register_catalogue(catalogue: TopicCatalogue) -> None:
    """Install the catalogue the lecturer pages and services ask (replaces any)."""
    _catalogue[0] = catalogue


def catalogue() -> TopicCatalogue:
    return _catalogue[0]
