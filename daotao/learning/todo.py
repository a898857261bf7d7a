"""What waits for someone in the learning app: attendance of today's sessions (the
lecturer), leave requests to decide (the homeroom lecturer); and the learner's own
class on the start page."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core import todo
from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.text import format_date
from daotao.core.todo import Summary, ToDo
from daotao.enrolment.models import Cohort
from daotao.learning.models import Attendance, LeaveRequest
from daotao.learning.policy import MANAGE, PORTAL, RECORD
from daotao.learning.selectors import own_enrollments
from daotao.teaching.models import TeachingSession


def attendance_to_take(actor: Actor) -> list[ToDo]:
    """The actor's own published sessions of today with no attendance recorded yet
    (one query)."""
    person_id = getattr(actor, "person_id", None)
    if person_id is None or not has_permission(actor, RECORD):
        return []
    recorded = Attendance.objects.filter(session=OuterRef("pk"))
    sessions = (
        TeachingSession.objects.visible_to(actor, RECORD)
        .published()
        .filter(date=timezone.localdate(), lecturer__person_id=person_id)
        .exclude(Exists(recorded))
        .select_related("cohort", "topic")
        .order_by("half_day", "id")
    )
    return [
        ToDo(
            key=f"learning.attendance:{session.pk}",
            group=_("Buổi giảng hôm nay chưa điểm danh"),
            title=f"{session.cohort.code} — {session.topic}",
            url=reverse("learning:attendance-grid", args=[session.pk]),
            note=session.get_half_day_display(),
        )
        for session in sessions
    ]


def leave_requests_to_decide(actor: Actor) -> list[ToDo]:
    """Pending leave requests of the learners of the actor's homeroom cohorts (one
    query)."""
    person_id = getattr(actor, "person_id", None)
    if person_id is None or not has_permission(actor, MANAGE):
        return []
    cohorts = Cohort.objects.visible_to(actor, MANAGE).filter(
        homeroom_lecturer__person_id=person_id
    )
    requests = (
        LeaveRequest.objects.filter(
            status=LeaveRequest.Status.PENDING,
            enrollment__cohort__in=cohorts.values("pk"),
        )
        .select_related("enrollment__cohort", "enrollment__person")
        .order_by("starts_on", "id")
    )
    return [
        ToDo(
            key=f"learning.leave:{leave.pk}",
            group=_("Đơn xin nghỉ học chờ duyệt"),
            title=f"{leave.enrollment.person} — {leave.enrollment.cohort.code}",
            url=reverse("learning:class") + f"?lop={leave.enrollment.cohort_id}",
            note=_("Từ %(first)s đến %(last)s")
            % {
                "first": format_date(leave.starts_on),
                "last": format_date(leave.ends_on),
            },
        )
        for leave in requests
    ]


def own_class(actor: Actor) -> list[Summary]:
    """The learner's card: their latest class, or that they have none yet."""
    if not has_permission(actor, PORTAL):
        return []
    enrollments = own_enrollments(actor)
    if not enrollments:
        return [
            Summary(
                key="learning.class",
                title=_("Việc học của tôi"),
                lines=(
                    _(
                        "Bạn chưa có lớp học nào. Khi trường ra quyết định triệu tập,"
                        " thời khóa biểu và kết quả học tập của bạn sẽ hiện ở đây."
                    ),
                ),
                is_empty=True,
            )
        ]
    cohort = enrollments[0].cohort
    return [
        Summary(
            key="learning.class",
            title=_("Việc học của tôi"),
            lines=(
                f"{cohort.code} — {cohort.name}",
                _("%(status)s, từ %(first)s đến %(last)s")
                % {
                    "status": cohort.get_status_display(),
                    "first": format_date(cohort.starts_on),
                    "last": format_date(cohort.ends_on),
                },
            ),
            url=reverse("learning:portal"),
            link_label=_("Học tập của tôi"),
        )
    ]


def register() -> None:
    """Install this app's providers (from its AppConfig.ready())."""
    todo.register("learning.attendance", attendance_to_take)
    todo.register("learning.leave", leave_requests_to_decide)
    todo.register_summary("learning.class", own_class)
