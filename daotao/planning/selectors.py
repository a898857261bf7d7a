"""Reads of plans, scoped to the actor's school."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.text import collation_key
from daotao.planning.models import PlannedClass, PlanReviewStep, Quota, TrainingPlan

# A year's figures count what was decided: a plan (or supplement) still a draft,
# submitted or returned is work in progress, not yet the year's plan.
APPROVED = TrainingPlan.Status.APPROVED


def plan_list(*, actor: Actor) -> QuerySet[TrainingPlan]:
    return (
        TrainingPlan.objects.visible_to(actor, "planning.view_plan")
        .annotate(
            class_count=Count("classes", distinct=True),
            planned_total=Sum("classes__planned_size"),
        )
        .order_by("-year", "supplement_number")
    )


def plan_supplements(*, plan: TrainingPlan) -> list[TrainingPlan]:
    """The supplementary plans of the year shown with `plan` (its own, for a main
    plan; the main plan's others, for a supplement), each with its classes."""
    main_id = plan.main_plan_id or plan.pk
    return list(
        TrainingPlan.objects.filter(main_plan_id=main_id)
        .exclude(pk=plan.pk)
        .annotate(
            class_count=Count("classes", distinct=True),
            planned_total=Sum("classes__planned_size"),
        )
        .prefetch_related("classes__site")
        .order_by("supplement_number")
    )


def get_plan_for_view(actor: Actor, pk: int) -> TrainingPlan:
    plan = (
        TrainingPlan.objects.visible_to(actor, "planning.view_plan")
        .filter(pk=pk)
        .select_related("approved_by", "document", "main_plan", "school")
        .first()
    )
    if plan is None:
        raise Http404
    return plan


def plan_review_steps(*, plan: TrainingPlan) -> list[PlanReviewStep]:
    """The plan's way to approval, in order (the plan was read in the actor's
    scope)."""
    return list(plan.review_steps.select_related("actor").order_by("at", "id"))


def plan_last_return(*, plan: TrainingPlan) -> PlanReviewStep | None:
    """The comment the plan was last sent back with, while it is a draft again."""
    if plan.status != TrainingPlan.Status.DRAFT:
        return None
    return (
        plan.review_steps.filter(kind=PlanReviewStep.Kind.RETURNED)
        .select_related("actor")
        .order_by("-at", "-id")
        .first()
    )


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
                filter=Q(nominations__status__in=ACTIVE_NOMINATIONS),
                distinct=True,
            ),
            # The "actual" side as cohorts open: learners admitted to the class.
            admitted=Count(
                "nominations",
                filter=Q(nominations__status="admitted"),
                distinct=True,
            ),
        )
        .order_by("position", "starts_on", "id")
    )


ACTIVE_NOMINATIONS = ["submitted", "checked", "admitted"]


def plan_totals_by_program(classes: list[PlannedClass]) -> list[dict[str, Any]]:
    """Plan vs actual per programme, from `plan_classes` rows: classes planned and
    opened, places planned, nominated and admitted."""
    totals: dict[int, dict[str, Any]] = {}
    for planned in classes:
        program = planned.program_version.program
        row = totals.setdefault(
            program.pk,
            {
                "name": program.name,
                "classes": 0,
                "opened": 0,
                "size": 0,
                "nominated": 0,
                "admitted": 0,
            },
        )
        row["classes"] += 1
        row["opened"] += 1 if planned.admitted else 0
        row["size"] += planned.planned_size
        row["nominated"] += planned.nominated
        row["admitted"] += planned.admitted
    return sorted(totals.values(), key=lambda row: collation_key(row["name"]))


def plan_totals_by_agency(*, plan: TrainingPlan) -> list[dict[str, Any]]:
    """Per sending agency given places in the plan: places, nominated, admitted."""
    return _agency_totals(
        Quota.objects.filter(planned_class__plan=plan),
        PlannedClass.objects.filter(plan=plan),
        quota_holders_only=True,
    )


def _agency_totals(
    quotas: QuerySet[Quota],
    classes: QuerySet[PlannedClass],
    *,
    quota_holders_only: bool,
) -> list[dict[str, Any]]:
    """Per sending agency of `classes`: the places of `quotas`, the active
    nominations and the admitted ones (two grouped queries), in the agencies'
    Vietnamese order; an agency that nominated without places is listed unless
    `quota_holders_only`."""
    rows = {
        row["agency_id"]: {
            "name": row["agency__name"],
            "sort_key": row["agency__sort_key"],
            "places": row["places"] or 0,
            "nominated": 0,
            "admitted": 0,
        }
        for row in quotas.values("agency_id", "agency__name", "agency__sort_key")
        .annotate(places=Sum("places"))
        .order_by()
    }
    counts = (
        classes.filter(nominations__isnull=False)
        .values(
            "nominations__agency_id",
            "nominations__agency__name",
            "nominations__agency__sort_key",
        )
        .annotate(
            nominated=Count(
                "nominations", filter=Q(nominations__status__in=ACTIVE_NOMINATIONS)
            ),
            admitted=Count("nominations", filter=Q(nominations__status="admitted")),
        )
        .order_by()
    )
    for count in counts:
        agency_id = count["nominations__agency_id"]
        if agency_id not in rows and quota_holders_only:
            continue
        line = rows.setdefault(
            agency_id,
            {
                "name": count["nominations__agency__name"],
                "sort_key": count["nominations__agency__sort_key"],
                "places": 0,
            },
        )
        line["nominated"] = count["nominated"]
        line["admitted"] = count["admitted"]
    return sorted(rows.values(), key=lambda row: row["sort_key"])


def get_planned_class(actor: Actor, pk: int, permission: str) -> PlannedClass:
    planned = (
        PlannedClass.objects.visible_to(actor, permission)
        .select_related("plan", "program_version__program", "site")
        .filter(pk=pk)
        .first()
    )
    if planned is None:
        raise Http404
    return planned


# --- The school's figures (reports:figures): a year's plans at a glance ------------


def year_plan_by_program(*, actor: Actor, year: int) -> list[dict[str, Any]]:
    """Per programme, over the approved plans of `year` in the actor's reach:
    classes planned and opened, places planned, learners admitted (two grouped
    queries, whatever the number of classes)."""
    classes = PlannedClass.objects.visible_to(actor, "planning.view_plan").filter(
        plan__year=year, plan__status=APPROVED
    )
    planned = (
        classes.values("program_version__program_id", "program_version__program__name")
        .annotate(classes=Count("id"), places=Sum("planned_size"))
        .order_by()
    )
    done = {
        row["program_version__program_id"]: row
        for row in classes.values("program_version__program_id")
        .annotate(
            opened=Count("cohort", distinct=True),
            admitted=Count(
                "nominations", filter=Q(nominations__status="admitted"), distinct=True
            ),
        )
        .order_by()
    }
    rows = []
    for row in planned:
        actual = done.get(row["program_version__program_id"], {})
        rows.append(
            {
                "name": row["program_version__program__name"],
                "classes": row["classes"],
                "opened": actual.get("opened", 0),
                "places": row["places"] or 0,
                "admitted": actual.get("admitted", 0),
            }
        )
    return sorted(rows, key=lambda row: collation_key(row["name"]))


def year_plan_by_agency(*, actor: Actor, year: int) -> list[dict[str, Any]]:
    """Per sending agency, over the approved plans of `year` in the actor's reach:
    places given, nominated and admitted (two grouped queries)."""
    permission = "planning.view_plan"
    return _agency_totals(
        Quota.objects.visible_to(actor, permission).filter(
            planned_class__plan__year=year, planned_class__plan__status=APPROVED
        ),
        PlannedClass.objects.visible_to(actor, permission).filter(
            plan__year=year, plan__status=APPROVED
        ),
        quota_holders_only=False,
    )


def plan_years(*, actor: Actor) -> list[int]:
    """The years of the plans in the actor's reach, newest first."""
    return list(
        TrainingPlan.objects.visible_to(actor, "planning.view_plan")
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
