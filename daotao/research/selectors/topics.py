"""Reads on research topics and their outputs, narrowed to the acting user's scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from daotao.core.actors import Actor
from daotao.core.models import AuditEvent
from daotao.core.text import search_key
from daotao.research.models import (
    ResearchOutput,
    ResearchTopic,
)
from daotao.research.selectors.scope import get_or_404

VIEW_TOPIC = "research.view_topic"
MANAGE_TOPIC = "research.manage_topic"
VIEW_CONFERENCE = "research.view_conference"
MANAGE_CONFERENCE = "research.manage_conference"
CHECK_IN = "research.check_in_delegate"


# --- Topics --------------------------------------------------------------------------


@dataclass(frozen=True)
class TopicFilter:
    query: str = ""
    level: str = ""
    status: str = ""
    year: int | None = None


def topic_list(
    *, actor: Actor, filters: TopicFilter | None = None
) -> QuerySet[ResearchTopic]:
    """Topics in scope, newest first, then by code."""
    filters = filters or TopicFilter()
    topics = ResearchTopic.objects.visible_to(actor, VIEW_TOPIC)
    if filters.query:
        key = search_key(filters.query)
        topics = topics.filter(
            Q(search_key__contains=key) | Q(leader__person__search_key__contains=key)
        )
    if filters.level:
        topics = topics.filter(level=filters.level)
    if filters.status:
        topics = topics.filter(status=filters.status)
    if filters.year:
        topics = topics.filter(
            starts_on__year__lte=filters.year, ends_on__year__gte=filters.year
        )
    return topics.select_related("leader__person").order_by("-starts_on", "code")


def get_topic_for_view(actor: Actor, pk: int) -> ResearchTopic:
    return get_or_404(
        ResearchTopic.objects.visible_to(actor, VIEW_TOPIC).select_related(
            "leader__person", "leader__unit"
        ),
        pk,
    )


def get_topic_for_change(actor: Actor, pk: int) -> ResearchTopic:
    return get_or_404(ResearchTopic.objects.visible_to(actor, MANAGE_TOPIC), pk)


HISTORY_LABELS = {
    "research.topic_create": _("Đăng ký đề tài"),
    "research.topic_update": _("Sửa thông tin đề tài"),
    "research.topic_transition": _("Chuyển trạng thái"),
    "research.topic_accept": _("Nghiệm thu"),
}


def topic_history(*, topic: ResearchTopic) -> list[AuditEvent]:
    """The topic's audit events, oldest first, each with a Vietnamese `label`."""
    events = list(
        AuditEvent.objects.filter(
            object_type="research.researchtopic", object_id=str(topic.pk)
        )
        .select_related("actor")
        .order_by("occurred_at", "id")
    )
    labels = dict(ResearchTopic.Status.choices)
    for event in events:
        event.label = HISTORY_LABELS.get(event.action, event.action)
        step = (event.changes or {}).get("status")
        if isinstance(step, list) and len(step) == 2:
            old, new = step
            event.label = (
                f"{event.label}: {labels.get(old, old)} → {labels.get(new, new)}"
            )
    return events


def topic_outputs(*, topic: ResearchTopic) -> QuerySet[ResearchOutput]:
    return topic.outputs.prefetch_related("authors__person").order_by("-year", "id")


def output_list(*, actor: Actor) -> QuerySet[ResearchOutput]:
    return (
        ResearchOutput.objects.visible_to(actor, VIEW_TOPIC)
        .select_related("topic")
        .prefetch_related("authors__person")
        .order_by("-year", "title")
    )


def lecturer_research(*, lecturer: Any) -> dict:
    """The lecturer's topics (led or joined) and outputs, for the profile page."""
    topics = (
        ResearchTopic.objects.filter(Q(leader=lecturer) | Q(members=lecturer))
        .distinct()
        .order_by("-starts_on", "code")
    )
    outputs = ResearchOutput.objects.filter(authors=lecturer).order_by("-year", "id")
    return {
        "topics": list(topics),
        "outputs": list(outputs),
        "topic_count": len(topics),
        "output_count": len(outputs),
    }


def research_for_evaluation(lecturer_ids: Any, year: int) -> dict[int, int]:
    """Works of each lecturer in `year`: outputs published that year plus topics
    accepted (nghiệm thu) that year that they led or joined; for the annual
    evaluation (`faculty.development`). Two queries."""
    counts: dict[int, int] = dict.fromkeys(lecturer_ids, 0)
    for lecturer_id in ResearchOutput.objects.filter(
        authors__in=list(lecturer_ids), year=year
    ).values_list("authors", flat=True):
        counts[lecturer_id] += 1
    accepted = ResearchTopic.objects.filter(
        status="accepted", accepted_on__year=year
    ).filter(Q(leader__in=list(lecturer_ids)) | Q(members__in=list(lecturer_ids)))
    pairs = set()
    for leader_id, member_id, topic_id in accepted.values_list(
        "leader_id", "members", "pk"
    ):
        pairs.update((pk, topic_id) for pk in (leader_id, member_id) if pk in counts)
    for pk, _topic_id in pairs:
        counts[pk] += 1
    return counts
