"""Small worlds several apps' tests share, built with the fresh-school builder.

`teaching_world`: one school with a campus (two rooms) and an off-site location, a
TC LLCT version of two modules (three topics), one full-time cohort, three
lecturers qualified on the topics, and a two-week term holding the cohort (the
teaching, learning and outcomes tests' `world`).

`graded_world`: a cohort of three learners studying a TC LLCT version of two
modules, with the steps to an exam and a locked score sheet (the assessment and
credentials tests' `world`, `exam`, `locked_sheet`).
"""

import datetime
from typing import Any

from daotao.assessment import services as assessment
from daotao.core.actors import Actor
from daotao.org.models import Site
from daotao.org.tests.factories import AgencyFactory
from daotao.people.tests.factories import PersonFactory
from daotao.programs.tests.factories import (
    BlockFactory,
    ModuleFactory,
    ProgramVersionFactory,
    TopicFactory,
)
from daotao.tests.support.school_world import FreshSchool

TERM_START = datetime.date(2027, 3, 1)  # a Monday
TERM_END = datetime.date(2027, 3, 12)  # the Friday of the next week


def small_programme(school: Any) -> tuple[Any, list[Any]]:
    """A TC LLCT version of two modules and three topics (seven half-days of
    lecture and discussion); the version and its topics."""
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
    return version, topics


def teaching_world(school: Any) -> dict[str, Any]:
    version, topics = small_programme(school)
    fresh = FreshSchool(school)
    campus = fresh.site()
    off_site = fresh.site("Trung tâm Chính trị huyện", kind=Site.Kind.OFF_SITE)
    rooms = [
        fresh.room("Phòng 201", capacity=60),
        fresh.room("Phòng 202", capacity=40),
        fresh.room("Hội trường", capacity=80, site=off_site),
    ]
    cohort = fresh.cohort(
        version,
        code="K63A",
        class_code="TC-2027-01",
        name="Trung cấp lý luận chính trị K63A",
        starts_on=TERM_START,
        ends_on=datetime.date(2027, 8, 31),
    )
    names = [("Trần", "Thị", "Hà"), ("Lê", "Văn", "Nam"), ("Phạm", "Minh", "Tuấn")]
    lecturers = fresh.lecturers(topics, names)
    term = fresh.term("Tháng 3/2027", TERM_START, TERM_END, [cohort])
    return {
        "version": version,
        "topics": topics,
        "sites": (campus, off_site),
        "rooms": rooms,
        "cohort": cohort,
        "lecturers": lecturers,
        "term": term,
    }


# --- graded_world: the assessment and credentials tests' cohort -------------------

EXAM_DAY = datetime.date(2027, 4, 5)
# Listed out of order: the sheet must come out as Hà, Nam, Tuấn (by given name).
LEARNERS = [("Phạm", "Minh", "Tuấn"), ("Trần", "Thị", "Hà"), ("Lê", "Văn", "Nam")]


def graded_world(school: Any, creator: Any) -> dict[str, Any]:
    """A cohort of three learners (nominated by `creator`) studying a TC LLCT
    version of two modules (the assessment tests' `world`)."""
    version = ProgramVersionFactory(program__school=school, program__kind="tc_llct")
    block = BlockFactory(version=version, position=1, name="Phần I")
    first = ModuleFactory(block=block, position=1, name="Triết học Mác - Lênin")
    second = ModuleFactory(block=block, position=2, name="Xây dựng Đảng")
    TopicFactory(module=first, lecture_periods=20, discussion_periods=10)
    TopicFactory(module=second, lecture_periods=10, discussion_periods=0)
    fresh = FreshSchool(school)
    cohort = fresh.cohort(
        version,
        code="K63A",
        class_code="TC-2027-01",
        name="Trung cấp lý luận chính trị K63A",
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 8, 31),
    )
    agency = AgencyFactory(school=school)
    enrollments = [
        fresh.admit(
            cohort,
            PersonFactory(
                school=school,
                agency=agency,
                family_name=family,
                middle_name=middle,
                given_name=given,
            ),
            created_by=creator,
        )
        for family, middle, given in LEARNERS
    ]
    return {
        "cohort": cohort,
        "modules": (first, second),
        "enrollments": enrollments,
    }


def first_exam(world: dict[str, Any], office: Any) -> Any:
    """The exam of the world's first module, on EXAM_DAY."""
    return assessment.exam_create(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][0],
        held_on=EXAM_DAY,
    )


def fill(sheet: Any, actor: Actor, values: dict[str, str] | None = None) -> None:
    """Enter the same components for every line of the sheet."""
    values = values or {"attendance": "9.0", "test": "7.0", "exam": "6.0"}
    for score in sheet.scores.all():
        assessment.score_enter(
            actor=actor, score=score, values=values, expected_version=score.version
        )


def locked(sheet: Any, office: Any) -> Any:
    """The sheet filled with `fill`'s marks, submitted and locked."""
    fill(sheet, office)
    assessment.score_sheet_submit(actor=office, sheet=sheet)
    return assessment.score_sheet_lock(actor=office, sheet=sheet)
