"""`solve`: precheck, then lecturers (stage 1), half-days (stage 2), rooms (stage 3)."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable

from ortools.sat.python import cp_model

from . import assign, explain, greedy
from .plan import Plan
from .precheck import precheck
from .problem import Problem, Session
from .result import Explanation, Schedule, Status
from .rooms import Placement, assign_rooms
from .score import score
from .timetable import TimetableModel
from .validate import validate

# progress(solutions found so far, best objective so far): the constructive
# schedule is solution 1 (its score), then CP-SAT's (their stage-2 objective).
Progress = Callable[[int, float], None]

# With a complete constructive schedule, the share of the time for improving its
# half-days with its lecturers kept; the rest goes to choosing lecturers anew.
KEEP_LECTURERS_SHARE = 0.5
ASSIGNMENT_SHARE = 0.3  # of the time left, for stage 1
# Stage 1 / stage 2 rounds: a stage-2 infeasibility that involves lecturers adds a
# cut to stage 1 (logic-based Benders) and the lecturers are chosen again.
MAX_ROUNDS = 20
MIN_SECONDS_FOR_STAGE_ONE = 2.0
# Stage 1 + 2 anew need about this many times the stage-2 build time to be worth it.
REBUILD_FACTOR = 3.0
FINISH_RESERVE_SHARE = 0.03  # of the time limit


class _Counter:
    """Numbers the solutions reported over the whole solve."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.solutions = 0

    def report(self, value: float) -> None:
        self.solutions += 1
        if self.progress is not None:
            self.progress(self.solutions, value)


class _Reporter(cp_model.CpSolverSolutionCallback):
    def __init__(self, counter: _Counter) -> None:
        super().__init__()
        self.counter = counter

    def on_solution_callback(self) -> None:
        self.counter.report(self.objective_value)


def solve(
    problem: Problem,
    *,
    time_limit_s: float = 30.0,
    workers: int = 2,
    progress: Progress | None = None,
    seed: int = 0,
) -> Schedule:
    """A schedule that breaks no hard constraint (`validate` finds nothing), never
    worse (by `score`) than the constructive one (`greedy`) nor than a
    conflict-free, complete warm start. When no complete schedule is found, a
    PARTIAL one: the sessions placed (`validate(..., partial=True)` finds
    nothing), the rest in `unplaced` with reasons, and `explanations`."""
    started = time.perf_counter()
    counter = _Counter(progress)
    plan = Plan(problem)
    built = greedy.build(plan, prefer=_warm_lecturers(plan))
    candidates: list[list[Session]] = []
    greedy_penalty = None
    if built.complete:
        placed = _sessions(plan, built.lecturer_of, built.taught)
        candidates.append(placed)
        greedy_penalty = score(problem, placed).total
        counter.report(float(greedy_penalty))
    warm = list(problem.warm_start)
    if warm and not validate(problem, warm):
        # Listed first: a re-run that is no better moves nothing.
        candidates.insert(0, _numbered(warm))
    found = _solve(
        plan,
        built,
        time_limit_s=time_limit_s - (time.perf_counter() - started),
        workers=workers,
        counter=counter,
        seed=seed,
    )
    optimal = False
    reasons: list[Explanation] = []
    for result in found:
        if isinstance(result, tuple):
            sessions, optimal = result
            candidates.append(sessions)
        else:
            reasons = result
    seconds = time.perf_counter() - started
    if candidates:
        scored = [
            (score(problem, c), position, c) for position, c in enumerate(candidates)
        ]
        penalty, _position, best = min(scored, key=lambda t: (t[0].total, t[1]))
        status = (
            Status.OPTIMAL if optimal and best is candidates[-1] else Status.FEASIBLE
        )
        return Schedule(
            status, tuple(best), penalty, seconds, greedy_penalty=greedy_penalty
        )
    sessions = _sessions(plan, built.lecturer_of, built.taught)
    return Schedule(
        Status.PARTIAL,
        tuple(sessions),
        score(problem, sessions),
        seconds,
        explanations=tuple(reasons),
        unplaced=tuple(explain.unplaced(plan, built)),
    )


def _solve(
    plan: Plan,
    built: greedy.Greedy,
    *,
    time_limit_s: float,
    workers: int,
    counter: _Counter,
    seed: int,
) -> list[tuple[list[Session], bool] | list[Explanation]]:
    """CP-SAT from the constructive schedule: schedules found (sessions, proved
    optimal), or the reasons no complete schedule was found.

    When the constructive schedule is complete, stage 2 first improves its
    half-days with its lecturers kept (it is a complete hint, so CP-SAT starts
    from it); then, with the time left, stage 1 chooses lecturers anew (hinted by
    it) and stage 2 places them, with Benders cuts."""
    started = time.perf_counter()
    # Kept for what follows the solver: rooms, numbering, scoring the candidates.
    time_limit_s -= max(FINISH_RESERVE_SHARE * time_limit_s, 0.2)

    def remaining() -> float:
        return time_limit_s - (time.perf_counter() - started)

    reasons = precheck(plan)
    if reasons:
        return [reasons]
    found: list[tuple[list[Session], bool] | list[Explanation]] = []
    if built.complete:
        building = time.perf_counter()

        def kept_until(build_seconds: float) -> float:
            """Half the time left, or all of it when what would be left after
            could not pay for building the models anew."""
            left = remaining()
            after = (1 - KEEP_LECTURERS_SHARE) * left
            if after < MIN_SECONDS_FOR_STAGE_ONE + REBUILD_FACTOR * build_seconds:
                return time.perf_counter() + left
            return time.perf_counter() + KEEP_LECTURERS_SHARE * left

        kept = _timetable(
            plan,
            built.lecturer_of,
            kept_until,
            workers,
            seed,
            counter,
            built,
        )
        if isinstance(kept, dict):
            found.append((_sessions(plan, built.lecturer_of, kept["taught"]), False))
            build_seconds = kept["built_in"]
        else:
            build_seconds = time.perf_counter() - building
        # Choosing lecturers anew means building both models again: only when the
        # time left allows it (on a large term it does not, and would overrun).
        if remaining() < MIN_SECONDS_FOR_STAGE_ONE + REBUILD_FACTOR * build_seconds:
            return found

    def until_the_end(_build_seconds: float) -> float:
        return started + time_limit_s

    hint = {**assign.greedy(plan), **built.lecturer_of, **_warm_lecturers(plan)}
    assignment = assign.build(plan, hint)
    if assignment.unplaceable:
        return [*found, explain.unplaceable(plan, assignment)]
    for _round in range(MAX_ROUNDS):
        stage_one = _assign(plan, assignment, hint, remaining(), workers, seed)
        if isinstance(stage_one, list):
            return [*found, stage_one]
        lecturer_of, is_optimal = stage_one
        if found and remaining() < MIN_SECONDS_FOR_STAGE_ONE:
            return found
        timed = _timetable(
            plan, lecturer_of, until_the_end, workers, seed, counter, built
        )
        if isinstance(timed, dict):
            sessions = _sessions(plan, lecturer_of, timed["taught"])
            return [*found, (sessions, is_optimal and timed["optimal"])]
        reasons, lecturers = timed
        if not lecturers or remaining() <= 1.0:
            return [*found, reasons]
        assign.forbid(assignment, lecturer_of, lecturers)
    return [*found, [explain.time_out(round(time_limit_s))]]


def _timetable(plan, lecturer_of, until, workers, seed, counter, built):
    """Stage 2: {"taught", "optimal"}, or (reasons, lecturers in the core or None).
    Hinted by the constructive schedule and the warm start where their lecturers
    are the chosen ones."""
    building = time.perf_counter()
    model = TimetableModel(plan, lecturer_of)
    hint = {
        key: set(slots)
        for key, slots in built.taught.items()
        if built.lecturer_of.get(key) == lecturer_of.get(key)
    }
    warm_lecturers = _warm_lecturers(plan)
    for key, slots in _warm_slots(plan).items():
        if warm_lecturers.get(key) == lecturer_of.get(key):
            hint[key] = slots
    model.add_hint(hint)
    solver_started = time.perf_counter()
    # The time left once the model is built (`until` may depend on how long that took).
    seconds = until(solver_started - building) - solver_started
    solver = _solver(max(seconds, 1.0), workers, seed)
    status = solver.solve(model.model, _Reporter(counter))
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {
            "taught": model.solution(solver),
            "optimal": status == cp_model.OPTIMAL,
            "built_in": solver_started - building,
        }
    if status == cp_model.INFEASIBLE:
        return explain.timetable_core(
            plan,
            lecturer_of,
            time_limit_s=max(seconds - solver.wall_time, 1.0),
        )
    return [explain.time_out(round(max(seconds, 1.0)))], None


def _solver(seconds: float, workers: int, seed: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # Presolve's probing and symmetry search take most of the time on a large
    # term (17 s of 25 at 30 cohorts on a busy 2-core machine) for no gain here.
    solver.parameters.symmetry_level = 0
    solver.parameters.cp_model_probing_level = 0
    return solver


def _assign(
    plan: Plan,
    assignment: assign.AssignmentModel,
    hint: dict[tuple[int, int], int],
    remaining_s: float,
    workers: int,
    seed: int,
) -> tuple[dict[tuple[int, int], int], bool] | list[Explanation]:
    """Stage 1: the lecturers, or the reasons none fit. It gets a share of the
    time left (no fixed cap); if it finds nothing in that time, the hint's
    lecturers go on to stage 2 rather than giving up."""
    assignment.model.clear_assumptions()
    assignment.model.add_assumptions(list(assignment.capacity_guard.values()))
    seconds = max(ASSIGNMENT_SHARE * remaining_s, 1.0)
    solver = _solver(seconds, workers, seed)
    status = solver.solve(assignment.model)
    if status == cp_model.INFEASIBLE:
        solver = _solver(max(seconds, 1.0), 1, seed)
        solver.solve(assignment.model)
        return explain.assignment_core(plan, assignment, solver)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        keys = {d.key for d in plan.demands}
        if keys <= set(hint):
            return {key: hint[key] for key in keys}, False
        return [explain.time_out(round(seconds))]
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
