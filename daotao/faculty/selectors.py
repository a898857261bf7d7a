"""Reads of lecturers, always narrowed to the acting user's scope."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, QuerySet
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.faculty import topics
from daotao.faculty.models import Lecturer, Unavailability
from daotao.people.selectors import PersonFilter, person_list

VIEW = "faculty.view_lecturer"
MANAGE = "faculty.manage_lecturer"


@dataclass(frozen=True)
class LecturerFilter:
    query: str = ""
    unit_id: int | None = None
    title: str = ""
    is_active: bool | None = None


def lecturer_list(
    *, actor: Actor, filters: LecturerFilter | None = None, permission: str = VIEW
) -> QuerySet[Lecturer]:
    """Lecturers the actor may see, filtered, in Vietnamese name order."""
    filters = filters or LecturerFilter()
    lecturers = Lecturer.objects.visible_to(actor, permission)
    if filters.query:
        lecturers = lecturers.filter(
            person__search_key__contains=search_key(filters.query)
        )
    if filters.unit_id:
        lecturers = lecturers.filter(unit_id=filters.unit_id)
    if filters.title:
        lecturers = lecturers.filter(title=filters.title)
    if filters.is_active is not None:
        lecturers = lecturers.filter(is_active=filters.is_active)
    return (
        lecturers.select_related("person", "unit")
        .annotate(topic_count=Count("topics", distinct=True))
        .order_by("person__sort_key", "id")
    )


def _get_in_scope(actor: Actor, pk: int, permission: str) -> Lecturer:
    lecturer = (
        Lecturer.objects.visible_to(actor, permission)
        .filter(pk=pk)
        .select_related("person", "unit")
        .first()
    )
    if lecturer is None:
        raise Http404
    return lecturer


def get_lecturer_for_view(actor: Actor, pk: int) -> Lecturer:
    """The lecturer if in the actor's scope; 404 otherwise (unknown or out of scope)."""
    return _get_in_scope(actor, pk, VIEW)


def get_lecturer_for_change(actor: Actor, pk: int) -> Lecturer:
    return _get_in_scope(actor, pk, MANAGE)


def get_unavailability_for_change(actor: Actor, pk: int) -> Unavailability:
    """An unavailability of a lecturer the actor manages; 404 otherwise."""
    item = (
        Unavailability.objects.visible_to(actor, MANAGE)
        .filter(pk=pk)
        .select_related("lecturer__person")
        .first()
    )
    if item is None:
        raise Http404
    return item


def school_lecturers(*, school_id: int, active_only: bool = True) -> QuerySet[Lecturer]:
    """The school's lecturers (only those still teaching, unless told) by name, for
    the choice lists of higher apps."""
    lecturers = Lecturer.objects.filter(school_id=school_id)
    if active_only:
        lecturers = lecturers.filter(is_active=True)
    return lecturers.select_related("person").order_by("person__sort_key", "id")


def lecturer_unavailabilities(*, lecturer: Lecturer) -> QuerySet[Unavailability]:
    return lecturer.unavailabilities.order_by("starts_on", "id")


def lecturer_topics_by_programme(
    *, lecturer: Lecturer
) -> list[tuple[Any, list[tuple[Any, str]]]]:
    """(programme version, [(topic, label), …]) of what the lecturer may teach,
    with `is_preferred` set on each topic."""
    return topics.catalogue().by_programme(lecturer=lecturer)


def topic_choices(*, school_id: int, keep: tuple[int, ...] = ()) -> topics.Choices:
    """Grouped choices of the school's topics in versions not retired (plus `keep`,
    the ones already chosen), for a lecturer's form."""
    return topics.catalogue().choices(school_id=school_id, keep=keep)


def lecturer_candidates(*, actor: Actor, query: str = "", limit: int = 100) -> list:
    """Persons of the actor's school who are not lecturers yet, the school's own
    staff (no sending agency) first; at most `limit` of them."""
    people = person_list(
        actor=actor, filters=PersonFilter(query=query), permission=MANAGE
    ).filter(lecturer__isnull=True)
    return list(
        people.order_by(F("agency_id").asc(nulls_first=True), "sort_key", "id")[:limit]
    )


def lecturer_candidate(*, actor: Actor, pk: int) -> Any:
    """One person the actor may make a lecturer, or None."""
    return (
        person_list(actor=actor, permission=MANAGE)
        .filter(pk=pk, lecturer__isnull=True)
        .first()
    )


def lecturers_by_school(*, actor: Actor) -> dict[str, list[dict[str, Any]]]:
    """The active lecturers in reach, per school: by title ("title": the code),
    by highest degree and by political-theory level of their person record
    ("degree", "theory": (position, name), None when not recorded). Three grouped
    queries, whatever the number of schools and lecturers."""
    lecturers = Lecturer.objects.visible_to(actor, "faculty.view_lecturer").filter(
        is_active=True
    )
    return {
        "title": list(
            lecturers.values("school_id", key=F("title"))
            .annotate(lecturers=Count("id"))
            .order_by()
        ),
        "degree": list(
            lecturers.values(
                "school_id",
                position=F("person__education_level__position"),
                key=F("person__education_level__name"),
            )
            .annotate(lecturers=Count("id"))
            .order_by()
        ),
        "theory": list(
            lecturers.values(
                "school_id",
                position=F("person__theory_level__position"),
                key=F("person__theory_level__name"),
            )
            .annotate(lecturers=Count("id"))
            .order_by()
        ),
    }
