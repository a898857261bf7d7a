"""The engine's input read from the database (`problem_for_term`), and how a
topic's periods become half-day sessions."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, Max, Prefetch, Q

from daotao.enrolment.models import Cohort
from daotao.faculty.models import Lecturer, Unavailability
from daotao.org.models import Room, RoomClosure, Site
from daotao.programs.models import Topic
from daotao.teaching import scheduling as engine
from daotao.teaching.models import (
    Holiday,
    SiteTravel,
    TeachingSession,
    Term,
)

# School practice, not a regulation: one buổi (half-day session) is 5 tiết.
PERIODS_PER_HALF_DAY = 5

Kind = TeachingSession.Kind
# A topic's periods in teaching order: lectures first, then discussion, practice,
# field study; a session's kind is the kind of most of its periods.
KIND_OF_PERIODS = (
    ("lecture_periods", Kind.LECTURE),
    ("discussion_periods", Kind.DISCUSSION),
    ("practice_periods", Kind.PRACTICE),
    ("field_study_periods", Kind.FIELD_STUDY),
)
PART_HALVES = {
    Unavailability.Part.WHOLE_DAY: (engine.HalfDay.MORNING, engine.HalfDay.AFTERNOON),
    Unavailability.Part.MORNING: (engine.HalfDay.MORNING,),
    Unavailability.Part.AFTERNOON: (engine.HalfDay.AFTERNOON,),
}


def problem_for_term(term: Term) -> engine.Problem:
    """The engine's input for `term`: its cohorts and what is left of their
    programmes, the school's active lecturers, the cohorts' sites and rooms, the
    holidays; the published sessions of the term as fixed (if fixed) and warm start;
    every other published session of the school in the term's dates (other terms',
    and fixed ones the engine does not place) as a booking (docs/adr/0010)."""
    cohorts = list(
        term.cohorts.select_related("planned_class")
        .annotate(learners=Count("enrollments"))
        .order_by("code")
    )
    holidays = frozenset(
        Holiday.objects.filter(date__range=(term.starts_on, term.ends_on)).values_list(
            "date", flat=True
        )
    )
    published = [
        engine_session(s)
        for s in term.sessions.published()
        .filter(
            cohort_id__in=[c.pk for c in cohorts],
            lecturer__isnull=False,
            room__isnull=False,
        )
        .order_by("date", "half_day", "pk")
    ]
    fixed = _fixed_of(term, published)
    booked = _booked(term, fixed) + _room_closures(term)
    programmes, topics, resume = _programmes(term, cohorts, holidays, booked)
    site_ids = {cohort.site_id for cohort in cohorts}
    all_site_ids = site_ids | {b.site_id for b in booked if b.site_id is not None}
    demand = sum(
        d.sessions for modules in programmes.values() for m in modules for d in m
    )
    return engine.Problem(
        first_day=term.starts_on,
        last_day=term.ends_on,
        sites=tuple(
            engine.Site(s.pk, s.name)
            for s in Site.objects.filter(pk__in=all_site_ids).order_by("pk")
        ),
        rooms=tuple(
            engine.Room(r.pk, r.site_id, r.capacity, r.name)
            for r in Room.objects.filter(site_id__in=site_ids, is_active=True).order_by(
                "pk"
            )
        ),
        topics=tuple(engine.Topic(t.pk, t.name) for t in topics),
        cohorts=tuple(
            _engine_cohort(c, term, programmes[c.pk], resume.get(c.pk)) for c in cohorts
        ),
        lecturers=_lecturers(term, {t.pk for t in topics}, demand),
        holidays=holidays,
        travel={
            (t.from_site_id, t.to_site_id): t.half_days
            for t in SiteTravel.objects.filter(
                from_site_id__in=all_site_ids, to_site_id__in=all_site_ids
            )
        },
        fixed=fixed,
        warm_start=tuple(published),
        booked=booked,
    )


def _room_closures(term: Term) -> tuple[engine.Booking, ...]:
    """Every half-day of the term on which a room is closed (org.RoomClosure), as a
    booking of that room alone: the engine never places a session there."""
    closures = RoomClosure.objects.filter(
        room__site__school_id=term.school_id,
        starts_on__lte=term.ends_on,
        ends_on__gte=term.starts_on,
    ).order_by("room_id", "starts_on")
    bookings = []
    for closure in closures:
        day = max(closure.starts_on, term.starts_on)
        while day <= min(closure.ends_on, term.ends_on):
            bookings.extend(
                engine.Booking(day=day, half=half, room_id=closure.room_id)
                for half in engine.HalfDay
            )
            day += timedelta(days=1)
    return tuple(bookings)


# Bookings this many days around the term still matter (travel to the first or
# from the last half-day of the term).
BOOKING_MARGIN_DAYS = 2


def _booked(
    term: Term, fixed: tuple[engine.Session, ...]
) -> tuple[engine.Booking, ...]:
    """The school's published sessions in (and just around) the term's dates that
    the engine will not place: other terms' sessions, and this term's fixed ones
    that are not among `fixed` (a cohort no longer in the term, no lecturer or
    no room); publishing keeps them all."""
    margin = timedelta(days=BOOKING_MARGIN_DAYS)
    rows = (
        TeachingSession.objects.published()
        .filter(
            school_id=term.school_id,
            date__range=(term.starts_on - margin, term.ends_on + margin),
        )
        .exclude(term=term, is_fixed=False)
        .select_related("cohort", "topic")
        .order_by("date", "half_day", "pk")
    )
    placed = {(s.cohort_id, s.day, int(s.half)) for s in fixed}
    return tuple(
        engine.Booking(
            day=row.date,
            half=engine.HalfDay(row.half_day),
            cohort_id=row.cohort_id,
            lecturer_id=row.lecturer_id,
            room_id=row.room_id,
            site_id=row.cohort.site_id,
            cohort_code=row.cohort.code,
            topic_name=row.topic.name,
            session_id=row.pk,
        )
        for row in rows
        if row.term_id != term.pk
        or (row.cohort_id, row.date, row.half_day) not in placed
    )


def sessions_needed(topic: Topic) -> int:
    """A topic's half-day sessions: its periods / PERIODS_PER_HALF_DAY, rounded up."""
    return math.ceil(topic.total_periods / PERIODS_PER_HALF_DAY)


def _programmes(
    term: Term,
    cohorts: list[Cohort],
    holidays: frozenset[date],
    booked: tuple[engine.Booking, ...],
) -> tuple[
    dict[int, tuple[tuple[engine.TopicDemand, ...], ...]], list[Topic], dict[int, date]
]:
    """Per cohort: its version's modules (học phần) in block/position order, each
    topic's sessions less those already published in other terms (in any term, a
    cohort is never taught a session twice) and this term's fixed sessions the
    engine does not place; for a cohort that goes on after the term, only what
    the term's study half-days not booked hold. Also, per cohort with sessions
    published elsewhere, the day its remaining topics may start."""
    topics = list(
        Topic.objects.filter(
            module__block__version_id__in={c.program_version_id for c in cohorts}
        )
        .select_related("module__block")
        .order_by("module__block__position", "module__position", "position")
    )
    modules: dict[int, dict[int, list[Topic]]] = defaultdict(lambda: defaultdict(list))
    for topic in topics:
        modules[topic.module.block.version_id][topic.module_id].append(topic)
    kept_here = [b.session_id for b in booked]
    taught: Counter[tuple[int, int]] = Counter()
    last_taught: dict[tuple[int, int], date] = {}
    for row in (
        TeachingSession.objects.published()
        .filter(cohort__in=cohorts)
        .exclude(Q(term=term) & ~Q(pk__in=kept_here))
        .values("cohort_id", "topic_id")
        .annotate(n=Count("id"), last=Max("date"))
    ):
        taught[row["cohort_id"], row["topic_id"]] = row["n"]
        last_taught[row["cohort_id"], row["topic_id"]] = row["last"]
    busy: dict[int, set[tuple[date, int]]] = defaultdict(set)
    for booking in booked:
        if booking.cohort_id is not None and booking.day not in holidays:
            busy[booking.cohort_id].add((booking.day, int(booking.half)))
    programmes = {}
    resume: dict[int, date] = {}
    for cohort in cohorts:
        programme = []
        done_before: list[date] = []  # last published days of modules so far
        for module in modules[cohort.program_version_id].values():
            demands = tuple(
                engine.TopicDemand(t.pk, left)
                for t in module
                if (left := sessions_needed(t) - taught[cohort.pk, t.pk]) > 0
            )
            if not programme:
                done_before += [
                    last_taught[cohort.pk, t.pk]
                    for t in module
                    if (cohort.pk, t.pk) in last_taught
                ]
            if demands:
                programme.append(demands)
        if done_before:
            # What is left comes after what was taught of the modules up to the
            # first one left (the programme's order holds across terms).
            resume[cohort.pk] = max(done_before) + timedelta(days=1)
        if cohort.ends_on > term.ends_on:
            programme = _leading_part(
                programme,
                _study_half_days(cohort, term, holidays, resume.get(cohort.pk))
                - _study_half_days_among(cohort, term, busy[cohort.pk]),
            )
        programmes[cohort.pk] = tuple(programme)
    return programmes, topics, resume


def _study_half_days(
    cohort: Cohort, term: Term, holidays: frozenset[date], resume: date | None = None
) -> int:
    day = max(cohort.starts_on, term.starts_on, resume or term.starts_on)
    last = min(cohort.ends_on, term.ends_on)
    count = 0
    while day <= last:
        count += day.weekday() in cohort.study_weekdays and day not in holidays
        day += timedelta(days=1)
    return 2 * count


def _study_half_days_among(
    cohort: Cohort, term: Term, half_days: set[tuple[date, int]]
) -> int:
    first, last = (
        max(cohort.starts_on, term.starts_on),
        min(cohort.ends_on, term.ends_on),
    )
    return sum(
        1
        for day, _half in half_days
        if first <= day <= last and day.weekday() in cohort.study_weekdays
    )


def _leading_part(
    programme: list[tuple[engine.TopicDemand, ...]], half_days: int
) -> list[tuple[engine.TopicDemand, ...]]:
    """The programme's topics in order up to the first that no longer fits in
    `half_days`; the rest is left for the next term."""
    kept: list[tuple[engine.TopicDemand, ...]] = []
    for module in programme:
        topics = []
        for demand in module:
            if demand.sessions > half_days:
                return [*kept, tuple(topics)] if topics else kept
            half_days -= demand.sessions
            topics.append(demand)
        kept.append(tuple(topics))
    return kept


def _engine_cohort(
    cohort: Any,
    term: Term,
    modules: tuple[tuple[engine.TopicDemand, ...], ...],
    resume: date | None = None,
) -> engine.Cohort:
    return engine.Cohort(
        id=cohort.pk,
        code=cohort.code,
        site_id=cohort.site_id,
        # Learners admitted; before admission, the planned size of the class.
        size=cohort.learners or cohort.planned_class.planned_size,
        modules=modules,
        study_weekdays=frozenset(cohort.study_weekdays),
        starts_on=max(cohort.starts_on, term.starts_on, resume or term.starts_on),
        ends_on=min(cohort.ends_on, term.ends_on),
    )


def _lecturers(
    term: Term, topic_ids: set[int], demand: int
) -> tuple[engine.Lecturer, ...]:
    """The school's active lecturers. Their norm is an estimate until the ledger
    gives term norms: the term's sessions shared equally among them."""
    absences = Unavailability.objects.filter(
        starts_on__lte=term.ends_on, ends_on__gte=term.starts_on
    )
    rows = list(
        Lecturer.objects.filter(school_id=term.school_id, is_active=True)
        .select_related("person")
        .prefetch_related(
            "topics",
            "preferred_topics",
            Prefetch("unavailabilities", queryset=absences),
        )
        .order_by("pk")
    )
    share = math.ceil(demand / len(rows)) if rows else 0
    return tuple(
        engine.Lecturer(
            id=row.pk,
            name=row.person.full_name,
            topic_ids=frozenset(t.pk for t in row.topics.all()) & topic_ids,
            unavailable=frozenset(_absent_slots(term, row.unavailabilities.all())),
            norm_sessions=share,
            preferred_topic_ids=frozenset(t.pk for t in row.preferred_topics.all())
            & topic_ids,
        )
        for row in rows
    )


def _absent_slots(term: Term, absences: Iterable[Unavailability]) -> set[engine.Slot]:
    slots = set()
    for absence in absences:
        day = max(absence.starts_on, term.starts_on)
        while day <= min(absence.ends_on, term.ends_on):
            slots.update(engine.Slot(day, half) for half in PART_HALVES[absence.part])
            day += timedelta(days=1)
    return slots


def _fixed_of(
    term: Term, published: list[engine.Session]
) -> tuple[engine.Session, ...]:
    keys = set(
        term.sessions.published()
        .filter(is_fixed=True)
        .values_list("cohort_id", "topic_id", "index", "date", "half_day")
    )
    return tuple(
        s
        for s in published
        if (s.cohort_id, s.topic_id, s.index, s.day, int(s.half)) in keys
    )


def engine_session(session: TeachingSession) -> engine.Session:
    return engine.Session(
        cohort_id=session.cohort_id,
        topic_id=session.topic_id,
        index=session.index,
        day=session.date,
        half=engine.HalfDay(session.half_day),
        lecturer_id=session.lecturer_id,
        room_id=session.room_id,
    )


def session_kind(topic: Topic, position: int) -> tuple[str, int]:
    """(kind, periods) of the topic's session number `position` (from 1)."""
    sequence = [
        kind for name, kind in KIND_OF_PERIODS for _ in range(getattr(topic, name))
    ]
    start = (position - 1) * PERIODS_PER_HALF_DAY
    covered = sequence[start : start + PERIODS_PER_HALF_DAY]
    if not covered:
        return Kind.LECTURE, PERIODS_PER_HALF_DAY
    return Counter(covered).most_common(1)[0][0], len(covered)
