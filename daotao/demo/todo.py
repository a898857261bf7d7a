"""Work waiting in the demo, so that each role's start page shows a to-do item: a
learner's pending leave request (the homeroom lecturer), a draft article (the
editor), and a class of next year's plan open for nominations, where the
coordinated agency has nominated one cadre (the office checks it; the agency has
places left).
Written through the apps' services; a second run adds nothing."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from daotao.demo.autumn import AutumnClass, class_add
from daotao.demo.cycle import submit_and_approve
from daotao.demo.users import COORDINATED_AGENCY
from daotao.enrolment import services as enrolment
from daotao.enrolment.models import Nomination
from daotao.learning.models import LeaveRequest
from daotao.learning.selectors import own_enrollment
from daotao.learning.services import leave_request_submit
from daotao.people.models import Person
from daotao.planning import services as planning
from daotao.planning.models import TrainingPlan
from daotao.portal.models import Article
from daotao.portal.services import ArticleData, article_create

LEAVE_REASON = "Đi công tác theo quyết định của cơ quan."
DRAFT_TITLE = "Thông báo lịch khai giảng lớp Trung cấp lý luận chính trị K63A"
OPEN_YEAR = 2028
OPEN_CLASS = AutumnClass(
    code="BD-2028-01",
    cohort_code="LDP-2028",
    name="Bồi dưỡng lãnh đạo cấp phòng năm 2028",
    program="BD-LDP",
    starts_on=datetime.date(2028, 3, 6),
    ends_on=datetime.date(2028, 3, 31),
    size=40,
    target_group="Trưởng phòng, phó trưởng phòng các sở, ngành và cấp xã",
    quotas={COORDINATED_AGENCY: 3, "Sở Nội vụ": 3},
)


def ensure_waiting_work(
    *,
    school: Any,
    office: Any,
    board: Any,
    coordinator: Any,
    agencies: dict[str, Any],
    learner: Any,
    editor: Any,
) -> Counter[str]:
    created: Counter[str] = Counter()
    created += _open_class(school, office, board, coordinator, agencies)
    enrollment = own_enrollment(learner)
    if (
        enrollment is not None
        and not LeaveRequest.objects.filter(
            enrollment=enrollment, reason=LEAVE_REASON
        ).exists()
    ):
        first = enrollment.cohort.starts_on + datetime.timedelta(days=14)
        leave_request_submit(
            actor=learner,
            enrollment=enrollment,
            starts_on=first,
            ends_on=first + datetime.timedelta(days=1),
            reason=LEAVE_REASON,
        )
        created["đơn xin nghỉ chờ duyệt"] += 1
    if not Article.objects.filter(school=school, title=DRAFT_TITLE).exists():
        article_create(
            actor=editor,
            school_id=school.pk,
            data=ArticleData(
                title=DRAFT_TITLE,
                summary="Lớp K63A khai giảng ngày 01/3/2027 tại cơ sở chính.",
                body="<p>Nhà trường thông báo lịch khai giảng lớp K63A.</p>",
            ),
        )
        created["tin bài nháp"] += 1
    return created


def _open_class(
    school: Any, office: Any, board: Any, coordinator: Any, agencies: dict[str, Any]
) -> Counter[str]:
    """Next year's plan, approved, with one class; the coordinated agency has
    nominated one of its cadres there."""
    created: Counter[str] = Counter()
    plan = TrainingPlan.objects.filter(school=school, year=OPEN_YEAR).first()
    if plan is None:
        plan = planning.plan_create(
            actor=office,
            school_id=school.pk,
            year=OPEN_YEAR,
            title=f"Kế hoạch đào tạo, bồi dưỡng cán bộ năm {OPEN_YEAR}",
        )
        class_add(office, plan, OPEN_CLASS, agencies)
        submit_and_approve(office=office, board=board, plan=plan, number=4)
        created[f"kế hoạch năm {OPEN_YEAR}"] += 1
    planned = plan.classes.get(code=OPEN_CLASS.code)
    agency = agencies[COORDINATED_AGENCY]
    if not Nomination.objects.filter(planned_class=planned, agency=agency).exists():
        person = (
            Person.objects.filter(school=school, agency=agency)
            .exclude(nominations__isnull=False)
            .order_by("id")
            .first()
        )
        if person is not None:
            enrolment.nomination_submit(
                actor=coordinator,
                planned_class=planned,
                agency_id=agency.pk,
                person=person,
                data=enrolment.NominationData(
                    post="Phó Trưởng phòng Văn hóa - Xã hội",
                    is_post_qualifying=True,
                    rating_previous_year="good",
                    rating_year_before="good",
                    sending_document_number="15-CV/ĐU",
                    sending_document_date=datetime.date(2028, 1, 20),
                ),
            )
            created["hồ sơ cử đi học chờ xét"] += 1
    return created
