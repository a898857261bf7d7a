"""Writes on persons: validated as a whole, atomic, audited, history kept."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import asdict, dataclass, fields
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import (
    has_permission,
    log_personal_data_export,
    require_scope,
    scope_for,
)
from daotao.core.actors import Actor
from daotao.core.bulk import insert_many
from daotao.core.history import audit_record, audit_record_many, diff, snapshot
from daotao.core.text import normalize, normalize_tone_placement
from daotao.core.validators import (
    validate_citizen_id,
    validate_date_of_birth,
    validate_not_future,
    validate_phone,
    validate_printable,
)
from daotao.org.models import Agency
from daotao.people.models import Person, PostHistory


@dataclass(frozen=True)
class PersonData:
    """Everything a form, an import or the API gives to create or edit a person."""

    family_name: str
    given_name: str
    sex: str
    middle_name: str = ""
    date_of_birth: datetime.date | None = None
    birthplace: str = ""
    place_of_birth: str = ""
    ethnicity_id: int | None = None
    religion_id: int | None = None
    citizen_id: str = ""
    phone: str = ""
    email: str = ""
    party_joined_on: datetime.date | None = None
    party_official_on: datetime.date | None = None
    education_level_id: int | None = None
    theory_level_id: int | None = None
    current_post: str = ""
    agency_id: int | None = None


TRACKED_FIELDS = [f.name for f in fields(PersonData)]
_NAME_FIELDS = ("family_name", "middle_name", "given_name")


def _clean(data: PersonData) -> dict[str, Any]:
    """Normalised values, or a ValidationError naming each field that is wrong."""
    # A shallow copy: asdict() deep-copies and costs seconds in a 10,000-row import.
    values = {field.name: getattr(data, field.name) for field in fields(data)}
    errors: dict[str, list[str]] = {}

    def check(field: str, func: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationError as error:
            errors.setdefault(field, []).extend(error.messages)
            return None

    for name in _NAME_FIELDS:
        # Checked before normalising, which would turn some controls into spaces.
        check(name, validate_printable, values[name])
        values[name] = normalize_tone_placement(normalize(values[name]))
    for name in ("birthplace", "place_of_birth", "current_post"):
        values[name] = normalize(values[name])
    values["email"] = values["email"].strip().lower()
    if not values["family_name"] and "family_name" not in errors:
        errors["family_name"] = [_("Chưa nhập họ.")]
    if not values["given_name"] and "given_name" not in errors:
        errors["given_name"] = [_("Chưa nhập tên.")]
    if values["date_of_birth"]:
        check("date_of_birth", validate_date_of_birth, values["date_of_birth"])
    for name in ("party_joined_on", "party_official_on"):
        if values[name]:
            check(name, validate_not_future, values[name])
    if values["party_official_on"] and not values["party_joined_on"]:
        errors["party_joined_on"] = [_("Có ngày chính thức thì phải có ngày vào Đảng.")]
    if values["citizen_id"]:
        values["citizen_id"] = values["citizen_id"].strip()
        check(
            "citizen_id",
            validate_citizen_id,
            values["citizen_id"],
            date_of_birth=values["date_of_birth"],
            sex=values["sex"],
        )
    if values["phone"]:
        phone = check("phone", validate_phone, values["phone"])
        values["phone"] = phone or values["phone"]
    if errors:
        raise ValidationError(errors)
    return values


def _agencies_in_scope(actor: Actor, permission: str, school_id: int) -> set | None:
    """The agencies an agency-bound actor acts for in `school_id`, else None."""
    scope = scope_for(actor, permission)
    if scope.all_schools:
        return None
    return (scope.schools or {}).get(school_id)


def _citizen_id_taken(clash: Person, agencies: set | None) -> ValidationError:
    """The refusal for a number someone already holds. An agency-bound actor learns
    nothing about a holder outside their agencies: one
    message, whoever holds it; the training office matches the records."""
    if agencies is not None and clash.agency_id not in agencies:
        message = _(
            "Số CCCD này cần Phòng Quản lý đào tạo đối chiếu hồ sơ trước khi cơ quan "
            "khai báo; hãy gửi Phòng bản sao CCCD của cán bộ."
        )
    else:
        message = _("Số CCCD %(number)s đã có trong hồ sơ của %(name)s.") % {
            "number": clash.citizen_id,
            "name": clash.full_name,
        }
    return ValidationError({"citizen_id": [message]})


def _check_unique_citizen_id(
    *,
    school_id: int,
    citizen_id: str,
    exclude_pk: int | None,
    agencies: set | None,
) -> None:
    if not citizen_id:
        return
    clash = Person.objects.filter(school_id=school_id, citizen_id=citizen_id)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    other = clash.only(
        "family_name", "middle_name", "given_name", "full_name", "citizen_id", "agency"
    ).first()
    if other is not None:
        raise _citizen_id_taken(other, agencies)


def _open_post(person: Person) -> None:
    if person.current_post or person.agency_id:
        PostHistory.objects.create(
            person=person,
            post=person.current_post,
            agency=person.agency,
            agency_name=person.agency.name if person.agency else "",
            started_on=timezone.localdate(),
        )


def person_create(*, actor: Actor, school_id: int, data: PersonData) -> Person:
    """Create a person in `school_id`; nothing is saved if any field is wrong."""
    if not has_permission(actor, "people.add_person"):
        raise PermissionDenied
    values = _clean(data)
    require_scope(
        actor, "people.add_person", school_id=school_id, agency_id=values["agency_id"]
    )
    with transaction.atomic():
        _check_unique_citizen_id(
            school_id=school_id,
            citizen_id=values["citizen_id"],
            exclude_pk=None,
            agencies=_agencies_in_scope(actor, "people.add_person", school_id),
        )
        person = Person(school_id=school_id, **values)
        person.full_clean(exclude=["school"], validate_unique=False)
        person.save()
        _open_post(person)
        audit_record(
            actor=actor,
            action="people.person_create",
            instance=person,
            changes={
                k: [None, v] for k, v in snapshot(person, TRACKED_FIELDS).items() if v
            },
        )
    return person


_REFERENCE_FIELDS = {
    "ethnicity_id": "org.Ethnicity",
    "religion_id": "org.Religion",
    "education_level_id": "org.EducationLevel",
    "theory_level_id": "org.TheoryLevel",
}


def _check_references(values: list[dict[str, Any]], school_id: int) -> None:
    """Every referenced list entry and agency exists (one query per kind)."""
    from django.apps import apps

    wanted = {
        **_REFERENCE_FIELDS,
        "agency_id": "org.Agency",
    }
    for field, label in wanted.items():
        ids = {v[field] for v in values if v[field] is not None}
        if not ids:
            continue
        found = apps.get_model(label).objects.filter(pk__in=ids)
        if field == "agency_id":
            found = found.filter(school_id=school_id)
        missing = ids - set(found.values_list("pk", flat=True))
        if missing:
            raise ValidationError(
                {field.removesuffix("_id"): [_("Giá trị không có trong danh mục.")]}
            )


def person_create_many(
    *,
    actor: Actor,
    school_id: int,
    items: list[PersonData],
    audit_each: bool = True,
) -> list[Person]:
    """Create many persons in one transaction (imports): each validated like
    `person_create`; if any is wrong nothing is saved and the error names it.
    `audit_each=False`: no audit row per person, the caller's one event for the
    whole import names them (the nominations import)."""
    if not has_permission(actor, "people.add_person"):
        raise PermissionDenied
    cleaned = []
    for data in items:
        try:
            cleaned.append(_clean(data))
        except ValidationError as error:
            name = " ".join(p for p in (data.family_name, data.given_name) if p)
            raise ValidationError(
                [f"{name}: {message}" for message in error.messages]
            ) from error
    for agency_id in {values["agency_id"] for values in cleaned}:
        require_scope(
            actor, "people.add_person", school_id=school_id, agency_id=agency_id
        )
    _check_references(cleaned, school_id)
    with transaction.atomic():
        _check_unique_citizen_ids(
            school_id,
            [v["citizen_id"] for v in cleaned],
            agencies=_agencies_in_scope(actor, "people.add_person", school_id),
        )
        persons = [Person(school_id=school_id, **values) for values in cleaned]
        for person in persons:
            person.derive_keys()
            person.full_clean(
                exclude=["school", "agency", *_REFERENCE_FIELDS_NAMES],
                validate_unique=False,
                validate_constraints=False,
            )
        insert_many(persons)
        _open_posts(persons)
        if not audit_each:
            return persons
        audit_record_many(
            actor=actor,
            action="people.person_create",
            entries=[
                (
                    person,
                    {
                        k: [None, v]
                        for k, v in snapshot(person, TRACKED_FIELDS).items()
                        if v
                    },
                )
                for person in persons
            ],
        )
    return persons


_REFERENCE_FIELDS_NAMES = [f.removesuffix("_id") for f in _REFERENCE_FIELDS]


def _check_unique_citizen_ids(
    school_id: int, citizen_ids: list[str], *, agencies: set | None
) -> None:
    given = [c for c in citizen_ids if c]
    repeated = sorted(c for c, n in Counter(given).items() if n > 1)
    if repeated:
        raise ValidationError(
            {"citizen_id": [_("Số CCCD %s lặp lại trong danh sách.") % repeated[0]]}
        )
    clash = (
        Person.objects.filter(school_id=school_id, citizen_id__in=given)
        .order_by("citizen_id")
        .first()
    )
    if clash is not None:
        raise _citizen_id_taken(clash, agencies)


def _open_posts(persons: list[Person]) -> None:
    today = timezone.localdate()
    agency_ids = {person.agency_id for person in persons if person.agency_id}
    names = dict(Agency.objects.filter(pk__in=agency_ids).values_list("pk", "name"))
    insert_many(
        [
            PostHistory(
                person=person,
                post=person.current_post,
                agency_id=person.agency_id,
                agency_name=names.get(person.agency_id, ""),
                started_on=today,
            )
            for person in persons
            if person.current_post or person.agency_id
        ]
    )


def person_update(
    *, actor: Actor, person: Person, data: PersonData, expected_version: int
) -> Person:
    """Save an edit made on `expected_version`; a stale edit is refused, not merged."""
    if not has_permission(actor, "people.change_person"):
        raise PermissionDenied
    values = _clean(data)
    require_scope(
        actor,
        "people.change_person",
        school_id=person.school_id,
        agency_id=person.agency_id,
    )
    require_scope(
        actor,
        "people.change_person",
        school_id=person.school_id,
        agency_id=values["agency_id"],
    )
    with transaction.atomic():
        current = Person.objects.select_for_update().get(pk=person.pk)
        if current.version != expected_version:
            raise ValidationError(
                _(
                    "Hồ sơ này vừa được người khác cập nhật. Hãy tải lại trang, "
                    "xem thay đổi mới rồi sửa lại."
                ),
                code="conflict",
            )
        _check_unique_citizen_id(
            school_id=current.school_id,
            citizen_id=values["citizen_id"],
            exclude_pk=current.pk,
            agencies=_agencies_in_scope(
                actor, "people.change_person", current.school_id
            ),
        )
        before = snapshot(current, TRACKED_FIELDS)
        post_changed = (current.current_post, current.agency_id) != (
            values["current_post"],
            values["agency_id"],
        )
        for name, value in values.items():
            setattr(current, name, value)
        current.full_clean(exclude=["school"], validate_unique=False)
        changes = diff(before, snapshot(current, TRACKED_FIELDS))
        if not changes:
            return current
        current.version += 1
        current.save()
        if post_changed:
            current.post_history.filter(ended_on__isnull=True).update(
                ended_on=timezone.localdate()
            )
            _open_post(current)
        audit_record(
            actor=actor,
            action="people.person_update",
            instance=current,
            changes=changes,
        )
    return current


def person_export_record(*, actor: Actor, filters: Any, request: Any = None) -> None:
    """Log an export of personal data: who, what filter, from where."""
    log_personal_data_export(
        actor=actor,
        object_type="people.person",
        filters=asdict(filters),
        request=request,
    )
