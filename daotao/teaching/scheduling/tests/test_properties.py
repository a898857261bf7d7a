"""Properties on generated instances (Hypothesis): every schedule `solve` returns
breaks no hard constraint; with the generator's witness as warm start there is
always one."""

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from daotao.teaching.scheduling.generate import generate
from daotao.teaching.scheduling.result import Status
from daotao.teaching.scheduling.score import score
from daotao.teaching.scheduling.solver import solve
from daotao.teaching.scheduling.validate import validate

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
        assert schedule.explanations
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
