"""Everything already published is a booking for the engine: a second
term beside a published one, and a cohort in two terms, on a fresh school (the
shared test world, not the demo)."""

import datetime
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daotao.core.access import Role
from daotao.teaching import scheduling as engine
from daotao.teaching.models import ScheduleRun, SiteTravel, TeachingSession, Term
from daotao.teaching.services import scheduling as services
from daotao.tests.support.school_world import FreshSchool

pytestmark = pytest.mark.django_db
Status = ScheduleRun.Status
D = datetime.date
TERM_START = D(2027, 3, 1)


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def run_and_publish(term, office, capture, *, publish=True):
    with capture(execute=True):
        run = services.schedule_run_start(
            actor=office, term=term, time_limit_seconds=10
        )
    run.refresh_from_db()
    assert run.status == Status.DONE, run.explanation
    if publish:
        services.schedule_publish(actor=office, run=run)
    return run


def second_cohort(world, *, code="K64A", starts_on=TERM_START):
    """A second class of the same plan and version, at the same campus (its rooms
    and the world's lecturers shared)."""
    return FreshSchool(world["cohort"].school).cohort(
        world["version"],
        code=code,
        name=f"Trung cấp lý luận chính trị {code}",
        plan=world["cohort"].planned_class.plan,
        site=world["sites"][0],
        starts_on=starts_on,
        ends_on=D(2027, 8, 31),
    )


def published_rows():
    return list(
        TeachingSession.objects.filter(run=None).values_list(
            "cohort_id", "lecturer_id", "room_id", "date", "half_day"
        )
    )


def assert_no_clash(rows):
    for position in (0, 1, 2):  # cohort, lecturer, room
        counts = Counter(
            (row[position], row[3], row[4]) for row in rows if row[position]
        )
        assert max(counts.values(), default=1) == 1


def test_a_second_term_sharing_the_only_room_and_lecturers_publishes_beside_the_first(
    world, office, django_capture_on_commit_callbacks
):
    """K63A's term is published; K64A (45 learners: only Phòng 201 fits) studies
    in a term over the same weeks with the same three lecturers. Its draft keeps
    clear of every published half-day of the room and lecturers, and publishes."""
    capture = django_capture_on_commit_callbacks
    run_and_publish(world["term"], office, capture)
    first_rows = published_rows()
    assert len(first_rows) == 7
    cohort = second_cohort(world)
    later = Term.objects.create(
        school=world["term"].school,
        name="Lớp K64A",
        starts_on=D(2027, 3, 1),
        ends_on=D(2027, 3, 12),
    )
    later.cohorts.add(cohort)
    problem = services.problem_for_term(later)
    assert len(problem.booked) == 7
    assert {b.cohort_code for b in problem.booked} == {"K63A"}
    run = run_and_publish(later, office, capture)
    draft = [services.engine_session(s) for s in run.sessions.all()]
    assert engine.validate(problem, draft) == []
    rows = published_rows()
    assert len(rows) == 14
    assert set(first_rows) <= set(rows)
    assert_no_clash(rows)


def test_bookings_name_the_published_session_and_block_travel(world, office):
    """A published session of another term books its cohort, lecturer and room;
    validate names it, and a lecturer's session at a site a day away is refused
    in the neighbouring half-day too."""
    campus, off_site = world["sites"]
    SiteTravel.objects.create(from_site=campus, to_site=off_site, half_days=2)
    ha = world["lecturers"][0]
    other = Term.objects.create(
        school=world["term"].school,
        name="Lớp huyện",
        starts_on=D(2027, 3, 1),
        ends_on=D(2027, 3, 12),
    )
    away = second_cohort(world, code="K64H")
    away.site = off_site
    away.save()
    booked = TeachingSession.objects.create(
        school=other.school,
        term=other,
        cohort=away,
        topic=world["topics"][0],
        date=D(2027, 3, 2),
        half_day=0,
        lecturer=ha,
        room=world["rooms"][2],
    )
    problem = services.problem_for_term(world["term"])
    (booking,) = problem.booked
    assert booking == engine.Booking(
        day=D(2027, 3, 2),
        half=engine.HalfDay.MORNING,
        cohort_id=away.pk,
        lecturer_id=ha.pk,
        room_id=world["rooms"][2].pk,
        site_id=off_site.pk,
        cohort_code="K64H",
        topic_name="Chủ nghĩa duy vật biện chứng",
        session_id=booked.pk,
    )
    cohort, topic, room = world["cohort"].pk, world["topics"][0].pk, world["rooms"][0]
    same = engine.Session(
        cohort, topic, 1, D(2027, 3, 2), engine.HalfDay.MORNING, ha.pk, room.pk
    )
    after = engine.Session(
        cohort, topic, 1, D(2027, 3, 2), engine.HalfDay.AFTERNOON, ha.pk, room.pk
    )
    (clash,) = engine.conflicts_for(problem, [], same)
    assert clash.kind is engine.ViolationKind.LECTURER_DOUBLE_BOOKED
    assert clash.bookings == (booking,)
    assert clash.message == (
        "Giảng viên Trần Thị Hà đã có buổi dạy trong lịch đã công bố (lớp K64H, "
        "chuyên đề Chủ nghĩa duy vật biện chứng, sáng 02/03/2027)."
    )
    (travel,) = engine.conflicts_for(problem, [], after)
    assert travel.kind is engine.ViolationKind.TRAVEL
    schedule = engine.solve(problem, time_limit_s=10, workers=1)
    assert schedule.status.has_schedule
    assert engine.validate(problem, schedule) == []
    assert not any(
        s.lecturer_id == ha.pk and s.day == D(2027, 3, 2) for s in schedule.sessions
    )


def test_a_cohort_in_two_terms_gets_only_its_remaining_topics(
    world, office, django_capture_on_commit_callbacks
):
    """K63A's first module is published in March; a term of April holding K63A
    again schedules only the second module, and none of K63A's half-days twice."""
    capture = django_capture_on_commit_callbacks
    first, second, third = world["topics"]
    term = world["term"]
    term.ends_on = D(2027, 3, 2)  # 4 half-days: the first module only
    term.save()
    run_and_publish(term, office, capture)
    april = Term.objects.create(
        school=term.school,
        name="Tháng 4",
        starts_on=D(2027, 3, 1),
        ends_on=D(2027, 3, 12),
    )
    april.cohorts.add(world["cohort"])
    (cohort,) = services.problem_for_term(april).cohorts
    assert cohort.modules == ((engine.TopicDemand(third.pk, 3),),)
    # The programme's order holds across terms: after the first module's last day.
    assert cohort.starts_on == D(2027, 3, 3)
    run_and_publish(april, office, capture)
    counts = Counter(
        TeachingSession.objects.filter(run=None).values_list("topic_id", flat=True)
    )
    assert counts == {first.pk: 2, second.pk: 2, third.pk: 3}
    assert_no_clash(published_rows())
    # A third term holding K63A has nothing left to schedule for it.
    may = Term.objects.create(
        school=term.school,
        name="Tháng 5",
        starts_on=D(2027, 3, 1),
        ends_on=D(2027, 3, 12),
    )
    may.cohorts.add(world["cohort"])
    (cohort,) = services.problem_for_term(may).cohorts
    assert cohort.modules == ()


def test_a_cohort_in_two_drafts_is_never_doubled(
    world, office, django_capture_on_commit_callbacks
):
    """Two unpublished terms both hold K63A: the first published wins, the other
    draft is refused (it would teach K63A's topics twice) and nothing changes."""
    capture = django_capture_on_commit_callbacks
    term = world["term"]
    twin = Term.objects.create(
        school=term.school,
        name="Trùng",
        starts_on=D(2027, 3, 1),
        ends_on=D(2027, 3, 12),
    )
    twin.cohorts.add(world["cohort"])
    first = run_and_publish(term, office, capture, publish=False)
    second = run_and_publish(twin, office, capture, publish=False)
    services.schedule_publish(actor=office, run=second)
    before = published_rows()
    with pytest.raises(ValidationError):
        services.schedule_publish(actor=office, run=first)
    assert published_rows() == before
    assert len(before) == 7
    # Run again, the first term has nothing left for K63A.
    (cohort,) = services.problem_for_term(term).cohorts
    assert cohort.modules == ()


HALF_DAYS = [
    (TERM_START + datetime.timedelta(days=day), half)
    for day in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)
    for half in (0, 1)
]


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    travel=st.sampled_from([1, 2]),
    taken=st.lists(
        st.tuples(
            st.sampled_from(range(len(HALF_DAYS))),
            st.sampled_from(["K63B", "K63H"]),
            st.sampled_from([0, 1, 2, None]),  # a lecturer of the world, or none
        ),
        max_size=14,
        unique_by=lambda t: t[0],
    ),
)
def test_publishing_never_refuses_a_fresh_draft_beside_published_terms(
    world, office, travel, taken
):
    """Another term's published sessions (a campus cohort in Phòng 201/202, an
    off-site one a `travel` away, with the world's lecturers) on random half-days:
    a draft the engine completes is published as it is, without a clash."""
    campus, off_site = world["sites"]
    with transaction.atomic():
        SiteTravel.objects.create(from_site=campus, to_site=off_site, half_days=travel)
        other = Term.objects.create(
            school=world["term"].school,
            name="Đợt khác",
            starts_on=TERM_START,
            ends_on=D(2027, 3, 12),
        )
        cohorts = {"K63B": second_cohort(world, code="K63B")}
        cohorts["K63H"] = second_cohort(world, code="K63H")
        cohorts["K63H"].site = off_site
        cohorts["K63H"].save()
        for position, code, lecturer in taken:
            day, half = HALF_DAYS[position]
            TeachingSession.objects.create(
                school=other.school,
                term=other,
                cohort=cohorts[code],
                topic=world["topics"][position % 3],
                date=day,
                half_day=half,
                lecturer=None if lecturer is None else world["lecturers"][lecturer],
                room=world["rooms"][2 if code == "K63H" else position % 2],
            )
        run = services.schedule_run_start(
            actor=office, term=world["term"], time_limit_seconds=10
        )
        run = services.schedule_run_execute(run_id=run.pk)
        if run.status == Status.DONE:
            services.schedule_publish(actor=office, run=run)
            rows = published_rows()
            assert len(rows) == len(taken) + 7
            assert_no_clash(rows)
        else:
            assert run.explanation
        transaction.set_rollback(True)


def test_a_closed_room_is_booked_for_every_half_day_of_its_closure(
    world, office, django_capture_on_commit_callbacks
):
    """A room closed for part of the term (repairs) is a booking of that room
    alone on each closed half-day: the draft never uses it there."""
    from daotao.org.models import RoomClosure

    closed = world["rooms"][0]
    RoomClosure.objects.create(
        room=closed,
        starts_on=D(2027, 2, 26),  # before the term: only the term's days count
        ends_on=D(2027, 3, 3),
        reason="Sửa chữa",
    )
    problem = services.problem_for_term(world["term"])
    closures = [b for b in problem.booked if b.room_id == closed.pk]
    assert [(b.day, b.half, b.cohort_id, b.lecturer_id) for b in closures] == [
        (day, half, None, None)
        for day in (D(2027, 3, 1), D(2027, 3, 2), D(2027, 3, 3))
        for half in engine.HalfDay
    ]
    run = run_and_publish(
        world["term"], office, django_capture_on_commit_callbacks, publish=False
    )
    in_closed_days = run.sessions.filter(
        room=closed, date__range=(D(2027, 3, 1), D(2027, 3, 3))
    )
    assert run.sessions.count() == 7
    assert in_closed_days.count() == 0
