"""solve on the hand-made term: fixed sessions, warm start, explained infeasibility."""

from collections import Counter
from dataclasses import replace

from daotao.teaching.scheduling.generate import generate
from daotao.teaching.scheduling.problem import Cohort, HalfDay, Slot, TopicDemand
from daotao.teaching.scheduling.result import ConstraintGroup, Shortage, Status
from daotao.teaching.scheduling.score import score
from daotao.teaching.scheduling.solver import solve
from daotao.teaching.scheduling.validate import validate

from . import cases
from .cases import A3, SCHEDULE

Group = ConstraintGroup


def explained(problem):
    """The explanations of a term that cannot be scheduled in full; what could be
    placed breaks nothing (but for fixed sessions placed wrong by hand), and what
    could not is listed."""
    schedule = solve(problem, time_limit_s=10, workers=1)
    assert schedule.status is Status.PARTIAL
    for violation in validate(problem, schedule, partial=True):
        assert set(violation.sessions) <= set(problem.fixed)
    assert schedule.unplaced
    return [(e.group, e.message) for e in schedule.explanations]


def test_solve_schedules_the_hand_made_term_without_violation():
    problem = cases.problem()
    schedule = solve(problem, time_limit_s=10, workers=1)
    assert schedule.status is Status.OPTIMAL
    assert schedule.penalty.total <= schedule.greedy_penalty
    assert len(schedule.sessions) == 8
    assert validate(problem, schedule) == []
    assert schedule.penalty == score(problem, schedule.sessions)


def test_a_fixed_session_stays_where_it_was_pinned():
    pinned = replace(A3, day=cases.WED, half=HalfDay.MORNING, room_id=cases.P103)
    problem = cases.problem(fixed=(pinned,))
    schedule = solve(problem, time_limit_s=10, workers=1)
    assert pinned in schedule.sessions
    assert validate(problem, schedule) == []


def test_a_warm_start_gives_the_same_or_a_better_penalty():
    problem = cases.problem()
    first = solve(problem, time_limit_s=10, workers=1)
    again = solve(replace(problem, warm_start=first.sessions), time_limit_s=10)
    assert again.penalty.total <= first.penalty.total
    from_hand = solve(replace(problem, warm_start=SCHEDULE), time_limit_s=10)
    assert from_hand.penalty.total <= score(problem, SCHEDULE).total
    assert validate(problem, from_hand) == []


def test_progress_is_reported_for_each_solution():
    reports = []
    solve(
        cases.problem(),
        time_limit_s=10,
        workers=1,
        progress=lambda n, best: reports.append(n),
    )
    assert reports[0] == 1
    assert reports == list(range(1, len(reports) + 1))


def test_too_few_free_half_days_of_the_qualified_lecturers():
    """Only Cường teaches CNXHKH (2 sessions needed) and he is free only once."""
    busy = frozenset(
        Slot(day, half)
        for day in (cases.MON, cases.TUE, cases.WED, cases.THU, cases.SAT)
        for half in HalfDay
    ) - {Slot(cases.TUE, HalfDay.MORNING)}
    lecturers = list(cases.problem().lecturers)
    lecturers[2] = replace(lecturers[2], unavailable=busy)
    lecturers[0] = replace(lecturers[0], topic_ids=frozenset({1, 2}))
    lecturers[1] = replace(lecturers[1], topic_ids=frozenset({1, 2}))
    assert explained(cases.problem(lecturers=tuple(lecturers))) == [
        (
            Group.LECTURERS,
            "Không đủ giảng viên dạy chuyên đề Chủ nghĩa xã hội khoa học trong học kỳ: "
            "cần 2 buổi, các giảng viên dạy được chuyên đề này chỉ còn 1 buổi trống.",
        )
    ]


def test_too_few_study_half_days_for_a_cohort():
    """K52C studies Tuesday to Saturday, Friday is a holiday: 8 half-days for 9."""
    cohorts = list(cases.problem().cohorts)
    cohorts[2] = replace(cohorts[2], modules=((TopicDemand(cases.SOCIALISM, 9),),))
    assert explained(cases.problem(cohorts=tuple(cohorts))) == [
        (
            Group.COHORT_DAYS,
            "Lớp K52C không đủ buổi học để xếp hết chương trình trước ngày 08/03/2026: "
            "cần 9 buổi, chỉ có 8 buổi học.",
        )
    ]


def test_no_room_large_enough_at_the_cohort_site():
    cohorts = list(cases.problem().cohorts)
    cohorts[2] = replace(cohorts[2], size=41)
    assert explained(cases.problem(cohorts=tuple(cohorts))) == [
        (
            Group.ROOMS,
            "Không có phòng đủ chỗ cho lớp K52C (41 học viên) tại cơ sở Trung tâm Bắc.",
        )
    ]


def test_a_fixed_session_on_a_holiday():
    on_holiday = replace(A3, day=cases.FRI)
    assert explained(cases.problem(fixed=(on_holiday,))) == [
        (
            Group.FIXED,
            "Buổi xếp cố định không thực hiện được: "
            "Lớp K52A có buổi học vào ngày nghỉ lễ 06/03/2026.",
        )
    ]


def test_two_large_cohorts_at_once_with_one_large_room():
    """Counting passes (each cohort has a room), but K52D and K52E both study only
    on Monday, twice, and only P103 holds 55: the solver names the rooms."""
    demand = ((TopicDemand(cases.PHILOSOPHY, 2),),)

    def cohort(cohort_id, code):
        return Cohort(
            cohort_id, code, 1, 55, demand, starts_on=cases.MON, ends_on=cases.MON
        )

    problem = cases.problem(cohorts=(cohort(4, "K52D"), cohort(5, "K52E")))
    assert explained(problem) == [
        (
            Group.ROOMS,
            "Không đủ phòng tại cơ sở Trường Chính trị tỉnh cho các lớp học cùng buổi.",
        )
    ]


def test_what_cannot_be_placed_is_listed_with_the_reason():
    """K52C (Tuesday to Saturday, Friday a holiday: 8 half-days) needs 9 sessions
    of CNXHKH: 8 are placed, one is left, with why; everything else is placed."""
    cohorts = list(cases.problem().cohorts)
    cohorts[2] = replace(cohorts[2], modules=((TopicDemand(cases.SOCIALISM, 9),),))
    problem = cases.problem(cohorts=tuple(cohorts))
    schedule = solve(problem, time_limit_s=10, workers=1)
    assert schedule.status is Status.PARTIAL
    assert validate(problem, schedule, partial=True) == []
    (left,) = schedule.unplaced
    assert left.as_dict() == {
        "cohort_id": cases.K52C,
        "cohort_code": "K52C",
        "topic_id": cases.SOCIALISM,
        "topic_name": "Chủ nghĩa xã hội khoa học",
        "module": 1,
        "sessions": 1,
        "shortage": "cohort_days",
        "reason": "Chưa xếp 1 buổi chuyên đề Chủ nghĩa xã hội khoa học của lớp K52C: "
        "lớp không còn buổi học trống đến ngày 08/03/2026.",
    }
    counts = Counter((s.cohort_id, s.topic_id) for s in schedule.sessions)
    assert counts[cases.K52C, cases.SOCIALISM] == 8
    assert sum(counts.values()) == 7 + 8


def test_a_lecturer_busy_everywhere_leaves_the_topic_unplaced_with_the_reason():
    """Only Cường teaches CNXHKH and he is away all week."""
    away = frozenset(
        Slot(day, half)
        for day in (cases.MON, cases.TUE, cases.WED, cases.THU, cases.SAT)
        for half in HalfDay
    )
    lecturers = list(cases.problem().lecturers)
    lecturers[2] = replace(lecturers[2], unavailable=away)
    lecturers[0] = replace(lecturers[0], topic_ids=frozenset({1, 2}))
    lecturers[1] = replace(lecturers[1], topic_ids=frozenset({1, 2}))
    problem = cases.problem(lecturers=tuple(lecturers))
    schedule = solve(problem, time_limit_s=10, workers=1)
    assert schedule.status is Status.PARTIAL
    assert validate(problem, schedule, partial=True) == []
    assert [(u.cohort_code, u.sessions, u.shortage) for u in schedule.unplaced] == [
        ("K52A", 1, Shortage.LECTURERS_BUSY),
        ("K52C", 1, Shortage.LECTURERS_BUSY),
    ]
    assert schedule.unplaced[0].reason == (
        "Chưa xếp 1 buổi chuyên đề Chủ nghĩa xã hội khoa học của lớp K52A: các giảng "
        "viên dạy được chuyên đề này đều bận (lịch bận, lịch đã công bố, lớp khác) "
        "vào các buổi còn trống của lớp."
    )


def test_the_penalty_is_never_worse_than_the_constructive_schedule():
    generated = generate(seed=2, cohorts=4, lecturers=6, sites=2, weeks=3)
    schedule = solve(generated.problem, time_limit_s=5, workers=1)
    assert schedule.status.has_schedule
    assert schedule.greedy_penalty is not None
    assert schedule.penalty.total <= schedule.greedy_penalty
    assert validate(generated.problem, schedule) == []
