"""Reads of organisation data, narrowed to the acting user's scope."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from daotao.core.access import home_school_id, scope_for
from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.org.models import Agency, Room, School, Site, Unit


def agency_list(
    *,
    actor: Actor,
    query: str = "",
    level: str = "",
    kind: str = "",
    include_past: bool = False,
    permission: str = "org.view_agency",
) -> QuerySet[Agency]:
    """Agencies the actor may see, in Vietnamese order, with their people count."""
    agencies = Agency.objects.visible_to(actor, permission)
    if not include_past:
        agencies = agencies.filter(valid_to__isnull=True)
    if query:
        agencies = agencies.filter(search_key__contains=search_key(query))
    if level:
        agencies = agencies.filter(level=level)
    if kind:
        agencies = agencies.filter(kind=kind)
    return (
        agencies.select_related("parent", "area")
        .annotate(people_count=Count("people"))
        .order_by("sort_key", "id")
    )


def agency_choices(*, actor: Actor, permission: str) -> QuerySet[Agency]:
    """Agencies in force that the actor may attach a person to."""
    return (
        Agency.objects.visible_to(actor, permission)
        .filter(valid_to__isnull=True)
        .order_by("sort_key")
    )


def unit_list(*, actor: Actor) -> QuerySet[Unit]:
    return (
        Unit.objects.visible_to(actor, "org.view_unit")
        .filter(Q(valid_to__isnull=True))
        .order_by("position", "name")
    )


def unit_choices(*, actor: Actor, permission: str) -> QuerySet[Unit]:
    """Units in force of the schools the actor reaches through `permission`."""
    return (
        Unit.objects.visible_to(actor, permission)
        .filter(valid_to__isnull=True)
        .order_by("position", "name")
    )


def site_choices(*, actor: Actor, permission: str) -> QuerySet[Site]:
    return (
        Site.objects.visible_to(actor, permission)
        .filter(is_active=True)
        .order_by("kind", "name")
    )


def drafting_unit_for(*, actor: Actor, school_id: int) -> int:
    """The unit a document drafted by `actor` comes from: their membership's unit,
    else the school's first office."""
    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    for _role, school, unit_id, _agency in actor.membership_scopes():
        if school == school_id and unit_id:
            return unit_id
    unit = (
        Unit.objects.filter(school_id=school_id, valid_to__isnull=True)
        .order_by("-kind", "position")
        .first()
    )
    if unit is None:
        raise ValidationError(_("Trường chưa khai báo khoa, phòng nào."))
    return unit.pk


def room_list(
    *,
    actor: Actor,
    query: str = "",
    site_id: int | None = None,
    kind: str = "",
    include_retired: bool = False,
    permission: str = "org.view_room",
) -> QuerySet[Room]:
    """Rooms of the actor's schools by site and name; `query` ignores diacritics."""
    rooms = Room.objects.visible_to(actor, permission)
    if not include_retired:
        rooms = rooms.filter(is_active=True)
    if query:
        rooms = rooms.filter(search_key__contains=search_key(query))
    if site_id:
        rooms = rooms.filter(site_id=site_id)
    if kind:
        rooms = rooms.filter(kind=kind)
    return (
        rooms.select_related("site")
        .annotate(closure_count=Count("closures"))
        .order_by("site__kind", "site__name", "sort_key", "id")
    )


def site_list(*, actor: Actor, permission: str = "org.view_room") -> QuerySet[Site]:
    """Every site of the actor's schools (retired ones last) with room counts."""
    return (
        Site.objects.visible_to(actor, permission)
        .annotate(room_count=Count("rooms", filter=Q(rooms__is_active=True)))
        .order_by("-is_active", "kind", "name")
    )


def get_room_for(actor: Actor, pk: int, permission: str) -> Room:
    """The room, or 404 when it is outside the actor's scope."""
    room = (
        Room.objects.visible_to(actor, permission)
        .filter(pk=pk)
        .select_related("site")
        .first()
    )
    if room is None:
        raise Http404
    return room


def get_site_for(actor: Actor, pk: int, permission: str) -> Site:
    """The site, or 404 when it is outside the actor's scope."""
    site = Site.objects.visible_to(actor, permission).filter(pk=pk).first()
    if site is None:
        raise Http404
    return site


def home_school(*, actor: Actor, permission: str) -> School:
    """The school a new row made through `permission` belongs to: the actor's own, or
    for a deployment-wide administrator (no school in scope) the first school; 404
    when the deployment has none."""
    school_id = home_school_id(actor, permission)
    schools = School.objects.order_by("pk")
    school = (
        schools.filter(pk=school_id).first()
        if school_id is not None
        else schools.first()
    )
    if school is None:
        raise Http404
    return school


def schools_in_reach(*, actor: Actor, permission: str) -> list[School]:
    """The schools `actor` reaches through `permission` (every school for a
    supervisor over the deployment), by name. One query."""
    scope = scope_for(actor, permission)
    if scope.is_empty:
        return []
    schools = School.objects.only("name", "short_name", "abbreviation")
    if not scope.all_schools:
        schools = schools.filter(pk__in=sorted(scope.schools or {}))
    return sorted(schools, key=lambda s: (search_key(s.name), s.pk))
