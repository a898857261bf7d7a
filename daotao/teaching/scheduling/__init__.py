"""The teaching-schedule engine: pure Python over frozen
dataclasses and OR-Tools CP-SAT; no Django model is imported (docs/adr/0005).

Input `problem.Problem`; output `result.Schedule`; `solver.solve` decides,
`validate.validate` / `validate.conflicts_for` check, `score.score` scores.

Design, for a term of ~4,000 half-day sessions:
0. `precheck`: counting checks that prove infeasibility cheaply (fixed sessions,
   a cohort's study half-days, a room large enough per cohort, qualified lecturers'
   free half-days per topic over the term and over every period the module order
   allows), each with a Vietnamese message naming the group.
1. `assign`: one lecturer per cohort-topic (CP-SAT, ~2,000 booleans, greedy hint):
   hard term capacity; soft load against norms, weekly peaks, sites, preferences.
2. `timetable`: one boolean per (cohort-topic, half-day it may take); at most one
   session per cohort / lecturer per half-day, travel, room counts per size
   threshold, module order through monotone "module done" booleans; soft runs of
   consecutive half-days and avoided half-days. If stage 2 is infeasible, a guarded
   re-solve names a minimal set of groups (`explain`); if lecturers are in it,
   stage 1 gets a cut and both stages run again (logic-based Benders).
3. `rooms`: the room counts of stage 2 make greedy room assignment always succeed.

Sessions fixed by hand are kept as they are: they block their half-days for the
cohort, the lecturer (and travel) and their room. A warm start hints both stages,
and a conflict-free complete warm start with a smaller score is returned as is.

Issue 13 (docs/adr/0010): `Problem.booked` holds what is already booked outside the
problem (other terms' published sessions): hard for cohort, lecturer (and travel)
and room, and `validate` names the booking. `greedy` builds a constructive
schedule first (programme order, a topic's sessions together, then lecturer
swaps): the first schedule, CP-SAT's hint and a floor for the penalty
(`Schedule.greedy_penalty`). When not everything can be placed, the status is
PARTIAL: `sessions` holds what could be, `unplaced` the rest with reasons.
"""

from .problem import (
    Booking,
    Cohort,
    HalfDay,
    Lecturer,
    Problem,
    Room,
    Session,
    Site,
    Slot,
    Topic,
    TopicDemand,
)
from .result import (
    Conflict,
    ConstraintGroup,
    Explanation,
    Penalty,
    Schedule,
    Shortage,
    Status,
    Unplaced,
    Violation,
    ViolationKind,
)
from .score import score
from .solver import solve
from .validate import conflicts_for, validate

__all__ = [
    "Booking",
    "Cohort",
    "Conflict",
    "ConstraintGroup",
    "Explanation",
    "HalfDay",
    "Lecturer",
    "Penalty",
    "Problem",
    "Room",
    "Schedule",
    "Session",
    "Shortage",
    "Site",
    "Slot",
    "Status",
    "Topic",
    "TopicDemand",
    "Unplaced",
    "Violation",
    "ViolationKind",
    "conflicts_for",
    "score",
    "solve",
    "validate",
]
