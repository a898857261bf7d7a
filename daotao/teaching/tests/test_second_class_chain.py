"""Issue 13's chain on a fresh school (not the demo), through the services: two
plans a year apart; the first plan's class is admitted and its term scheduled and
published; then the next year's class, sharing the one room and the lecturers, is
admitted, its term scheduled beside the running one and published with no
conflict, and its timetable shows its sessions."""

import datetime

import pytest
from django.urls import reverse

from daotao.core.access import Role
from daotao.documents.services import issuer_ensure_default
from daotao.enrolment import services as enrolment
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.models import EducationLevel, Ethnicity, Room, Site, Unit
from daotao.org.tests.factories import AgencyFactory, UnitFactory
from daotao.people.tests.factories import PersonFactory
from daotao.planning import services as planning
from daotao.programs.tests.factories import (
    BlockFactory,
    ModuleFactory,
    ProgramVersionFactory,
    TopicFactory,
)
from daotao.teaching import scheduling as engine
from daotao.teaching.models import ScheduleRun, TeachingSession
from daotao.teaching.services import scheduling

pytestmark = pytest.mark.django_db
D = datetime.date
TERM = (D(2028, 3, 6), D(2028, 3, 17))  # two weeks, Monday to Friday
GOOD = enrolment.NominationData(
    is_post_qualifying=True, rating_previous_year="good", rating_year_before="good"
)


@pytest.fixture
def fresh_school(school, make_user):
    """A school with one campus of one room, a small TC LLCT programme (two
    modules, three topics, seven half-days), four lecturers able to teach it all,
    one sending agency and the roles of the chain."""
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
    room = Room.objects.create(site=campus, name="Phòng học 302", capacity=60)
    lecturers = []
    for given in ("Hà", "Nam", "Tuấn", "Lan"):
        lecturer = LecturerFactory(
            school=school, person=PersonFactory(school=school, given_name=given)
        )
        lecturer.topics.set(topics)
        lecturers.append(lecturer)
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


def admitted_class(world, *, year, code, starts_on, ends_on, learners):
    """A plan of `year` with one full-time class, approved; `learners` cadres of
    the agency nominated, checked and admitted: the cohort."""
    office, agency = world["office"], world["agency"]
    plan = planning.plan_create(
        actor=office,
        school_id=world["school"].pk,
        year=year,
        title=f"Kế hoạch đào tạo, bồi dưỡng năm {year}",
    )
    planned = planning.planned_class_add(
        actor=office,
        plan=plan,
        data=planning.PlannedClassData(
            code=f"TC-{year}-01",
            name=f"Trung cấp lý luận chính trị {code}",
            program_version_id=world["version"].pk,
            mode="full_time",
            site_id=world["site"].pk,
            planned_size=learners,
            starts_on=starts_on,
            ends_on=ends_on,
        ),
    )
    planning.quota_set(
        actor=office, planned_class=planned, agency_id=agency.pk, places=learners
    )
    planning.plan_submit(actor=office, plan=plan)
    planning.plan_approve(actor=world["leader"], plan=plan)
    for _n in range(learners):
        person = PersonFactory(
            school=world["school"],
            agency=agency,
            date_of_birth=D(1988, 5, 1),
            party_joined_on=D(2012, 5, 19),
            education_level=EducationLevel.objects.get(code="DH"),
            ethnicity=Ethnicity.objects.get(code="01"),
        )
        nomination = enrolment.nomination_submit(
            actor=world["coordinator"],
            planned_class=planned,
            agency_id=agency.pk,
            person=person,
            data=GOOD,
        )
        enrolment.nomination_check(actor=office, nomination=nomination)
    return enrolment.cohort_admit(
        actor=office,
        planned_class=planned,
        code=code,
        issuer=issuer_ensure_default(school=world["school"]),
        drafting_unit_id=Unit.objects.get(abbreviation="QLĐT").pk,
        signer_title="HIỆU TRƯỞNG",
    )


def scheduled_and_published(world, cohort, name, capture):
    """A term holding `cohort`, run (immediate task backend) and published."""
    office = world["office"]
    term = scheduling.term_create(
        actor=office,
        school_id=world["school"].pk,
        name=name,
        starts_on=TERM[0],
        ends_on=TERM[1],
        cohorts=[cohort],
    )
    with capture(execute=True):
        run = scheduling.schedule_run_start(
            actor=office, term=term, time_limit_seconds=10
        )
    run.refresh_from_db()
    assert (run.status, run.explanation, run.unplaced) == (
        ScheduleRun.Status.DONE,
        "",
        [],
    )
    scheduling.schedule_publish(actor=office, run=run)
    run.refresh_from_db()
    assert run.status == ScheduleRun.Status.PUBLISHED
    return term


def test_a_second_class_gets_a_published_timetable_beside_the_first(
    fresh_school, client, django_capture_on_commit_callbacks
):
    world = fresh_school
    first = admitted_class(
        world,
        year=2027,
        code="K63A",
        starts_on=D(2027, 9, 6),
        ends_on=D(2028, 6, 30),
        learners=3,
    )
    scheduled_and_published(
        world, first, "K63A tháng 3/2028", django_capture_on_commit_callbacks
    )
    second = admitted_class(
        world,
        year=2028,
        code="K64A",
        starts_on=D(2028, 3, 6),
        ends_on=D(2028, 12, 29),
        learners=4,
    )
    term = scheduled_and_published(
        world, second, "K64A tháng 3/2028", django_capture_on_commit_callbacks
    )

    published = TeachingSession.objects.filter(run=None)
    assert published.filter(cohort=first).count() == 7
    assert published.filter(cohort=second).count() == 7
    # Zero conflicts: one room and the lecturers, shared, never twice a half-day.
    for field in ("room_id", "lecturer_id", "cohort_id"):
        slots = list(published.values_list(field, "date", "half_day"))
        assert len(slots) == len(set(slots)), field
    assert set(published.values_list("room_id", flat=True)) == {world["room"].pk}
    problem = scheduling.problem_for_term(term)
    mine = [scheduling.engine_session(s) for s in published.filter(cohort=second)]
    assert engine.validate(problem, mine) == []

    client.force_login(world["office"])
    day = published.filter(cohort=second).order_by("date").first().date
    page = client.get(
        reverse("teaching:cohort-timetable", args=[second.pk]), {"tuan": day}
    )
    shown = page.context["grid"].sessions
    assert shown and {s.cohort_id for s in shown} == {second.pk}
    assert "Chủ nghĩa duy vật biện chứng" in page.content.decode()
