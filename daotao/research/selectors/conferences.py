"""Reads on conferences, their delegations and delegates, narrowed to the acting
user's scope; and the public conferences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.research.models import (
    Conference,
    Delegate,
    Delegation,
    InvitedOrganisation,
)
from daotao.research.selectors.scope import get_or_404

VIEW_TOPIC = "research.view_topic"
MANAGE_TOPIC = "research.manage_topic"
VIEW_CONFERENCE = "research.view_conference"
MANAGE_CONFERENCE = "research.manage_conference"
CHECK_IN = "research.check_in_delegate"


# --- Conferences ---------------------------------------------------------------------


def conference_list(*, actor: Actor) -> QuerySet[Conference]:
    """Conferences in scope, newest first (a school holds a few a year: no search)."""
    return (
        Conference.objects.visible_to(actor, VIEW_CONFERENCE)
        .annotate(
            delegate_count=Count("delegates", distinct=True),
            delegation_count=Count("delegations", distinct=True),
        )
        .order_by("-starts_on", "id")
    )


def get_conference_for_view(actor: Actor, pk: int) -> Conference:
    return get_or_404(Conference.objects.visible_to(actor, VIEW_CONFERENCE), pk)


def get_conference_for_change(actor: Actor, pk: int) -> Conference:
    return get_or_404(Conference.objects.visible_to(actor, MANAGE_CONFERENCE), pk)


def get_conference_for_check_in(actor: Actor, pk: int) -> Conference:
    return get_or_404(Conference.objects.visible_to(actor, CHECK_IN), pk)


def get_delegation_for_change(actor: Actor, pk: int) -> Delegation:
    return get_or_404(
        Delegation.objects.visible_to(actor, MANAGE_CONFERENCE).select_related(
            "conference", "organisation"
        ),
        pk,
    )


def get_delegate_for_change(actor: Actor, pk: int) -> Delegate:
    return get_or_404(
        Delegate.objects.visible_to(actor, MANAGE_CONFERENCE).select_related(
            "conference", "delegation__organisation"
        ),
        pk,
    )


def get_delegate_for_check_in(actor: Actor, token: str) -> Delegate:
    """The delegate of a badge token, if the actor may check in at its conference."""
    delegate = (
        Delegate.objects.visible_to(actor, CHECK_IN)
        .filter(badge_token=token[:40])
        .select_related("conference", "delegation__organisation")
        .first()
    )
    if delegate is None:
        raise Http404
    return delegate


# Groups in the order the report lists them (the Academy first), not by code.
_GROUP_RANK = Case(
    *(
        When(organisation__group=group, then=Value(rank))
        for rank, group in enumerate(InvitedOrganisation.Group.values)
    ),
    default=Value(len(InvitedOrganisation.Group.values)),
)


def delegations(*, conference: Conference) -> QuerySet[Delegation]:
    """The conference's delegations by group, then in the conference's own order
    (then by name), with counts and liaisons."""
    return (
        conference.delegations.select_related("organisation")
        .annotate(
            delegate_count=Count("delegates", distinct=True),
            checked_in_count=Count(
                "delegates",
                filter=Q(delegates__checked_in_at__isnull=False),
                distinct=True,
            ),
        )
        .prefetch_related("liaison_rows__lecturer__person")
        .annotate(group_rank=_GROUP_RANK)
        .order_by("group_rank", "position", "organisation__sort_key", "id")
    )


def contact_sheet(*, conference: Conference) -> list[dict]:
    """Per delegation: its leader (contacts) and its liaison lecturers (contacts)."""
    rows = delegations(conference=conference).prefetch_related(
        Prefetch(
            "delegates",
            queryset=Delegate.objects.filter(role=Delegate.Role.LEADER),
            to_attr="leaders",
        )
    )
    return [
        {
            "delegation": delegation,
            "leader": delegation.leaders[0] if delegation.leaders else None,
            "liaisons": [row.lecturer for row in delegation.liaison_rows.all()],
        }
        for delegation in rows
    ]


def organisations(*, school_id: int) -> QuerySet[InvitedOrganisation]:
    return InvitedOrganisation.objects.filter(school_id=school_id).order_by(
        "group", "sort_key", "id"
    )


@dataclass(frozen=True)
class DelegateFilter:
    query: str = ""
    delegation_id: int | None = None
    group: str = ""
    role: str = ""
    checked_in: bool | None = None


def delegate_list(
    *, conference: Conference, filters: DelegateFilter | None = None
) -> QuerySet[Delegate]:
    """The conference's delegates in Vietnamese name order."""
    filters = filters or DelegateFilter()
    delegates = conference.delegates.all()
    if filters.query:
        delegates = delegates.filter(search_key__contains=search_key(filters.query))
    if filters.delegation_id:
        delegates = delegates.filter(delegation_id=filters.delegation_id)
    if filters.group:
        delegates = delegates.filter(delegation__organisation__group=filters.group)
    if filters.role:
        delegates = delegates.filter(role=filters.role)
    if filters.checked_in is not None:
        delegates = delegates.filter(checked_in_at__isnull=not filters.checked_in)
    return delegates.select_related("delegation__organisation").order_by(
        "sort_key", "id"
    )


def attendance_by_group(*, conference: Conference) -> list[dict]:
    """Per organisation group: delegates expected and checked in, in group order."""
    rows = (
        conference.delegates.values("delegation__organisation__group")
        .annotate(
            expected=Count("id"),
            present=Count("id", filter=Q(checked_in_at__isnull=False)),
        )
        .order_by()
    )
    counts = {r["delegation__organisation__group"]: r for r in rows}
    return [
        {
            "group": group,
            "label": label,
            "expected": counts[group]["expected"],
            "present": counts[group]["present"],
        }
        for group, label in InvitedOrganisation.Group.choices
        if group in counts
    ]


def public_conferences(*, at: Any) -> QuerySet[Conference]:
    """Conferences whose registration is open at `at` (no scope: a public page)."""
    return Conference.objects.filter(
        registration_opens_at__lte=at, registration_closes_at__gt=at
    ).order_by("starts_on", "id")


def public_conference(*, slug: str) -> Conference:
    conference = Conference.objects.filter(slug=slug).first()
    if conference is None:
        raise Http404
    return conference
