"""Figures for the role dashboards, each narrowed to the viewer's scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from daotao.core.access import has_permission, scope_for
from daotao.org.models import Agency, Unit
from daotao.people.models import Person


@dataclass(frozen=True)
class DashboardFigures:
    people: int | None
    party_members: int | None
    agencies: int | None
    units: int | None


def dashboard_figures(*, actor: Any) -> DashboardFigures:
    """Counts the actor may see; None where the role has no view of that area."""
    people = party = agencies = units = None
    if has_permission(actor, "people.view_person"):
        in_scope = Person.objects.filter(scope_for(actor, "people.view_person").q())
        people = in_scope.count()
        party = in_scope.filter(party_joined_on__isnull=False).count()
    if has_permission(actor, "org.view_agency"):
        scope = scope_for(actor, "org.view_agency")
        agencies = Agency.objects.filter(
            scope.q(agency_field="id"), valid_to__isnull=True
        ).count()
    if has_permission(actor, "org.view_unit"):
        units = Unit.objects.filter(
            scope_for(actor, "org.view_unit").q(agency_field="id"),
            valid_to__isnull=True,
        ).count()
    return DashboardFigures(
        people=people, party_members=party, agencies=agencies, units=units
    )
