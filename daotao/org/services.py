"""Writes on the school's structure: schools, units, areas and sending agencies.

Each `*_ensure` is get-or-create by the row's natural key, so setup commands (the
demo seed, a school's first configuration) can run again without duplicating rows.
An existing row is returned as it is: nothing is overwritten. `actor=None` is the
system; a user actor must hold "core.use_admin".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, audit_record_many, diff, snapshot
from daotao.core.text import collation_key, normalize, search_key
from daotao.org.models import (
    Agency,
    Area,
    DatedRuleSet,
    Room,
    RoomClosure,
    School,
    Site,
    Unit,
)
from daotao.org.rooms import RoomChange, room_change_problems

# A configuration change, not a daily task: only the system administrator.
_PERMISSION = "core.use_admin"


def _check_actor(actor: Actor) -> None:
    if actor is not None and not has_permission(actor, _PERMISSION):
        raise PermissionDenied


def _record_creation(*, actor: Actor, action: str, instance: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        instance=instance,
        changes={"name": [None, getattr(instance, "name", str(instance))]},
    )


def school_ensure(
    *,
    actor: Actor | None = None,
    name: str,
    short_name: str,
    abbreviation: str,
    governing_body: str,
    province: Area,
    place_name: str,
    address: str = "",
    phone: str = "",
    email: str = "",
    website: str = "",
) -> tuple[School, bool]:
    """The school with this abbreviation in `province`, created if missing."""
    _check_actor(actor)
    with transaction.atomic():
        school, created = School.objects.get_or_create(
            abbreviation=normalize(abbreviation),
            province=province,
            defaults={
                "name": normalize(name),
                "short_name": normalize(short_name),
                "governing_body": normalize(governing_body),
                "place_name": normalize(place_name),
                "address": normalize(address),
                "phone": phone,
                "email": email,
                "website": website,
            },
        )
        if created:
            _record_creation(actor=actor, action="org.school_create", instance=school)
    return school, created


SCHOOL_IDENTITY_FIELDS = [
    "name",
    "short_name",
    "governing_body",
    "place_name",
    "address",
    "phone",
    "email",
    "website",
    "plans_approved_by_province",
]


def school_identity_update(*, actor: Actor, school: School, **values: Any) -> School:
    """Change the school's name, header lines and contacts (SCHOOL_IDENTITY_FIELDS);
    the abbreviation and province stay, since documents already numbered and
    the province's records name them. History keeps old and new."""
    if not has_permission(actor, _PERMISSION):
        raise PermissionDenied
    require_scope(actor, _PERMISSION, school_id=school.pk)
    unknown = set(values) - set(SCHOOL_IDENTITY_FIELDS)
    if unknown:
        raise ValueError(f"not identity fields: {sorted(unknown)}")
    with transaction.atomic():
        current = School.objects.select_for_update().get(pk=school.pk)
        before = snapshot(current, SCHOOL_IDENTITY_FIELDS)
        for name, value in values.items():
            if isinstance(value, str) and name != "email":
                value = normalize(value)
            setattr(current, name, value)
        current.full_clean()
        current.save()
        changes = diff(before, snapshot(current, SCHOOL_IDENTITY_FIELDS))
        if changes:
            audit_record(
                actor=actor,
                action="org.school_identity_update",
                instance=current,
                changes=changes,
                school_id=current.pk,
            )
    return current


def rule_set_confirm(*, actor: Actor, rule_set: DatedRuleSet) -> DatedRuleSet:
    """Mark a rule set of any kind (they share `DatedRuleSet`) as checked against
    its source document; history keeps who confirmed it. Confirming twice changes
    nothing."""
    if not has_permission(actor, _PERMISSION):
        raise PermissionDenied
    with transaction.atomic():
        current = type(rule_set).objects.select_for_update().get(pk=rule_set.pk)
        if not current.is_confirmed:
            current.is_confirmed = True
            current.save(update_fields=["is_confirmed", "updated_at"])
            audit_record(
                actor=actor,
                action="org.rule_set_confirm",
                instance=current,
                changes={"is_confirmed": [False, True]},
            )
    return current


def unit_ensure(
    *,
    actor: Actor | None = None,
    school: School,
    name: str,
    abbreviation: str,
    kind: str,
    is_teaching: bool = False,
    position: int = 0,
) -> tuple[Unit, bool]:
    """The school's current unit with this abbreviation, created if missing."""
    _check_actor(actor)
    with transaction.atomic():
        unit, created = Unit.objects.get_or_create(
            school=school,
            abbreviation=normalize(abbreviation),
            valid_to__isnull=True,
            defaults={
                "name": normalize(name),
                "kind": kind,
                "is_teaching": is_teaching,
                "position": position,
            },
        )
        if created:
            _record_creation(actor=actor, action="org.unit_create", instance=unit)
    return unit, created


def area_ensure(
    *,
    actor: Actor | None = None,
    name: str,
    kind: str,
    parent: Area,
    level: str = Area.Level.COMMUNE,
    code: str = "",
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
) -> tuple[Area, bool]:
    """The area of this level, kind and name under `parent`, created if missing.

    Meant for communes (and pre-2025 districts); provinces come from the reference
    data migrations.
    """
    _check_actor(actor)
    with transaction.atomic():
        area, created = Area.objects.get_or_create(
            level=level,
            parent=parent,
            kind=normalize(kind),
            name=normalize(name),
            defaults={"code": code, "valid_from": valid_from, "valid_to": valid_to},
        )
        if created:
            _record_creation(actor=actor, action="org.area_create", instance=area)
    return area, created


def agency_ensure(
    *,
    actor: Actor | None = None,
    school: School,
    name: str,
    kind: str,
    level: str,
    short_name: str = "",
    parent: Agency | None = None,
    area: Area | None = None,
    valid_from: datetime.date | None = None,
    valid_to: datetime.date | None = None,
    predecessors: Iterable[Agency] = (),
) -> tuple[Agency, bool]:
    """The school's agency with this name, created with its predecessors if new."""
    _check_actor(actor)
    with transaction.atomic():
        agency, created = Agency.objects.get_or_create(
            school=school,
            name=normalize(name),
            defaults={
                "kind": kind,
                "level": level,
                "short_name": normalize(short_name),
                "parent": parent,
                "area": area,
                "valid_from": valid_from,
                "valid_to": valid_to,
            },
        )
        if created:
            predecessors = list(predecessors)
            if predecessors:
                agency.predecessors.add(*predecessors)
            _record_creation(actor=actor, action="org.agency_create", instance=agency)
    return agency, created


# --- Sites and rooms: kept by the training office -------------------------------------

ROOMS = "org.manage_room"
SITE_FIELDS = ["name", "kind", "address", "is_active"]
ROOM_FIELDS = ["site", "name", "kind", "capacity", "note", "is_active"]


def site_save(
    *, actor: Actor, school_id: int, site: Site | None = None, **values: Any
) -> Site:
    """Create a site of the school (site None) or change one; retiring a site
    (is_active False) is refused while it has rooms in use."""
    require_scope(actor, ROOMS, school_id=school_id)
    with transaction.atomic():
        if site is None:
            site = Site(school_id=school_id)
            before = dict.fromkeys(SITE_FIELDS)
        else:
            site = Site.objects.select_for_update().get(pk=site.pk, school_id=school_id)
            before = snapshot(site, SITE_FIELDS)
        for name, value in values.items():
            setattr(site, name, value)
        if not site.is_active and site.rooms.filter(is_active=True).exists():
            raise ValidationError(
                {"is_active": [_("Hãy thôi dùng các phòng của địa điểm này trước.")]}
            )
        _save_unique(site, "name", _("Trường đã có địa điểm tên này."))
        changes = diff(before, snapshot(site, SITE_FIELDS))
        audit_record(
            actor=actor, action="org.site_save", instance=site, changes=changes
        )
    return site


def room_save(*, actor: Actor, room: Room | None = None, **values: Any) -> Room:
    """Create a room (room None) or change one. A smaller capacity or retiring
    the room is refused (nothing written) when booked sessions need it, as the
    apps that book rooms answer (org.rooms)."""
    site = values.get("site") or room.site
    require_scope(actor, ROOMS, school_id=site.school_id)
    with transaction.atomic():
        if room is None:
            room, before = Room(), dict.fromkeys(ROOM_FIELDS)
        else:
            room = Room.objects.select_for_update().get(pk=room.pk)
            require_scope(actor, ROOMS, school_id=room.site.school_id)
            before = snapshot(room, ROOM_FIELDS)
        for name, value in values.items():
            setattr(room, name, value)
        if room.pk is not None:
            change = RoomChange(room, room.capacity, room.is_active)
            problems = room_change_problems(change)
            if problems:
                raise ValidationError(problems, code="in_use")
        _save_unique(room, "name", _("Địa điểm này đã có phòng tên này."))
        changes = diff(before, snapshot(room, ROOM_FIELDS))
        audit_record(
            actor=actor,
            action="org.room_save",
            instance=room,
            changes=changes,
            school_id=room.site.school_id,
        )
    return room


def room_closure_add(
    *,
    actor: Actor,
    room: Room,
    starts_on: datetime.date,
    ends_on: datetime.date,
    reason: str,
) -> RoomClosure:
    """Days the room cannot be used; refused when booked sessions use it then."""
    require_scope(actor, ROOMS, school_id=room.site.school_id)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})
    with transaction.atomic():
        change = RoomChange(room, room.capacity, room.is_active, (starts_on, ends_on))
        problems = room_change_problems(change)
        if problems:
            raise ValidationError(problems, code="in_use")
        closure = RoomClosure.objects.create(
            room=room, starts_on=starts_on, ends_on=ends_on, reason=reason
        )
        audit_record(
            actor=actor,
            action="org.room_closure_add",
            instance=room,
            school_id=room.site.school_id,
            changes={"closure": [None, f"{starts_on} – {ends_on}: {reason}"]},
        )
    return closure


def room_closure_delete(*, actor: Actor, closure: RoomClosure) -> None:
    """The room is usable again on those days."""
    room = closure.room
    require_scope(actor, ROOMS, school_id=room.site.school_id)
    with transaction.atomic():
        text = f"{closure.starts_on} – {closure.ends_on}: {closure.reason}"
        closure.delete()
        audit_record(
            actor=actor,
            action="org.room_closure_delete",
            instance=room,
            school_id=room.site.school_id,
            changes={"closure": [text, None]},
        )


def _save_unique(row: Any, field: str, message: str) -> None:
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:
        raise ValidationError({field: [message]}, code="unique") from None


# --- Agencies by sheet ----------------------------------------------------------------


@dataclass(frozen=True)
class AgencyData:
    """One new agency of an agencies sheet; the parent named (in the list or in the
    same sheet), the names it had before the reorganisation."""

    name: str
    kind: str
    level: str
    short_name: str = ""
    parent_name: str = ""
    area_id: int | None = None
    predecessor_names: tuple[str, ...] = ()
    valid_from: datetime.date | None = None
    valid_to: datetime.date | None = None


_IMPORT_PERMISSION = "org.import_agency"
# The two-level local government took effect on this day (Nghị quyết 202/2025/QH15):
# a former name ends the day before, unless the new agency says when it began.
_REORGANISED_ON = datetime.date(2025, 7, 1)


def _new_agency(school: School, **values: Any) -> Agency:
    agency = Agency(school=school, **values)
    agency.sort_key = collation_key(agency.name)[:255]
    agency.search_key = search_key(agency.name)[:255]
    return agency


def agencies_import(
    *, actor: Actor, school: School, agencies: list[AgencyData]
) -> list[Agency]:
    """Create the sheet's new agencies in one go: the agencies, then their parents,
    then their former names (a former name already in the list is linked, else
    created as a past agency ending the day before the successor began)."""
    if not has_permission(actor, _IMPORT_PERMISSION):
        raise PermissionDenied
    require_scope(actor, _IMPORT_PERMISSION, school_id=school.pk)
    if not agencies:
        return []
    with transaction.atomic():
        created = Agency.objects.bulk_create(
            [
                _new_agency(
                    school,
                    name=normalize(data.name),
                    short_name=normalize(data.short_name),
                    kind=data.kind,
                    level=data.level,
                    area_id=data.area_id,
                    valid_from=data.valid_from,
                    valid_to=data.valid_to,
                )
                for data in agencies
            ],
            batch_size=1000,
        )
        by_key = {
            a.search_key: a
            for a in Agency.objects.filter(school=school).only("pk", "search_key")
        }
        for agency, data in zip(created, agencies, strict=True):
            if data.parent_name:
                agency.parent_id = by_key[search_key(data.parent_name)[:255]].pk
        Agency.objects.bulk_update(
            [a for a, d in zip(created, agencies, strict=True) if d.parent_name],
            ["parent"],
            batch_size=1000,
        )
        _link_predecessors(school, created, agencies, by_key)
        audit_record_many(
            actor=actor,
            action="org.agency_import",
            entries=[(a, {"name": [None, a.name]}) for a in created],
        )
    return created


def _link_predecessors(
    school: School, created: list[Agency], agencies: list[AgencyData], by_key: dict
) -> None:
    past: dict[str, Agency] = {}
    for data in agencies:
        for name in data.predecessor_names:
            key = search_key(name)[:255]
            if key not in by_key and key not in past:
                ends = (data.valid_from or _REORGANISED_ON) - datetime.timedelta(days=1)
                past[key] = _new_agency(
                    school,
                    name=normalize(name),
                    kind=data.kind,
                    level=data.level,
                    valid_to=ends,
                )
    made = Agency.objects.bulk_create(list(past.values()), batch_size=1000)
    by_key.update({a.search_key: a for a in made})
    Link = Agency.predecessors.through
    Link.objects.bulk_create(
        [
            Link(from_agency_id=agency.pk, to_agency_id=by_key[key].pk)
            for agency, data in zip(created, agencies, strict=True)
            for key in dict.fromkeys(
                search_key(n)[:255] for n in data.predecessor_names
            )
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )


# --- Sites and rooms by sheet ---------------------------------------------------------


@dataclass(frozen=True)
class RoomData:
    """One new room of a rooms sheet; its site by name, created when new with the
    kind and address given."""

    site_name: str
    name: str
    capacity: int
    kind: str = Room.Kind.CLASSROOM
    note: str = ""
    site_kind: str = Site.Kind.CAMPUS
    site_address: str = ""


def rooms_import(*, actor: Actor, school: School, rooms: list[RoomData]) -> list[Room]:
    """Create the sheet's new sites and rooms in one transaction, one audit row
    for each site and room created."""
    require_scope(actor, ROOMS, school_id=school.pk)
    if not rooms:
        return []
    with transaction.atomic():
        sites = {
            search_key(site.name)[:255]: site
            for site in Site.objects.select_for_update().filter(school=school)
        }
        new_sites = []
        for data in rooms:
            key = search_key(data.site_name)[:255]
            if key not in sites:
                sites[key] = Site(
                    school=school,
                    name=normalize(data.site_name),
                    kind=data.site_kind,
                    address=normalize(data.site_address),
                )
                new_sites.append(sites[key])
        Site.objects.bulk_create(new_sites)
        created = []
        for data in rooms:
            room = Room(
                site=sites[search_key(data.site_name)[:255]],
                name=normalize(data.name),
                kind=data.kind,
                capacity=data.capacity,
                note=normalize(data.note),
            )
            _save_unique(room, "name", _("Địa điểm này đã có phòng tên này."))
            created.append(room)
        audit_record_many(
            actor=actor,
            action="org.site_import",
            entries=[
                (site, {k: [None, v] for k, v in snapshot(site, SITE_FIELDS).items()})
                for site in new_sites
            ],
        )
        for room in created:  # a school has dozens of rooms, not thousands
            audit_record(
                actor=actor,
                action="org.room_import",
                instance=room,
                school_id=school.pk,
                changes={"site": [None, room.site.name]}
                | {
                    name: [None, getattr(room, name)]
                    for name in ("name", "kind", "capacity", "note")
                },
            )
    return created
