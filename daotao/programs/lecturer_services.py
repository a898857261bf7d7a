"""Writes of the lecturers sheet: the person (found or created through `people`),
the lecturer profile (through `faculty`), then the chuyên đề they may teach, which
belong to this app and are set through `lecturer.topics`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import split_full_name
from daotao.faculty import services as faculty_services
from daotao.people import services as people_services
from daotao.people.models import Person

MANAGE = "faculty.manage_lecturer"


@dataclass(frozen=True)
class LecturerRow:
    """One new lecturer of a sheet: `person_id` when the person is on file."""

    full_name: str
    date_of_birth: datetime.date
    sex: str
    unit_id: int
    title: str
    person_id: int | None = None
    citizen_id: str = ""
    is_visiting: bool = False
    topic_ids: tuple[int, ...] = ()


def _person(*, actor: Actor, school_id: int, item: LecturerRow) -> Person:
    if item.person_id is not None:
        return Person.objects.get(pk=item.person_id, school_id=school_id)
    parts = split_full_name(item.full_name)
    return people_services.person_create(
        actor=actor,
        school_id=school_id,
        data=people_services.PersonData(
            family_name=parts.family_name,
            middle_name=parts.middle_name,
            given_name=parts.given_name,
            sex=item.sex,
            date_of_birth=item.date_of_birth,
            citizen_id=item.citizen_id,
        ),
    )


def lecturers_import(
    *, actor: Actor, school_id: int, items: list[LecturerRow]
) -> list[Any]:
    """Create each row's lecturer (and person when new) in one transaction; the
    topics are recorded on the lecturer's history as
    `programs.lecturer_topics_import`."""
    require_scope(actor, MANAGE, school_id=school_id)
    created = []
    with transaction.atomic():
        for item in items:
            person = _person(actor=actor, school_id=school_id, item=item)
            lecturer = faculty_services.lecturer_create(
                actor=actor,
                person=person,
                data=faculty_services.LecturerData(
                    title=item.title, unit_id=item.unit_id, is_visiting=item.is_visiting
                ),
            )
            if item.topic_ids:
                lecturer.topics.add(*item.topic_ids)
                audit_record(
                    actor=actor,
                    action="programs.lecturer_topics_import",
                    instance=lecturer,
                    changes={"topics": [[], list(item.topic_ids)]},
                )
            created.append(lecturer)
    return created
