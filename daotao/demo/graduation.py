"""The demo from attendance to a verifiable certificate, in two states.

- Finished: "Bồi dưỡng lãnh đạo cấp phòng năm 2025" (LDP-2025, October 2025) of
  the approved 2025 plan, scheduled by the engine, attendance recorded, every
  module graded and locked, graduation decided and signed by leadership,
  certificates issued from the blank stock; the demo coordinator's cadre in it
  has a graded research task and a placement. A visitor opens `/xac-minh/<code>/`
  of any of its certificates.
- Just before grading: LDP-2026 (ended 27/11/2026), attendance recorded for every
  session, an exam and score sheet per module, all locked but the last module's,
  which is open and empty; one learner below the attendance minimum of that
  module, another marked absent by mistake (corrected on the grid in the walk).

Everything goes through the apps' services; each step is skipped when its rows
exist, so a second run creates nothing.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from decimal import Decimal
from typing import Any

from django.core.management.base import CommandError
from django.utils import timezone

from daotao.assessment import graduation as assessment_graduation
from daotao.assessment import selectors as assessment
from daotao.assessment import services as scores
from daotao.assessment.models import Exam, ScoreSheet
from daotao.credentials import services as credentials
from daotao.credentials.models import BlankStock, Credential, Kind
from daotao.demo import autumn
from daotao.demo.cycle import submit_and_approve
from daotao.demo.users import COORDINATED_AGENCY
from daotao.documents import services as documents
from daotao.documents.services import issuer_ensure_default
from daotao.enrolment import services as enrolment
from daotao.enrolment.models import Cohort, Enrollment
from daotao.faculty.models import Lecturer
from daotao.learning import services as learning
from daotao.learning.models import Attendance
from daotao.org.models import Unit
from daotao.outcomes import services as outcomes
from daotao.outcomes.models import Placement, ResearchTask
from daotao.planning import services as planning
from daotao.planning.models import PlannedClass, Quota, TrainingPlan
from daotao.programs.models import Module
from daotao.teaching.models import ScheduleRun, TeachingSession
from daotao.teaching.services.scheduling import (
    schedule_publish,
    schedule_run_execute,
    schedule_run_start,
    term_create,
)

PLAN_YEAR = 2025
FINISHED = autumn.AutumnClass(
    code="BD-2025-01",
    cohort_code="LDP-2025",
    name="Bồi dưỡng lãnh đạo cấp phòng năm 2025",
    program="BD-LDP",
    starts_on=datetime.date(2025, 10, 6),
    ends_on=datetime.date(2025, 10, 31),
    size=30,
    target_group="Trưởng phòng, phó trưởng phòng và tương đương",
    quotas={
        COORDINATED_AGENCY: 1,
        "Sở Nội vụ": 3,
        "Sở Giáo dục và Đào tạo": 3,
        "Ban Tổ chức Tỉnh ủy": 3,
    },
    managers_first=True,
)
TERM_NAME = "Đợt bồi dưỡng tháng 10 năm 2025"
# The smallest limit the engine accepts; one short course is easy.
SOLVER_SECONDS = 10
DECISION_SIGNED_ON = datetime.date(2025, 11, 7)
ISSUED_ON = datetime.date(2025, 11, 14)
# Blank certificates as delivered (a serial range); one lot serves both courses.
STOCK = credentials.BlankStockData(
    kind=Kind.CERTIFICATE,
    serial_prefix="BD",
    first_number=1,
    last_number=300,
    received_on=datetime.date(2025, 9, 15),
    note="Phiếu giao phôi chứng chỉ bồi dưỡng năm 2025–2026",
)
WALK_COHORT = "LDP-2026"
# The module left open for grading in the UI, and the attendance of the two
# learners the walk is about, per session of that module in date order.
OPEN_MODULE = "II.2"
BELOW_MINIMUM = (
    Attendance.Status.ABSENT,
    Attendance.Status.EXCUSED,
    Attendance.Status.ABSENT,
    Attendance.Status.PRESENT,
)
MARKED_ABSENT_BY_MISTAKE = (
    Attendance.Status.PRESENT,
    Attendance.Status.ABSENT,
    Attendance.Status.PRESENT,
    Attendance.Status.PRESENT,
)
LATE_SHARE = 0.06
RESEARCH_TITLE = "Nâng cao chất lượng công tác tham mưu của Văn phòng Đảng ủy phường"


def ensure_graduation(
    *,
    school: Any,
    office: Any,
    leader: Any,
    board: Any,
    head: Any,
    coordinator: Any,
    agencies: dict[str, Any],
) -> Counter[str]:
    """Both states; returns what it created, by kind."""
    created: Counter[str] = Counter()
    created["lô phôi chứng chỉ"] = _stock(school, office)
    finished, created["lớp bồi dưỡng năm 2025"] = _finished_cohort(
        school, office, board, head, agencies
    )
    walk = Cohort.objects.get(school=school, code=WALK_COHORT)
    for cohort in (finished, walk):
        created["buổi học đã điểm danh"] += _attendance(office, cohort)
        created["kỳ thi"] += _exams(office, cohort)
        keep_open = OPEN_MODULE if cohort == walk else None
        created["bảng điểm đã khóa"] += _grade(office, cohort, keep_open)
    created["quyết định công nhận tốt nghiệp"] = _graduate(school, office, leader)
    created["chứng chỉ"] = _issue(office, leader, finished)
    created["nhiệm vụ nghiên cứu, sử dụng cán bộ"] = _agency_follow_up(
        finished, head, coordinator
    )
    return created


# --- Blanks --------------------------------------------------------------------------


def _stock(school: Any, office: Any) -> int:
    if BlankStock.objects.filter(
        school=school, kind=STOCK.kind, serial_prefix=STOCK.serial_prefix
    ).exists():
        return 0
    credentials.blank_stock_receive(actor=office, school_id=school.pk, data=STOCK)
    return 1


# --- The finished course: plan, cohort, term, schedule --------------------------------


def _finished_cohort(
    school: Any, office: Any, board: Any, head: Any, agencies: dict[str, Any]
) -> tuple[Cohort, int]:
    cohort = Cohort.objects.filter(school=school, code=FINISHED.cohort_code).first()
    if cohort is not None:
        return cohort, 0
    planned = _planned_class(school, office, board, agencies)
    taken = set(
        Enrollment.objects.filter(cohort__school=school).values_list(
            "person_id", flat=True
        )
    )
    for quota in Quota.objects.filter(planned_class=planned).order_by("agency_id"):
        people = autumn._nominees(planned, quota.agency_id, taken, FINISHED)
        for person in people[: quota.places]:
            autumn._nominate(planned, office, quota.agency_id, person)
            taken.add(person.pk)
    cohort = enrolment.cohort_admit(
        actor=office,
        planned_class=planned,
        code=FINISHED.cohort_code,
        issuer=issuer_ensure_default(school=school),
        drafting_unit_id=_office_unit(school),
        signer_title="HIỆU TRƯỞNG",
    )
    _schedule(school, office, cohort)
    homeroom = Lecturer.objects.get(person=head.person)
    for status in autumn.STATUS_ORDER[1:]:
        cohort = enrolment.cohort_teaching_update(
            actor=office,
            cohort=cohort,
            homeroom_lecturer=homeroom,
            study_weekdays=cohort.study_weekdays,
            status=status,
        )
    return cohort, 1


def _office_unit(school: Any) -> int:
    return Unit.objects.get(school=school, abbreviation="QLĐT").pk


def _planned_class(
    school: Any, office: Any, board: Any, agencies: dict[str, Any]
) -> PlannedClass:
    plan = TrainingPlan.objects.filter(school=school, year=PLAN_YEAR).first()
    if plan is not None:
        return PlannedClass.objects.get(plan=plan, code=FINISHED.code)
    plan = planning.plan_create(
        actor=office,
        school_id=school.pk,
        year=PLAN_YEAR,
        title=f"Kế hoạch đào tạo, bồi dưỡng cán bộ năm {PLAN_YEAR}",
    )
    planned = autumn.class_add(office, plan, FINISHED, agencies)
    submit_and_approve(office=office, board=board, plan=plan, number=3)
    return planned


def _schedule(school: Any, office: Any, cohort: Cohort) -> None:
    """The course's own term, scheduled by the engine here and published."""
    term = term_create(
        actor=office,
        school_id=school.pk,
        name=TERM_NAME,
        starts_on=FINISHED.starts_on,
        ends_on=FINISHED.ends_on,
        cohorts=[cohort],
    )
    run = schedule_run_start(actor=office, term=term, time_limit_seconds=SOLVER_SECONDS)
    run = schedule_run_execute(run_id=run.pk)
    if run is None or run.status != ScheduleRun.Status.DONE:
        explanation = run.explanation if run is not None else ""
        raise CommandError(f"Không xếp được lịch {TERM_NAME}: {explanation}")
    schedule_publish(actor=office, run=run)


# --- Attendance ----------------------------------------------------------------------


def _published(cohort: Cohort):
    return (
        TeachingSession.objects.published()
        .filter(cohort=cohort)
        .select_related("topic__module", "cohort__homeroom_lecturer", "lecturer")
        .order_by("date", "half_day", "id")
    )


def walk_learners(cohort: Cohort) -> tuple[Enrollment, Enrollment]:
    """(below the minimum, marked absent by mistake) in the open module: the last
    two learners in Vietnamese order who are not the coordinator's cadres."""
    roster = list(
        Enrollment.objects.filter(cohort=cohort)
        .exclude(agency__name=COORDINATED_AGENCY)
        .order_by("person__sort_key", "id")
    )
    return roster[-1], roster[-2]


def _attendance(office: Any, cohort: Cohort) -> int:
    """A status for every learner in every session taught up to today that has no
    record yet: present, some late, and the walk's two learners as planned."""
    rng = random.Random(f"attendance {cohort.code}")
    today = timezone.localdate()
    enrollments = list(
        Enrollment.objects.filter(cohort=cohort).values_list("pk", flat=True)
    )
    planned: dict[int, tuple[str, ...]] = {}
    if cohort.code == WALK_COHORT:
        below, mistaken = walk_learners(cohort)
        planned = {below.pk: BELOW_MINIMUM, mistaken.pk: MARKED_ABSENT_BY_MISTAKE}
    recorded = set(
        Attendance.objects.filter(session__cohort=cohort).values_list(
            "session_id", flat=True
        )
    )
    position: Counter[str] = Counter()
    count = 0
    for session in _published(cohort).filter(date__lte=today):
        module = session.topic.module.code
        index = position[module]
        position[module] += 1
        if session.pk in recorded:
            continue
        statuses = {}
        for pk in enrollments:
            late = rng.random() < LATE_SHARE
            statuses[pk] = Attendance.Status.LATE if late else Attendance.Status.PRESENT
            if pk in planned and module == OPEN_MODULE:
                statuses[pk] = planned[pk][index % len(planned[pk])]
        learning.attendance_record_many(
            actor=office, session=session, statuses=statuses
        )
        count += 1
    return count


# --- Exams and scores ----------------------------------------------------------------


def _exams(office: Any, cohort: Cohort) -> int:
    """An exam with its sheet for each assessed module without one, held on the
    module's last session day."""
    last_day: dict[int, datetime.date] = {}
    for session in _published(cohort):
        last_day[session.topic.module_id] = session.date
    has_exam = set(
        Exam.objects.filter(cohort=cohort).values_list("module_id", flat=True)
    )
    count = 0
    for module in assessment.cohort_modules(cohort=cohort):
        if module.pk in has_exam or module.pk not in last_day:
            continue
        scores.create_exam_with_sheet(
            actor=office, cohort=cohort, module=module, held_on=last_day[module.pk]
        )
        count += 1
    return count


def _grade(office: Any, cohort: Cohort, keep_open: str | None) -> int:
    """Scores for every open sheet of the cohort (but `keep_open`'s module), then
    submitted and locked; the ineligible marked absent."""
    sheets = ScoreSheet.objects.filter(
        exam__cohort=cohort, status=ScoreSheet.Status.OPEN
    ).select_related("exam__module", "exam__rule_set")
    count = 0
    for sheet in sheets.order_by("exam__held_on", "id"):
        if sheet.exam.module.code == keep_open:
            continue
        eligible = {
            row.enrollment.pk: row.is_eligible
            for row in assessment.exam_eligibility(exam=sheet.exam)
        }
        rows = [
            scores.GridRow(
                score_id=line.pk,
                values=_marks(line.enrollment_id, sheet.exam.module, eligible),
                expected_version=line.version,
            )
            for line in assessment.sheet_lines(sheet=sheet)
        ]
        scores.scores_enter_grid(actor=office, sheet=sheet, rows=rows)
        scores.score_sheet_submit(actor=office, sheet=sheet)
        scores.score_sheet_lock(actor=office, sheet=sheet)
        count += 1
    return count


def _marks(
    enrollment_id: int, module: Module, eligible: dict[int, bool]
) -> dict[str, Any]:
    """A learner's components: steady across modules (each learner has a level),
    on the 0.5 steps lecturers write; absent when not eligible to sit."""
    if not eligible[enrollment_id]:
        return {"is_absent": True}
    level = random.Random(f"level {enrollment_id}").uniform(5.8, 9.2)
    rng = random.Random(f"marks {enrollment_id} {module.code}")

    def mark(spread: float) -> str:
        value = min(10.0, max(4.0, level + rng.uniform(-spread, spread)))
        return str(Decimal(round(value * 2)) / 2)

    return {"attendance": mark(0.4), "test": mark(1.0), "exam": mark(1.2)}


# --- Graduation and certificates ------------------------------------------------------


def _graduate(school: Any, office: Any, leader: Any) -> int:
    """The finished course's reviews (essay and field study done), its decision
    drafted, submitted and signed."""
    cohort = Cohort.objects.get(school=school, code=FINISHED.cohort_code)
    decision = assessment.graduation_decision(cohort=cohort)
    if decision is not None and decision.document.is_numbered:
        return 0
    if decision is None:
        marks = {
            pk: {"is_essay_passed": True, "is_field_study_done": True}
            for pk in cohort.enrollments.values_list("pk", flat=True)
        }
        assessment_graduation.graduation_reviews_save(
            actor=office, cohort=cohort, marks=marks
        )
        decision = assessment_graduation.graduation_decision_draft(
            actor=office,
            cohort=cohort,
            issuer=issuer_ensure_default(school=school),
            drafting_unit_id=_office_unit(school),
            signer_title="HIỆU TRƯỞNG",
        )
    document = documents.document_submit(actor=office, document=decision.document)
    documents.document_sign(
        actor=leader, document=document, signed_on=DECISION_SIGNED_ON
    )
    return 1


def _issue(office: Any, leader: Any, cohort: Cohort) -> int:
    if Credential.objects.filter(enrollment__cohort=cohort).exists():
        return 0
    graduates = assessment.graduates_for_credentials(cohort=cohort)
    issued = credentials.credentials_issue(
        actor=office,
        kind=assessment.credential_kind(cohort=cohort),
        year=ISSUED_ON.year,
        graduates=[credentials.Graduate(pk, label) for pk, label in graduates],
        issued_on=ISSUED_ON,
        signer=leader.display_name,
    )
    return len(issued)


def _agency_follow_up(cohort: Cohort, head: Any, coordinator: Any) -> int:
    """The coordinator's cadre in the finished course: a research task set by the
    agency, graded by the homeroom lecturer, and the post they took afterwards."""
    enrollment = Enrollment.objects.filter(
        cohort=cohort, agency_id__in=coordinator.memberships.values("agency_id")
    ).first()
    if (
        enrollment is None
        or ResearchTask.objects.filter(enrollment=enrollment).exists()
    ):
        return 0
    task = outcomes.research_task_assign(
        actor=coordinator,
        enrollment=enrollment,
        title=RESEARCH_TITLE,
        description="Khảo sát thực trạng năm 2025, đề xuất giải pháp cho 2026–2030.",
        due_on=cohort.ends_on,
    )
    outcomes.research_task_grade(
        actor=head, task=task, grade=Decimal("8.5"), comment="Đề xuất sát thực tế."
    )
    if not Placement.objects.filter(enrollment=enrollment).exists():
        outcomes.placement_record(
            actor=coordinator,
            enrollment=enrollment,
            kind=Placement.Kind.APPOINTMENT,
            post="Phó Chánh Văn phòng Đảng ủy phường",
            agency_name=enrollment.agency.name,
            effective_on=datetime.date(2026, 3, 1),
            decision_number="125-QĐ/ĐU",
        )
    return 2
