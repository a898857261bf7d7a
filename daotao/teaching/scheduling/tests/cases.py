"""A small hand-made term (one week of March 2026) and a schedule that breaks nothing.

Monday 02/03 … Sunday 08/03/2026; Friday 06/03 is a holiday. Sites 1 (the school)
and 2 (a centre a full day away). K52A and K52B study on weekdays at the school,
K52C Tuesday to Saturday at the centre.
"""

from __future__ import annotations

from datetime import date

from daotao.teaching.scheduling.problem import (
    Cohort,
    HalfDay,
    Lecturer,
    Problem,
    Room,
    Session,
    Site,
    Slot,
    Topic,
    TopicDemand,
)

MORNING, AFTERNOON = HalfDay.MORNING, HalfDay.AFTERNOON
MON, TUE, WED, THU, FRI, SAT = (date(2026, 3, d) for d in range(2, 8))
PHILOSOPHY, ECONOMICS, SOCIALISM = 1, 2, 3
AN, BINH, CUONG = 1, 2, 3
P101, P102, P103, P201 = 11, 12, 13, 21
K52A, K52B, K52C = 1, 2, 3


def problem(**changes) -> Problem:
    values = {
        "first_day": MON,
        "last_day": date(2026, 3, 8),
        "sites": (Site(1, "Trường Chính trị tỉnh"), Site(2, "Trung tâm Bắc")),
        "rooms": (
            Room(P101, 1, 50, "P101"),
            Room(P102, 1, 30, "P102"),
            Room(P103, 1, 60, "P103"),
            Room(P201, 2, 40, "P201"),
        ),
        "topics": (
            Topic(PHILOSOPHY, "Triết học Mác - Lênin"),
            Topic(ECONOMICS, "Kinh tế chính trị"),
            Topic(SOCIALISM, "Chủ nghĩa xã hội khoa học"),
        ),
        "cohorts": (
            Cohort(
                K52A,
                "K52A",
                1,
                45,
                (
                    (TopicDemand(PHILOSOPHY, 2), TopicDemand(SOCIALISM, 1)),
                    (TopicDemand(ECONOMICS, 2),),
                ),
            ),
            Cohort(K52B, "K52B", 1, 28, ((TopicDemand(PHILOSOPHY, 2),),)),
            Cohort(
                K52C,
                "K52C",
                2,
                35,
                ((TopicDemand(SOCIALISM, 1),),),
                study_weekdays=frozenset({1, 2, 3, 4, 5}),
            ),
        ),
        "lecturers": (
            Lecturer(
                AN,
                "Nguyễn Văn An",
                frozenset({1, 2, 3}),
                unavailable=frozenset({Slot(THU, MORNING)}),
                norm_sessions=4,
            ),
            Lecturer(BINH, "Trần Thị Bình", frozenset({1, 2, 3}), norm_sessions=3),
            Lecturer(CUONG, "Lê Văn Cường", frozenset({3}), norm_sessions=2),
        ),
        "holidays": frozenset({FRI}),
        "travel": {(1, 2): 2},
    }
    values.update(changes)
    return Problem(**values)


def session(cohort, topic, index, day, half, lecturer, room) -> Session:
    return Session(cohort, topic, index, day, half, lecturer, room)


A1 = session(K52A, PHILOSOPHY, 1, MON, MORNING, AN, P101)
A2 = session(K52A, PHILOSOPHY, 2, MON, AFTERNOON, AN, P101)
A3 = session(K52A, SOCIALISM, 1, TUE, MORNING, CUONG, P101)
A4 = session(K52A, ECONOMICS, 1, TUE, AFTERNOON, AN, P101)
A5 = session(K52A, ECONOMICS, 2, WED, MORNING, AN, P101)
B1 = session(K52B, PHILOSOPHY, 1, MON, MORNING, BINH, P102)
B2 = session(K52B, PHILOSOPHY, 2, MON, AFTERNOON, BINH, P102)
C1 = session(K52C, SOCIALISM, 1, SAT, MORNING, CUONG, P201)

SCHEDULE = (A1, A2, A3, A4, A5, B1, B2, C1)


def replaced(old: Session, new: Session) -> list[Session]:
    """SCHEDULE with `old` replaced by `new`."""
    return [new if s == old else s for s in SCHEDULE]
