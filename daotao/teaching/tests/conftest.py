"""The teaching tests' worlds: `world`, one school with a campus (two rooms) and an
off-site location, a TC LLCT version of two modules (three topics), one full-time
cohort, three lecturers qualified on the topics, and a two-week term holding the
cohort; `fresh_school`, a school ready for the chain of a second class (see
second_class.py)."""

import pytest

from daotao.core.access import Role
from daotao.org.tests.factories import AgencyFactory, UnitFactory
from daotao.tests.support.school_world import FreshSchool
from daotao.tests.support.worlds import small_programme, teaching_world


@pytest.fixture
def world(school):
    return teaching_world(school)


@pytest.fixture
def fresh_school(school, make_user):
    """A school with one campus of one room, a small TC LLCT programme (two
    modules, three topics, seven half-days), four lecturers able to teach it all,
    one sending agency and the roles of the chain."""
    version, topics = small_programme(school)
    fresh = FreshSchool(school)
    campus = fresh.site()
    room = fresh.room("Phòng học 302", capacity=60)
    lecturers = fresh.lecturers(
        topics, [("Nguyễn", "Văn", given) for given in ("Hà", "Nam", "Tuấn", "Lan")]
    )
    agency = AgencyFactory(school=school, name="Đảng ủy xã Thọ Xuân")
    UnitFactory(
        school=school, name="Phòng Quản lý đào tạo", abbreviation="QLĐT", kind="office"
    )
    return {
        "school": school,
        "version": version,
        "site": campus,
        "room": room,
        "lecturers": lecturers,
        "agency": agency,
        "office": make_user(Role.TRAINING_OFFICE),
        "leader": make_user(Role.LEADERSHIP),
        "coordinator": make_user(Role.AGENCY_COORDINATOR, agency=agency),
    }
