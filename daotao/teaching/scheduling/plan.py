"""What the solver stages share: demands still to place and the slots left free by
holidays, study days, unavailability and the fixed sessions."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from .half_days import TermCalendar
from .problem import Cohort, Problem, Session


@dataclass(frozen=True)
class Demand:
    """A cohort's topic with the sessions left to place (fixed ones subtracted)."""

    cohort: Cohort
    topic_id: int
    module: int
    sessions: int
    total: int  # sessions of the programme, fixed ones included
    qualified: tuple[int, ...]

    @property
    def key(self) -> tuple[int, int]:
        return (self.cohort.id, self.topic_id)


class Plan:
    """Derived, read-only data about a problem, computed once per solve."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.calendar = TermCalendar(problem)
        self.fixed_count = Counter((s.cohort_id, s.topic_id) for s in problem.fixed)

    @cached_property
    def all_demands(self) -> tuple[Demand, ...]:
        qualified = defaultdict(list)
        for lecturer in self.problem.lecturers:
            for topic_id in lecturer.topic_ids:
                qualified[topic_id].append(lecturer.id)
        return tuple(
            Demand(
                cohort=cohort,
                topic_id=demand.topic_id,
                module=module,
                sessions=demand.sessions - self.fixed_count[cohort.id, demand.topic_id],
                total=demand.sessions,
                qualified=tuple(qualified[demand.topic_id]),
            )
            for cohort in self.problem.cohorts
            for module, demand in cohort.demands()
        )

    @cached_property
    def demands(self) -> tuple[Demand, ...]:
        """The demands with sessions left to place."""
        return tuple(d for d in self.all_demands if d.sessions > 0)

    def index(self, session: Session) -> int:
        return self.calendar.index(session.slot)

    @cached_property
    def fixed_slots_of_cohort(self) -> dict[int, set[int]]:
        result: dict[int, set[int]] = defaultdict(set)
        for session in self.problem.fixed:
            result[session.cohort_id].add(self.index(session))
        return result

    @cached_property
    def fixed_of_lecturer(self) -> dict[int, list[tuple[int, int]]]:
        """(slot, site) of each lecturer's fixed sessions."""
        result: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for session in self.problem.fixed:
            site = self.problem.cohort(session.cohort_id).site_id
            result[session.lecturer_id].append((self.index(session), site))
        return result

    @cached_property
    def booked_of_cohort(self) -> dict[int, set[int]]:
        """Slots of each cohort taken by bookings (its sessions of other terms)."""
        result: dict[int, set[int]] = defaultdict(set)
        for booking in self.problem.booked:
            if booking.cohort_id is not None:
                result[booking.cohort_id].add(self.calendar.index(booking.slot))
        return result

    @cached_property
    def booked_of_lecturer(self) -> dict[int, list[tuple[int, int | None]]]:
        """(slot, site) of each lecturer's bookings."""
        result: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
        for booking in self.problem.booked:
            if booking.lecturer_id is not None:
                h = self.calendar.index(booking.slot)
                result[booking.lecturer_id].append((h, booking.site_id))
        return result

    def cohort_open_slots(self, cohort_id: int) -> tuple[int, ...]:
        """The cohort's study half-days not booked outside the problem."""
        booked = self.booked_of_cohort.get(cohort_id, set())
        return tuple(
            h for h in self.calendar.cohort_slots(cohort_id) if h not in booked
        )

    def cohort_free_slots(self, cohort_id: int) -> tuple[int, ...]:
        """The cohort's study half-days not taken by its fixed sessions or bookings."""
        taken = self.fixed_slots_of_cohort.get(cohort_id, set())
        return tuple(h for h in self.cohort_open_slots(cohort_id) if h not in taken)

    @cached_property
    def lecturer_blocked(self) -> dict[int, set[int]]:
        """Slots a lecturer cannot take: unavailability and their fixed sessions."""
        result = {}
        for lecturer in self.problem.lecturers:
            blocked = {self.calendar.index(slot) for slot in lecturer.unavailable}
            blocked.update(
                h for h, _site in self.fixed_of_lecturer.get(lecturer.id, [])
            )
            blocked.update(
                h for h, _site in self.booked_of_lecturer.get(lecturer.id, [])
            )
            result[lecturer.id] = blocked
        return result

    def travel_blocked(self, lecturer_id: int, site_id: int) -> set[int]:
        """Slots too close to one of the lecturer's fixed sessions at a far site."""
        blocked = set()
        for h, site in [
            *self.fixed_of_lecturer.get(lecturer_id, []),
            *self.booked_of_lecturer.get(lecturer_id, []),
        ]:
            if site is None:
                continue
            reach = self.problem.travel_between(site, site_id)
            blocked.update(range(h - reach + 1, h + reach))
        return blocked

    def module_window(self, cohort: Cohort, module: int) -> tuple[int, int]:
        """(first, last) slot a session of the module can take, by counting the
        sessions of the modules before and after it; first > last if none."""
        slots = self.cohort_open_slots(cohort.id)
        before = sum(d.sessions for m, d in cohort.demands() if m < module)
        after = sum(d.sessions for m, d in cohort.demands() if m > module)
        last_rank = len(slots) - after - 1
        if before > last_rank or not slots:
            return (1, 0)
        return (slots[before], slots[last_rank])

    def domain(self, demand: Demand, lecturer_id: int) -> list[int]:
        """The slots where `lecturer_id` may teach the demand's remaining sessions."""
        first, last = self.module_window(demand.cohort, demand.module)
        blocked = self.lecturer_blocked.get(lecturer_id, set())
        far = self.travel_blocked(lecturer_id, demand.cohort.site_id)
        return [
            h
            for h in self.cohort_free_slots(demand.cohort.id)
            if first <= h <= last and h not in blocked and h not in far
        ]

    @cached_property
    def rooms_by_site(self) -> dict[int, list[int]]:
        """Room capacities per site, largest first."""
        result: dict[int, list[int]] = defaultdict(list)
        for room in self.problem.rooms:
            result[room.site_id].append(room.capacity)
        for capacities in result.values():
            capacities.sort(reverse=True)
        return result

    @cached_property
    def fixed_rooms(self) -> dict[tuple[int, int], list[int]]:
        """(site, slot) -> capacities of rooms taken by fixed sessions."""
        result: dict[tuple[int, int], list[int]] = defaultdict(list)
        for session in self.problem.fixed:
            room = self.problem.room(session.room_id)
            result[room.site_id, self.index(session)].append(room.capacity)
        for h, room_id in self.booked_rooms:
            room = self.problem.room(room_id)
            result[room.site_id, h].append(room.capacity)
        return result

    @cached_property
    def booked_rooms(self) -> set[tuple[int, int]]:
        """(slot, room) of the problem's rooms taken by bookings (fixed sessions'
        rooms not counted twice)."""
        fixed = {(self.index(s), s.room_id) for s in self.problem.fixed}
        return {
            (self.calendar.index(b.slot), b.room_id)
            for b in self.problem.booked
            if b.room_id is not None and self.problem.has(room_id=b.room_id)
        } - fixed
