"""What each lecturer may teach, read for the lecturer pages of `faculty` (which
sits below this app and asks through `faculty.topics`)."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.db.models import Count, Q, QuerySet

from daotao.faculty.models import Lecturer
from daotao.faculty.topics import Choices
from daotao.programs.models import Topic


def topic_label(topic: Topic, *, single: bool) -> str:
    """A module with one topic is named by the module; otherwise by both."""
    module = topic.module
    head = f"{module.code} {module.name}".strip()
    return head if single else f"{head} — {topic.name}"


def _with_programme(topics: QuerySet[Topic]) -> QuerySet[Topic]:
    return topics.select_related("module__block__version__program").annotate(
        siblings=Count("module__topics")
    )


def _grouped(topics: Any) -> list[tuple[Any, list[tuple[Topic, str]]]]:
    return [
        (
            version,
            [(t, topic_label(t, single=t.siblings == 1)) for t in items],
        )
        for version, items in groupby(topics, key=lambda t: t.module.block.version)
    ]


def _programme_order(topics: QuerySet[Topic]) -> QuerySet[Topic]:
    return topics.order_by(
        "module__block__version__program__sort_key",
        "module__block__version__label",
        "module__block__position",
        "module__position",
        "position",
    )


class LecturerTopicCatalogue:
    """The `faculty.topics.TopicCatalogue` this app registers."""

    def known_ids(self, *, school_id: int, ids: list[int]) -> set[int]:
        return set(
            Topic.objects.filter(
                pk__in=ids, module__block__version__program__school_id=school_id
            ).values_list("pk", flat=True)
        )

    def choices(self, *, school_id: int, keep: tuple[int, ...]) -> Choices:
        topics = Topic.objects.filter(
            module__block__version__program__school_id=school_id
        ).filter(~Q(module__block__version__status="retired") | Q(pk__in=keep))
        return [
            (str(version), [(topic.pk, label) for topic, label in items])
            for version, items in _grouped(_programme_order(_with_programme(topics)))
        ]

    def by_programme(
        self, *, lecturer: Lecturer
    ) -> list[tuple[Any, list[tuple[Topic, str]]]]:
        preferred = set(lecturer.preferred_topics.values_list("pk", flat=True))
        topics = list(_programme_order(_with_programme(lecturer.topics.all())))
        for topic in topics:
            topic.is_preferred = topic.pk in preferred
        return _grouped(topics)
