"""A small teaching world shared by the teaching tests: one school with a campus
(two rooms) and an off-site location, a TC LLCT version of two modules (three
topics), one full-time cohort, three lecturers qualified on the topics, and a
two-week term holding the cohort."""

import datetime

import pytest

from daotao.enrolment.models import Cohort
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.models import Room, Site
from daotao.people.tests.factories import PersonFactory
from daotao.planning.models import PlannedClass, TrainingPlan
from daotao.programs.tests.factories import (
    BlockFactory,
    ModuleFactory,
    ProgramVersionFactory,
    TopicFactory,
)
from daotao.teaching.models import Term

TERM_START = datetime.date(2027, 3, 1)  # a Monday
TERM_END = datetime.date(2027, 3, 12)  # the Friday of the next week


@pytest.fixture
def world(school):
    version = ProgramVersionFactory(program__school=school, program__kind="tc_llct")
    block = BlockFactory(version=version, position=1, name="Phần I")
    first = ModuleFactory(block=block, position=1, name="Triết học Mác - Lênin")
    second = ModuleFactory(block=block, position=2, name="Xây dựng Đảng")
    topics = [
        TopicFactory(module=first, position=1, name="Chủ nghĩa duy vật biện chứng",
                     lecture_periods=10, discussion_periods=0),
        TopicFactory(module=first, position=2, name="Chủ nghĩa duy vật lịch sử",
                     lecture_periods=5, discussion_periods=5),
        TopicFactory(module=second, position=1, name="Công tác tổ chức, cán bộ",
                     lecture_periods=10, discussion_periods=5),
    ]  # fmt: skip
    campus = Site.objects.create(school=school, name="Cơ sở chính")
    off_site = Site.objects.create(
        school=school, name="Trung tâm Chính trị huyện", kind=Site.Kind.OFF_SITE
    )
    rooms = [
        Room.objects.create(site=campus, name="Phòng 201", capacity=60),
        Room.objects.create(site=campus, name="Phòng 202", capacity=40),
        Room.objects.create(site=off_site, name="Hội trường", capacity=80),
    ]
    plan = TrainingPlan.objects.create(
        school=school, year=2027, title="Kế hoạch 2027", status="approved"
    )
    planned = PlannedClass.objects.create(
        school=school,
        plan=plan,
        code="TC-2027-01",
        name="Trung cấp lý luận chính trị K63A",
        program_version=version,
        mode=PlannedClass.Mode.FULL_TIME,
        site=campus,
        planned_size=45,
        starts_on=TERM_START,
        ends_on=datetime.date(2027, 8, 31),
    )
    cohort = Cohort.objects.create(
        school=school,
        code="K63A",
        name=planned.name,
        planned_class=planned,
        program_version=version,
        mode=planned.mode,
        site=campus,
        starts_on=planned.starts_on,
        ends_on=planned.ends_on,
    )
    names = [("Trần", "Thị", "Hà"), ("Lê", "Văn", "Nam"), ("Phạm", "Minh", "Tuấn")]
    lecturers = []
    for family, middle, given in names:
        lecturer = LecturerFactory(
            school=school,
            person=PersonFactory(
                school=school, family_name=family, middle_name=middle, given_name=given
            ),
        )
        lecturer.topics.set(topics)
        lecturers.append(lecturer)
    term = Term.objects.create(
        school=school, name="Tháng 3/2027", starts_on=TERM_START, ends_on=TERM_END
    )
    term.cohorts.add(cohort)
    return {
        "version": version,
        "topics": topics,
        "sites": (campus, off_site),
        "rooms": rooms,
        "cohort": cohort,
        "lecturers": lecturers,
        "term": term,
    }
