"""Writes on the school's structure: schools, units, areas and sending agencies.

Each `*_ensure` is get-or-create by the row's natural key, so setup commands (the
demo seed, a school's first configuration) can run again without duplicating rows.
An existing row is returned as it is: nothing is overwritten. `actor=None` is the
system; a user actor must hold "core.use_admin".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from daotao.core.access import has_permission
from daotao.core.history import audit_record
from daotao.core.text import normalize
from daotao.org.models import Agency, Area, School, Unit

# A configuration change, not a daily task: only the system administrator.
_PERMISSION = "core.use_admin"


def _check_actor(actor: Any) -> None:
    if actor is not None and not has_permission(actor, _PERMISSION):
        raise PermissionDenied


def _record_creation(*, actor: Any, action: str, instance: Any) -> None:
    audit_record(
        actor=actor,
        action=action,
        instance=instance,
        changes={"name": [None, getattr(instance, "name", str(instance))]},
    )


def school_ensure(
    *,
    actor: Any = None,
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
            _record_creation(actor=actor, action="school_create", instance=school)
    return school, created


def unit_ensure(
    *,
    actor: Any = None,
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
            _record_creation(actor=actor, action="unit_create", instance=unit)
    return unit, created


def area_ensure(
    *,
    actor: Any = None,
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
            _record_creation(actor=actor, action="area_create", instance=area)
    return area, created


def agency_ensure(
    *,
    actor: Any = None,
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
            _record_creation(actor=actor, action="agency_create", instance=agency)
    return agency, created
