"""Scheduling services (docs/adr/0005): the engine's input read from the database,
terms, runs of the engine as a background task, and publishing a draft."""

from .engine_input import (
    PERIODS_PER_HALF_DAY,
    engine_session,
    problem_for_term,
    session_kind,
    sessions_needed,
)
from .placing import (
    draft_session_candidate,
    draft_session_place,
    placement_conflicts,
    unplaced_left,
)
from .publish import schedule_publish
from .runs import (
    TIME_LIMIT_RANGE,
    schedule_run_execute,
    schedule_run_start,
    schedule_runs_recover,
    term_create,
    term_delete,
    term_update,
    unplaced_rows,
)

__all__ = [
    "PERIODS_PER_HALF_DAY",
    "TIME_LIMIT_RANGE",
    "draft_session_candidate",
    "draft_session_place",
    "engine_session",
    "placement_conflicts",
    "problem_for_term",
    "schedule_publish",
    "schedule_run_execute",
    "schedule_run_start",
    "schedule_runs_recover",
    "session_kind",
    "sessions_needed",
    "term_create",
    "term_delete",
    "term_update",
    "unplaced_left",
    "unplaced_rows",
]
