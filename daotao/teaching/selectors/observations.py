"""Reads of class observations, narrowed to the acting user's scope."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.teaching.models import Observation

VIEW = "teaching.view_observation"
MANAGE = "teaching.manage_observation"


@dataclass(frozen=True)
class ObservationFilter:
    query: str = ""
    year: int | None = None
    kind: str = ""
    sort: str = "date"


SORTS = {
    "date": ("-observed_on", "id"),
    "name": ("lecturer__person__sort_key", "-observed_on", "id"),
    "score": ("-score", "-observed_on", "id"),
}


def observation_list(
    *, actor: Actor, filters: ObservationFilter
) -> QuerySet[Observation]:
    items = Observation.objects.visible_to(actor, VIEW)
    if filters.query:
        items = items.filter(
            lecturer__person__search_key__contains=search_key(filters.query)
        )
    if filters.year:
        items = items.filter(observed_on__year=filters.year)
    if filters.kind:
        items = items.filter(kind=filters.kind)
    return (
        items.select_related("lecturer__person", "lecturer__unit")
        .prefetch_related("observers__person")
        .order_by(*SORTS.get(filters.sort, SORTS["date"]))
    )


def get_observation(actor: Actor, pk: int, permission: str = VIEW) -> Observation:
    item = (
        Observation.objects.visible_to(actor, permission)
        .filter(pk=pk)
        .select_related("lecturer__person", "session__cohort", "rule_set")
        .prefetch_related("observers__person")
        .first()
    )
    if item is None:
        raise Http404
    return item


def observation_average(lecturer_ids: Sequence[int], year: int) -> dict[int, Decimal]:
    """The average score of each lecturer's observed lessons in `year`, for the
    annual evaluation (`faculty.development`); a lecturer not observed is absent."""
    scores: dict[int, list[Decimal]] = defaultdict(list)
    for lecturer_id, score in Observation.objects.filter(
        lecturer_id__in=list(lecturer_ids), observed_on__year=year
    ).values_list("lecturer_id", "score"):
        scores[lecturer_id].append(score)
    return {
        pk: (sum(values) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)
        for pk, values in scores.items()
    }


def lecturer_observations(*, lecturer) -> list[Observation]:
    return list(
        Observation.objects.filter(lecturer=lecturer)
        .prefetch_related("observers__person")
        .order_by("-observed_on", "id")
    )
