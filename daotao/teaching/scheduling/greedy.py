"""A constructive schedule: each cohort's topics in programme order, each topic's
sessions on consecutive study half-days where its lecturer and a room are free.

Fast (well under a second for 60 cohorts) and never breaking a hard constraint,
it serves three ends (docs/adr/0010): the solution hint of both CP-SAT stages, a
floor for the reported penalty (the engine never returns a worse schedule), and,
when the term cannot be scheduled in full, the sessions placed with, for each
cohort-topic left over, how many sessions and why.

Cohorts are taken tightest first (fewest spare half-days); for each topic, every
qualified lecturer is tried from the cohort's next free half-day on, and the one
whose sessions leave the fewest gaps, then cost least in load, sites and wishes,
is kept. A half-day where the lecturer is busy (or too far) or no room is free
is skipped: the cohort has it free, the topic is split there.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from .plan import Demand, Plan
from .result import Shortage
from .score import (
    DEVIATION_WEIGHT,
    OVERLOAD_WEIGHT,
    PREFERENCE_WEIGHT,
    SITE_CHANGE_WEIGHT,
    SPLIT_WEIGHT,
    fair_shares,
)

Key = tuple[int, int]
# A half-day the cohort leaves unused while waiting for a lecturer or a room:
# it may leave a later topic without room in the term.
WASTE_WEIGHT = 0.5
SWAP_PASSES = 5


@dataclass
class Greedy:
    """The constructive schedule: a lecturer and half-days per cohort-topic, and
    the sessions that did not fit with the reason."""

    lecturer_of: dict[Key, int] = field(default_factory=dict)
    taught: dict[Key, list[int]] = field(default_factory=dict)
    left: dict[Key, tuple[int, Shortage]] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        return not self.left


@dataclass
class _Trial:
    lecturer_id: int
    slots: list[int]
    end: int  # position after the last slot looked at
    busy: int  # half-days skipped because the lecturer could not come
    roomless: int  # half-days skipped for want of a room
    cost: float


class _State:
    def __init__(self, plan: Plan) -> None:
        problem = plan.problem
        self.plan = plan
        self.shares = fair_shares(problem)
        self.load: dict[int, int] = defaultdict(int)
        self.at: dict[int, dict[int, int]] = defaultdict(dict)  # lecturer: h -> site
        self.sites: dict[int, set[int]] = defaultdict(set)
        self.topics: dict[int, dict[Key, int]] = defaultdict(lambda: defaultdict(int))
        self.avoided = {
            lecturer.id: {plan.calendar.index(slot) for slot in lecturer.avoided_slots}
            for lecturer in problem.lecturers
        }
        for session in problem.fixed:
            site = problem.cohort(session.cohort_id).site_id
            self.load[session.lecturer_id] += 1
            self.sites[session.lecturer_id].add(site)
        self.reach = max(problem.travel.values(), default=1)
        self.travel_blocked: dict[tuple[int, int], set[int]] = {}
        # Free rooms per (site, half-day): capacities of rooms not taken.
        self.rooms_taken: dict[tuple[int, int], list[int]] = defaultdict(list)
        for (site_id, h), capacities in plan.fixed_rooms.items():
            self.rooms_taken[site_id, h].extend(capacities)

    def lecturer_free(self, lecturer_id: int, h: int, site_id: int) -> bool:
        if h in self.plan.lecturer_blocked.get(lecturer_id, ()):
            return False
        key = (lecturer_id, site_id)
        if key not in self.travel_blocked:
            self.travel_blocked[key] = self.plan.travel_blocked(lecturer_id, site_id)
        if h in self.travel_blocked[key]:
            return False
        taught = self.at[lecturer_id]
        if h in taught:
            return False
        travel = self.plan.problem.travel_between
        return all(
            abs(h - other) >= travel(site_id, taught[other])
            for other in range(h - self.reach + 1, h + self.reach)
            if other in taught
        )

    def room_free(self, site_id: int, h: int, size: int) -> bool:
        """A room of capacity >= size is left (Hall's condition on nested sets:
        the rooms taken, largest first, against the capacities of the site)."""
        capacities = self.plan.rooms_by_site.get(site_id, [])
        taken = sorted([*self.rooms_taken[site_id, h], size], reverse=True)
        if len(taken) > len(capacities):
            return False
        return all(c >= t for c, t in zip(capacities, taken, strict=False))

    def cost(self, demand: Demand, lecturer_id: int) -> float:
        problem = self.plan.problem
        lecturer = problem.lecturer(lecturer_id)
        before, after = self.load[lecturer_id], self.load[lecturer_id] + demand.sessions
        cost = 0.0
        share = self.shares.get(lecturer_id)
        if share is not None:
            cost += DEVIATION_WEIGHT * (abs(after - share) - abs(before - share))
            norm = lecturer.norm_sessions
            cost += OVERLOAD_WEIGHT * (max(0, after - norm) - max(0, before - norm))
        if demand.cohort.site_id not in self.sites[lecturer_id]:
            cost += SITE_CHANGE_WEIGHT * (2 if self.sites[lecturer_id] else 1)
        preferred = lecturer.preferred_topic_ids
        if preferred and demand.topic_id not in preferred:
            cost += PREFERENCE_WEIGHT
        return cost

    def take(self, demand: Demand, trial: _Trial) -> None:
        site_id = demand.cohort.site_id
        for h in trial.slots:
            self.at[trial.lecturer_id][h] = site_id
            self.rooms_taken[site_id, h].append(demand.cohort.size)
        self.load[trial.lecturer_id] += len(trial.slots)
        self.sites[trial.lecturer_id].add(site_id)
        self.topics[trial.lecturer_id][demand.key] += 1


def build(plan: Plan, *, prefer: dict[Key, int] | None = None) -> Greedy:
    """The constructive schedule of `plan` (see the module docstring); `prefer`
    gives lecturers to try first (a warm start's), kept when they fit as well."""
    prefer = prefer or {}
    state = _State(plan)
    result = Greedy()
    by_cohort: dict[int, list[Demand]] = defaultdict(list)
    for demand in plan.demands:
        by_cohort[demand.cohort.id].append(demand)
    for cohort_id in sorted(by_cohort, key=lambda c: _slack(plan, by_cohort[c])):
        demands = sorted(by_cohort[cohort_id], key=lambda d: d.module)
        all_free = list(plan.cohort_free_slots(cohort_id))
        bounds = _fixed_bounds(plan, cohort_id)
        position = 0
        for demand in demands:
            low, high = bounds(demand.module)
            free = [h for h in all_free if low < h < high]
            start = _after(free, all_free[position - 1]) if position else 0
            trial = _best_trial(state, demand, free, start, prefer.get(demand.key))
            if trial is None:
                result.left[demand.key] = (demand.sessions, Shortage.NO_LECTURER)
                continue
            if trial.slots:
                state.take(demand, trial)
                result.lecturer_of[demand.key] = trial.lecturer_id
                result.taught[demand.key] = trial.slots
                position = _after(all_free, trial.slots[-1])
            missing = demand.sessions - len(trial.slots)
            if missing:
                result.left[demand.key] = (missing, _shortage(trial))
    _swap_lecturers(plan, state, result)
    return result


def _swap_lecturers(plan: Plan, state: _State, result: Greedy) -> None:
    """Local search on the lecturers, half-days kept: a cohort-topic goes to
    another qualified lecturer free at all its half-days when that lowers the
    load, site-change and wish parts of the score; until nothing improves."""
    demands = {d.key: d for d in plan.demands}
    for _pass in range(SWAP_PASSES):
        improved = False
        for key in sorted(result.taught):
            demand, slots = demands[key], result.taught[key]
            current = result.lecturer_of[key]
            best, gain = None, 0.0
            for other in demand.qualified:
                if other == current:
                    continue
                site_id = demand.cohort.site_id
                if not all(state.lecturer_free(other, h, site_id) for h in slots):
                    continue
                change = _swap_gain(state, demand, slots, current, other)
                if change > gain + 1e-9:
                    best, gain = other, change
            if best is not None:
                _move(state, demand, slots, current, best)
                result.lecturer_of[key] = best
                improved = True
        if not improved:
            return


def _swap_gain(
    state: _State, demand: Demand, slots: list[int], current: int, other: int
) -> float:
    """How much the score drops when `other` teaches `slots` instead of `current`."""
    before = _lecturer_cost(state, current, demand) + _lecturer_cost(
        state, other, demand
    )
    _move(state, demand, slots, current, other)
    after = _lecturer_cost(state, current, demand) + _lecturer_cost(
        state, other, demand
    )
    _move(state, demand, slots, other, current)
    return before - after


def _move(
    state: _State, demand: Demand, slots: list[int], source: int, target: int
) -> None:
    site_id = demand.cohort.site_id
    for h in slots:
        del state.at[source][h]
        state.at[target][h] = site_id
    state.load[source] -= len(slots)
    state.load[target] += len(slots)
    state.topics[source][demand.key] -= 1
    state.topics[target][demand.key] += 1


def _lecturer_cost(state: _State, lecturer_id: int, demand: Demand) -> float:
    """The lecturer's part of the score that a swap changes: load against norm
    and share, site changes, avoided half-days, topics outside their wishes."""
    lecturer = state.plan.problem.lecturer(lecturer_id)
    load = state.load[lecturer_id]
    cost = 0.0
    share = state.shares.get(lecturer_id)
    if share is not None:
        cost += DEVIATION_WEIGHT * abs(load - share)
        cost += OVERLOAD_WEIGHT * max(0, load - lecturer.norm_sessions)
    timeline = sorted(state.at[lecturer_id].items())
    changes = sum(1 for a, b in itertools.pairwise(timeline) if a[1] != b[1])
    cost += SITE_CHANGE_WEIGHT * changes
    avoided = state.avoided[lecturer_id]
    if avoided:
        cost += PREFERENCE_WEIGHT * sum(
            1 for h in state.at[lecturer_id] if h in avoided
        )
    preferred = lecturer.preferred_topic_ids
    if preferred and demand.topic_id not in preferred:
        cost += PREFERENCE_WEIGHT * (state.topics[lecturer_id][demand.key] > 0)
    return cost


def _fixed_bounds(plan: Plan, cohort_id: int):
    """module -> (after, before): the module's sessions must come after the last
    fixed session of an earlier module and before the first of a later one."""
    cohort = plan.problem.cohort(cohort_id)
    fixed = [
        (cohort.module_of(s.topic_id) or 0, plan.index(s))
        for s in plan.problem.fixed
        if s.cohort_id == cohort_id
    ]

    def bounds(module: int) -> tuple[int, int]:
        low = max((h for m, h in fixed if m < module), default=-1)
        high = min((h for m, h in fixed if m > module), default=plan.calendar.size)
        return low, high

    return bounds


def _slack(plan: Plan, demands: list[Demand]) -> tuple[int, int]:
    cohort = demands[0].cohort
    spare = len(plan.cohort_free_slots(cohort.id)) - sum(d.sessions for d in demands)
    return (spare, cohort.id)


def _after(free: list[int], h: int) -> int:
    """The position in `free` just after half-day h."""
    low, high = 0, len(free)
    while low < high:
        middle = (low + high) // 2
        if free[middle] <= h:
            low = middle + 1
        else:
            high = middle
    return low


def _best_trial(
    state: _State, demand: Demand, free: list[int], position: int, preferred: int | None
) -> _Trial | None:
    trials = [
        _trial(state, demand, free, position, lecturer_id)
        for lecturer_id in demand.qualified
    ]
    if not trials:
        return None

    def rank(trial: _Trial) -> tuple:
        gaps = _gaps(free, trial.slots)
        missing = demand.sessions - len(trial.slots)
        wasted = trial.end - position - len(trial.slots)
        return (
            missing,
            SPLIT_WEIGHT * gaps + trial.cost + WASTE_WEIGHT * wasted,
            trial.end,
            trial.lecturer_id != preferred,
            trial.lecturer_id,
        )

    return min(trials, key=rank)


def _trial(
    state: _State, demand: Demand, free: list[int], position: int, lecturer_id: int
) -> _Trial:
    site_id, size = demand.cohort.site_id, demand.cohort.size
    slots: list[int] = []
    busy = roomless = 0
    while len(slots) < demand.sessions and position < len(free):
        h = free[position]
        position += 1
        if not state.lecturer_free(lecturer_id, h, site_id):
            busy += 1
        elif not state.room_free(site_id, h, size):
            roomless += 1
        else:
            slots.append(h)
    cost = state.cost(demand, lecturer_id) if slots else 0.0
    return _Trial(lecturer_id, slots, position, busy, roomless, cost)


def _gaps(free: list[int], slots: list[int]) -> int:
    """Runs beyond the first: places where the next session is not on the
    cohort's next free half-day."""
    if not slots:
        return 0
    rank = {h: i for i, h in enumerate(free)}
    return sum(1 for a, b in itertools.pairwise(slots) if rank[b] != rank[a] + 1)


def _shortage(trial: _Trial) -> Shortage:
    if trial.busy == 0 and trial.roomless == 0:
        return Shortage.COHORT_DAYS
    return Shortage.ROOMS if trial.roomless > trial.busy else Shortage.LECTURERS_BUSY
