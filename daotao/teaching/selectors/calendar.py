"""Reads of the teaching calendar: holidays by year and the travel times between
the sites of the schools in the actor's scope."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from itertools import combinations, groupby
from typing import Any

from django.db.models import QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.text import collation_key
from daotao.org.models import Site
from daotao.teaching.models import Holiday, SiteTravel, TeachingSession

VIEW = "teaching.view_schedule"
MANAGE = "teaching.manage_schedule"
# Without a recorded time, two sites are a half-day apart (the engine's default).
DEFAULT_HALF_DAYS = 1


def holiday_years(*, today: datetime.date) -> list[int]:
    """The years that have holidays, with this year and the next always offered."""
    years = set(
        Holiday.objects.annotate(year=ExtractYear("date"))
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years | {today.year, today.year + 1})


def holidays_of_year(*, year: int) -> QuerySet[Holiday]:
    return (
        Holiday.objects.filter(date__year=year)
        .select_related("legal_basis")
        .order_by("date")
    )


def get_holiday(pk: int) -> Holiday:
    holiday = Holiday.objects.filter(pk=pk).select_related("legal_basis").first()
    if holiday is None:
        raise Http404
    return holiday


def published_session_count_on(*, actor: Actor, date: datetime.date) -> int:
    """Published sessions in the actor's scope that fall on `date`."""
    return (
        TeachingSession.objects.published()
        .visible_to(actor, VIEW)
        .filter(date=date)
        .count()
    )


@dataclass(frozen=True)
class TravelPair:
    from_site: Site
    to_site: Site
    half_days: int
    half_days_back: int
    is_recorded: bool


@dataclass
class SchoolTravel:
    school: Any
    pairs: list[TravelPair] = field(default_factory=list)


def _sites(actor: Actor, permission: str) -> list[Site]:
    sites = (
        Site.objects.visible_to(actor, permission)
        .filter(is_active=True)
        .select_related("school")
    )
    return sorted(sites, key=lambda s: (s.school_id, s.kind, collation_key(s.name)))


def site_travel_table(*, actor: Actor, permission: str = VIEW) -> list[SchoolTravel]:
    """Every pair of active sites per school in scope, with the recorded travel
    time each way (the default where none is recorded); two queries in all."""
    sites = _sites(actor, permission)
    recorded = {
        (t.from_site_id, t.to_site_id): t.half_days
        for t in SiteTravel.objects.filter(from_site__in=[s.pk for s in sites])
    }
    table = []
    for _school_id, group in groupby(sites, key=lambda s: s.school_id):
        school_sites = list(group)
        entry = SchoolTravel(school=school_sites[0].school)
        for first, second in combinations(school_sites, 2):
            forward = recorded.get((first.pk, second.pk))
            back = recorded.get((second.pk, first.pk))
            entry.pairs.append(
                TravelPair(
                    from_site=first,
                    to_site=second,
                    half_days=forward or back or DEFAULT_HALF_DAYS,
                    half_days_back=back or forward or DEFAULT_HALF_DAYS,
                    is_recorded=forward is not None or back is not None,
                )
            )
        table.append(entry)
    return table


def get_site_for_manage(actor: Actor, pk: int) -> Site:
    """An active site of a school the actor manages schedules for; 404 otherwise."""
    site = Site.objects.visible_to(actor, MANAGE).filter(pk=pk, is_active=True).first()
    if site is None:
        raise Http404
    return site
