"""The output of the scheduling engine: a schedule, its score and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .problem import Booking, Session


class Status(StrEnum):
    OPTIMAL = "optimal"  # no schedule has a smaller penalty
    FEASIBLE = "feasible"  # conflict-free, penalty perhaps not the smallest
    # Not everything could be placed: `sessions` are what could (breaking no hard
    # constraint), `unplaced` the rest with reasons, `explanations` why.
    PARTIAL = "partial"
    INFEASIBLE = "infeasible"  # `explanations` say which constraint group
    UNKNOWN = "unknown"  # the time ran out before any schedule was found

    @property
    def has_schedule(self) -> bool:
        return self in (Status.OPTIMAL, Status.FEASIBLE)


class ConstraintGroup(StrEnum):
    """The hard-constraint groups an infeasibility is blamed on."""

    FIXED = "fixed"  # sessions pinned by hand
    COHORT_DAYS = "cohort_days"  # a cohort's study half-days
    LECTURERS = "lecturers"  # qualified lecturers' free half-days
    ROOMS = "rooms"  # rooms and their capacity
    ORDER = "order"  # the order of a programme's modules
    TRAVEL = "travel"  # travel between sites
    TIME = "time"  # not decided within the time limit


class ViolationKind(StrEnum):
    COHORT_DOUBLE_BOOKED = "cohort_double_booked"
    LECTURER_DOUBLE_BOOKED = "lecturer_double_booked"
    ROOM_DOUBLE_BOOKED = "room_double_booked"
    ROOM_TOO_SMALL = "room_too_small"
    ROOM_AT_OTHER_SITE = "room_at_other_site"
    LECTURER_NOT_QUALIFIED = "lecturer_not_qualified"
    LECTURER_UNAVAILABLE = "lecturer_unavailable"
    HOLIDAY = "holiday"
    NOT_A_STUDY_DAY = "not_a_study_day"
    ORDER = "order"
    TRAVEL = "travel"
    FIXED_SESSION_CHANGED = "fixed_session_changed"
    SESSION_COUNT = "session_count"
    UNKNOWN_REFERENCE = "unknown_reference"


@dataclass(frozen=True)
class Violation:
    """A broken hard constraint, with the sessions involved and a Vietnamese message;
    `bookings` are the sessions outside the problem it clashes with (to name and
    link them)."""

    kind: ViolationKind
    message: str
    sessions: tuple[Session, ...] = ()
    bookings: tuple[Booking, ...] = ()


# A conflict of a proposed manual move is a violation that involves the moved session.
Conflict = Violation


@dataclass(frozen=True)
class Explanation:
    """Why no schedule exists: the constraint group and a Vietnamese message."""

    group: ConstraintGroup
    message: str


@dataclass(frozen=True)
class Penalty:
    """The soft score (smaller is better): its parts and their weighted total.

    split_topics: extra runs of a cohort's topic (0 when every topic is taught on
    consecutive study half-days of the cohort); overload: sessions above lecturers'
    norms; load_deviation: sessions away from each lecturer's fair share of the
    term's demand (proportional to the norms); site_changes: a lecturer's next
    session at another site; preferences: sessions in avoided half-days plus
    cohort-topics given outside a lecturer's preferred topics.
    """

    split_topics: int
    overload: int
    load_deviation: int
    site_changes: int
    preferences: int
    total: int


class Shortage(StrEnum):
    """Why sessions of a cohort's topic were left unplaced."""

    NO_LECTURER = "no_lecturer"  # nobody is qualified for the topic
    LECTURERS_BUSY = "lecturers_busy"  # qualified ones busy on the cohort's free days
    ROOMS = "rooms"  # no room large enough free at the cohort's site
    COHORT_DAYS = "cohort_days"  # the cohort has no study half-day left


@dataclass(frozen=True)
class Unplaced:
    """Sessions of a cohort's topic the engine could not place, and why (in
    Vietnamese, for the office to place them by hand)."""

    cohort_id: int
    cohort_code: str
    topic_id: int
    topic_name: str
    module: int  # the module's number in the cohort's programme, from 1
    sessions: int  # how many of the topic's sessions are left
    shortage: Shortage
    reason: str

    def as_dict(self) -> dict[str, object]:
        """JSON-ready, e.g. for a run's stored result."""
        return {
            "cohort_id": self.cohort_id,
            "cohort_code": self.cohort_code,
            "topic_id": self.topic_id,
            "topic_name": self.topic_name,
            "module": self.module,
            "sessions": self.sessions,
            "shortage": str(self.shortage),
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Schedule:
    """The engine's answer. `sessions` is empty unless `status.has_schedule` or
    PARTIAL (then `unplaced` lists what is missing). `greedy_penalty` is the
    total of the constructive schedule when it placed everything (the returned
    penalty is never larger)."""

    status: Status
    sessions: tuple[Session, ...] = ()
    penalty: Penalty | None = None
    solve_seconds: float = 0.0
    explanations: tuple[Explanation, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    greedy_penalty: int | None = None
