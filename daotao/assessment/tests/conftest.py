"""A cohort of three learners studying a TC LLCT version of two modules, and the
users who enter, lock and amend its scores."""

import datetime

import pytest

from daotao.assessment import services
from daotao.core.access import Role
from daotao.enrolment.models import Cohort, Enrollment, Nomination
from daotao.org.models import Site
from daotao.org.tests.factories import AgencyFactory
from daotao.people.tests.factories import PersonFactory
from daotao.planning.models import PlannedClass, TrainingPlan
from daotao.programs.tests.factories import (
    BlockFactory,
    ModuleFactory,
    ProgramVersionFactory,
    TopicFactory,
)

EXAM_DAY = datetime.date(2027, 4, 5)
# Listed out of order: the sheet must come out as Hà, Nam, Tuấn (by given name).
LEARNERS = [("Phạm", "Minh", "Tuấn"), ("Trần", "Thị", "Hà"), ("Lê", "Văn", "Nam")]


@pytest.fixture
def world(school, make_user):
    version = ProgramVersionFactory(program__school=school, program__kind="tc_llct")
    block = BlockFactory(version=version, position=1, name="Phần I")
    first = ModuleFactory(block=block, position=1, name="Triết học Mác - Lênin")
    second = ModuleFactory(block=block, position=2, name="Xây dựng Đảng")
    TopicFactory(module=first, lecture_periods=20, discussion_periods=10)
    TopicFactory(module=second, lecture_periods=10, discussion_periods=0)
    plan = TrainingPlan.objects.create(
        school=school, year=2027, title="Kế hoạch 2027", status="approved"
    )
    site = Site.objects.create(school=school, name="Cơ sở chính")
    planned = PlannedClass.objects.create(
        school=school,
        plan=plan,
        code="TC-2027-01",
        name="Trung cấp lý luận chính trị K63A",
        program_version=version,
        mode=PlannedClass.Mode.FULL_TIME,
        site=site,
        planned_size=45,
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 8, 31),
    )
    cohort = Cohort.objects.create(
        school=school,
        code="K63A",
        name=planned.name,
        planned_class=planned,
        program_version=version,
        mode=planned.mode,
        site=site,
        starts_on=planned.starts_on,
        ends_on=planned.ends_on,
    )
    agency = AgencyFactory(school=school)
    creator = make_user(None)
    enrollments = []
    for position, (family, middle, given) in enumerate(LEARNERS, start=1):
        person = PersonFactory(
            school=school,
            agency=agency,
            family_name=family,
            middle_name=middle,
            given_name=given,
        )
        nomination = Nomination.objects.create(
            school=school,
            person=person,
            agency=agency,
            planned_class=planned,
            created_by=creator,
            status="admitted",
        )
        enrollments.append(
            Enrollment.objects.create(
                cohort=cohort,
                person=person,
                nomination=nomination,
                agency=agency,
                learner_code=f"K63A-{position:03}",
                position=position,
            )
        )
    return {
        "cohort": cohort,
        "modules": (first, second),
        "enrollments": enrollments,
    }


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def lecturer(make_user):
    return make_user(Role.LECTURER)


@pytest.fixture
def exam(world, office):
    return services.exam_create(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][0],
        held_on=EXAM_DAY,
    )


@pytest.fixture
def sheet(exam, office):
    return services.score_sheet_create(actor=office, exam=exam)


def fill(sheet, actor, values=None):
    """Enter the same components for every line of the sheet."""
    values = values or {"attendance": "9.0", "test": "7.0", "exam": "6.0"}
    for score in sheet.scores.all():
        services.score_enter(
            actor=actor, score=score, values=values, expected_version=score.version
        )


@pytest.fixture
def locked_sheet(sheet, office):
    fill(sheet, office)
    services.score_sheet_submit(actor=office, sheet=sheet)
    return services.score_sheet_lock(actor=office, sheet=sheet)


def teaches(user, cohort, module=None, *, days=1, present=True):
    """Make `user` the lecturer of `days` published sessions of `module` (the
    cohort's first module by default), every learner present unless `present` is
    False (no attendance recorded); the sessions, in date order."""
    from daotao.faculty.models import Lecturer
    from daotao.faculty.tests.factories import LecturerFactory
    from daotao.org.models import Room
    from daotao.teaching.models import TeachingSession, Term

    if user.person_id and Lecturer.objects.filter(person_id=user.person_id).exists():
        lecturer = Lecturer.objects.get(person_id=user.person_id)
    else:
        lecturer = LecturerFactory(school=cohort.school)
        user.person = lecturer.person
        user.save(update_fields=["person"])
    module = module or cohort.program_version.blocks.first().modules.first()
    term, _created = Term.objects.get_or_create(
        school=cohort.school,
        name="Đợt 1",
        defaults={"starts_on": cohort.starts_on, "ends_on": cohort.ends_on},
    )
    room, _created = Room.objects.get_or_create(
        site=cohort.site, name="Phòng 105", defaults={"capacity": 50}
    )
    taught = TeachingSession.objects.filter(cohort=cohort).count()
    sessions = [
        TeachingSession.objects.create(
            school=cohort.school,
            term=term,
            cohort=cohort,
            topic=module.topics.first(),
            date=cohort.starts_on + datetime.timedelta(days=taught + day),
            half_day=0,
            lecturer=lecturer,
            room=room,
        )
        for day in range(days)
    ]
    if present:
        for enrollment in cohort.enrollments.all():
            attended(sessions, enrollment, days)
    return sessions


def attended(sessions, enrollment, count):
    """`enrollment` present at the first `count` sessions, absent at the rest."""
    from daotao.learning.models import Attendance

    for index, session in enumerate(sessions):
        Attendance.objects.create(
            session=session,
            enrollment=enrollment,
            status="present" if index < count else "absent",
        )
