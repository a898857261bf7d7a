"""Reads of attendance other apps use (assessment's eligibility to sit)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Count

from daotao.learning.models import Attendance

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
    total = TeachingSession.objects.filter(
        cohort_id=cohort_id, topic_id__in=topics, run__isnull=True
    ).count()
    enrollments = Enrollment.objects.filter(cohort_id=cohort_id).values_list(
        "pk", flat=True
    )
    if not total:
        return dict.fromkeys(enrollments, Decimal(0))
    attended = dict(
        Attendance.objects.filter(
            session__cohort_id=cohort_id,
            session__topic_id__in=topics,
            session__run__isnull=True,
            status__in=ATTENDING,
        )
        .values("enrollment_id")
        .annotate(n=Count("id"))
        .values_list("enrollment_id", "n")
    )
    return {pk: Decimal(attended.get(pk, 0)) / Decimal(total) for pk in enrollments}
