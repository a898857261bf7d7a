"""The input of the scheduling engine: a term's calendar, cohorts, lecturers, rooms.

Plain frozen dataclasses, so the engine can be run and tested without a database;
the `teaching` app builds a `Problem` from its models and stores the `Schedule` back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import IntEnum

from daotao.core.text import format_date


class HalfDay(IntEnum):
    MORNING = 0
    AFTERNOON = 1

    @property
    def label(self) -> str:
        return "sáng" if self is HalfDay.MORNING else "chiều"


@dataclass(frozen=True, order=True)
class Slot:
    """One half-day of the calendar (a date and sáng/chiều)."""

    day: date
    half: HalfDay

    @property
    def label(self) -> str:
        """E.g. "sáng 05/03/2026"."""
        return f"{self.half.label} {format_date(self.day)}"


@dataclass(frozen=True)
class Site:
    """The school or an off-site location (trung tâm chính trị, hội trường huyện)."""

    id: int
    name: str


@dataclass(frozen=True)
class Room:
    id: int
    site_id: int
    capacity: int
    name: str = ""


@dataclass(frozen=True)
class Topic:
    """A chuyên đề / học phần of a programme; only its name is needed here."""

    id: int
    name: str


@dataclass(frozen=True)
class TopicDemand:
    """A topic a cohort must be taught, in `sessions` half-day sessions."""

    topic_id: int
    sessions: int


@dataclass(frozen=True)
class Cohort:
    """A class (lớp) and its programme for the term.

    `modules` are the programme's blocks in order: every session of module k ends
    before any session of module k + 1 starts; topics inside a module may
    interleave. `study_weekdays` are ISO-like weekday numbers (0 = Monday … 6 =
    Sunday): (5, 6) for weekend part-time cohorts. `starts_on` / `ends_on` limit the
    cohort's study days inside the term.
    """

    id: int
    code: str
    site_id: int
    size: int
    modules: tuple[tuple[TopicDemand, ...], ...]
    study_weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})
    starts_on: date | None = None
    ends_on: date | None = None

    def demands(self) -> tuple[tuple[int, TopicDemand], ...]:
        """Every (module number, demand) of the programme, modules numbered from 1."""
        return tuple(
            (number, demand)
            for number, module in enumerate(self.modules, start=1)
            for demand in module
        )

    def module_of(self, topic_id: int) -> int | None:
        for number, demand in self.demands():
            if demand.topic_id == topic_id:
                return number
        return None


@dataclass(frozen=True)
class Lecturer:
    """A lecturer and what the engine must respect (hard) or should prefer (soft).

    `norm_sessions` is the lecturer's share of their annual norm for this term, in
    half-day sessions. `preferred_topic_ids` (soft: other qualified topics cost a
    little) and `avoided_slots` (soft) are the lecturer's wishes.
    """

    id: int
    name: str
    topic_ids: frozenset[int]
    unavailable: frozenset[Slot] = frozenset()
    norm_sessions: int = 0
    preferred_topic_ids: frozenset[int] = frozenset()
    avoided_slots: frozenset[Slot] = frozenset()


@dataclass(frozen=True, order=True)
class Session:
    """One half-day session of a cohort's topic; `index` counts from 1 in time order
    within the cohort's topic."""

    cohort_id: int
    topic_id: int
    index: int
    day: date
    half: HalfDay
    lecturer_id: int
    room_id: int

    @property
    def slot(self) -> Slot:
        return Slot(self.day, self.half)

    def same_placement(self, other: Session) -> bool:
        """True when both sessions are the same teaching (all but `index`)."""
        return (
            self.cohort_id,
            self.topic_id,
            self.slot,
            self.lecturer_id,
            self.room_id,
        ) == (
            other.cohort_id,
            other.topic_id,
            other.slot,
            other.lecturer_id,
            other.room_id,
        )


@dataclass(frozen=True)
class Booking:
    """A half-day already taken outside the problem: a published session of another
    term, or a session kept by hand that the engine does not place (docs/adr/0010).

    The engine never places a session of the same cohort, lecturer or room in the
    booking's half-day, nor a session of the lecturer too far (in travel) from the
    booking's site. `cohort_code`, `topic_name` and `session_id` name the booked
    session in messages and links; `cohort_id` may be a cohort outside the problem.
    """

    day: date
    half: HalfDay
    cohort_id: int | None = None
    lecturer_id: int | None = None
    room_id: int | None = None
    site_id: int | None = None
    cohort_code: str = ""
    topic_name: str = ""
    session_id: int | None = None

    @property
    def slot(self) -> Slot:
        return Slot(self.day, self.half)

    @property
    def label(self) -> str:
        """E.g. "lớp K62A, chuyên đề Triết học, sáng 05/03/2026"."""
        parts = []
        if self.cohort_code:
            parts.append(f"lớp {self.cohort_code}")
        if self.topic_name:
            parts.append(f"chuyên đề {self.topic_name}")
        parts.append(self.slot.label)
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """A term to schedule.

    `travel` gives the travel time between two sites in half-days (symmetric;
    missing pairs of different sites count as 1, a site to itself as 0). A
    lecturer teaching at site a in half-day h and at site b in half-day h' needs
    |h' - h| >= travel(a, b): with travel 1 consecutive half-days are allowed,
    with travel 2 a free half-day must lie between. Half-days are counted on the
    calendar (the afternoon of Friday and the morning of Saturday are consecutive).
    `fixed` sessions were placed by hand and are kept exactly; `warm_start` is an
    earlier schedule used as a hint. `booked` are half-days taken outside the
    problem (other terms' published sessions): hard, like fixed sessions, but not
    part of the schedule.
    """

    first_day: date
    last_day: date
    sites: tuple[Site, ...]
    rooms: tuple[Room, ...]
    topics: tuple[Topic, ...]
    cohorts: tuple[Cohort, ...]
    lecturers: tuple[Lecturer, ...]
    holidays: frozenset[date] = frozenset()
    travel: Mapping[tuple[int, int], int] = field(default_factory=dict)
    fixed: tuple[Session, ...] = ()
    warm_start: tuple[Session, ...] = ()
    booked: tuple[Booking, ...] = ()
    _cohorts: dict[int, Cohort] = field(init=False, repr=False, compare=False)
    _lecturers: dict[int, Lecturer] = field(init=False, repr=False, compare=False)
    _rooms: dict[int, Room] = field(init=False, repr=False, compare=False)
    _sites: dict[int, Site] = field(init=False, repr=False, compare=False)
    _topic_names: dict[int, str] = field(init=False, repr=False, compare=False)

    def travel_between(self, a: int, b: int) -> int:
        if a == b:
            return 0
        return self.travel.get((a, b), self.travel.get((b, a), 1))

    def cohort(self, cohort_id: int) -> Cohort:
        return self._cohorts[cohort_id]

    def lecturer(self, lecturer_id: int) -> Lecturer:
        return self._lecturers[lecturer_id]

    def room(self, room_id: int) -> Room:
        return self._rooms[room_id]

    def site(self, site_id: int) -> Site:
        return self._sites[site_id]

    def site_name(self, site_id: int | None) -> str:
        site = self._sites.get(site_id) if site_id is not None else None
        return site.name if site is not None else ""

    def topic_name(self, topic_id: int) -> str:
        return self._topic_names.get(topic_id, str(topic_id))

    def has(
        self, *, lecturer_id: int | None = None, room_id: int | None = None
    ) -> bool:
        if lecturer_id is not None and lecturer_id not in self._lecturers:
            return False
        return room_id is None or room_id in self._rooms

    def __post_init__(self) -> None:
        # Lookups built once; frozen dataclasses allow this through object.__setattr__.
        lookups = {
            "_cohorts": {c.id: c for c in self.cohorts},
            "_lecturers": {lecturer.id: lecturer for lecturer in self.lecturers},
            "_rooms": {r.id: r for r in self.rooms},
            "_sites": {s.id: s for s in self.sites},
            "_topic_names": {t.id: t.name for t in self.topics},
        }
        for name, value in lookups.items():
            object.__setattr__(self, name, value)
