"""Properties on generated instances (Hypothesis): every schedule `solve` returns
breaks no hard constraint; with the generator's witness as warm start there is
always one."""

from dataclasses import replace
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from daotao.teaching.scheduling.generate import generate
from daotao.teaching.scheduling.problem import Booking
from daotao.teaching.scheduling.result import Status
from daotao.teaching.scheduling.score import score
from daotao.teaching.scheduling.solver import solve
from daotao.teaching.scheduling.validate import check_sessions, validate

pytestmark = pytest.mark.slow  # a hundred generated schedules solved

instances = st.builds(
    generate,
    seed=st.integers(0, 10_000),
    cohorts=st.integers(1, 4),
    lecturers=st.integers(2, 8),
    sites=st.integers(1, 3),
    weeks=st.integers(1, 3),
    part_time_share=st.sampled_from([0.0, 0.5]),
    fixed=st.integers(0, 3),
    unavailable_share=st.sampled_from([0.0, 0.1, 0.3]),
)


@settings(max_examples=25, deadline=None)
@given(instances)
def test_every_schedule_solve_returns_breaks_nothing(generated):
    """No double booking of lecturer, room or cohort; order, unavailability,
    holidays, study days and travel respected; fixed sessions kept. Without a
    schedule there is an explanation."""
    problem = generated.problem
    schedule = solve(problem, time_limit_s=5, workers=2)
    if not schedule.status.has_schedule:
        # PARTIAL: what is placed breaks nothing (fixed sessions aside: they may
        # be where no schedule can keep them), the rest is listed with reasons.
        assert schedule.status is Status.PARTIAL
        assert schedule.explanations
        assert schedule.unplaced
        assert all(u.reason for u in schedule.unplaced)
        violations = validate(problem, schedule, partial=True)
        assert [
            v for v in violations if not set(v.sessions) <= set(problem.fixed)
        ] == []
        return
    assert validate(problem, schedule) == []
    assert len(schedule.sessions) == len(generated.witness)
    for fixed in problem.fixed:
        assert any(fixed.same_placement(s) for s in schedule.sessions)


@settings(max_examples=25, deadline=None)
@given(instances)
def test_a_feasible_warm_start_always_gives_a_schedule_no_worse(generated):
    problem = replace(generated.problem, warm_start=generated.witness)
    schedule = solve(problem, time_limit_s=5, workers=2)
    assert schedule.status in (Status.OPTIMAL, Status.FEASIBLE)
    assert validate(problem, schedule) == []
    assert schedule.penalty.total <= score(problem, generated.witness).total


@settings(max_examples=25, deadline=None)
@given(instances)
def test_the_generator_witness_breaks_nothing(generated):
    assert validate(generated.problem, generated.witness) == []


@st.composite
def with_published_terms(draw):
    """A generated term split in two: the first cohorts' witness sessions are
    another term's published schedule (bookings of their cohorts, lecturers and
    rooms), the other cohorts are to be scheduled beside it; one of the published
    cohorts may come back for the modules after its first (a cohort in two terms),
    from the day after its first module ends."""
    generated = draw(instances)
    problem = generated.problem
    published_count = draw(st.integers(1, max(1, len(problem.cohorts) - 1)))
    published_ids = {c.id for c in problem.cohorts[:published_count]}
    returning = draw(st.sampled_from([None, *sorted(published_ids)]))
    booked_sessions = []
    cohorts = []
    for cohort in problem.cohorts:
        if cohort.id not in published_ids:
            cohorts.append(cohort)
            continue
        first_module = (
            {d.topic_id for d in cohort.modules[0]} if cohort.modules else set()
        )
        for session in generated.witness:
            if session.cohort_id != cohort.id:
                continue
            if cohort.id == returning and session.topic_id not in first_module:
                continue
            booked_sessions.append(session)
        if cohort.id == returning and len(cohort.modules) > 1:
            ends = max(
                (s.day for s in booked_sessions if s.cohort_id == cohort.id),
                default=problem.first_day,
            )
            cohorts.append(
                replace(
                    cohort, modules=cohort.modules[1:], starts_on=ends + timedelta(1)
                )
            )
    bookings = tuple(
        Booking(
            day=s.day,
            half=s.half,
            cohort_id=s.cohort_id,
            lecturer_id=s.lecturer_id,
            room_id=s.room_id,
            site_id=problem.cohort(s.cohort_id).site_id,
            cohort_code=problem.cohort(s.cohort_id).code,
        )
        for s in booked_sessions
    )
    fixed = tuple(s for s in problem.fixed if s.cohort_id not in published_ids)
    beside = replace(problem, cohorts=tuple(cohorts), fixed=fixed, booked=bookings)
    return generated, beside, tuple(booked_sessions)


@settings(max_examples=25, deadline=None)
@given(with_published_terms())
def test_a_schedule_beside_published_terms_breaks_nothing_with_them(case):
    """Whatever solve returns breaks no hard constraint, neither on its own with the
    bookings nor together with the published sessions in the whole term."""
    generated, problem, published = case
    schedule = solve(problem, time_limit_s=5, workers=2)
    partial = schedule.status is Status.PARTIAL
    assert schedule.status.has_schedule or partial
    violations = validate(problem, schedule, partial=partial)
    assert [v for v in violations if not set(v.sessions) <= set(problem.fixed)] == []
    together = [*published, *schedule.sessions]
    whole = replace(generated.problem, fixed=(), cohorts=generated.problem.cohorts)
    clashes = check_sessions(whole, together)
    assert [v for v in clashes if not set(v.sessions) <= set(problem.fixed)] == []
    if partial:
        assert schedule.unplaced
        assert schedule.explanations
