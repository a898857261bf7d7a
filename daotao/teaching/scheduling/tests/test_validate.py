"""validate and conflicts_for on hand-broken schedules: one kind of violation each."""

from dataclasses import replace

from daotao.teaching.scheduling.problem import HalfDay
from daotao.teaching.scheduling.result import ViolationKind as Kind
from daotao.teaching.scheduling.validate import conflicts_for, validate

from . import cases
from .cases import A1, A3, A4, A5, B1, B2, C1, SCHEDULE, replaced


def found(problem, sessions):
    return [(v.kind, v.message) for v in validate(problem, sessions)]


def test_the_hand_made_schedule_breaks_nothing():
    assert validate(cases.problem(), SCHEDULE) == []


def test_a_cohort_in_two_sessions_at_once():
    moved = replace(A3, day=cases.MON, half=HalfDay.MORNING, room_id=cases.P103)
    assert found(cases.problem(), replaced(A3, moved)) == [
        (Kind.COHORT_DOUBLE_BOOKED, "Lớp K52A có 2 buổi cùng vào sáng 02/03/2026.")
    ]


def test_a_lecturer_in_two_sessions_at_once():
    assert found(cases.problem(), replaced(B1, replace(B1, lecturer_id=cases.AN))) == [
        (
            Kind.LECTURER_DOUBLE_BOOKED,
            "Giảng viên Nguyễn Văn An dạy 2 buổi cùng vào sáng 02/03/2026: K52A, K52B.",
        )
    ]


def test_a_room_with_two_sessions_at_once():
    assert found(cases.problem(), replaced(B1, replace(B1, room_id=cases.P101))) == [
        (
            Kind.ROOM_DOUBLE_BOOKED,
            "Phòng P101 có 2 buổi cùng vào sáng 02/03/2026: K52A, K52B.",
        )
    ]


def test_a_room_too_small_for_the_cohort():
    assert found(cases.problem(), replaced(A3, replace(A3, room_id=cases.P102))) == [
        (
            Kind.ROOM_TOO_SMALL,
            "Phòng P102 (30 chỗ) không đủ chỗ cho lớp K52A (45 học viên).",
        )
    ]


def test_a_room_at_another_site():
    assert found(cases.problem(), replaced(B1, replace(B1, room_id=cases.P201))) == [
        (
            Kind.ROOM_AT_OTHER_SITE,
            "Phòng P201 không ở cơ sở Trường Chính trị tỉnh của lớp K52B.",
        )
    ]


def test_a_lecturer_not_qualified_for_the_topic():
    assert found(
        cases.problem(), replaced(A4, replace(A4, lecturer_id=cases.CUONG))
    ) == [
        (
            Kind.LECTURER_NOT_QUALIFIED,
            "Giảng viên Lê Văn Cường không được phân công dạy chuyên đề "
            "Kinh tế chính trị.",
        )
    ]


def test_a_lecturer_on_an_unavailable_half_day():
    assert found(cases.problem(), replaced(A5, replace(A5, day=cases.THU))) == [
        (Kind.LECTURER_UNAVAILABLE, "Giảng viên Nguyễn Văn An bận vào sáng 05/03/2026.")
    ]


def test_a_session_on_a_holiday():
    assert found(cases.problem(), replaced(A5, replace(A5, day=cases.FRI))) == [
        (Kind.HOLIDAY, "Lớp K52A có buổi học vào ngày nghỉ lễ 06/03/2026.")
    ]


def test_a_session_on_a_day_the_cohort_does_not_study():
    assert found(cases.problem(), replaced(C1, replace(C1, day=cases.MON))) == [
        (Kind.NOT_A_STUDY_DAY, "Lớp K52C không học vào sáng 02/03/2026.")
    ]


def test_a_topic_before_the_previous_module_is_done():
    late = replace(A3, day=cases.WED, half=HalfDay.AFTERNOON)
    assert found(cases.problem(), replaced(A3, late)) == [
        (
            Kind.ORDER,
            "Lớp K52A: chuyên đề Kinh tế chính trị (học phần 2) xếp vào "
            f"{slot}, trước khi học xong chuyên đề Chủ nghĩa xã hội khoa học "
            "(học phần 1) vào chiều 04/03/2026.",
        )
        for slot in ("chiều 03/03/2026", "sáng 04/03/2026")
    ]


def test_a_lecturer_without_time_to_travel_between_sites():
    moved = replace(C1, day=cases.TUE, half=HalfDay.AFTERNOON)
    assert found(cases.problem(), replaced(C1, moved)) == [
        (
            Kind.TRAVEL,
            "Giảng viên Lê Văn Cường không kịp đi từ Trường Chính trị tỉnh "
            "(sáng 03/03/2026) đến Trung tâm Bắc (chiều 03/03/2026).",
        )
    ]


def test_a_fixed_session_changed():
    problem = cases.problem(fixed=(A1,))
    assert found(problem, replaced(A1, replace(A1, room_id=cases.P103))) == [
        (
            Kind.FIXED_SESSION_CHANGED,
            "Buổi cố định của lớp K52A (chuyên đề Triết học Mác - Lênin, "
            "sáng 02/03/2026) đã bị thay đổi.",
        )
    ]


def test_a_topic_missing_a_session():
    assert found(cases.problem(), [s for s in SCHEDULE if s != A5]) == [
        (
            Kind.SESSION_COUNT,
            "Lớp K52A, chuyên đề Kinh tế chính trị: cần 2 buổi, lịch có 1 buổi.",
        )
    ]


def test_a_topic_outside_the_cohort_programme():
    stray = replace(B2, topic_id=cases.SOCIALISM, index=1)
    assert found(cases.problem(), replaced(B2, stray))[0] == (
        Kind.UNKNOWN_REFERENCE,
        "Chuyên đề Chủ nghĩa xã hội khoa học không có trong chương trình của lớp K52B.",
    )


def test_conflicts_for_a_move_onto_a_taken_half_day():
    """Moving K52B's first session onto its second one's half-day double-books."""
    moved = replace(B1, half=HalfDay.AFTERNOON)
    conflicts = conflicts_for(cases.problem(), SCHEDULE, moved, replacing=B1)
    assert [(c.kind, c.sessions) for c in conflicts] == [
        (Kind.COHORT_DOUBLE_BOOKED, (B2, moved)),
        (Kind.LECTURER_DOUBLE_BOOKED, (B2, moved)),
        (Kind.ROOM_DOUBLE_BOOKED, (B2, moved)),
    ]
    assert conflicts[1].message == (
        "Giảng viên Trần Thị Bình dạy 2 buổi cùng vào chiều 02/03/2026: K52B, K52B."
    )


def test_conflicts_for_a_free_half_day_is_empty():
    moved = replace(B2, day=cases.TUE, half=HalfDay.MORNING)
    assert conflicts_for(cases.problem(), SCHEDULE, moved, replacing=B2) == []
