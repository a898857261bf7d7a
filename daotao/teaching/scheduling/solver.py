"""`solve`: precheck, then lecturers (stage 1), half-days (stage 2), rooms (stage 3)."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from . import assign, explain
from .plan import Plan
from .precheck import precheck
from .problem import Problem, Session
from .result import Schedule, Status
from .rooms import Placement, assign_rooms
from .score import score
from .timetable import TimetableModel
from .validate import validate

# progress(solutions found so far, best stage-2 objective so far)
Progress = Callable[[int, float], None]

ASSIGNMENT_SHARE = 0.15  # of the time limit, for stage 1
ASSIGNMENT_MAX_SECONDS = 5.0
# Stage 1 / stage 2 rounds: a stage-2 infeasibility that involves lecturers adds a
# cut to stage 1 (logic-based Benders) and the lecturers are chosen again.
MAX_ROUNDS = 20


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, progress: Progress | None) -> None:
        super().__init__()
        self.progress = progress
        self.solutions = 0
        self.first_at: float | None = None
        self.started = time.perf_counter()

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self.first_at is None:
            self.first_at = time.perf_counter() - self.started
        if self.progress is not None:
            self.progress(self.solutions, self.objective_value)


def solve(
    problem: Problem,
    *,
    time_limit_s: float = 30.0,
    workers: int = 2,
    progress: Progress | None = None,
    seed: int = 0,
) -> Schedule:
    """A schedule that breaks no hard constraint (`validate` finds nothing), or a
    status without sessions and with the explanations found. Never worse (by
    `score`) than a conflict-free, complete warm start: when the solver finds
    nothing in time (a busy machine, a tight instance) such a warm start is
    returned as it is."""
    schedule = _solve(
        problem,
        time_limit_s=time_limit_s,
        workers=workers,
        progress=progress,
        seed=seed,
    )
    if schedule.sessions or not problem.warm_start:
        return schedule
    warm = list(problem.warm_start)
    if validate(problem, warm):
        return schedule
    return Schedule(
        Status.FEASIBLE,
        tuple(_numbered(warm)),
        score(problem, warm),
        schedule.solve_seconds,
    )


def _solve(
    problem: Problem,
    *,
    time_limit_s: float,
    workers: int,
    progress: Progress | None,
    seed: int,
) -> Schedule:
    started = time.perf_counter()

    def elapsed() -> float:
        return time.perf_counter() - started

    plan = Plan(problem)
    reasons = precheck(plan)
    if reasons:
        return Schedule(
            Status.INFEASIBLE, solve_seconds=elapsed(), explanations=tuple(reasons)
        )
    assignment = assign.build(plan, _warm_lecturers(plan))
    if assignment.unplaceable:
        reasons = explain.unplaceable(plan, assignment)
        return Schedule(
            Status.INFEASIBLE, solve_seconds=elapsed(), explanations=tuple(reasons)
        )
    for _round in range(MAX_ROUNDS):
        stage_one = _assign(plan, assignment, time_limit_s, workers, seed)
        if isinstance(stage_one, Schedule):
            return _with_time(stage_one, elapsed())
        lecturer_of, is_optimal = stage_one
        found = _timetable(
            plan, lecturer_of, time_limit_s - elapsed(), workers, seed, progress
        )
        if isinstance(found, dict):
            break
        reasons, lecturers = found
        remaining = time_limit_s - elapsed()
        if not lecturers or remaining <= 1.0:
            status = Status.INFEASIBLE if lecturers is not None else Status.UNKNOWN
            return Schedule(
                status, solve_seconds=elapsed(), explanations=tuple(reasons)
            )
        assign.forbid(assignment, lecturer_of, lecturers)
    else:
        reason = explain.time_out(round(time_limit_s))
        return Schedule(Status.UNKNOWN, solve_seconds=elapsed(), explanations=(reason,))
    sessions = _sessions(plan, lecturer_of, found["taught"])
    result_status = (
        Status.OPTIMAL if is_optimal and found["optimal"] else Status.FEASIBLE
    )
    return _no_worse_than_warm_start(problem, result_status, sessions, elapsed())


def _timetable(plan, lecturer_of, seconds, workers, seed, progress):
    """Stage 2: {"taught", "optimal"}, or (reasons, lecturers in the core or None)."""
    model = TimetableModel(plan, lecturer_of)
    model.add_hint(_warm_slots(plan))
    solver = _solver(max(seconds, 1.0), workers, seed)
    status = solver.solve(model.model, _Reporter(progress))
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {"taught": model.solution(solver), "optimal": status == cp_model.OPTIMAL}
    if status == cp_model.INFEASIBLE:
        return explain.timetable_core(
            plan,
            lecturer_of,
            time_limit_s=max(seconds - solver.wall_time, 1.0),
        )
    return [explain.time_out(round(seconds))], None


def _solver(seconds: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


def _assign(
    plan: Plan,
    assignment: assign.AssignmentModel,
    time_limit_s: float,
    workers: int,
    seed: int,
) -> tuple[dict[tuple[int, int], int], bool] | Schedule:
    """Stage 1: the lecturers, or an infeasible/unknown schedule with reasons."""
    assignment.model.clear_assumptions()
    assignment.model.add_assumptions(list(assignment.capacity_guard.values()))
    seconds = min(ASSIGNMENT_SHARE * time_limit_s, ASSIGNMENT_MAX_SECONDS)
    solver = _solver(max(seconds, 0.5), workers, seed)
    status = solver.solve(assignment.model)
    if status == cp_model.INFEASIBLE:
        solver = _solver(max(seconds, 1.0), 1, seed)
        solver.solve(assignment.model)
        reasons = explain.assignment_core(plan, assignment, solver)
        return Schedule(Status.INFEASIBLE, explanations=tuple(reasons))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Schedule(
            Status.UNKNOWN, explanations=(explain.time_out(round(seconds)),)
        )
    return assign.chosen(assignment, solver), status == cp_model.OPTIMAL


def _warm_lecturers(plan: Plan) -> dict[tuple[int, int], int]:
    """Each cohort-topic's most frequent lecturer in the warm start."""
    counts: dict[tuple[int, int], Counter[int]] = defaultdict(Counter)
    for session in plan.problem.warm_start:
        counts[session.cohort_id, session.topic_id][session.lecturer_id] += 1
    return {key: c.most_common(1)[0][0] for key, c in counts.items()}


def _warm_slots(plan: Plan) -> dict[tuple[int, int], set[int]]:
    result: dict[tuple[int, int], set[int]] = defaultdict(set)
    for session in plan.problem.warm_start:
        result[session.cohort_id, session.topic_id].add(plan.index(session))
    return result


def _sessions(
    plan: Plan, lecturer_of: dict[tuple[int, int], int], taught: dict
) -> list[Session]:
    """Fixed sessions plus the placed ones with rooms, numbered in time order."""
    placements = [
        Placement(key[0], key[1], h, lecturer_of[key])
        for key, slots in taught.items()
        for h in slots
    ]
    rooms = assign_rooms(plan, placements, plan.problem.warm_start)
    sessions = list(plan.problem.fixed)
    for placement in placements:
        slot = plan.calendar.slot(placement.slot)
        sessions.append(
            Session(
                placement.cohort_id,
                placement.topic_id,
                0,
                slot.day,
                slot.half,
                placement.lecturer_id,
                rooms[placement],
            )
        )
    return _numbered(sessions)


def _numbered(sessions: list[Session]) -> list[Session]:
    """Sessions sorted by cohort, topic and time, `index` counting from 1."""
    sessions.sort(key=lambda s: (s.cohort_id, s.topic_id, s.day, s.half))
    counter: Counter[tuple[int, int]] = Counter()
    numbered = []
    for session in sessions:
        counter[session.cohort_id, session.topic_id] += 1
        index = counter[session.cohort_id, session.topic_id]
        numbered.append(
            Session(
                session.cohort_id,
                session.topic_id,
                index,
                session.day,
                session.half,
                session.lecturer_id,
                session.room_id,
            )
        )
    return numbered


def _no_worse_than_warm_start(
    problem: Problem, status: Status, sessions: list[Session], seconds: float
) -> Schedule:
    penalty = score(problem, sessions)
    warm = list(problem.warm_start)
    if warm and not validate(problem, warm):
        warm_penalty = score(problem, warm)
        # Ties keep the warm start: a re-run that is no better moves nothing.
        if warm_penalty.total <= penalty.total:
            sessions, penalty = _numbered(warm), warm_penalty
    return Schedule(status, tuple(sessions), penalty, seconds)


def _with_time(schedule: Schedule, seconds: float) -> Schedule:
    return Schedule(
        schedule.status,
        schedule.sessions,
        schedule.penalty,
        seconds,
        schedule.explanations,
    )
