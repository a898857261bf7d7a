"""Reads of persons, always narrowed to the acting user's scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.people.models import Person

SORTS = {
    "name": ("sort_key", "id"),
    "-name": ("-sort_key", "-id"),
    "birth": ("date_of_birth", "sort_key", "id"),
    "-birth": ("-date_of_birth", "sort_key", "id"),
    "agency": ("agency__sort_key", "sort_key", "id"),
    "-agency": ("-agency__sort_key", "sort_key", "id"),
}


@dataclass(frozen=True)
class PersonFilter:
    query: str = ""
    agency_id: int | None = None
    area_id: int | None = None
    sex: str = ""
    sort: str = "name"


def person_list(
    *,
    actor: Actor,
    filters: PersonFilter | None = None,
    permission: str = "people.view_person",
) -> QuerySet[Person]:
    """Persons the actor may see, filtered and in Vietnamese name order."""
    filters = filters or PersonFilter()
    people = Person.objects.visible_to(actor, permission)
    if filters.query:
        people = people.filter(search_key__contains=search_key(filters.query))
    if filters.agency_id:
        people = people.filter(agency_id=filters.agency_id)
    if filters.area_id:
        people = people.filter(agency__area_id=filters.area_id)
    if filters.sex:
        people = people.filter(sex=filters.sex)
    return people.select_related("agency", "ethnicity", "theory_level").order_by(
        *SORTS.get(filters.sort, SORTS["name"])
    )


def get_person_for_view(actor: Actor, pk: int) -> Person:
    """The person if in the actor's scope; 404 otherwise (unknown or out of scope)."""
    return _get_in_scope(actor, pk, "people.view_person")


def get_person_for_change(actor: Actor, pk: int) -> Person:
    return _get_in_scope(actor, pk, "people.change_person")


def _get_in_scope(actor: Actor, pk: int, permission: str) -> Person:
    person = (
        Person.objects.visible_to(actor, permission)
        .filter(pk=pk)
        .select_related(
            "agency", "ethnicity", "religion", "education_level", "theory_level"
        )
        .first()
    )
    if person is None:
        raise Http404
    return person


def person_post_history(*, person: Person) -> QuerySet:
    return person.post_history.select_related("agency").all()
