"""Reads of plans, scoped to the actor's school."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from daotao.core.access import scope_for
from daotao.planning.models import PlannedClass, Quota, TrainingPlan


def plan_list(*, actor: Any) -> QuerySet[TrainingPlan]:
    return (
        TrainingPlan.objects.filter(
            scope_for(actor, "planning.view_plan").q(agency_field="id")
        )
        .annotate(
            class_count=Count("classes", distinct=True),
            planned_total=Sum("classes__planned_size"),
        )
        .order_by("-year")
    )


def get_plan_for_view(actor: Any, pk: int) -> TrainingPlan:
    plan = (
        TrainingPlan.objects.filter(
            scope_for(actor, "planning.view_plan").q(agency_field="id"), pk=pk
        )
        .select_related("approved_by", "document")
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def plan_classes(*, plan: TrainingPlan) -> QuerySet[PlannedClass]:
    """The classes with their quotas, quota total, and nominations received."""
    return (
        plan.classes.select_related("program_version__program", "site")
        .prefetch_related("quotas__agency")
        .annotate(
            # Subqueries: joining quotas and nominations at once would multiply rows.
            quota_total=Coalesce(
                Subquery(
                    Quota.objects.filter(planned_class=OuterRef("pk"))
                    .values("planned_class")
                    .annotate(total=Sum("places"))
                    .values("total")
                ),
                0,
            ),
            nominated=Count(
                "nominations",
                filter=Q(nominations__status__in=["submitted", "checked", "admitted"]),
            ),
        )
        .order_by("position", "starts_on", "id")
    )


def get_planned_class(actor: Any, pk: int, permission: str) -> PlannedClass:
    planned = (
        PlannedClass.objects.filter(scope_for(actor, permission).q(agency_field="id"))
        .select_related("plan", "program_version__program", "site")
        .filter(pk=pk)
        .first()
    )
    if planned is None:
        raise Http404
    return planned
