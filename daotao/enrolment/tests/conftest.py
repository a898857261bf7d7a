"""A school with an approved plan, one class and its quotas, ready for nominations."""

import datetime

import pytest

from daotao.core.access import Role
from daotao.org.models import EducationLevel, Ethnicity
from daotao.org.tests.factories import AgencyFactory, UnitFactory
from daotao.people.tests.factories import PersonFactory
from daotao.planning.models import PlannedClass, Quota
from daotao.tests.support.school_world import FreshSchool

START = datetime.date(2026, 3, 2)


@pytest.fixture
def program_version(school):
    from daotao.programs.tests.factories import ProgramVersionFactory

    return ProgramVersionFactory(program__school=school, program__kind="tc_llct")


@pytest.fixture
def agencies(school):
    return (
        AgencyFactory(school=school, name="Đảng ủy xã Thọ Xuân"),
        AgencyFactory(school=school, name="Đảng ủy phường Hạc Thành"),
    )


@pytest.fixture
def planned_class(school, program_version, agencies):
    fresh = FreshSchool(school)
    planned = fresh.planned_class(
        program_version,
        plan=fresh.plan(2026, title="Kế hoạch đào tạo, bồi dưỡng năm 2026"),
        code="TC-2026-01",
        name="Trung cấp lý luận chính trị K60A",
        mode=PlannedClass.Mode.PART_TIME,
        planned_size=40,
        starts_on=START,
        ends_on=datetime.date(2027, 8, 30),
    )
    Quota.objects.create(planned_class=planned, agency=agencies[0], places=2)
    Quota.objects.create(planned_class=planned, agency=agencies[1], places=3)
    UnitFactory(
        school=school, name="Phòng Quản lý đào tạo", abbreviation="QLĐT", kind="office"
    )
    return planned


@pytest.fixture
def eligible_person(school, agencies):
    def make(agency=None, **changes):
        values = {
            "school": school,
            "agency": agency or agencies[0],
            "sex": "female",
            "date_of_birth": datetime.date(1990, 1, 1),
            "party_joined_on": datetime.date(2015, 5, 19),
            "education_level": EducationLevel.objects.get(code="DH"),
            "ethnicity": Ethnicity.objects.get(code="01"),
        }
        values.update(changes)
        return PersonFactory(**values)

    return make


@pytest.fixture
def coordinator(make_user, agencies):
    return make_user(Role.AGENCY_COORDINATOR, agency=agencies[0])


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)
