"""Writes on the teaching calendar: public holidays and travel times between sites.

Holidays are shared by every school (the State publishes them), so, like the hour
rule sets, they are managed by anyone holding `teaching.manage_schedule`; travel
times belong to the school of the two sites.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.core.text import format_date
from daotao.teaching.models import Holiday, SiteTravel

MANAGE = "teaching.manage_schedule"
HOLIDAY_FIELDS = ["date", "name", "legal_basis", "is_confirmed"]
# A sanity bound on the form, not a rule: five days on the road is already extreme.
TRAVEL_HALF_DAYS = range(1, 11)


@dataclass(frozen=True)
class HolidayData:
    date: datetime.date
    name: str
    legal_basis: Any = None
    is_confirmed: bool = False


def _require_manage(actor: Actor) -> None:
    if not has_permission(actor, MANAGE):
        raise PermissionDenied


def _holiday_errors(data: HolidayData, *, exclude_pk: int | None = None) -> None:
    errors: dict[str, list[str]] = {}
    if not data.name.strip():
        errors["name"] = [_("Hãy nhập tên ngày nghỉ.")]
    taken = Holiday.objects.filter(date=data.date).exclude(pk=exclude_pk).first()
    if taken is not None:
        errors["date"] = [
            _("Ngày %(date)s đã có trong danh sách ngày nghỉ (%(name)s).")
            % {"date": format_date(data.date), "name": taken.name}
        ]
    if errors:
        raise ValidationError(errors)


def holiday_create(*, actor: Actor, data: HolidayData) -> Holiday:
    """Add a public holiday; the scheduler keeps the day free from then on."""
    _require_manage(actor)
    _holiday_errors(data)
    with transaction.atomic():
        holiday = Holiday.objects.create(
            date=data.date,
            name=data.name.strip(),
            legal_basis=data.legal_basis,
            is_confirmed=data.is_confirmed,
        )
        audit_record(
            actor=actor,
            action="teaching.holiday_create",
            instance=holiday,
            changes=diff({}, snapshot(holiday, HOLIDAY_FIELDS)),
        )
    return holiday


def holiday_update(*, actor: Actor, holiday: Holiday, data: HolidayData) -> Holiday:
    """Change a holiday's day, name, basis or confirmation; unchanged, nothing is
    written."""
    _require_manage(actor)
    _holiday_errors(data, exclude_pk=holiday.pk)
    with transaction.atomic():
        current = Holiday.objects.select_for_update().get(pk=holiday.pk)
        before = snapshot(current, HOLIDAY_FIELDS)
        current.date = data.date
        current.name = data.name.strip()
        current.legal_basis = data.legal_basis
        current.is_confirmed = data.is_confirmed
        changes = diff(before, snapshot(current, HOLIDAY_FIELDS))
        if changes:
            current.save(update_fields=[*HOLIDAY_FIELDS, "updated_at"])
            audit_record(
                actor=actor,
                action="teaching.holiday_update",
                instance=current,
                changes=changes,
            )
    return current


def holiday_confirm(*, actor: Actor, holiday: Holiday) -> Holiday:
    """Mark the holiday as checked against the year's official notice."""
    _require_manage(actor)
    with transaction.atomic():
        current = Holiday.objects.select_for_update().get(pk=holiday.pk)
        if not current.is_confirmed:
            current.is_confirmed = True
            current.save(update_fields=["is_confirmed", "updated_at"])
            audit_record(
                actor=actor,
                action="teaching.holiday_confirm",
                instance=current,
                changes={"is_confirmed": [False, True]},
            )
    return current


def holiday_delete(*, actor: Actor, holiday: Holiday) -> None:
    """Remove a holiday; the audit row keeps what it was."""
    _require_manage(actor)
    with transaction.atomic():
        current = Holiday.objects.select_for_update().get(pk=holiday.pk)
        audit_record(
            actor=actor,
            action="teaching.holiday_delete",
            instance=current,
            changes={
                k: [v, None] for k, v in snapshot(current, HOLIDAY_FIELDS).items()
            },
        )
        current.delete()


def _travel_errors(from_site: Any, to_site: Any, half_days: Any) -> None:
    errors: dict[str, list[str]] = {}
    if from_site.pk == to_site.pk:
        errors["to_site"] = [_("Hãy chọn hai địa điểm khác nhau.")]
    elif from_site.school_id != to_site.school_id:
        errors["to_site"] = [_("Hai địa điểm phải cùng thuộc một trường.")]
    if type(half_days) is not int or half_days not in TRAVEL_HALF_DAYS:
        errors["half_days"] = [
            _("Số buổi đi đường phải là số nguyên từ %(low)s đến %(high)s.")
            % {"low": TRAVEL_HALF_DAYS[0], "high": TRAVEL_HALF_DAYS[-1]}
        ]
    if errors:
        raise ValidationError(errors)


def site_travel_set(
    *, actor: Actor, from_site: Any, to_site: Any, half_days: int
) -> SiteTravel:
    """Set the travel time between two sites of one school, the same both ways (the
    scheduler and the conflict check read it symmetrically). Returns the row
    from → to; unchanged, nothing is written."""
    require_scope(actor, MANAGE, school_id=from_site.school_id)
    _travel_errors(from_site, to_site, half_days)
    with transaction.atomic():
        rows = {
            (row.from_site_id, row.to_site_id): row
            for row in SiteTravel.objects.select_for_update().filter(
                from_site__in=[from_site, to_site], to_site__in=[from_site, to_site]
            )
        }
        before = {key: row.half_days for key, row in rows.items()}
        for origin, destination in ((from_site, to_site), (to_site, from_site)):
            row = rows.get((origin.pk, destination.pk))
            if row is None:
                rows[origin.pk, destination.pk] = SiteTravel.objects.create(
                    from_site=origin, to_site=destination, half_days=half_days
                )
            elif row.half_days != half_days:
                row.half_days = half_days
                row.save(update_fields=["half_days", "updated_at"])
        forward = rows[from_site.pk, to_site.pk]
        old = before.get((from_site.pk, to_site.pk))
        old_back = before.get((to_site.pk, from_site.pk))
        if old != half_days or old_back != half_days:
            audit_record(
                actor=actor,
                action="teaching.site_travel_set",
                instance=forward,
                changes={
                    "half_days": [old, half_days],
                    "half_days_back": [old_back, half_days],
                },
            )
    return forward
