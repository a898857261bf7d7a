"""What the published schedule says about a change to a room (org.rooms): a
smaller capacity, retiring the room or closing it for some days must not strand
sessions booked in it from today on."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.text import format_date
from daotao.org.rooms import RoomChange
from daotao.teaching.models import TeachingSession

from .editing import cohort_size


def room_change_problems(change: RoomChange) -> list[str]:
    """Vietnamese sentences, one per cohort whose booked sessions the change
    breaks (too small, retired, closed on their days); empty when none."""
    room = change.room
    booked = (
        TeachingSession.objects.published()
        .filter(room_id=room.pk, date__gte=_today())
        .select_related("cohort__planned_class")
    )
    first_by_cohort: dict[int, TeachingSession] = {}
    for session in booked.order_by("date", "half_day"):
        first_by_cohort.setdefault(session.cohort_id, session)
    problems = []
    for session in first_by_cohort.values():
        cohort = session.cohort
        values = {
            "room": room.name,
            "cohort": cohort.code,
            "day": format_date(session.date),
        }
        if not change.is_active:
            problems.append(
                _(
                    "%(room)s còn buổi học đã công bố của lớp %(cohort)s (từ ngày "
                    "%(day)s); hãy đổi phòng các buổi đó trước khi thôi dùng."
                )
                % values
            )
            continue
        size = cohort_size(cohort)
        if size > change.capacity:
            problems.append(
                _(
                    "Lớp %(cohort)s (%(size)d học viên) học ở %(room)s từ ngày "
                    "%(day)s: sức chứa %(capacity)d chỗ không đủ."
                )
                % {**values, "size": size, "capacity": change.capacity}
            )
    if change.closed and change.is_active:
        start, end = change.closed
        for session in booked.filter(date__range=(start, end)).order_by(
            "date", "half_day"
        ):
            problems.append(
                _(
                    "%(room)s đã có buổi học của lớp %(cohort)s ngày %(day)s; hãy "
                    "đổi phòng buổi đó trước."
                )
                % {
                    "room": room.name,
                    "cohort": session.cohort.code,
                    "day": format_date(session.date),
                }
            )
    return problems


def _today():
    return timezone.localdate()
