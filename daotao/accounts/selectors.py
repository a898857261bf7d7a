"""Reads of users and their roles for the administrator's pages."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from daotao.accounts.models import Membership, User
from daotao.core.access import home_school_id
from daotao.core.actors import Actor


def user_list(*, actor: Actor, query: str = "") -> QuerySet[User]:
    """Users holding a role in the actor's school, with those roles (unit, agency)
    prefetched: the same number of queries for 10 users or 1,000."""
    school_id = home_school_id(actor, "accounts.view_user")
    in_school = Membership.objects.filter(school_id=school_id)
    users = User.objects.filter(memberships__school_id=school_id).distinct()
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(display_name__icontains=query)
            | Q(email__icontains=query)
        )
    return users.order_by("username").prefetch_related(
        Prefetch(
            "memberships",
            queryset=in_school.select_related("unit", "agency").order_by("role"),
            to_attr="school_memberships",
        )
    )
