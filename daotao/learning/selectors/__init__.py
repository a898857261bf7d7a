"""Reads of the learning app: attendance shares other apps use (assessment's
eligibility to sit), and what the learning pages show, narrowed to the actor."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from daotao.core.actors import Actor
from daotao.learning.models import (
    Attendance,
    CheckInCode,
    CommitteeRole,
    ConductNote,
    FeedbackAnswer,
    FeedbackReceipt,
    LeaveRequest,
)
from daotao.teaching.models import published_q

# Late still counts as attending; excused absence does not (the rule set says
# how much attendance is needed, not how absences are weighted).
ATTENDING = (Attendance.Status.PRESENT, Attendance.Status.LATE)


def attendance_shares(
    *, cohort_id: int, topic_ids: Iterable[int]
) -> dict[int, Decimal]:
    """Share (0–1) of the published sessions of these topics that each enrolled
    learner attended, by enrollment id; learners with no record count 0."""
    from daotao.enrolment.models import Enrollment
    from daotao.teaching.models import TeachingSession

    topics = list(topic_ids)
    total = (
        TeachingSession.objects.published()
        .filter(cohort_id=cohort_id, topic_id__in=topics)
        .count()
    )
    enrollments = Enrollment.objects.filter(cohort_id=cohort_id).values_list(
        "pk", flat=True
    )
    if not total:
        return dict.fromkeys(enrollments, Decimal(0))
    attended = dict(
        Attendance.objects.filter(
            published_q("session"),
            session__cohort_id=cohort_id,
            session__topic_id__in=topics,
            status__in=ATTENDING,
        )
        .values("enrollment_id")
        .annotate(n=Count("id"))
        .values_list("enrollment_id", "n")
    )
    return {pk: Decimal(attended.get(pk, 0)) / Decimal(total) for pk in enrollments}


def programme_attendance_shares(enrollments: Iterable[Any]) -> dict[int, Decimal]:
    """Share (0–1) of its cohort's published sessions of the cohort's programme
    each enrollment attended, by enrollment id: two queries whatever the number
    of rows or cohorts (sessions per cohort, attendance among those sessions)."""
    from daotao.teaching.models import TeachingSession

    enrollments = list(enrollments)
    sessions = TeachingSession.objects.published().filter(
        cohort_id__in={e.cohort_id for e in enrollments},
        topic__module__block__version_id=F("cohort__program_version_id"),
    )
    totals = Counter(
        dict(
            sessions.values("cohort_id")
            .annotate(n=Count("id"))
            .values_list("cohort_id", "n")
        )
    )
    # The sessions as a subquery: a list of their ids would be thousands of
    # parameters for a coordinator whose cadres sit in fifty cohorts.
    attended = dict(
        Attendance.objects.filter(
            enrollment_id__in=[e.pk for e in enrollments],
            session_id__in=sessions.values("pk"),
            status__in=ATTENDING,
        )
        .values("enrollment_id")
        .annotate(n=Count("id"))
        .values_list("enrollment_id", "n")
    )
    return {
        e.pk: Decimal(attended.get(e.pk, 0)) / Decimal(totals[e.cohort_id])
        if totals[e.cohort_id]
        else Decimal(0)
        for e in enrollments
    }


def attendance_counts_by_topic(enrollment: Any) -> dict[int, tuple[int, int]]:
    """(sessions attended, published sessions) of each topic with published
    sessions for the learner's cohort, by topic id (two queries)."""
    from daotao.teaching.models import TeachingSession

    totals = dict(
        TeachingSession.objects.published()
        .filter(cohort_id=enrollment.cohort_id)
        .values("topic_id")
        .annotate(n=Count("id"))
        .values_list("topic_id", "n")
    )
    attended = dict(
        Attendance.objects.filter(
            published_q("session"),
            enrollment_id=enrollment.pk,
            session__cohort_id=enrollment.cohort_id,
            status__in=ATTENDING,
        )
        .values("session__topic_id")
        .annotate(n=Count("id"))
        .values_list("session__topic_id", "n")
    )
    return {topic: (attended.get(topic, 0), total) for topic, total in totals.items()}


# --- Pages ---------------------------------------------------------------------------

# Fewer answers than this and a group is not shown at all: with so few, an answer
# could be traced back to the learner who gave it (feedback is never traceable
# when fewer than 5 answered).
FEEDBACK_MIN_ANSWERS = 5


def get_session_for_attendance(actor: Actor, pk: int) -> Any:
    """A published session in the actor's `learning.view_attendance` scope."""
    from daotao.teaching.models import TeachingSession

    sessions = (
        TeachingSession.objects.published()
        .visible_to(actor, "learning.view_attendance")
        .filter(pk=pk)
    )
    session = sessions.select_related(
        "cohort__homeroom_lecturer", "topic", "lecturer__person", "room"
    ).first()
    if session is None:
        raise Http404
    return session


@dataclass(frozen=True)
class GridRow:
    enrollment: Any
    status: str
    is_recorded: bool
    method: str = ""


def attendance_grid(session: Any) -> list[GridRow]:
    """Every learner of the session's cohort with their status; those without a
    record show as present (the grid's default)."""
    from daotao.enrolment.models import Enrollment

    records = {a.enrollment_id: a for a in Attendance.objects.filter(session=session)}
    rows = []
    for enrollment in Enrollment.objects.filter(
        cohort_id=session.cohort_id
    ).select_related("person"):
        record = records.get(enrollment.pk)
        rows.append(
            GridRow(
                enrollment=enrollment,
                status=record.status if record else Attendance.Status.PRESENT,
                is_recorded=record is not None,
                method=record.get_method_display() if record else "",
            )
        )
    return rows


def sessions_for_attendance(
    actor: Actor, *, starts_on: datetime.date, ends_on: datetime.date
) -> QuerySet:
    """Published sessions in these days: a lecturer's own (taught or of their
    homeroom cohorts), or for anyone else every session in scope."""
    from daotao.faculty.models import Lecturer
    from daotao.teaching.models import TeachingSession

    sessions = (
        TeachingSession.objects.published()
        .visible_to(actor, "learning.view_attendance")
        .filter(date__range=(starts_on, ends_on))
    )
    person_id = getattr(actor, "person_id", None)
    lecturer = (
        Lecturer.objects.filter(person_id=person_id).first() if person_id else None
    )
    if lecturer is not None:
        sessions = sessions.filter(
            Q(lecturer=lecturer) | Q(cohort__homeroom_lecturer=lecturer)
        )
    return sessions.select_related("cohort", "topic", "lecturer__person").order_by(
        "date", "half_day", "cohort__code"
    )


def open_check_in_code(session: Any) -> CheckInCode | None:
    """The latest code of the session still open now, if any."""
    now = timezone.now()
    return (
        CheckInCode.objects.filter(
            session=session, opens_at__lte=now, closes_at__gt=now
        )
        .order_by("-closes_at")
        .first()
    )


def code_for_check_in(token: str) -> CheckInCode | None:
    return (
        CheckInCode.objects.filter(token=token)
        .select_related("session__cohort", "session__topic")
        .first()
    )


# --- The learner's own records -------------------------------------------------------


def own_enrollments(user: Any) -> list[Any]:
    """The user's enrollments, the latest cohort first."""
    from daotao.enrolment.models import Enrollment

    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return []
    return list(
        Enrollment.objects.filter(person_id=person_id)
        .select_related("cohort")
        .order_by("-cohort__starts_on", "cohort__code")
    )


def own_enrollment(user: Any, *, cohort_pk: int | None = None) -> Any | None:
    """One of the user's enrollments (the latest by default); a cohort they are not
    in is a 404."""
    enrollments = own_enrollments(user)
    if cohort_pk is None:
        return enrollments[0] if enrollments else None
    chosen = next((e for e in enrollments if e.cohort_id == cohort_pk), None)
    if chosen is None:
        raise Http404
    return chosen


@dataclass
class TopicAttendance:
    topic: Any
    sessions: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def unrecorded(self) -> int:
        return self.sessions - sum(self.counts.values())

    @property
    def by_status(self) -> list[int]:
        """The counts in the order of Attendance.Status, for a table row."""
        return [self.counts.get(status, 0) for status in Attendance.Status.values]


def attendance_by_topic(enrollment: Any) -> list[TopicAttendance]:
    """Per topic of the cohort's published sessions: how many sessions, and how
    many of each status the learner has; the last row is the total."""
    from daotao.teaching.models import TeachingSession

    sessions = (
        TeachingSession.objects.published()
        .filter(cohort_id=enrollment.cohort_id)
        .select_related("topic")
    )
    by_topic: dict[int, TopicAttendance] = {}
    for session in sessions.order_by("date", "half_day"):
        row = by_topic.setdefault(session.topic_id, TopicAttendance(session.topic))
        row.sessions += 1
    counts = (
        Attendance.objects.filter(published_q("session"), enrollment=enrollment)
        .values("session__topic_id", "status")
        .annotate(n=Count("id"))
    )
    for item in counts:
        row = by_topic[item["session__topic_id"]]
        row.counts[item["status"]] = item["n"]
    rows = list(by_topic.values())
    total = TopicAttendance(topic=None, sessions=sum(r.sessions for r in rows))
    for row in rows:
        for status, n in row.counts.items():
            total.counts[status] = total.counts.get(status, 0) + n
    return [*rows, total]


def sessions_awaiting_feedback(enrollment: Any) -> QuerySet:
    """Past published sessions of the cohort the learner has not answered for."""
    from daotao.teaching.models import TeachingSession

    answered = FeedbackReceipt.objects.filter(enrollment=enrollment).values(
        "session_id"
    )
    return (
        TeachingSession.objects.published()
        .filter(
            cohort_id=enrollment.cohort_id,
            date__lte=timezone.localdate(),
        )
        .exclude(pk__in=answered)
        .select_related("topic", "lecturer__person")
        .order_by("-date", "-half_day")
    )


def get_session_for_feedback(user: Any, pk: int) -> Any:
    """A published session of one of the user's cohorts; anything else is 404."""
    from daotao.teaching.models import TeachingSession

    person_id = getattr(user, "person_id", None)
    session = (
        TeachingSession.objects.published()
        .filter(
            pk=pk,
            cohort__enrollments__person_id=person_id,
        )
        .first()
    )
    if person_id is None or session is None:
        raise Http404
    return session


def get_own_leave_request(user: Any, pk: int) -> LeaveRequest:
    person_id = getattr(user, "person_id", None)
    leave = LeaveRequest.objects.filter(pk=pk, enrollment__person_id=person_id).first()
    if person_id is None or leave is None:
        raise Http404
    return leave


# --- The homeroom lecturer's class ---------------------------------------------------


def cohorts_to_manage(actor: Actor) -> list[Any]:
    """Cohorts the actor looks after: the office's whole scope, or the homeroom
    lecturer's own cohorts."""
    from daotao.enrolment.models import Cohort
    from daotao.learning.policy import OFFICE_ROLES

    cohorts = Cohort.objects.visible_to(actor, "learning.manage_class")
    offices = {
        sid
        for role, sid, _unit, _agency in actor.membership_scopes()
        if role in OFFICE_ROLES
    }
    if None not in offices:
        person_id = getattr(actor, "person_id", None) or 0  # None would match NULL
        homeroom = Q(homeroom_lecturer__person_id=person_id)
        cohorts = cohorts.filter(homeroom | Q(school_id__in=offices))
    return list(
        cohorts.select_related("homeroom_lecturer").order_by("-starts_on", "code")
    )


def get_cohort_to_manage(actor: Actor, pk: int) -> Any:
    chosen = next((c for c in cohorts_to_manage(actor) if c.pk == pk), None)
    if chosen is None:
        raise Http404
    return chosen


def get_enrollment_to_manage(actor: Actor, pk: int) -> Any:
    from daotao.enrolment.models import Enrollment

    enrollment = Enrollment.objects.select_related("cohort").filter(pk=pk).first()
    if enrollment is None:
        raise Http404
    get_cohort_to_manage(actor, enrollment.cohort_id)
    return enrollment


def get_leave_request_to_decide(actor: Actor, pk: int) -> LeaveRequest:
    leave = LeaveRequest.objects.select_related("enrollment").filter(pk=pk).first()
    if leave is None:
        raise Http404
    get_cohort_to_manage(actor, leave.enrollment.cohort_id)
    return leave


@dataclass(frozen=True)
class ClassRecords:
    enrollments: list[Any]
    leave_requests: list[LeaveRequest]
    conduct_notes: list[ConductNote]
    committee: list[CommitteeRole]


def class_records(cohort: Any) -> ClassRecords:
    from daotao.enrolment.models import Enrollment

    return ClassRecords(
        enrollments=list(
            Enrollment.objects.filter(cohort=cohort).select_related("person")
        ),
        leave_requests=sorted(
            LeaveRequest.objects.filter(enrollment__cohort=cohort).select_related(
                "enrollment__person"
            ),
            key=lambda leave: leave.status != LeaveRequest.Status.PENDING,
        ),
        conduct_notes=list(
            ConductNote.objects.filter(enrollment__cohort=cohort).select_related(
                "enrollment__person"
            )
        ),
        committee=list(
            CommitteeRole.objects.filter(
                enrollment__cohort=cohort, ends_on__isnull=True
            )
            .select_related("enrollment__person")
            .order_by("role", "enrollment__position")
        ),
    )


# --- Feedback ------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackGroup:
    """One session or topic: its answer count, and means and comments only when
    there are enough answers to hide who gave them."""

    label: str
    answers: int
    means: dict[str, Decimal] | None
    comments: tuple[str, ...] = ()

    @property
    def is_shown(self) -> bool:
        return self.means is not None

    @property
    def mean_list(self) -> list[Decimal | None]:
        """The means in the order of the form's questions."""
        from daotao.learning.policy import FEEDBACK_QUESTIONS

        means = self.means or {}
        return [means.get(key) for key, _label in FEEDBACK_QUESTIONS]


def _group(label: str, answers: list[tuple[dict, str]]) -> FeedbackGroup:
    if len(answers) < FEEDBACK_MIN_ANSWERS:
        return FeedbackGroup(label=label, answers=len(answers), means=None)
    keys = sorted({key for ratings, _comment in answers for key in ratings})
    means = {}
    for key in keys:
        values = [Decimal(r[key]) for r, _c in answers if key in r]
        means[key] = (sum(values) / len(values)).quantize(Decimal("0.01"))
    comments = tuple(sorted(c for _r, c in answers if c))
    return FeedbackGroup(label, len(answers), means, comments)


@dataclass(frozen=True)
class FeedbackSummary:
    sessions: list[FeedbackGroup]
    topics: list[FeedbackGroup]


def _session_label(session: Any) -> str:
    day = session.date.strftime("%d/%m/%Y")
    half = session.get_half_day_display()
    return f"{half} {day} · {session.cohort.code} · {session.topic.name}"


def feedback_summary(lecturer: Any) -> FeedbackSummary:
    """Aggregates of the lecturer's published sessions, per session and per
    cohort and topic; a group under FEEDBACK_MIN_ANSWERS shows only its count."""
    from daotao.teaching.models import TeachingSession

    sessions = list(
        TeachingSession.objects.published()
        .filter(lecturer=lecturer)
        .select_related("cohort", "topic")
        .order_by("-date", "-half_day")
    )
    answers: dict[int, list[tuple[dict, str]]] = {s.pk: [] for s in sessions}
    for session_id, ratings, comment in FeedbackAnswer.objects.filter(
        session__in=sessions
    ).values_list("session_id", "ratings", "comment"):
        answers[session_id].append((ratings, comment))
    per_topic: dict[tuple[int, int], list[tuple[dict, str]]] = {}
    labels: dict[tuple[int, int], str] = {}
    for session in sessions:
        key = (session.cohort_id, session.topic_id)
        per_topic.setdefault(key, []).extend(answers[session.pk])
        labels[key] = f"{session.cohort.code} · {session.topic.name}"
    return FeedbackSummary(
        sessions=[
            _group(_session_label(s), answers[s.pk]) for s in sessions if answers[s.pk]
        ],
        topics=[
            _group(labels[key], group) for key, group in per_topic.items() if group
        ],
    )


# --- The school's figures (reports:figures) --------------------------------------


def attendance_counts(*, cohorts: QuerySet) -> list[dict[str, Any]]:
    """Attendance marks of `cohorts` (a queryset the caller scoped) per cohort and
    module (cohort_ref, module_ref): marks recorded and marks attending (present
    or late). One query grouped by the two ids only (PostgreSQL then walks the
    year's sessions by index instead of sorting every mark by name)."""
    return list(
        Attendance.objects.filter(session__cohort__in=cohorts)
        .values(
            cohort_ref=F("session__cohort_id"),
            module_ref=F("session__topic__module_id"),
        )
        .annotate(
            marks=Count("id"),
            attending=Count("id", filter=Q(status__in=ATTENDING)),
        )
        .order_by()
    )
