"""The year's research figures for the school's figures page (reports:figures):
grouped counts, a constant number of queries whatever the number of rows."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Q

from daotao.core.actors import Actor
from daotao.research.models import (
    Conference,
    Delegate,
    Paper,
    ResearchOutput,
    ResearchTopic,
)

VIEW_TOPIC = "research.view_topic"
VIEW_CONFERENCE = "research.view_conference"
VIEW_PAPER = "research.view_paper"


def topics_by_level(*, actor: Actor, year: int) -> dict[str, dict[str, int]]:
    """Topics starting in `year`, by level: how many, and how many of them
    accepted (nghiệm thu). One query."""
    return {
        row.pop("level"): row
        for row in ResearchTopic.objects.visible_to(actor, VIEW_TOPIC)
        .filter(starts_on__year=year)
        .values("level")
        .annotate(
            topics=Count("id"),
            accepted=Count("id", filter=Q(status=ResearchTopic.Status.ACCEPTED)),
        )
        .order_by()
    }


def outputs_by_kind(*, actor: Actor, year: int) -> dict[str, int]:
    """Publications of `year` per kind (ResearchOutput.Kind). One query."""
    return {
        row["kind"]: row["outputs"]
        for row in ResearchOutput.objects.visible_to(actor, VIEW_TOPIC)
        .filter(year=year)
        .values("kind")
        .annotate(outputs=Count("id"))
        .order_by()
    }


def conference_figures(*, actor: Actor, year: int) -> list[dict[str, Any]]:
    """Each conference starting in `year`: the papers sent to it, those accepted,
    and its delegates. Three queries (conferences, papers and delegates grouped by
    conference), whatever the number of papers and delegates."""
    conferences = Conference.objects.visible_to(actor, VIEW_CONFERENCE).filter(
        starts_on__year=year
    )
    papers = {
        row["conference_id"]: row
        for row in Paper.objects.visible_to(actor, VIEW_PAPER)
        .filter(conference__in=conferences)
        .values("conference_id")
        .annotate(
            papers=Count("id"),
            accepted=Count("id", filter=Q(status=Paper.Status.ACCEPTED)),
        )
        .order_by()
    }
    delegates = dict(
        Delegate.objects.visible_to(actor, VIEW_CONFERENCE)
        .filter(conference__in=conferences)
        .values("conference_id")
        .annotate(delegates=Count("id"))
        .values_list("conference_id", "delegates")
        .order_by()
    )
    return [
        {
            "title": conference.title,
            "starts_on": conference.starts_on,
            "papers": papers.get(conference.pk, {}).get("papers", 0),
            "accepted": papers.get(conference.pk, {}).get("accepted", 0),
            "delegates": delegates.get(conference.pk, 0),
        }
        for conference in conferences.order_by("starts_on", "id").only(
            "title", "starts_on"
        )
    ]


def research_by_school(
    *, actor: Actor, starts: datetime.date, ends: datetime.date
) -> dict[int, dict[str, int]]:
    """Per school in reach, between `starts` and `ends`: research topics started
    ("topics") and accepted among them ("accepted"); conferences opened
    ("conferences"), the papers sent to them ("papers") and accepted
    ("papers_accepted"). Three grouped queries, whatever the number of schools."""
    figures: dict[int, dict[str, int]] = {}

    def add(rows: Any) -> None:
        for row in rows:
            figures.setdefault(row.pop("school_id"), {}).update(row)

    add(
        ResearchTopic.objects.visible_to(actor, VIEW_TOPIC)
        .filter(starts_on__range=(starts, ends))
        .values("school_id")
        .annotate(
            topics=Count("id"),
            accepted=Count("id", filter=Q(status=ResearchTopic.Status.ACCEPTED)),
        )
        .order_by()
    )
    conferences = Conference.objects.visible_to(actor, VIEW_CONFERENCE).filter(
        starts_on__range=(starts, ends)
    )
    add(conferences.values("school_id").annotate(conferences=Count("id")).order_by())
    add(
        Paper.objects.visible_to(actor, VIEW_PAPER)
        .filter(conference__in=conferences)
        .values("school_id")
        .annotate(
            papers=Count("id"),
            papers_accepted=Count("id", filter=Q(status=Paper.Status.ACCEPTED)),
        )
        .order_by()
    )
    return figures
