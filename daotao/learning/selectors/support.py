"""Reads of learner support: the rate set in force for a school's province, each
learner's facts (days present, commune, distance, categories) and the pages'
lists, narrowed to the actor."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.enrolment.models import Cohort, Enrollment
from daotao.learning import rules
from daotao.learning.models import (
    Attendance,
    CommuneSupportProfile,
    SupportLine,
    SupportPayment,
    SupportRateSet,
)
from daotao.org.models import NotInForce
from daotao.teaching.models import published_q

VIEW = "learning.view_support"
ATTENDING = (Attendance.Status.PRESENT, Attendance.Status.LATE)


def rate_set_for(*, school: Any, on: datetime.date) -> SupportRateSet:
    """The rates of the school's province in force on `on`, or the default (no
    province) where the province has none yet; `NotInForce` when neither is."""
    rate_sets = SupportRateSet.objects.select_related("legal_basis", "province")
    if school.province_id is not None:
        try:
            return rate_sets.filter(province_id=school.province_id).for_date(on)
        except NotInForce:
            pass
    return rate_sets.filter(province__isnull=True).for_date(on)


def days_present(cohort: Cohort) -> dict[int, int]:
    """Per enrollment id, the days (dates of published sessions) the learner
    attended at least one session of; a learner with none counts 0."""
    rows = (
        Attendance.objects.filter(
            published_q("session"),
            session__cohort=cohort,
            status__in=ATTENDING,
        )
        .values("enrollment_id")
        .annotate(days=Count("session__date", distinct=True))
    )
    return {row["enrollment_id"]: row["days"] for row in rows}


@dataclass(frozen=True)
class LearnerSupportFact:
    enrollment: Enrollment
    commune_name: str
    categories: list[str]
    facts: rules.LearnerFacts


def _commune_of(enrollment: Enrollment) -> Any:
    own = getattr(enrollment, "support_commune", None)
    if own is not None:
        return own.commune
    area = enrollment.agency.area
    return area if area is not None and area.level == "commune" else None


def learner_support_facts(cohort: Cohort) -> list[LearnerSupportFact]:
    """Each learner of the cohort, in roster order, with what support depends on
    (a constant number of queries)."""
    enrollments = list(
        Enrollment.objects.filter(cohort=cohort)
        .select_related("person__ethnicity", "agency__area", "support_commune__commune")
        .order_by("person__sort_key", "pk")
    )
    profiles = {
        p.commune_id: p
        for p in CommuneSupportProfile.objects.filter(school_id=cohort.school_id)
    }
    days = days_present(cohort)
    facts = []
    for enrollment in enrollments:
        commune = _commune_of(enrollment)
        profile = profiles.get(commune.pk) if commune is not None else None
        person = enrollment.person
        held = {
            "female": person.sex == "female",
            "ethnic_minority": bool(person.ethnicity and person.ethnicity.is_minority),
            "remote": bool(profile and profile.is_remote),
        }
        facts.append(
            LearnerSupportFact(
                enrollment=enrollment,
                commune_name=commune.name if commune is not None else "",
                categories=[name for name in rules.EXTRA_CATEGORIES if held[name]],
                facts=rules.LearnerFacts(
                    days_present=days.get(enrollment.pk, 0),
                    distance_km=profile.distance_km if profile else None,
                    is_female=held["female"],
                    is_ethnic_minority=held["ethnic_minority"],
                    is_remote=held["remote"],
                ),
            )
        )
    return facts


def _matching(rows: QuerySet[Any], query: str, *fields: str) -> list[int]:
    """The ids of `rows` whose fields contain `query`, ignoring diacritics and đ
    (these tables are small: a school's cohorts, a province's communes)."""
    key = search_key(query)
    return [
        values[0]
        for values in rows.values_list("pk", *fields)
        if key in search_key(" ".join(str(v) for v in values[1:]))
    ]


def payment_lines(payment: SupportPayment) -> QuerySet[SupportLine]:
    """The lines in Vietnamese name order (tên, tên đệm, họ)."""
    return payment.lines.select_related(
        "enrollment__person", "enrollment__agency"
    ).order_by("enrollment__person__sort_key", "pk")


COHORT_SORTS = {
    "start": ("-starts_on", "code"),
    "-start": ("starts_on", "code"),
    "code": ("code",),
    "-code": ("-code",),
}


def cohorts_for_support(
    *,
    actor: Actor,
    query: str = "",
    sort: str = "start",
    started_by: datetime.date | None = None,
) -> QuerySet[Cohort]:
    """The cohorts in reach (those started by `started_by`, if given) with their
    payment list's total, if computed."""
    cohorts = Cohort.objects.visible_to(actor, VIEW)
    if started_by is not None:
        cohorts = cohorts.filter(starts_on__lte=started_by)
    if query:
        cohorts = cohorts.filter(pk__in=_matching(cohorts, query, "code", "name"))
    return (
        cohorts.select_related("support_payment__document")
        .annotate(
            support_total=Sum("support_payment__lines__total"),
            learner_count=Count("enrollments", distinct=True),
        )
        .order_by(*COHORT_SORTS.get(sort, COHORT_SORTS["start"]))
    )


def get_cohort_for_support(actor: Actor, pk: int) -> Cohort:
    cohort = (
        Cohort.objects.visible_to(actor, VIEW)
        .select_related("school", "support_payment__rate_set__legal_basis")
        .filter(pk=pk)
        .first()
    )
    if cohort is None:
        raise Http404
    return cohort


def rate_sets(*, actor: Actor) -> QuerySet[SupportRateSet]:
    """Every rate set, newest first (they are the province's, not the school's)."""
    return SupportRateSet.objects.select_related(
        "legal_basis", "province"
    ).newest_first()


PROFILE_SORTS = {
    "name": ("commune__sort_key", "pk"),
    "-name": ("-commune__sort_key", "-pk"),
    "km": ("distance_km", "commune__sort_key"),
    "-km": ("-distance_km", "commune__sort_key"),
}


def commune_profiles(
    *, actor: Actor, query: str = "", sort: str = "name"
) -> QuerySet[CommuneSupportProfile]:
    profiles = CommuneSupportProfile.objects.visible_to(actor, VIEW).select_related(
        "commune"
    )
    if query:
        profiles = profiles.filter(pk__in=_matching(profiles, query, "commune__name"))
    return profiles.order_by(*PROFILE_SORTS.get(sort, PROFILE_SORTS["name"]))
