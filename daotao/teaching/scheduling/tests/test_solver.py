"""solve on the hand-made term: fixed sessions, warm start, explained infeasibility."""

from dataclasses import replace

from daotao.teaching.scheduling.problem import Cohort, HalfDay, Slot, TopicDemand
from daotao.teaching.scheduling.result import ConstraintGroup, Status
from daotao.teaching.scheduling.score import score
from daotao.teaching.scheduling.solver import solve
from daotao.teaching.scheduling.validate import validate

from . import cases
from .cases import A3, SCHEDULE

Group = ConstraintGroup


def explained(problem):
    schedule = solve(problem, time_limit_s=10, workers=1)
    assert schedule.status is Status.INFEASIBLE
    assert schedule.sessions == ()
    return [(e.group, e.message) for e in schedule.explanations]


def test_solve_schedules_the_hand_made_term_without_violation():
    problem = cases.problem()
    schedule = solve(problem, time_limit_s=10, workers=1)
    assert schedule.status is Status.OPTIMAL
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
