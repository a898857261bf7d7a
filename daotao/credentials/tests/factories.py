"""Builders for credentials tests: cohorts with enrolled learners, blank stocks, and
one issued credential for the role-matrix walk."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from daotao.accounts.tests.factories import UserFactory
from daotao.credentials.models import BlankStock, Credential, Kind, Register
from daotao.credentials.services import new_verification_code
from daotao.enrolment.models import Cohort, Enrollment
from daotao.programs.tests.factories import ProgramVersionFactory
from daotao.tests.support.school_world import FreshSchool

_codes = itertools.count(1)


def cohort_of(school: Any, *, program_kind: str, name: str) -> Cohort:
    """A finished cohort of a programme of `program_kind` in `school`."""
    number = next(_codes)
    version = ProgramVersionFactory(
        program__school=school, program__kind=program_kind, program__name=name
    )
    return FreshSchool(school).cohort(
        version,
        code=f"K{number}",
        class_code=f"L-{number}",
        name=name,
        planned_size=40,
        starts_on=datetime.date(2026, 3, 2),
        ends_on=datetime.date(2026, 9, 2),
        status=Cohort.Status.FINISHED,
    )


def enroll(cohort: Cohort, person: Any, *, position: int) -> Enrollment:
    """The person admitted into the cohort (nomination and roster line)."""
    return FreshSchool(cohort.school).admit(cohort, person, position=position)


def blank_stock(
    school: Any, *, kind: str, first: int, last: int, prefix: str = "A"
) -> BlankStock:
    return BlankStock.objects.create(
        school=school,
        kind=kind,
        serial_prefix=prefix,
        number_width=6,
        first_number=first,
        last_number=last,
        received_on=datetime.date(2026, 1, 5),
        received_by=UserFactory(),
    )


def issued_credential(enrollment: Enrollment) -> Credential:
    """A valid diploma for the enrolment, written directly (for page walks)."""
    school = enrollment.cohort.school
    stock = blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10, prefix="W")
    register = Register.objects.create(
        school=school,
        kind=Kind.DIPLOMA,
        year=2026,
        book_number="TCLLCT-2026",
        last_entry_number=1,
    )
    return Credential.objects.create(
        school=school,
        kind=Kind.DIPLOMA,
        register=register,
        entry_number=1,
        stock=stock,
        serial_number=1,
        serial="W000001",
        enrollment=enrollment,
        holder_name=enrollment.person.full_name,
        holder_date_of_birth=enrollment.person.date_of_birth,
        programme_name="Trung cấp lý luận chính trị",
        classification_label="Khá",
        issued_on=datetime.date(2026, 9, 15),
        signer="Hiệu trưởng",
        verification_code=new_verification_code(),
        issued_by=UserFactory(),
    )


def diploma_template(school: Any) -> Any:
    """The school's diploma wording template (made from the default)."""
    from daotao.credentials.services import credential_template_for

    return credential_template_for(school_id=school.pk, kind=Kind.DIPLOMA)
