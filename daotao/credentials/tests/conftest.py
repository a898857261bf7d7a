"""A graduating world: a finished TC LLCT cohort of three learners and a bồi dưỡng
cohort of two, in one school, with a training-office issuer."""

import datetime

import pytest
from django.core.cache import cache

from daotao.assessment.tests.conftest import (  # noqa: F401 (fixtures for transcripts)
    exam,
    locked_sheet,
    office,
    sheet,
    world,
)
from daotao.core.access import Role
from daotao.credentials.tests.factories import cohort_of, enroll
from daotao.people.tests.factories import PersonFactory

ISSUED_ON = datetime.date(2026, 9, 15)
NAMES = [("Trần", "Thị", "Hà"), ("Lê", "Văn", "An"), ("Đỗ", "Minh", "Tuấn")]


@pytest.fixture(autouse=True)
def _empty_cache():
    # The verification rate limit counts in the cache; each test starts from zero.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def issuer(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def diploma_cohort(school, agency):
    cohort = cohort_of(
        school, program_kind="tc_llct", name="Trung cấp lý luận chính trị"
    )
    enrollments = []
    for position, (family, middle, given) in enumerate(NAMES, 1):
        person = PersonFactory(
            school=school,
            agency=agency,
            family_name=family,
            middle_name=middle,
            given_name=given,
            date_of_birth=datetime.date(1980 + position, position, 10),
        )
        enrollments.append(enroll(cohort, person, position=position))
    return enrollments


@pytest.fixture
def certificate_cohort(school, agency):
    cohort = cohort_of(
        school, program_kind="chuyen_vien", name="Bồi dưỡng ngạch chuyên viên"
    )
    return [
        enroll(cohort, PersonFactory(school=school, agency=agency), position=n)
        for n in (1, 2)
    ]
