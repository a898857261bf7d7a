"""The school year in progress: the approved 2026 plan with a TC LLCT class and a
bồi dưỡng class that study in the autumn of 2026, the term "Học kỳ I năm học
2026–2027" holding them, its schedule made by the engine and published, and the
giờ chuẩn ledger of school year 2026 counted up to today.

Everything is found first, so a second run creates nothing: the plan by its year,
the cohorts by their planned class, the term by its name, the schedule by its
published run; the ledger is counted again only when a session taught since the
last count is missing from it (run on a later day, more sessions count).
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone

from daotao.demo.cycle import CAMPUS, submit_and_approve
from daotao.demo.teaching import _eligible_people
from daotao.documents.services import issuer_ensure_default
from daotao.enrolment import services as enrolment
from daotao.enrolment.models import Cohort, Nomination
from daotao.faculty import services as faculty
from daotao.faculty.models import Lecturer
from daotao.ledger import rules
from daotao.ledger import services as ledger
from daotao.ledger.models import LedgerPeriod
from daotao.org.models import Site, Unit
from daotao.people.models import Person
from daotao.planning import services as planning
from daotao.planning.models import PlannedClass, Quota, TrainingPlan
from daotao.programs.models import ProgramVersion, Topic
from daotao.teaching.models import ScheduleRun, TeachingSession, Term
from daotao.teaching.services.scheduling import (
    schedule_publish,
    schedule_run_execute,
    schedule_run_start,
    term_create,
)

PLAN_YEAR = 2026
SCHOOL_YEAR = 2026  # the ledger's year: September 2026 – August 2027
TERM_NAME = "Học kỳ I năm học 2026–2027"
TERM_DATES = (datetime.date(2026, 9, 7), datetime.date(2026, 12, 31))
# The engine's time limit (the smallest it accepts is 10 s); the term is easy.
SOLVER_SECONDS = 20
# Nominees for a bồi dưỡng lãnh đạo cấp phòng class: heads of sections first.
MANAGER_POSTS = ("Trưởng phòng", "Chánh Văn phòng", "Chánh Thanh tra")
STATUS_ORDER = [Cohort.Status.OPEN, Cohort.Status.STUDYING, Cohort.Status.FINISHED]


@dataclass(frozen=True)
class AutumnClass:
    code: str
    cohort_code: str
    name: str
    program: str
    starts_on: datetime.date
    ends_on: datetime.date
    size: int
    target_group: str
    quotas: dict[str, int]
    managers_first: bool = False


CLASSES = (
    AutumnClass(
        code="TC-2026-01",
        cohort_code="K62A",
        name="Trung cấp lý luận chính trị K62A (tập trung)",
        program="TCLLCT",
        # Six months; the autumn term holds the part up to the end of December.
        starts_on=datetime.date(2026, 9, 7),
        ends_on=datetime.date(2027, 2, 26),
        size=50,
        target_group="Cán bộ lãnh đạo, quản lý cấp xã",
        quotas={
            "Đảng ủy xã Bá Thước": 5,
            "UBND xã Triệu Sơn": 5,
            "UBND phường Đông Sơn": 4,
            "Đảng ủy phường Nghi Sơn": 4,
            "Văn phòng Tỉnh ủy": 4,
        },
    ),
    AutumnClass(
        code="BD-2026-01",
        cohort_code="LDP-2026",
        name="Bồi dưỡng lãnh đạo cấp phòng năm 2026",
        program="BD-LDP",
        starts_on=datetime.date(2026, 11, 2),
        ends_on=datetime.date(2026, 11, 27),
        size=40,
        target_group="Trưởng phòng, phó trưởng phòng các sở, ngành tỉnh",
        quotas={
            "Sở Tài chính": 4,
            "Sở Xây dựng": 4,
            "Sở Y tế": 4,
            "Văn phòng UBND tỉnh": 3,
            # So the demo coordinator follows one cadre through grading,
            # certificates and the evaluation (demo/graduation.py).
            "Đảng ủy phường Hạc Thành": 1,
        },
        managers_first=True,
    ),
)
# Khoa Xây dựng Đảng also teaches the bồi dưỡng lãnh đạo cấp phòng (module codes
# of BD-LDP): its head the general part, the demo lecturer (alone) the skills, so
# their own ledger shows hours; both the field study and essay.
BD_TEACHERS = {
    "head": ("I.1", "I.2", "III.1"),
    "lecturer": ("I.2", "II.1", "II.2", "III.1"),
}


def ensure_autumn(
    *,
    school: Any,
    office: Any,
    board: Any,
    agencies: dict[str, Any],
    head: Person,
    lecturer: Person,
) -> Counter[str]:
    """The 2026 plan, its autumn cohorts, their term and published schedule, and
    the ledger of school year 2026; returns what it created, by kind."""
    created: Counter[str] = Counter()
    today = timezone.localdate()
    plan, created["kế hoạch năm 2026"] = _plan(school, office, board, agencies)
    created["chuyên đề giao thêm cho giảng viên"] = _bd_teachers(
        school, office, {"head": head, "lecturer": lecturer}
    )
    cohorts, created["lớp học"] = _cohorts(school, office, plan)
    created["cập nhật chủ nhiệm, tình trạng lớp"] = _settings(
        school, office, cohorts, head, today
    )
    term, created["đợt xếp lịch"] = _term(school, office, cohorts)
    created["lịch giảng đã công bố"] = _schedule(office, term)
    created["lần tính sổ giờ chuẩn"] = _ledger(school, office, today)
    return created


def _plan(
    school: Any, office: Any, board: Any, agencies: dict[str, Any]
) -> tuple[TrainingPlan, int]:
    plan = TrainingPlan.objects.filter(school=school, year=PLAN_YEAR).first()
    if plan is not None:
        return plan, 0
    plan = planning.plan_create(
        actor=office,
        school_id=school.pk,
        year=PLAN_YEAR,
        title=f"Kế hoạch đào tạo, bồi dưỡng cán bộ năm {PLAN_YEAR}",
    )
    for spec in CLASSES:
        class_add(office, plan, spec, agencies)
    submit_and_approve(office=office, board=board, plan=plan, number=2)
    return plan, 1


def class_add(
    office: Any, plan: TrainingPlan, spec: AutumnClass, agencies: dict[str, Any]
) -> PlannedClass:
    """A full-time class of the draft plan on the campus, with its quotas."""
    version = ProgramVersion.objects.get(
        program__school_id=plan.school_id, program__code=spec.program, mode="full_time"
    )
    planned = planning.planned_class_add(
        actor=office,
        plan=plan,
        data=planning.PlannedClassData(
            code=spec.code,
            name=spec.name,
            program_version_id=version.pk,
            mode="full_time",
            site_id=Site.objects.get(school_id=plan.school_id, name=CAMPUS).pk,
            planned_size=spec.size,
            starts_on=spec.starts_on,
            ends_on=spec.ends_on,
            target_group=spec.target_group,
        ),
    )
    for agency_name, places in spec.quotas.items():
        planning.quota_set(
            actor=office,
            planned_class=planned,
            agency_id=agencies[agency_name].pk,
            places=places,
        )
    return planned


def _bd_teachers(school: Any, office: Any, persons: dict[str, Person]) -> int:
    """Give the BD-LDP topics to the lecturers of BD_TEACHERS who lack them."""
    topics: dict[str, list[int]] = {}
    for pk, code in Topic.objects.filter(
        module__block__version__program__school=school,
        module__block__version__program__code="BD-LDP",
    ).values_list("pk", "module__code"):
        topics.setdefault(code, []).append(pk)
    added = 0
    for role, person in persons.items():
        lecturer = Lecturer.objects.get(person=person)
        wanted = {pk for code in BD_TEACHERS[role] for pk in topics.get(code, [])}
        has = set(lecturer.topics.values_list("pk", flat=True))
        if wanted <= has:
            continue
        faculty.lecturer_update(
            actor=office,
            lecturer=lecturer,
            data=faculty.LecturerData(
                title=lecturer.title,
                unit_id=lecturer.unit_id,
                is_visiting=lecturer.is_visiting,
                is_concurrent=lecturer.is_concurrent,
                is_active=lecturer.is_active,
                topic_ids=tuple(sorted(has | wanted)),
                preferred_topic_ids=tuple(
                    lecturer.preferred_topics.values_list("pk", flat=True)
                ),
            ),
        )
        added += len(wanted - has)
    return added


def _nominees(
    planned: PlannedClass, agency_id: int, taken: set[int], spec: AutumnClass
) -> list[Person]:
    people = _eligible_people(planned, agency_id, taken)
    if spec.managers_first:
        people.sort(
            key=lambda p: not any(post in p.current_post for post in MANAGER_POSTS)
        )
    return people


def _cohorts(school: Any, office: Any, plan: TrainingPlan) -> tuple[list[Cohort], int]:
    """Each class's cohort, admitted once from eligible nominees of its agencies
    who were never nominated to another class (so the demo learner stays in
    K63A)."""
    issuer = issuer_ensure_default(school=school)
    drafting_unit = Unit.objects.get(school=school, abbreviation="QLĐT")
    cohorts, created = [], 0
    for spec in CLASSES:
        planned = PlannedClass.objects.get(plan=plan, code=spec.code)
        cohort = Cohort.objects.filter(planned_class=planned).first()
        if cohort is None:
            taken = set(
                Nomination.objects.filter(school=school)
                .exclude(status=Nomination.Status.WITHDRAWN)
                .values_list("person_id", flat=True)
            )
            for quota in Quota.objects.filter(planned_class=planned).order_by(
                "agency_id"
            ):
                people = _nominees(planned, quota.agency_id, taken, spec)
                for person in people[: quota.places]:
                    _nominate(planned, office, quota.agency_id, person)
                    taken.add(person.pk)
            cohort = enrolment.cohort_admit(
                actor=office,
                planned_class=planned,
                code=spec.cohort_code,
                issuer=issuer,
                drafting_unit_id=drafting_unit.pk,
                signer_title="HIỆU TRƯỞNG",
            )
            created += 1
        cohorts.append(cohort)
    return cohorts, created


def _nominate(planned: PlannedClass, office: Any, agency_id: int, person: Any) -> None:
    nomination = enrolment.nomination_submit(
        actor=office,
        planned_class=planned,
        agency_id=agency_id,
        person=person,
        data=enrolment.NominationData(
            rating_previous_year="good",
            rating_year_before="good",
            is_post_qualifying=True,
            sending_document_number=f"{person.pk % 90 + 10}-CV/TCCB",
            sending_document_date=planned.starts_on - datetime.timedelta(days=40),
        ),
    )
    enrolment.nomination_check(actor=office, nomination=nomination)


def _settings(
    school: Any, office: Any, cohorts: list[Cohort], head: Person, today: datetime.date
) -> int:
    """A homeroom lecturer for each cohort without one (the senior lecturer of
    Khoa Nhà nước và pháp luật for the TC LLCT class, the head of Khoa Xây dựng
    Đảng for the bồi dưỡng class); the status of the day: open before the first
    day, studying up to the last, finished after (one step at a time)."""
    homerooms = [
        Lecturer.objects.filter(
            school=school,
            unit__abbreviation="NNPL",
            title=Lecturer.Title.SENIOR,
        )
        .order_by("pk")
        .first(),
        Lecturer.objects.get(person=head),
    ]
    changed = 0
    for cohort, homeroom in zip(cohorts, homerooms, strict=True):
        target = _status_on(cohort, today)
        steps = STATUS_ORDER[STATUS_ORDER.index(cohort.status) + 1 :]
        steps = steps[: steps.index(target) + 1] if target in steps else []
        if cohort.homeroom_lecturer_id is None and not steps:
            steps = [cohort.status]
        for status in steps:
            cohort = enrolment.cohort_teaching_update(
                actor=office,
                cohort=cohort,
                homeroom_lecturer=cohort.homeroom_lecturer or homeroom,
                study_weekdays=cohort.study_weekdays,
                status=status,
            )
            changed += 1
    return changed


def _status_on(cohort: Cohort, today: datetime.date) -> str:
    if today < cohort.starts_on:
        return Cohort.Status.OPEN
    if today <= cohort.ends_on:
        return Cohort.Status.STUDYING
    return Cohort.Status.FINISHED


def _term(school: Any, office: Any, cohorts: list[Cohort]) -> tuple[Term, int]:
    term = Term.objects.filter(school=school, name=TERM_NAME).first()
    if term is not None:
        return term, 0
    starts, ends = TERM_DATES
    term = term_create(
        actor=office,
        school_id=school.pk,
        name=TERM_NAME,
        starts_on=starts,
        ends_on=ends,
        cohorts=cohorts,
    )
    return term, 1


def _schedule(office: Any, term: Term) -> int:
    """Run the engine for the term here and now (not through the task queue:
    seed_demo has no worker) and publish its draft; once."""
    if term.runs.filter(status=ScheduleRun.Status.PUBLISHED).exists():
        return 0
    run = schedule_run_start(actor=office, term=term, time_limit_seconds=SOLVER_SECONDS)
    # The task queued at commit finds the run done and leaves it alone.
    run = schedule_run_execute(run_id=run.pk)
    if run is None or run.status != ScheduleRun.Status.DONE:
        explanation = run.explanation if run is not None else ""
        raise CommandError(f"Không xếp được lịch {TERM_NAME}: {explanation}")
    schedule_publish(actor=office, run=run)
    return 1


def _ledger(school: Any, office: Any, today: datetime.date) -> int:
    """Count school year 2026 when a session taught up to today is not counted
    (or an entry counts a session that is gone); a closed year stays as it is."""
    period = LedgerPeriod.objects.filter(school=school, school_year=SCHOOL_YEAR).first()
    if period is not None and (period.is_closed or _is_current(period, today)):
        return 0
    ledger.ledger_recompute(
        actor=office, school_id=school.pk, school_year=SCHOOL_YEAR, today=today
    )
    return 1


def _is_current(period: LedgerPeriod, today: datetime.date) -> bool:
    first, last = rules.school_year_bounds(period.school_year)
    taught = (
        TeachingSession.objects.published()
        .filter(
            school_id=period.school_id,
            lecturer__isnull=False,
            date__range=(first, min(last, today)),
        )
        .values_list("pk", "lecturer_id", "date", "kind")
    )
    entries = period.entries.filter(activity__in=rules.SESSION_ACTIVITIES)
    counted = set(entries.values_list("session_id", flat=True))
    days = set(
        entries.filter(activity__in=rules.PER_DAY_ACTIVITIES).values_list(
            "lecturer_id", "date"
        )
    )
    ids = set()
    for pk, lecturer_id, day, kind in taught:
        ids.add(pk)
        per_day = rules.ACTIVITY_OF_KIND[kind] in rules.PER_DAY_ACTIVITIES
        if pk not in counted and not (per_day and (lecturer_id, day) in days):
            return False
    return counted <= ids
