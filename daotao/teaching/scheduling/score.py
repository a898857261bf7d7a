"""The soft score of a schedule (smaller is better), computed from the sessions alone.

The solver minimises stand-ins for these parts (see the package docstring); the
score reported with a schedule is always this function's.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from .half_days import TermCalendar
from .problem import Problem, Session
from .result import Penalty

# Weights of the parts in the total; a split topic costs more than a session of
# load deviation, overload more than deviation.
SPLIT_WEIGHT = 3
OVERLOAD_WEIGHT = 5
DEVIATION_WEIGHT = 1
SITE_CHANGE_WEIGHT = 2
PREFERENCE_WEIGHT = 1


def score(problem: Problem, sessions: Sequence[Session]) -> Penalty:
    """The penalty of `sessions` with each part (see `Penalty`)."""
    calendar = TermCalendar(problem)
    load: dict[int, int] = defaultdict(int)
    for session in sessions:
        load[session.lecturer_id] += 1
    split = split_topics(problem, calendar, sessions)
    overload, deviation = load_parts(problem, load)
    changes = site_changes(problem, calendar, sessions)
    preferences = preference_misses(problem, sessions)
    total = (
        SPLIT_WEIGHT * split
        + OVERLOAD_WEIGHT * overload
        + DEVIATION_WEIGHT * deviation
        + SITE_CHANGE_WEIGHT * changes
        + PREFERENCE_WEIGHT * preferences
    )
    return Penalty(split, overload, deviation, changes, preferences, total)


def split_topics(
    problem: Problem, calendar: TermCalendar, sessions: Sequence[Session]
) -> int:
    """Extra runs: a cohort's topic taught in k separate runs of consecutive study
    half-days of the cohort adds k - 1."""
    ranks = {
        cohort.id: {
            index: rank for rank, index in enumerate(calendar.cohort_slots(cohort.id))
        }
        for cohort in problem.cohorts
    }
    positions: dict[tuple[int, int], list[int]] = defaultdict(list)
    for session in sessions:
        index = calendar.index(session.slot)
        rank = ranks.get(session.cohort_id, {}).get(index, -10 * (index + 2))
        positions[session.cohort_id, session.topic_id].append(rank)
    extra = 0
    for taught in positions.values():
        taught.sort()
        extra += sum(1 for a, b in itertools.pairwise(taught) if b != a + 1)
    return extra


def fair_shares(problem: Problem) -> dict[int, int]:
    """Each lecturer's share of the term's sessions, proportional to the norms
    (lecturers without a norm have no share)."""
    total_norm = sum(lecturer.norm_sessions for lecturer in problem.lecturers)
    demand = sum(d.sessions for c in problem.cohorts for _m, d in c.demands())
    if total_norm <= 0:
        return {}
    return {
        lecturer.id: round(demand * lecturer.norm_sessions / total_norm)
        for lecturer in problem.lecturers
        if lecturer.norm_sessions > 0
    }


def load_parts(problem: Problem, load: dict[int, int]) -> tuple[int, int]:
    """(sessions above the norms, sessions away from the fair shares)."""
    shares = fair_shares(problem)
    overload = deviation = 0
    for lecturer in problem.lecturers:
        if lecturer.id not in shares:
            continue
        taught = load.get(lecturer.id, 0)
        overload += max(0, taught - lecturer.norm_sessions)
        deviation += abs(taught - shares[lecturer.id])
    return overload, deviation


def site_changes(
    problem: Problem, calendar: TermCalendar, sessions: Sequence[Session]
) -> int:
    """How often a lecturer's next session is at another site than the previous one."""
    by_lecturer: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for session in sessions:
        site = problem.cohort(session.cohort_id).site_id
        by_lecturer[session.lecturer_id].append((calendar.index(session.slot), site))
    changes = 0
    for timed in by_lecturer.values():
        timed.sort()
        changes += sum(1 for a, b in itertools.pairwise(timed) if a[1] != b[1])
    return changes


def preference_misses(problem: Problem, sessions: Sequence[Session]) -> int:
    """Sessions in a lecturer's avoided half-days, plus cohort-topics given to a
    lecturer outside the topics they prefer (when they named any)."""
    misses = 0
    outside: set[tuple[int, int, int]] = set()
    for session in sessions:
        lecturer = problem.lecturer(session.lecturer_id)
        if session.slot in lecturer.avoided_slots:
            misses += 1
        preferred = lecturer.preferred_topic_ids
        if preferred and session.topic_id not in preferred:
            outside.add((lecturer.id, session.cohort_id, session.topic_id))
    return misses + len(outside)
