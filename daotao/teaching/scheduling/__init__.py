"""The teaching-schedule engine (issue 5, item 3): pure Python over frozen
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
    Status,
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
    "Site",
    "Slot",
    "Status",
    "Topic",
    "TopicDemand",
    "Violation",
    "ViolationKind",
    "conflicts_for",
    "score",
    "solve",
    "validate",
]
