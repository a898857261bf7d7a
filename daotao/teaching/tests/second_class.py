"""The chain of a second class on a fresh school, through the services (the
`fresh_school` fixture is in conftest.py): a plan's class nominated, checked and
admitted; a term holding a cohort scheduled and published. Shared by the
service chain and its browser walk."""

import datetime

from daotao.documents.services import issuer_ensure_default
from daotao.enrolment import services as enrolment
from daotao.org.models import EducationLevel, Ethnicity, Unit
from daotao.people.tests.factories import PersonFactory
from daotao.planning import services as planning
from daotao.teaching.models import ScheduleRun
from daotao.teaching.services import scheduling

D = datetime.date
TERM = (D(2028, 3, 6), D(2028, 3, 17))  # two weeks, Monday to Friday
GOOD = enrolment.NominationData(
    is_post_qualifying=True, rating_previous_year="good", rating_year_before="good"
)


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
