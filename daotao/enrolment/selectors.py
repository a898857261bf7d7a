"""Reads of nominations and cohorts, narrowed to the actor's scope (a coordinator
sees their own agency only)."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from daotao.core.actors import Actor
from daotao.enrolment.models import Cohort, Enrollment, Nomination
from daotao.planning.models import PlannedClass, Quota, TrainingPlan

ACTIVE = ["submitted", "checked", "admitted"]


def open_classes(*, actor: Actor) -> QuerySet[PlannedClass]:
    """Classes of approved plans the actor may nominate into or review, with the
    places and nominations in the actor's reach."""
    permission = "enrolment.view_nomination"
    # A coordinator's classes come through their quotas as an id subquery
    # (visible_to), so no class repeats and no DISTINCT is needed.
    classes = PlannedClass.objects.visible_to(actor, permission).filter(
        plan__status=TrainingPlan.Status.APPROVED
    )
    quotas = Quota.objects.visible_to(actor, permission).filter(
        planned_class=OuterRef("pk")
    )
    nominations = Nomination.objects.visible_to(actor, permission).filter(
        planned_class=OuterRef("pk"), status__in=ACTIVE
    )
    return (
        classes.select_related("program_version__program", "site", "plan")
        .annotate(
            places=Coalesce(
                Subquery(
                    quotas.values("planned_class")
                    .annotate(total=Sum("places"))
                    .values("total")
                ),
                0,
            ),
            nominated=Coalesce(
                Subquery(
                    nominations.values("planned_class")
                    .annotate(total=Count("id"))
                    .values("total")
                ),
                0,
            ),
        )
        .order_by("starts_on", "code")
    )


def open_class_list(
    *, actor: Actor, year: int | None, today: datetime.date
) -> QuerySet[PlannedClass]:
    """`open_classes` of the plan of `year`, or without a year those of this
    year's plan and later ones (earlier plans are behind the year filter)."""
    classes = open_classes(actor=actor).select_related(None)
    classes = classes.select_related("program_version__program", "site").only(
        # what the list shows: fewer columns parsed and models built
        "code",
        "name",
        "mode",
        "starts_on",
        "ends_on",
        "program_version__program__name",
        "site__name",
    )
    if year:
        return classes.filter(plan__year=year)
    return classes.filter(plan__year__gte=today.year)


def cohorts_of_year(
    cohorts: QuerySet[Cohort], *, year: int | None, today: datetime.date
) -> QuerySet[Cohort]:
    """The cohorts starting in `year`, or without a year those not finished and
    those starting this year or later (older ones are behind the year filter)."""
    if year:
        return cohorts.filter(starts_on__year=year)
    return cohorts.filter(
        ~Q(status=Cohort.Status.FINISHED) | Q(starts_on__year__gte=today.year)
    )


def get_open_class(actor: Actor, pk: int) -> PlannedClass:
    planned = open_classes(actor=actor).filter(pk=pk).first()
    if planned is None:
        raise Http404
    return planned


def class_nominations(
    *, actor: Actor, planned_class: PlannedClass
) -> QuerySet[Nomination]:
    return (
        Nomination.objects.visible_to(actor, "enrolment.view_nomination")
        .filter(planned_class=planned_class)
        .select_related("person", "agency")
        .prefetch_related("overrides")
        .order_by("person__sort_key", "person_id")
    )


def get_nomination(actor: Actor, pk: int, permission: str) -> Nomination:
    nomination = (
        Nomination.objects.visible_to(actor, permission)
        .filter(pk=pk)
        .select_related("person", "agency", "planned_class", "rule_set__legal_basis")
        .prefetch_related("overrides__decided_by")
        .first()
    )
    if nomination is None:
        raise Http404
    return nomination


def get_cohort(actor: Actor, pk: int) -> Cohort:
    cohort = (
        Cohort.objects.visible_to(actor, "enrolment.view_cohort")
        .filter(pk=pk)
        .select_related("site", "program_version__program", "summons_document")
        .distinct()
        .first()
    )
    if cohort is None:
        raise Http404
    return cohort


def cohort_roster(*, actor: Actor, cohort: Cohort) -> QuerySet[Enrollment]:
    """The roster in its Vietnamese order; a coordinator sees their agency's lines."""
    return (
        cohort.enrollments.visible_to(actor, "enrolment.view_cohort")
        .select_related("person", "agency", "nomination")
        .defer("nomination__eligibility")  # each check's result, not shown here
        .order_by("position")
    )


def late_admission_candidates(*, cohort: Cohort) -> list[Nomination]:
    """Nominees of the cohort's class checked and eligible (or accepted as special
    cases) after the cohort was formed: what a supplementary decision would add,
    in Vietnamese name order. A checked nomination is never yet enrolled."""
    from daotao.enrolment.services.eligibility import is_eligible

    checked = (
        Nomination.objects.filter(
            planned_class_id=cohort.planned_class_id, status="checked"
        )
        .select_related("person", "agency")
        .prefetch_related("overrides")
        .order_by("person__sort_key", "person_id")
    )
    return [n for n in checked if is_eligible(n)]


def cohort_supplementary_decisions(*, cohort: Cohort) -> QuerySet:
    """The supplementary summons decisions (QĐ bổ sung) of the cohort, oldest first."""
    from daotao.documents.models import OutgoingDocument

    return OutgoingDocument.objects.filter(
        pk__in=cohort.enrollments.filter(summons_document__isnull=False).values(
            "summons_document"
        )
    ).order_by("created_at", "id")


def cohort_list(*, actor: Actor) -> QuerySet[Cohort]:
    """The cohorts in reach, newest first, each with its `size`: a subquery per
    row shown (PostgreSQL evaluates it after the LIMIT; a count of the list
    leaves it out), not a join and GROUP BY over every enrolment of the list."""
    sizes = (
        Enrollment.objects.filter(cohort=OuterRef("pk"))
        .order_by()
        .values("cohort")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Cohort.objects.visible_to(actor, "enrolment.view_cohort")
        .annotate(size=Coalesce(Subquery(sizes), 0))
        .select_related("summons_document")
        # what the list shows: fewer columns parsed (a decision's whole text)
        .only("code", "name", "starts_on", "summons_document__symbol")
        .order_by("-starts_on", "code")
    )


def agency_people(*, actor: Actor, agency_id: int) -> QuerySet:
    """Persons of the agency that the actor may nominate (for the online form)."""
    from daotao.people.models import Person

    return (
        Person.objects.visible_to(actor, "enrolment.nominate")
        .filter(agency_id=agency_id)
        .select_related("agency")
        .order_by("sort_key", "id")
    )


def nomination_status_counts(*, planned_class: PlannedClass, actor: Actor) -> dict:
    rows = (
        Nomination.objects.visible_to(actor, "enrolment.view_nomination")
        .filter(planned_class=planned_class)
        .values("status")
        .annotate(n=Count("id"))
    )
    return {row["status"]: row["n"] for row in rows}


def quota_agencies(*, actor: Actor, planned_class: PlannedClass) -> QuerySet:
    """Agencies given places in the class that the actor may nominate for."""
    from daotao.org.models import Agency

    return (
        Agency.objects.visible_to(actor, "enrolment.nominate")
        .filter(quotas__planned_class=planned_class)
        .order_by("sort_key", "id")
    )


def nomination_history(*, nomination: Nomination) -> list:
    """The nomination's audit events, oldest first: its own, and the event of the
    sheet it was imported with (one per import, on the class, listing the ids)."""
    from daotao.core.models import AuditEvent
    from daotao.enrolment.services.nominations import IMPORT_ACTION

    events = list(
        AuditEvent.objects.filter(
            object_type="enrolment.nomination", object_id=str(nomination.pk)
        ).select_related("actor")
    )
    if nomination.source == Nomination.Source.SHEET:
        imports = AuditEvent.objects.filter(
            action=IMPORT_ACTION,
            object_type="planning.plannedclass",
            object_id=str(nomination.planned_class_id),
        ).select_related("actor")
        events += [
            event
            for event in imports
            if nomination.pk in (event.changes.get("nominations") or [None, []])[1]
        ]
    return sorted(events, key=lambda event: (event.occurred_at, event.id))


# --- The school's figures (reports:figures) --------------------------------------

# Reviewed: the training office has checked the nomination against the rules,
# whatever it decided.
REVIEWED = ["checked", "admitted", "rejected"]


def nomination_funnel(*, actor: Actor, year: int) -> dict[str, int]:
    """The nominations into the classes of `year`'s plans in the actor's reach:
    nominated, reviewed, admitted, and admitted learners whose cohort has
    finished. One query."""
    return (
        Nomination.objects.visible_to(actor, "enrolment.view_nomination")
        .filter(planned_class__plan__year=year)
        .aggregate(
            nominated=Count("id"),
            checked=Count("id", filter=Q(status__in=REVIEWED)),
            admitted=Count("id", filter=Q(status="admitted")),
            finished=Count(
                "id",
                filter=Q(
                    status="admitted",
                    enrollment__cohort__status=Cohort.Status.FINISHED,
                ),
            ),
        )
    )


def classes_by_school(
    *, actor: Actor, starts: datetime.date, ends: datetime.date
) -> list[dict]:
    """The cohorts in reach starting between `starts` and `ends`, per school and
    programme kind: classes and learners. One grouped query, whatever the number
    of schools and learners."""
    return list(
        Cohort.objects.visible_to(actor, "enrolment.view_cohort")
        .filter(starts_on__range=(starts, ends))
        .values("school_id", kind=F("program_version__program__kind"))
        .annotate(
            classes=Count("id", distinct=True),
            learners=Count("enrollments", distinct=True),
        )
        .order_by()
    )
