"""Reads of the published schedule as timetables: per cohort, lecturer or room, a
week at a time, and the timetable a signed-in user calls their own.

Staff getters answer 404 outside the actor's `teaching.view_schedule` scope; the
own-timetable reads go through the user's person (a lecturer profile or
enrolments) and never widen to other people's sessions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from daotao.core.actors import Actor
from daotao.enrolment.models import Cohort
from daotao.faculty.models import Lecturer
from daotao.org.models import Room
from daotao.teaching.models import CalendarFeed, TeachingSession

WEEKDAY_NAMES = (
    _("Thứ Hai"),
    _("Thứ Ba"),
    _("Thứ Tư"),
    _("Thứ Năm"),
    _("Thứ Sáu"),
    _("Thứ Bảy"),
    _("Chủ nhật"),
)

# How far back an iCalendar feed reaches: calendars keep what they fetched before.
FEED_HISTORY = datetime.timedelta(days=365)


def published_sessions() -> QuerySet[TeachingSession]:
    """Sessions of the published schedule, with everything a timetable shows."""
    return (
        TeachingSession.objects.published()
        .select_related("cohort__site", "topic", "lecturer__person", "room__site")
        .order_by("date", "half_day", "cohort__code", "id")
    )


# --- Staff getters (teaching.view_schedule) -----------------------------------------


def _visible_or_404(queryset: Any, actor: Actor, permission: str, pk: int) -> Any:
    found = queryset.visible_to(actor, permission).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_cohort_for_timetable(actor: Actor, pk: int) -> Cohort:
    cohorts = Cohort.objects.select_related("site")
    return _visible_or_404(cohorts, actor, "teaching.view_schedule", pk)


def get_lecturer_for_timetable(actor: Actor, pk: int) -> Lecturer:
    lecturers = Lecturer.objects.select_related("person")
    return _visible_or_404(lecturers, actor, "teaching.view_schedule", pk)


def get_room_for_timetable(actor: Actor, pk: int) -> Room:
    rooms = Room.objects.select_related("site")
    return _visible_or_404(rooms, actor, "teaching.view_schedule", pk)


def get_session_for_editing(actor: Actor, pk: int) -> TeachingSession:
    """A published session in the actor's `teaching.manage_schedule` scope."""
    return _visible_or_404(published_sessions(), actor, "teaching.manage_schedule", pk)


# --- One's own timetable (teaching.view_own_timetable) -------------------------------


def own_lecturer(user: Any) -> Lecturer | None:
    """The lecturer profile of the user's person, if any."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return None
    return Lecturer.objects.filter(person_id=person_id).select_related("person").first()


def own_cohorts(user: Any) -> list[Cohort]:
    """The cohorts the user's person is enrolled in, the latest first."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return []
    return list(
        Cohort.objects.filter(enrollments__person_id=person_id)
        .select_related("site")
        .order_by("-starts_on", "code")
        .distinct()
    )


@dataclass(frozen=True)
class OwnTimetable:
    """What "Lịch của tôi" shows: a lecturer's sessions or one of the user's
    cohorts (the other cohorts as choices); both empty for anyone else."""

    lecturer: Lecturer | None = None
    cohort: Cohort | None = None
    cohorts: list[Cohort] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return self.lecturer is None and self.cohort is None


def own_timetable(user: Any, *, cohort_pk: int | None = None) -> OwnTimetable:
    """The user's own timetable; asking for a cohort they are not in is a 404."""
    cohorts = own_cohorts(user)
    if cohort_pk is not None:
        chosen = next((c for c in cohorts if c.pk == cohort_pk), None)
        if chosen is None:
            raise Http404
        return OwnTimetable(cohort=chosen, cohorts=cohorts)
    lecturer = own_lecturer(user)
    if lecturer is not None:
        return OwnTimetable(lecturer=lecturer, cohorts=cohorts)
    return OwnTimetable(cohort=cohorts[0] if cohorts else None, cohorts=cohorts)


# --- Weeks and the grid --------------------------------------------------------------


@dataclass(frozen=True)
class Week:
    monday: datetime.date

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def days(self) -> list[datetime.date]:
        return [self.monday + datetime.timedelta(days=n) for n in range(7)]

    @property
    def previous(self) -> datetime.date:
        return self.monday - datetime.timedelta(days=7)

    @property
    def next(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=7)


def week_of(value: str | None, *, today: datetime.date) -> Week:
    """The Monday-to-Sunday week holding the ISO date `value` (today's week when
    it is missing or malformed)."""
    try:
        day = datetime.date.fromisoformat(value or "")
    except ValueError:
        day = today
    return Week(monday=day - datetime.timedelta(days=day.weekday()))


@dataclass(frozen=True)
class GridDay:
    date: datetime.date
    name: str


@dataclass(frozen=True)
class GridRow:
    half_day: int
    label: str
    cells: list[list[TeachingSession]]


@dataclass(frozen=True)
class WeekGrid:
    week: Week
    days: list[GridDay]
    rows: list[GridRow]
    sessions: list[TeachingSession]

    @property
    def is_empty(self) -> bool:
        return not self.sessions

    @property
    def by_day(self) -> list[tuple[GridDay, list[TeachingSession]]]:
        """The days that have sessions, each with its sessions (morning first): the
        list view a phone shows instead of the seven-column grid."""
        return [
            (day, [s for row in self.rows for s in row.cells[index]])
            for index, day in enumerate(self.days)
            if any(row.cells[index] for row in self.rows)
        ]


def week_sessions(
    sessions: QuerySet[TeachingSession], week: Week
) -> QuerySet[TeachingSession]:
    return sessions.filter(date__gte=week.monday, date__lte=week.sunday)


def week_grid(sessions: QuerySet[TeachingSession], week: Week) -> WeekGrid:
    """Mon–Sun × sáng/chiều, each cell the week's sessions in that half-day."""
    found = list(week_sessions(sessions, week))
    days = [GridDay(day, str(WEEKDAY_NAMES[day.weekday()])) for day in week.days]
    rows = []
    for half_day, label in TeachingSession.HalfDay.choices:
        cells = [
            [s for s in found if s.date == day and s.half_day == half_day]
            for day in week.days
        ]
        rows.append(GridRow(half_day, str(label), cells))
    return WeekGrid(week=week, days=days, rows=rows, sessions=found)


def nearest_session_day(
    sessions: QuerySet[TeachingSession], week: Week
) -> datetime.date | None:
    """The first session day after the week, else the last one before it."""
    later = sessions.filter(date__gt=week.sunday).order_by("date").first()
    if later is not None:
        return later.date
    earlier = sessions.filter(date__lt=week.monday).order_by("-date").first()
    return earlier.date if earlier is not None else None


# --- Calendar feeds ------------------------------------------------------------------


def live_feed(
    *, lecturer: Lecturer | None = None, cohort: Cohort | None = None
) -> CalendarFeed | None:
    """The unrevoked feed of the lecturer or the cohort."""
    owner = {"lecturer": lecturer} if lecturer is not None else {"cohort": cohort}
    return CalendarFeed.objects.filter(revoked_at__isnull=True, **owner).first()


def get_feed_by_token(token: str) -> CalendarFeed:
    """The live feed with that token; unknown or revoked tokens are a 404."""
    feed = (
        CalendarFeed.objects.filter(token=token, revoked_at__isnull=True)
        .select_related("lecturer__person", "cohort")
        .first()
    )
    if feed is None:
        raise Http404
    return feed


def feed_sessions(
    feed: CalendarFeed, *, today: datetime.date
) -> QuerySet[TeachingSession]:
    """The feed's published sessions from a year back onwards."""
    sessions = published_sessions().filter(date__gte=today - FEED_HISTORY)
    if feed.lecturer_id is not None:
        return sessions.filter(lecturer_id=feed.lecturer_id)
    return sessions.filter(cohort_id=feed.cohort_id)
