"""The output of the scheduling engine: a schedule, its score and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .problem import Booking, Session


class Status(StrEnum):
    OPTIMAL = "optimal"  # no schedule has a smaller penalty
    FEASIBLE = "feasible"  # conflict-free, penalty perhaps not the smallest
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


@dataclass(frozen=True)
class Schedule:
    """The engine's answer. `sessions` is empty unless `status.has_schedule`."""

    status: Status
    sessions: tuple[Session, ...] = ()
    penalty: Penalty | None = None
    solve_seconds: float = 0.0
    explanations: tuple[Explanation, ...] = ()
