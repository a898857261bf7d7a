"""Moving a session of the published schedule by hand, with the hard constraints
checked against the database first.

`session_conflicts` lists, in Vietnamese, everything that would break if the
session moved to the proposed half-day, lecturer and room; `session_move` refuses
any move that has one, and otherwise fixes the session in place (the next
scheduling run keeps it) and records the old and new values.

The checks read the published schedule directly (for a session of a run's
draft: the draft and what stays published beside it), which for one move is exact:
the half-day is free for the cohort, lecturer and room; the day is in the term,
not a holiday and one of the cohort's study days; the lecturer is qualified, not
unavailable and can travel from and to their neighbouring sessions; the room is
at the cohort's site and large enough. Programme order is checked on whole
schedules by the engine (scheduling.validate), not here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.core.text import format_date
from daotao.faculty.models import Lecturer, Unavailability
from daotao.org.models import Room
from daotao.teaching.models import (
    Holiday,
    SiteTravel,
    TeachingSession,
    published_q,
)

MOVED_FIELDS = ["date", "half_day", "lecturer", "room", "is_fixed", "version"]
_HALF_DAY_PARTS = {0: Unavailability.Part.MORNING, 1: Unavailability.Part.AFTERNOON}
_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy")


@dataclass(frozen=True)
class Placement:
    """Where a session would be: a half-day, a lecturer and a room."""

    date: datetime.date
    half_day: int
    lecturer: Lecturer | None
    room: Room | None

    @property
    def label(self) -> str:
        """E.g. "sáng 05/03/2027"."""
        return _slot_label(self.date, self.half_day)


def _slot_label(day: datetime.date, half_day: int) -> str:
    half = _("sáng") if half_day == TeachingSession.HalfDay.MORNING else _("chiều")
    return f"{half} {format_date(day)}"


def _day_label(day: datetime.date) -> str:
    name = _WEEKDAYS[day.weekday()] if day.weekday() < 6 else "Chủ nhật"
    return f"{name} {format_date(day)}"


def session_conflicts(
    *,
    session: TeachingSession,
    date: datetime.date,
    half_day: int,
    lecturer: Lecturer | None,
    room: Room | None,
) -> list[str]:
    """Every hard constraint the move would break, as Vietnamese sentences."""
    placement = Placement(date, half_day, lecturer, room)
    return [
        *_calendar_conflicts(session, placement),
        *_double_bookings(session, placement),
        *_lecturer_conflicts(session, placement),
        *_room_conflicts(session, placement),
    ]


def session_move(
    *,
    actor: Actor,
    session: TeachingSession,
    date: datetime.date,
    half_day: int,
    lecturer: Lecturer | None,
    room: Room | None,
    expected_version: int,
) -> TeachingSession:
    """Move a published session; refused (ValidationError, nothing written) when
    the page was stale or the move conflicts."""
    with transaction.atomic():
        locked = (
            TeachingSession.objects.published()
            .select_for_update()
            .select_related("cohort", "topic", "term")
            .get(pk=session.pk)
        )
        require_scope(actor, "teaching.manage_schedule", school_id=locked.school_id)
        if locked.version != expected_version:
            raise ValidationError(
                _(
                    "Buổi học vừa được người khác đổi lịch. Hãy tải lại trang "
                    "và làm lại."
                ),
                code="stale",
            )
        conflicts = session_conflicts(
            session=locked, date=date, half_day=half_day, lecturer=lecturer, room=room
        )
        if conflicts:
            raise ValidationError(conflicts, code="conflict")
        before = snapshot(locked, MOVED_FIELDS)
        locked.date, locked.half_day = date, half_day
        locked.lecturer, locked.room = lecturer, room
        locked.is_fixed = True
        locked.version += 1
        _save_move(locked)
        changes = diff(before, snapshot(locked, MOVED_FIELDS))
        audit_record(
            actor=actor,
            action="teaching.session_move",
            instance=locked,
            changes=changes,
        )
    return locked


def _save_move(session: TeachingSession) -> None:
    # A concurrent move into the same half-day passes the checks in both
    # transactions; the published schedule's unique constraints stop the second.
    try:
        with transaction.atomic():
            session.save(
                update_fields=[
                    "date",
                    "half_day",
                    "lecturer",
                    "room",
                    "is_fixed",
                    "version",
                    "updated_at",
                ]
            )
    except IntegrityError:
        raise ValidationError(
            _("Buổi học này vừa bị người khác xếp trùng. Hãy tải lại trang."),
            code="conflict",
        ) from None


# --- The checks ----------------------------------------------------------------------


def _calendar_conflicts(session: TeachingSession, at: Placement) -> list[str]:
    found = []
    term, cohort = session.term, session.cohort
    if not term.starts_on <= at.date <= term.ends_on:
        found.append(
            _("Ngày %(day)s nằm ngoài đợt %(term)s (%(start)s – %(end)s)")
            % {
                "day": format_date(at.date),
                "term": term.name,
                "start": format_date(term.starts_on),
                "end": format_date(term.ends_on),
            }
        )
    holiday = Holiday.objects.filter(date=at.date).first()
    if holiday is not None:
        found.append(
            _("Ngày %(day)s là ngày nghỉ lễ (%(name)s)")
            % {"day": format_date(at.date), "name": holiday.name}
        )
    elif (
        at.date.weekday() not in cohort.study_weekdays
        or not cohort.starts_on <= at.date <= cohort.ends_on
    ):
        found.append(
            _("Lớp %(cohort)s không học vào %(day)s")
            % {"cohort": cohort.code, "day": _day_label(at.date)}
        )
    return found


def _schedule_beside(session: TeachingSession) -> Q:
    """The sessions `session` must not collide with: for a published session the
    published schedule; for a session of a run's draft, that draft and what stays
    published beside it when it is published (other terms', this term's fixed)."""
    if session.run_id is None:
        return published_q()
    staying = published_q() & ~Q(term_id=session.term_id, is_fixed=False)
    return Q(run_id=session.run_id) | staying


def _others_in_slot(session: TeachingSession, at: Placement):
    return (
        TeachingSession.objects.filter(
            _schedule_beside(session), date=at.date, half_day=at.half_day
        )
        .exclude(pk=session.pk)
        .select_related("cohort", "topic")
    )


def _double_bookings(session: TeachingSession, at: Placement) -> list[str]:
    found = []
    same_slot = _others_in_slot(session, at)
    for other in same_slot.filter(cohort_id=session.cohort_id):
        found.append(
            _("Lớp %(cohort)s đã có buổi học chuyên đề %(topic)s %(slot)s")
            % {"cohort": other.cohort.code, "topic": other.topic.name, "slot": at.label}
        )
    if at.lecturer is not None:
        for other in same_slot.filter(lecturer_id=at.lecturer.pk):
            found.append(
                _("Giảng viên %(lecturer)s đã có buổi dạy lớp %(cohort)s %(slot)s")
                % {
                    "lecturer": at.lecturer.person.full_name,
                    "cohort": other.cohort.code,
                    "slot": at.label,
                }
            )
    if at.room is not None:
        for other in same_slot.filter(room_id=at.room.pk):
            found.append(
                _("%(room)s đã có buổi học của lớp %(cohort)s %(slot)s")
                % {"room": at.room.name, "cohort": other.cohort.code, "slot": at.label}
            )
    return found


def _lecturer_conflicts(session: TeachingSession, at: Placement) -> list[str]:
    lecturer = at.lecturer
    if lecturer is None:
        return []
    name = lecturer.person.full_name
    found = []
    if not lecturer.topics.filter(pk=session.topic_id).exists():
        found.append(
            _("Giảng viên %(lecturer)s không được phân công dạy chuyên đề %(topic)s")
            % {"lecturer": name, "topic": session.topic.name}
        )
    busy = lecturer.unavailabilities.filter(
        Q(part=Unavailability.Part.WHOLE_DAY) | Q(part=_HALF_DAY_PARTS[at.half_day]),
        starts_on__lte=at.date,
        ends_on__gte=at.date,
    ).first()
    if busy is not None:
        found.append(
            _("Giảng viên %(lecturer)s bận %(slot)s (%(reason)s)")
            % {"lecturer": name, "slot": at.label, "reason": busy.get_kind_display()}
        )
    found.extend(_travel_conflicts(session, at))
    return found


def _travel_conflicts(session: TeachingSession, at: Placement) -> list[str]:
    """Neighbouring sessions of the lecturer at sites too far to reach in time."""
    travel = {
        frozenset((t.from_site_id, t.to_site_id)): t.half_days
        for t in SiteTravel.objects.all()
    }
    longest = max(travel.values(), default=1)
    if longest <= 1:
        return []
    days = datetime.timedelta(days=(longest + 1) // 2)
    site_id = session.cohort.site_id
    neighbours = (
        TeachingSession.objects.filter(
            _schedule_beside(session),
            lecturer_id=at.lecturer.pk,
            date__gte=at.date - days,
            date__lte=at.date + days,
        )
        .exclude(pk=session.pk)
        .exclude(cohort__site_id=site_id)
        .select_related("cohort__site")
    )
    found = []
    for other in neighbours:
        gap = abs(2 * (other.date - at.date).days + other.half_day - at.half_day)
        needed = travel.get(frozenset((site_id, other.cohort.site_id)), 1)
        if 0 < gap < needed:
            found.append(
                _(
                    "Giảng viên %(lecturer)s không kịp đi giữa %(site)s và "
                    "%(other_site)s (buổi dạy lớp %(cohort)s %(other_slot)s)"
                )
                % {
                    "lecturer": at.lecturer.person.full_name,
                    "site": session.cohort.site.name,
                    "other_site": other.cohort.site.name,
                    "cohort": other.cohort.code,
                    "other_slot": _slot_label(other.date, other.half_day),
                }
            )
    return found


def _room_conflicts(session: TeachingSession, at: Placement) -> list[str]:
    room, cohort = at.room, session.cohort
    if room is None:
        return []
    found = []
    if room.site_id != cohort.site_id:
        found.append(
            _("%(room)s không ở %(site)s, nơi lớp %(cohort)s học")
            % {"room": room.name, "site": cohort.site.name, "cohort": cohort.code}
        )
    if not room.is_active:
        found.append(_("%(room)s đã thôi sử dụng") % {"room": room.name})
    closure = room.closures.filter(starts_on__lte=at.date, ends_on__gte=at.date).first()
    if closure is not None:
        found.append(
            _("%(room)s không dùng được ngày %(day)s (%(reason)s)")
            % {"room": room.name, "day": format_date(at.date), "reason": closure.reason}
        )
    size = cohort_size(cohort)
    if room.capacity < size:
        found.append(
            _(
                "%(room)s (%(capacity)d chỗ) không đủ chỗ cho lớp %(cohort)s "
                "(%(size)d học viên)"
            )
            % {
                "room": room.name,
                "capacity": room.capacity,
                "cohort": cohort.code,
                "size": size,
            }
        )
    return found


def cohort_size(cohort: Any) -> int:
    """Learners on the roster, or the planned size while the roster is empty."""
    enrolled = cohort.enrollments.count()
    return enrolled or cohort.planned_class.planned_size
