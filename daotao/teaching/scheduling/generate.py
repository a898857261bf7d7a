"""Random, realistic term instances that are feasible by construction.

`generate` first builds a conflict-free schedule (the witness) session by session,
then derives the problem around it: each cohort's programme is what the witness
teaches, lecturers are qualified for what they teach (and more), unavailability
and holidays avoid the witness, rooms fit the cohorts. So `solve` may always find
a schedule, and `validate(problem, witness)` is empty.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from .half_days import TermCalendar
from .problem import (
    Cohort,
    Lecturer,
    Problem,
    Room,
    Session,
    Site,
    Topic,
    TopicDemand,
)

FIRST_DAY = date(2026, 8, 31)  # a Monday
HOLIDAYS = frozenset({date(2026, 9, 1), date(2026, 9, 2)})  # Quốc khánh
WEEKDAYS = frozenset({0, 1, 2, 3, 4})
WEEKEND = frozenset({5, 6})
FULL_TIME_MODULES = 5
PART_TIME_MODULES = 3


@dataclass(frozen=True)
class Generated:
    problem: Problem
    witness: tuple[Session, ...]


@dataclass
class _Busy:
    """The witness so far: what each lecturer teaches where."""

    problem_travel: dict[tuple[int, int], int]
    at: dict[int, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    load: dict[int, int] = field(default_factory=lambda: defaultdict(int))

    def travel(self, a: int, b: int) -> int:
        if a == b:
            return 0
        return self.problem_travel.get((min(a, b), max(a, b)), 1)

    def is_free(self, lecturer_id: int, h: int, site_id: int) -> bool:
        taught = self.at[lecturer_id]
        if h in taught:
            return False
        return all(
            abs(h - other) >= self.travel(site_id, taught[other])
            for other in range(h - 2, h + 3)
            if other in taught
        )


def generate(
    *,
    seed: int,
    cohorts: int = 30,
    lecturers: int = 60,
    sites: int = 6,
    weeks: int = 20,
    part_time_share: float = 0.2,
    fill: float = 0.8,
    fixed: int = 0,
    unavailable_share: float = 0.1,
) -> Generated:
    """An instance of the given size; the same arguments give the same instance."""
    rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
    last_day = FIRST_DAY + timedelta(weeks=weeks, days=-1)
    site_list = _sites(sites)
    travel = _travel(sites)
    part_time = round(cohorts * part_time_share) if cohorts > 1 else 0
    cohort_shells = _cohort_shells(rng, cohorts, part_time, sites)
    calendar = TermCalendar(
        Problem(FIRST_DAY, last_day, (), (), (), tuple(cohort_shells), (), HOLIDAYS)
    )
    programmes = _programmes(rng, calendar, cohort_shells, fill)
    topics, faculty_of = _topics(programmes)
    faculties = max(1, min(FULL_TIME_MODULES, lecturers))
    qualified = _qualifications(rng, lecturers, faculties, topics, faculty_of)
    busy = _Busy(travel)
    witness, demands = _build_witness(
        rng, calendar, cohort_shells, programmes, qualified, busy
    )
    rooms = _rooms(rng, cohort_shells, witness)
    witness = tuple(
        Session(
            s.cohort_id,
            s.topic_id,
            s.index,
            s.day,
            s.half,
            s.lecturer_id,
            rooms[1][s.cohort_id],
        )
        for s in witness
    )
    final_cohorts = tuple(
        Cohort(c.id, c.code, c.site_id, c.size, demands[c.id], c.study_weekdays)
        for c in cohort_shells
    )
    people = _lecturers(rng, lecturers, qualified, busy, calendar, unavailable_share)
    problem = Problem(
        first_day=FIRST_DAY,
        last_day=last_day,
        sites=site_list,
        rooms=rooms[0],
        topics=tuple(Topic(t, f"Chuyên đề {t}") for t in sorted(topics)),
        cohorts=final_cohorts,
        lecturers=people,
        holidays=HOLIDAYS,
        travel=travel,
        fixed=tuple(rng.sample(witness, min(fixed, len(witness)))),
    )
    return Generated(problem, witness)


def _sites(count: int) -> tuple[Site, ...]:
    names = ["Trường Chính trị tỉnh"] + [
        f"Trung tâm chính trị khu vực {k}" for k in range(1, count)
    ]
    return tuple(Site(k, name) for k, name in enumerate(names))


def _travel(count: int) -> dict[tuple[int, int], int]:
    """The school is a half-day from every centre; neighbouring centres too; other
    centres a full day apart."""
    travel = {}
    for a in range(count):
        for b in range(a + 1, count):
            travel[a, b] = 1 if a == 0 or b - a == 1 else 2
    return travel


def _cohort_shells(
    rng: random.Random, count: int, part_time: int, sites: int
) -> list[Cohort]:
    shells = []
    for k in range(count):
        is_part_time = k >= count - part_time
        shells.append(
            Cohort(
                id=k + 1,
                code=f"K{52 + k // 26}{chr(ord('A') + k % 26)}",
                site_id=k % sites,
                size=rng.randint(30, 65),
                modules=(),
                study_weekdays=WEEKEND if is_part_time else WEEKDAYS,
            )
        )
    return shells


def _programmes(
    rng: random.Random, calendar: TermCalendar, cohorts: list[Cohort], fill: float
) -> dict[int, list[list[tuple[int, int]]]]:
    """Per cohort: its modules of (topic id, sessions wanted), in the term's order.

    Full-time cohorts share one programme of 5 modules, part-time ones another of
    3; each cohort is at its own stage, so its modules are a rotation.
    """
    result = {}
    for cohort in cohorts:
        is_part_time = cohort.study_weekdays == WEEKEND
        modules = PART_TIME_MODULES if is_part_time else FULL_TIME_MODULES
        base = 100 if is_part_time else 0
        per_module = 3 if is_part_time else 4
        slots = len(calendar.cohort_slots(cohort.id))
        per_topic = max(1, round(fill * slots / (modules * per_module)))
        programme = [
            [(base + 10 * m + t, per_topic) for t in range(1, per_module + 1)]
            for m in range(modules)
        ]
        shift = cohort.id % modules
        result[cohort.id] = programme[shift:] + programme[:shift]
    del rng  # the programmes are fixed; randomness is in the witness
    return result


def _topics(programmes: dict) -> tuple[set[int], dict[int, int]]:
    topics = {t for modules in programmes.values() for m in modules for t, _n in m}
    return topics, {t: (t % 100) // 10 for t in topics}


def _qualifications(
    rng: random.Random, count: int, faculties: int, topics: set[int], faculty_of: dict
) -> dict[int, set[int]]:
    """Lecturer k belongs to faculty k mod `faculties`, teaches most of its topics."""
    qualified: dict[int, set[int]] = {}
    for k in range(1, count + 1):
        own = sorted(t for t in topics if faculty_of[t] % faculties == k % faculties)
        picked = {t for t in own if rng.random() < 0.6}
        qualified[k] = picked or set(own[:1])
    return qualified


def _build_witness(rng, calendar, cohorts, programmes, qualified, busy):
    """Teaches each cohort's topics in order, one lecturer per cohort-topic, leaving
    a half-day free now and then; what fits in the term becomes the programme."""
    witness: list[Session] = []
    demands: dict[int, tuple[tuple[TopicDemand, ...], ...]] = {}
    for cohort in cohorts:
        slots = list(calendar.cohort_slots(cohort.id))
        position = 0
        modules = []
        for module in programmes[cohort.id]:
            taught_module = []
            for topic_id, wanted in module:
                placed, position = _teach(
                    rng,
                    calendar,
                    cohort,
                    topic_id,
                    wanted,
                    slots,
                    position,
                    qualified,
                    busy,
                )
                witness.extend(placed)
                if placed:
                    taught_module.append(TopicDemand(topic_id, len(placed)))
            if taught_module:
                modules.append(tuple(taught_module))
        demands[cohort.id] = tuple(modules)
    return witness, demands


def _teach(rng, calendar, cohort, topic_id, wanted, slots, position, qualified, busy):
    placed: list[Session] = []
    lecturer_id = None
    while len(placed) < wanted and position < len(slots):
        h = slots[position]
        position += 1
        if rng.random() < 0.04:
            continue  # a free half-day for the cohort
        if lecturer_id is None:
            lecturer_id = _pick_lecturer(
                rng, topic_id, h, cohort.site_id, qualified, busy
            )
            if lecturer_id is None:
                continue
        if not busy.is_free(lecturer_id, h, cohort.site_id):
            continue
        busy.at[lecturer_id][h] = cohort.site_id
        busy.load[lecturer_id] += 1
        slot = calendar.slot(h)
        placed.append(
            Session(
                cohort.id,
                topic_id,
                len(placed) + 1,
                slot.day,
                slot.half,
                lecturer_id,
                0,
            )
        )
    return placed, position


def _pick_lecturer(rng, topic_id, h, site_id, qualified, busy) -> int | None:
    """The least-loaded free qualified lecturer; else a free one given the topic."""
    free = [k for k in qualified if busy.is_free(k, h, site_id)]
    able = [k for k in free if topic_id in qualified[k]]
    if not able and free:
        able = [min(free, key=lambda k: (busy.load[k], rng.random()))]
        qualified[able[0]].add(topic_id)
    if not able:
        return None
    return min(able, key=lambda k: (busy.load[k], rng.random()))


def _rooms(rng, cohorts, witness):
    """One room per cohort at its site, a little larger than the cohort, plus a
    small room per site; returns (rooms, cohort id -> room id)."""
    rooms = []
    room_of = {}
    for cohort in cohorts:
        room_id = len(rooms) + 1
        rooms.append(
            Room(
                room_id,
                cohort.site_id,
                cohort.size + rng.randint(0, 10),
                f"P{room_id:03d}",
            )
        )
        room_of[cohort.id] = room_id
    for site_id in sorted({c.site_id for c in cohorts}):
        room_id = len(rooms) + 1
        rooms.append(Room(room_id, site_id, 25, f"P{room_id:03d}"))
    del witness
    return tuple(rooms), room_of


def _lecturers(rng, count, qualified, busy, calendar, unavailable_share):
    """Lecturers with their witness load as the basis of the norm, unavailability
    on half-days they do not teach in the witness, and a few wishes."""
    average = max(1, round(sum(busy.load.values()) / max(count, 1)))
    people = []
    for k in range(1, count + 1):
        teaching = busy.at[k]
        free = [h for h in range(calendar.size) if h not in teaching]
        away = rng.sample(free, round(unavailable_share * len(free)))
        avoided = rng.sample(free, min(4, len(free)))
        topics = frozenset(qualified[k])
        prefers = rng.random() < 0.3 and len(topics) > 1
        people.append(
            Lecturer(
                id=k,
                name=f"Giảng viên {k:02d}",
                topic_ids=topics,
                unavailable=frozenset(calendar.slot(h) for h in away),
                norm_sessions=round(average * rng.uniform(0.8, 1.2)),
                preferred_topic_ids=frozenset(
                    rng.sample(sorted(topics), len(topics) // 2 + 1)
                )
                if prefers
                else frozenset(),
                avoided_slots=frozenset(calendar.slot(h) for h in avoided),
            )
        )
    return tuple(people)
