"""Stage 3: rooms for the placed sessions, per site and half-day.

Stage 2 kept, for every size s, the sessions of cohorts of at least s within the
rooms of capacity >= s. The rooms fitting a cohort are then nested sets, so giving
the largest cohort first any room that fits never leaves a smaller one without a
room: the assignment always succeeds. Each cohort keeps one room where possible.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .plan import Plan
from .problem import Room, Session


@dataclass(frozen=True)
class Placement:
    cohort_id: int
    topic_id: int
    slot: int
    lecturer_id: int


def assign_rooms(
    plan: Plan, placements: list[Placement], warm_start: tuple[Session, ...]
) -> dict[Placement, int]:
    """A room for every placement; raises ValueError if stage 2's room counts lied."""
    problem = plan.problem
    home = _usual_rooms(warm_start)
    rooms_at: dict[int, list[Room]] = defaultdict(list)
    for room in sorted(problem.rooms, key=lambda r: (r.capacity, r.id)):
        rooms_at[room.site_id].append(room)
    taken: dict[int, set[int]] = defaultdict(set)
    for session in problem.fixed:
        taken[plan.index(session)].add(session.room_id)
    for h, room_id in plan.booked_rooms:
        taken[h].add(room_id)
    by_slot: dict[int, list[Placement]] = defaultdict(list)
    for placement in placements:
        by_slot[placement.slot].append(placement)
    result = {}
    for h in sorted(by_slot):
        largest_first = sorted(
            by_slot[h], key=lambda p: -problem.cohort(p.cohort_id).size
        )
        for placement in largest_first:
            cohort = problem.cohort(placement.cohort_id)
            fitting = [
                room
                for room in rooms_at[cohort.site_id]
                if room.capacity >= cohort.size and room.id not in taken[h]
            ]
            if not fitting:
                raise ValueError(f"no room left for cohort {cohort.code} at slot {h}")
            wanted = home.get(cohort.id)
            room = next((r for r in fitting if r.id == wanted), fitting[0])
            home.setdefault(cohort.id, room.id)
            taken[h].add(room.id)
            result[placement] = room.id
    return result


def _usual_rooms(sessions: tuple[Session, ...]) -> dict[int, int]:
    """Each cohort's most used room in `sessions`."""
    counts: dict[int, Counter[int]] = defaultdict(Counter)
    for session in sessions:
        counts[session.cohort_id][session.room_id] += 1
    return {cohort_id: c.most_common(1)[0][0] for cohort_id, c in counts.items()}
