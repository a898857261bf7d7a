"""Writes on lecturers and their unavailability: atomic, permission re-checked,
audited on the lecturer's history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.faculty import topics
from daotao.faculty.models import Lecturer, Unavailability
from daotao.org.models import Unit

MANAGE = "faculty.manage_lecturer"
TRACKED_FIELDS = ["unit_id", "title", "is_visiting", "is_concurrent", "is_active"]


@dataclass(frozen=True)
class LecturerData:
    """A lecturer's teaching profile as a form, an import or the demo gives it."""

    title: str = Lecturer.Title.LECTURER
    unit_id: int | None = None
    is_visiting: bool = False
    is_concurrent: bool = False
    is_active: bool = True
    topic_ids: tuple[int, ...] = ()
    preferred_topic_ids: tuple[int, ...] = ()


def _clean(data: LecturerData, *, school_id: int) -> dict[str, Any]:
    """The checked values, or a ValidationError naming each field that is wrong."""
    errors: dict[str, list[str]] = {}
    if data.title not in Lecturer.Title.values:
        errors["title"] = [_("Chức danh không hợp lệ.")]
    if (
        data.unit_id is not None
        and not Unit.objects.filter(
            pk=data.unit_id, school_id=school_id, valid_to__isnull=True
        ).exists()
    ):
        errors["unit"] = [_("Khoa, phòng không thuộc trường hoặc đã giải thể.")]
    topic_ids = sorted(set(data.topic_ids))
    preferred_ids = sorted(set(data.preferred_topic_ids))
    known = topics.catalogue().known_ids(
        school_id=school_id, ids=[*topic_ids, *preferred_ids]
    )
    if set(topic_ids) - known:
        errors["topics"] = [_("Có chuyên đề không thuộc chương trình của trường.")]
    if set(preferred_ids) - known:
        errors["preferred_topics"] = [
            _("Có chuyên đề không thuộc chương trình của trường.")
        ]
    elif set(preferred_ids) - set(topic_ids):
        errors["preferred_topics"] = [
            _("Chuyên đề muốn giảng phải nằm trong các chuyên đề được giảng.")
        ]
    if errors:
        raise ValidationError(errors)
    return {
        "title": data.title,
        "unit_id": data.unit_id,
        "is_visiting": data.is_visiting,
        "is_concurrent": data.is_concurrent,
        "is_active": data.is_active,
        "topic_ids": topic_ids,
        "preferred_topic_ids": preferred_ids,
    }


def _state(lecturer: Lecturer) -> dict[str, Any]:
    state = snapshot(lecturer, TRACKED_FIELDS)
    state["topics"] = sorted(lecturer.topics.values_list("pk", flat=True))
    state["preferred_topics"] = sorted(
        lecturer.preferred_topics.values_list("pk", flat=True)
    )
    return state


def _apply(lecturer: Lecturer, values: dict[str, Any]) -> None:
    for name in TRACKED_FIELDS:
        setattr(lecturer, name, values[name])
    lecturer.save()
    lecturer.topics.set(values["topic_ids"])
    lecturer.preferred_topics.set(values["preferred_topic_ids"])


def lecturer_create(
    *, actor: Actor, person: Any, data: LecturerData | None = None
) -> Lecturer:
    """Make a person of the school a lecturer; refused if they already are one."""
    require_scope(actor, MANAGE, school_id=person.school_id)
    values = _clean(data or LecturerData(), school_id=person.school_id)
    with transaction.atomic():
        if Lecturer.objects.filter(person_id=person.pk).exists():
            raise ValidationError(
                {
                    "person": [
                        _("%(name)s đã có hồ sơ giảng viên.")
                        % {"name": person.full_name}
                    ]
                }
            )
        lecturer = Lecturer(school_id=person.school_id, person=person)
        _apply(lecturer, values)
        audit_record(
            actor=actor,
            action="faculty.lecturer_create",
            instance=lecturer,
            changes={"person": [None, person.pk]}
            | {k: [None, v] for k, v in _state(lecturer).items() if v},
        )
    return lecturer


def lecturer_update(
    *, actor: Actor, lecturer: Lecturer, data: LecturerData
) -> Lecturer:
    """Save the profile (title, unit, flags, topics); history keeps old and new."""
    require_scope(actor, MANAGE, school_id=lecturer.school_id)
    values = _clean(data, school_id=lecturer.school_id)
    with transaction.atomic():
        current = Lecturer.objects.select_for_update().get(pk=lecturer.pk)
        before = _state(current)
        _apply(current, values)
        changes = diff(before, _state(current))
        if changes:
            audit_record(
                actor=actor,
                action="faculty.lecturer_update",
                instance=current,
                changes=changes,
            )
    return current


@dataclass(frozen=True)
class UnavailabilityData:
    starts_on: datetime.date
    ends_on: datetime.date
    kind: str
    part: str = Unavailability.Part.WHOLE_DAY
    note: str = ""


def _describe(item: Unavailability) -> dict[str, str]:
    return {
        "starts_on": str(item.starts_on),
        "ends_on": str(item.ends_on),
        "part": item.part,
        "kind": item.kind,
        "note": item.note,
    }


def _clean_unavailability(data: UnavailabilityData) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    if data.ends_on < data.starts_on:
        errors["ends_on"] = [_("Ngày kết thúc phải từ ngày bắt đầu trở đi.")]
    if data.kind not in Unavailability.Kind.values:
        errors["kind"] = [_("Lý do không hợp lệ.")]
    if data.part not in Unavailability.Part.values:
        errors["part"] = [_("Buổi không hợp lệ.")]
    if errors:
        raise ValidationError(errors)
    return {
        "starts_on": data.starts_on,
        "ends_on": data.ends_on,
        "kind": data.kind,
        "part": data.part,
        "note": data.note.strip(),
    }


def unavailability_add(
    *, actor: Actor, lecturer: Lecturer, data: UnavailabilityData
) -> Unavailability:
    """Record days the lecturer cannot teach; the scheduler keeps them free."""
    require_scope(actor, MANAGE, school_id=lecturer.school_id)
    values = _clean_unavailability(data)
    with transaction.atomic():
        item = Unavailability.objects.create(lecturer=lecturer, **values)
        audit_record(
            actor=actor,
            action="faculty.unavailability_add",
            instance=lecturer,
            changes={"unavailability": [None, _describe(item)]},
        )
    return item


def unavailability_delete(*, actor: Actor, unavailability: Unavailability) -> None:
    """Remove a recorded absence; the lecturer's history keeps what it was."""
    lecturer = unavailability.lecturer
    require_scope(actor, MANAGE, school_id=lecturer.school_id)
    if unavailability.owned_by:
        raise ValidationError(
            _(
                "Những ngày này thuộc một đợt đi thực tế hoặc luân chuyển; "
                "hãy sửa hoặc xóa đợt đó."
            )
        )
    with transaction.atomic():
        described = _describe(unavailability)
        unavailability.delete()
        audit_record(
            actor=actor,
            action="faculty.unavailability_delete",
            instance=lecturer,
            changes={"unavailability": [described, None]},
        )
