"""Writes on invited organisations, delegations, delegates and liaisons, and the
check-in at the door."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, audit_record_many, diff, snapshot
from daotao.core.text import join_name, split_full_name
from daotao.faculty.models import Lecturer
from daotao.research.models import (
    Conference,
    Delegate,
    Delegation,
    InvitedOrganisation,
    Liaison,
)

MANAGE = "research.manage_conference"
CHECK_IN = "research.check_in_delegate"


@dataclass(frozen=True)
class DelegateData:
    full_name: str
    delegation_id: int
    position: str = ""
    role: str = Delegate.Role.DELEGATE
    email: str = ""
    phone: str = ""
    arrives_at: datetime.datetime | None = None
    departs_at: datetime.datetime | None = None
    needs_lodging: bool = False
    lodging: str = ""
    meals: int = 0


TRACKED = [f.name for f in fields(DelegateData)]


def organisation_ensure(
    *, actor: Actor, school_id: int, name: str, group: str
) -> InvitedOrganisation:
    """The school's organisation of that name, made if new (its group is kept)."""
    require_scope(actor, MANAGE, school_id=school_id)
    if group not in InvitedOrganisation.Group.values:
        raise ValidationError({"group": [_("Nhóm cơ quan không hợp lệ.")]})
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": [_("Hãy nhập tên cơ quan, đơn vị.")]})
    with transaction.atomic():
        organisation, created = InvitedOrganisation.objects.get_or_create(
            school_id=school_id, name=name, defaults={"group": group}
        )
        if created:
            audit_record(
                actor=actor,
                action="research.organisation_create",
                instance=organisation,
                changes={"name": name, "group": group},
            )
    return organisation


def delegation_ensure(
    *,
    actor: Actor,
    conference: Conference,
    organisation: InvitedOrganisation,
    expected_count: int | None = None,
    position: int | None = None,
) -> Delegation:
    """The organisation's delegation at the conference, made if new; a position
    given places it in the conference's own order."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    if organisation.school_id != conference.school_id:
        raise ValidationError(_("Cơ quan này không thuộc danh mục của trường."))
    with transaction.atomic():
        delegation, created = Delegation.objects.get_or_create(
            conference=conference, organisation=organisation
        )
        if expected_count is not None and delegation.expected_count != expected_count:
            delegation.expected_count = expected_count
            delegation.save(update_fields=["expected_count", "updated_at"])
        if position is not None and delegation.position != position:
            delegation.position = position
            delegation.save(update_fields=["position", "updated_at"])
        if created:
            audit_record(
                actor=actor,
                action="research.delegation_create",
                instance=conference,
                changes={"delegation": [None, organisation.name]},
            )
    return delegation


def _clean(
    data: DelegateData, *, conference: Conference, delegate: Delegate | None
) -> Delegation:
    errors: dict[str, list[str]] = {}
    delegation = conference.delegations.filter(pk=data.delegation_id).first()
    if delegation is None:
        errors["delegation"] = [_("Đoàn không thuộc hội thảo này.")]
    if not " ".join(data.full_name.split()):
        errors["full_name"] = [_("Hãy nhập họ và tên đại biểu.")]
    if data.role not in Delegate.Role.values:
        errors["role"] = [_("Vai trò không hợp lệ.")]
    elif data.role == Delegate.Role.LEADER and delegation is not None:
        leaders = delegation.delegates.filter(role=Delegate.Role.LEADER)
        if delegate is not None:
            leaders = leaders.exclude(pk=delegate.pk)
        leader = leaders.first()
        if leader is not None:
            errors["role"] = [
                _("Đoàn %(delegation)s đã có trưởng đoàn là %(name)s.")
                % {"delegation": delegation, "name": leader.full_name}
            ]
    if data.arrives_at and data.departs_at and data.departs_at < data.arrives_at:
        errors["departs_at"] = [_("Thời gian về phải sau thời gian đến.")]
    if errors:
        raise ValidationError(errors)
    return delegation


def delegate_create(
    *,
    actor: Actor,
    conference: Conference,
    data: DelegateData,
    source: str = Delegate.Source.STAFF,
) -> Delegate:
    require_scope(actor, MANAGE, school_id=conference.school_id)
    return _create(actor=actor, conference=conference, data=data, source=source)


def _normalised(data: DelegateData) -> DelegateData:
    """The name written the one way: NFC, single spaces, each word capitalised."""
    parts = split_full_name(data.full_name)
    return replace(
        data,
        full_name=join_name(
            family_name=parts.family_name,
            middle_name=parts.middle_name,
            given_name=parts.given_name,
        ),
    )


def _create(
    *, actor: Actor | None, conference: Conference, data: DelegateData, source: str
) -> Delegate:
    data = _normalised(data)
    _clean(data, conference=conference, delegate=None)
    with transaction.atomic():
        delegate = Delegate.objects.create(
            school_id=conference.school_id,
            conference=conference,
            source=source,
            **{name: getattr(data, name) for name in TRACKED},
        )
        audit_record(
            actor=actor,
            action="research.delegate_create",
            instance=delegate,
            changes=snapshot(delegate, TRACKED),
        )
    return delegate


def delegate_update(
    *, actor: Actor, delegate: Delegate, data: DelegateData
) -> Delegate:
    require_scope(actor, MANAGE, school_id=delegate.school_id)
    data = _normalised(data)
    _clean(data, conference=delegate.conference, delegate=delegate)
    with transaction.atomic():
        delegate = Delegate.objects.select_for_update().get(pk=delegate.pk)
        before = snapshot(delegate, TRACKED)
        for name in TRACKED:
            setattr(delegate, name, getattr(data, name))
        delegate.save()
        audit_record(
            actor=actor,
            action="research.delegate_update",
            instance=delegate,
            changes=diff(before, snapshot(delegate, TRACKED)),
        )
    return delegate


def delegate_register_public(*, conference: Conference, data: DelegateData) -> Delegate:
    """A registration from the public form: only while registration is open, only
    into a delegation invited to the conference, never as leader."""
    if not conference.is_registration_open(timezone.now()):
        raise ValidationError(_("Hội thảo hiện không nhận đăng ký."))
    if data.role not in (Delegate.Role.DELEGATE, Delegate.Role.SPEAKER):
        raise ValidationError({"role": [_("Vai trò không hợp lệ.")]})
    return _create(
        actor=None, conference=conference, data=data, source=Delegate.Source.PUBLIC
    )


def delegates_import(
    *, actor: Actor, conference: Conference, rows: Sequence[DelegateData]
) -> list[Delegate]:
    """Add many delegates at once (an import already checked row by row)."""
    require_scope(actor, MANAGE, school_id=conference.school_id)
    with transaction.atomic():
        delegates = Delegate.objects.bulk_create(
            [
                _prepared(
                    Delegate(
                        school_id=conference.school_id,
                        conference=conference,
                        source=Delegate.Source.IMPORT,
                        **{name: getattr(data, name) for name in TRACKED},
                    )
                )
                for data in rows
            ],
            batch_size=500,
        )
        audit_record_many(
            actor=actor,
            action="research.delegate_import",
            entries=[(d, {"full_name": d.full_name}) for d in delegates],
        )
    return delegates


def _prepared(delegate: Delegate) -> Delegate:
    # bulk_create skips save(): fill the derived keys the same way.
    delegate.set_keys()
    return delegate


@dataclass(frozen=True)
class CheckIn:
    delegate: Delegate
    is_first: bool


def delegate_check_in(
    *,
    actor: Actor,
    conference: Conference,
    token: str,
    at: datetime.datetime | None = None,
) -> CheckIn:
    """Mark the badge's delegate as arrived (now, or `at` when a past scan is
    recorded); a second scan changes nothing."""
    require_scope(actor, CHECK_IN, school_id=conference.school_id)
    with transaction.atomic():
        delegate = (
            Delegate.objects.select_for_update()
            .filter(conference=conference, badge_token=token)
            .first()
        )
        if delegate is None:
            raise ValidationError(_("Mã thẻ đại biểu không đúng với hội thảo này."))
        if delegate.checked_in_at is not None:
            return CheckIn(delegate, is_first=False)
        delegate.checked_in_at = at or timezone.now()
        delegate.save(update_fields=["checked_in_at", "updated_at"])
        audit_record(
            actor=actor, action="research.delegate_check_in", instance=delegate
        )
    return CheckIn(delegate, is_first=True)


def liaisons_set(
    *, actor: Actor, delegation: Delegation, lecturer_ids: Sequence[int]
) -> None:
    """Make exactly these lecturers the liaisons of the delegation."""
    conference = delegation.conference
    require_scope(actor, MANAGE, school_id=conference.school_id)
    wanted = set(lecturer_ids)
    known = Lecturer.objects.filter(pk__in=wanted, school_id=conference.school_id)
    if known.count() != len(wanted):
        raise ValidationError(
            {"lecturers": [_("Liên lạc viên phải là giảng viên của trường.")]}
        )
    with transaction.atomic():
        current = set(delegation.liaison_rows.values_list("lecturer_id", flat=True))
        delegation.liaison_rows.filter(lecturer_id__in=current - wanted).delete()
        Liaison.objects.bulk_create(
            [
                Liaison(delegation=delegation, lecturer_id=pk)
                for pk in sorted(wanted - current)
            ]
        )
        if current != wanted:
            audit_record(
                actor=actor,
                action="research.liaisons_set",
                instance=conference,
                changes={
                    "delegation": delegation.pk,
                    "liaisons": [sorted(current), sorted(wanted)],
                },
            )
