"""`problem_for_term`: the engine's input read from the database."""

import datetime

import pytest

from daotao.faculty.models import Unavailability
from daotao.faculty.tests.factories import LecturerFactory, UnavailabilityFactory
from daotao.teaching.models import Holiday, SiteTravel, TeachingSession, Term
from daotao.teaching.scheduling import HalfDay, Session, Slot, TopicDemand
from daotao.teaching.services.scheduling import (
    PERIODS_PER_HALF_DAY,
    problem_for_term,
    session_kind,
)

D = datetime.date
MORNING, AFTERNOON = HalfDay.MORNING, HalfDay.AFTERNOON
pytestmark = pytest.mark.django_db


def test_demands_are_the_modules_in_order_in_half_day_sessions(world):
    first, second, third = (t.pk for t in world["topics"])
    problem = problem_for_term(world["term"])
    (cohort,) = problem.cohorts
    assert PERIODS_PER_HALF_DAY == 5
    # 10 tiết → 2 buổi; 5 + 5 → 2; 10 + 5 → 3; one module after the other.
    assert cohort.modules == (
        (TopicDemand(first, 2), TopicDemand(second, 2)),
        (TopicDemand(third, 3),),
    )
    assert [t.name for t in problem.topics] == [t.name for t in world["topics"]]


def test_a_topic_of_odd_periods_rounds_up(world):
    topic = world["topics"][0]
    topic.lecture_periods = 11
    topic.save()
    (cohort,) = problem_for_term(world["term"]).cohorts
    assert cohort.modules[0][0] == TopicDemand(topic.pk, 3)


def test_a_cohort_going_on_after_the_term_gets_what_the_term_holds(world):
    first, second, third = (t.pk for t in world["topics"])
    term = world["term"]
    Holiday.objects.create(date=D(2027, 3, 2), name="Nghỉ")
    term.ends_on = D(2027, 3, 3)  # 3 days, one a holiday: 4 half-days
    term.save()
    (cohort,) = problem_for_term(term).cohorts
    assert cohort.modules == ((TopicDemand(first, 2), TopicDemand(second, 2)),)
    term.ends_on = D(2027, 3, 4)  # 6 half-days: the third topic (3) still waits
    term.save()
    (cohort,) = problem_for_term(term).cohorts
    assert cohort.modules == ((TopicDemand(first, 2), TopicDemand(second, 2)),)
    term.ends_on = D(2027, 3, 5)  # 8 half-days: everything
    term.save()
    (cohort,) = problem_for_term(term).cohorts
    assert cohort.modules[1] == (TopicDemand(third, 3),)
    # Topics in order: a topic that does not fit stops the part, even if a
    # later one would.
    world["topics"][0].lecture_periods = 30
    world["topics"][0].save()
    term.ends_on = D(2027, 3, 3)
    term.save()
    (cohort,) = problem_for_term(term).cohorts
    assert cohort.modules == ()


def test_cohort_dates_size_site_and_study_days(world):
    cohort = world["cohort"]
    cohort.study_weekdays = [5, 6]
    cohort.starts_on = D(2027, 3, 3)
    cohort.save()
    (found,) = problem_for_term(world["term"]).cohorts
    assert (found.id, found.code, found.site_id) == (
        cohort.pk,
        "K63A",
        world["sites"][0].pk,
    )
    assert found.size == 45  # the planned size: nobody admitted yet
    assert found.study_weekdays == frozenset({5, 6})
    # Clipped to the term: the cohort runs until August.
    assert (found.starts_on, found.ends_on) == (D(2027, 3, 3), D(2027, 3, 12))


def test_term_dates_holidays_rooms_sites_and_travel(world):
    campus, off_site = world["sites"]
    Holiday.objects.create(date=D(2027, 3, 8), name="Nghỉ bù")
    Holiday.objects.create(date=D(2027, 3, 15), name="Sau đợt")
    world["rooms"][1].is_active = False
    world["rooms"][1].save()
    SiteTravel.objects.create(from_site=campus, to_site=off_site, half_days=2)
    problem = problem_for_term(world["term"])
    assert (problem.first_day, problem.last_day) == (D(2027, 3, 1), D(2027, 3, 12))
    assert problem.holidays == frozenset({D(2027, 3, 8)})
    # Only the cohorts' site, and only its active rooms.
    assert [s.id for s in problem.sites] == [campus.pk]
    assert [(r.id, r.capacity) for r in problem.rooms] == [(world["rooms"][0].pk, 60)]
    assert problem.travel == {}
    # A cohort at the off-site location brings that site and its rooms instead.
    world["cohort"].site = off_site
    world["cohort"].save()
    problem = problem_for_term(world["term"])
    assert [s.id for s in problem.sites] == [off_site.pk]
    assert [r.id for r in problem.rooms] == [world["rooms"][2].pk]


def test_lecturers_topics_unavailability_and_share(world):
    first, second, third = world["topics"]
    ha, nam, tuan = world["lecturers"]
    nam.topics.set([first])
    nam.preferred_topics.set([first, second])
    UnavailabilityFactory(
        lecturer=ha,
        starts_on=D(2027, 2, 26),
        ends_on=D(2027, 3, 1),
        part=Unavailability.Part.WHOLE_DAY,
    )
    UnavailabilityFactory(
        lecturer=nam,
        starts_on=D(2027, 3, 10),
        ends_on=D(2027, 3, 11),
        part=Unavailability.Part.AFTERNOON,
    )
    UnavailabilityFactory(lecturer=tuan, starts_on=D(2027, 4, 1), ends_on=D(2027, 4, 2))
    LecturerFactory(school=ha.school, is_active=False)
    LecturerFactory()  # another school
    problem = problem_for_term(world["term"])
    by_id = {lecturer.id: lecturer for lecturer in problem.lecturers}
    assert set(by_id) == {ha.pk, nam.pk, tuan.pk}
    assert by_id[ha.pk].unavailable == {
        Slot(D(2027, 3, 1), MORNING),
        Slot(D(2027, 3, 1), AFTERNOON),
    }
    assert by_id[nam.pk].unavailable == {
        Slot(D(2027, 3, 10), AFTERNOON),
        Slot(D(2027, 3, 11), AFTERNOON),
    }
    assert by_id[tuan.pk].unavailable == frozenset()
    assert by_id[nam.pk].topic_ids == {first.pk}
    assert by_id[nam.pk].preferred_topic_ids == {first.pk, second.pk}
    assert by_id[ha.pk].topic_ids == {first.pk, second.pk, third.pk}
    assert by_id[ha.pk].name == "Trần Thị Hà"
    # 7 sessions shared by 3 lecturers, rounded up.
    assert {lecturer.norm_sessions for lecturer in problem.lecturers} == {3}


def _published(world, term, topic, index, day, half, lecturer, *, fixed=False):
    return TeachingSession.objects.create(
        school=term.school,
        term=term,
        cohort=world["cohort"],
        topic=topic,
        index=index,
        date=day,
        half_day=half,
        lecturer=lecturer,
        room=world["rooms"][0],
        is_fixed=fixed,
    )


def test_published_sessions_are_the_warm_start_and_fixed_ones_stay(world):
    term, (first, *_rest) = world["term"], world["topics"]
    ha, nam, _tuan = world["lecturers"]
    _published(world, term, first, 1, D(2027, 3, 1), 0, ha, fixed=True)
    _published(world, term, first, 2, D(2027, 3, 2), 1, nam)
    problem = problem_for_term(term)
    room = world["rooms"][0].pk
    cohort = world["cohort"].pk
    fixed = Session(cohort, first.pk, 1, D(2027, 3, 1), MORNING, ha.pk, room)
    assert problem.fixed == (fixed,)
    assert problem.warm_start == (
        fixed,
        Session(cohort, first.pk, 2, D(2027, 3, 2), AFTERNOON, nam.pk, room),
    )


def test_other_terms_take_taught_sessions_and_book_their_half_days(world):
    term, (first, *_rest) = world["term"], world["topics"]
    ha = world["lecturers"][0]
    earlier = Term.objects.create(
        school=term.school,
        name="Đợt trước",
        starts_on=D(2027, 2, 1),
        ends_on=D(2027, 3, 5),
    )
    _published(world, earlier, first, 1, D(2027, 2, 22), 0, ha)
    _published(world, earlier, first, 2, D(2027, 3, 5), 1, ha)
    problem = problem_for_term(term)
    (cohort,) = problem.cohorts
    # Both sessions of the first topic were taught in the earlier term.
    assert [d.topic_id for d in cohort.modules[0]] == [world["topics"][1].pk]
    assert problem.warm_start == ()
    (found,) = [lecturer for lecturer in problem.lecturers if lecturer.id == ha.pk]
    assert found.unavailable == frozenset()
    # The session inside this term's dates books the cohort, lecturer and room.
    (booking,) = problem.booked
    assert (booking.slot, booking.cohort_id, booking.lecturer_id, booking.room_id) == (
        Slot(D(2027, 3, 5), AFTERNOON),
        world["cohort"].pk,
        ha.pk,
        world["rooms"][0].pk,
    )


@pytest.mark.parametrize(
    ("periods", "position", "expected"),
    [
        ((10, 0, 0, 0), 1, ("lecture", 5)),
        ((10, 5, 0, 0), 3, ("discussion", 5)),
        ((7, 5, 0, 0), 2, ("discussion", 5)),  # 2 lecture + 3 discussion tiết
        ((8, 4, 0, 0), 2, ("lecture", 5)),  # 3 lecture + 2 discussion tiết
        ((5, 0, 2, 0), 2, ("practice", 2)),
        ((0, 0, 0, 10), 2, ("field_study", 5)),
        ((5, 0, 0, 0), 2, ("lecture", 5)),  # beyond the topic: a full lecture
    ],
)
def test_session_kind_follows_the_topics_periods(world, periods, position, expected):
    topic = world["topics"][0]
    (
        topic.lecture_periods,
        topic.discussion_periods,
        topic.practice_periods,
        topic.field_study_periods,
    ) = periods
    assert session_kind(topic, position) == expected
