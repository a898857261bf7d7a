"""Reads of rewards, discipline and conduct: what the classification counts, and
the pages' lists narrowed to the actor (a homeroom lecturer: their cohorts)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.documents.models import OutgoingDocument
from daotao.enrolment.models import Cohort, Enrollment
from daotao.learning.models import (
    Attendance,
    ConductDecision,
    ConductNote,
    ConductResult,
)
from daotao.teaching.models import published_q

VIEW = "learning.view_conduct"
# A decision counts once signed: a proposal is not yet a reward or a discipline.
DECIDED = (OutgoingDocument.Status.SIGNED, OutgoingDocument.Status.PUBLISHED)
COUNTED_ATTENDANCE = {
    Attendance.Status.ABSENT: "absent",
    Attendance.Status.LATE: "late",
}


def conduct_counts(cohort: Cohort) -> dict[int, dict[str, int]]:
    """Per enrollment id, in roster order: unexcused absences and late arrivals at
    published sessions, conduct notes by kind, signed decisions by form."""
    ids = list(
        Enrollment.objects.filter(cohort=cohort)
        .order_by("position", "pk")
        .values_list("pk", flat=True)
    )
    tallies: dict[int, Counter[str]] = {pk: Counter() for pk in ids}
    attendance = Attendance.objects.filter(
        published_q("session"),
        session__cohort=cohort,
        status__in=list(COUNTED_ATTENDANCE),
    ).values_list("enrollment_id", "status")
    for enrollment_id, status in attendance:
        tallies[enrollment_id][COUNTED_ATTENDANCE[status]] += 1
    notes = ConductNote.objects.filter(enrollment__cohort=cohort)
    for enrollment_id, kind in notes.values_list("enrollment_id", "kind"):
        tallies[enrollment_id][kind] += 1
    decisions = ConductDecision.objects.filter(
        enrollment__cohort=cohort, document__status__in=DECIDED
    )
    for enrollment_id, form in decisions.values_list("enrollment_id", "form"):
        tallies[enrollment_id][form] += 1
    return {pk: dict(sorted(tally.items())) for pk, tally in tallies.items()}


def _cohorts_in_reach(actor: Actor) -> QuerySet[Cohort]:
    return Cohort.objects.visible_to(actor, VIEW)


DECISION_SORTS = {
    "date": ("-decided_on", "-pk"),
    "-date": ("decided_on", "pk"),
    "name": ("enrollment__person__sort_key", "pk"),
    "-name": ("-enrollment__person__sort_key", "-pk"),
}


def decisions(
    *, actor: Actor, query: str = "", kind: str = "", sort: str = "date"
) -> QuerySet[ConductDecision]:
    rows = ConductDecision.objects.filter(
        enrollment__cohort__in=_cohorts_in_reach(actor)
    )
    if query:
        key = search_key(query)
        rows = rows.filter(
            Q(enrollment__person__search_key__contains=key)
            | Q(enrollment__cohort__code__icontains=query.strip())
        )
    if kind:
        rows = rows.filter(kind=kind)
    return rows.select_related(
        "enrollment__person", "enrollment__cohort", "enrollment__agency", "document"
    ).order_by(*DECISION_SORTS.get(sort, DECISION_SORTS["date"]))


def get_decision_for_conduct(actor: Actor, pk: int) -> ConductDecision:
    decision = decisions(actor=actor).filter(pk=pk).first()
    if decision is None:
        raise Http404
    return decision


RESULT_SORTS = {
    "name": ("enrollment__person__sort_key", "pk"),
    "-name": ("-enrollment__person__sort_key", "-pk"),
    "score": ("-score", "enrollment__person__sort_key"),
    "-score": ("score", "enrollment__person__sort_key"),
}


def results(
    *, actor: Actor, query: str = "", cohort_id: int | None = None, sort: str = "name"
) -> QuerySet[ConductResult]:
    rows = ConductResult.objects.filter(enrollment__cohort__in=_cohorts_in_reach(actor))
    if cohort_id:
        rows = rows.filter(enrollment__cohort_id=cohort_id)
    if query:
        rows = rows.filter(enrollment__person__search_key__contains=search_key(query))
    return rows.select_related(
        "enrollment__person",
        "enrollment__cohort",
        "enrollment__agency",
        "rule_set",
    ).order_by(*RESULT_SORTS.get(sort, RESULT_SORTS["name"]))


def cohorts_for_conduct(*, actor: Actor) -> QuerySet[Cohort]:
    return _cohorts_in_reach(actor).order_by("-starts_on", "code")


def get_cohort_for_conduct(actor: Actor, pk: int) -> Cohort:
    cohort = (
        _cohorts_in_reach(actor)
        .select_related("school", "homeroom_lecturer")
        .filter(pk=pk)
        .first()
    )
    if cohort is None:
        raise Http404
    return cohort


def enrollments_for_conduct(cohort: Cohort) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(cohort=cohort)
        .select_related("person")
        .order_by("person__sort_key", "pk")
    )


def conduct_of(enrollment: Any) -> dict[str, Any]:
    """The learner's conduct classification and signed decisions (the agency's
    page of its cadre)."""
    return {
        "result": ConductResult.objects.filter(enrollment=enrollment)
        .select_related("rule_set")
        .first(),
        "decisions": list(
            ConductDecision.objects.filter(
                enrollment=enrollment, document__status__in=DECIDED
            ).select_related("document")
        ),
    }
