"""A run's draft against the published schedule (diff), and publishing it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.enrolment.models import Cohort
from daotao.faculty.tests.factories import LecturerFactory
from daotao.teaching.models import ScheduleRun, TeachingSession, Term, published_q
from daotao.teaching.selectors.scheduling import schedule_diff
from daotao.teaching.services import scheduling as services
from daotao.tests.support.school_world import FreshSchool

pytestmark = pytest.mark.django_db
Status = ScheduleRun.Status
D = datetime.date
FIELDS = (
    "pk",
    "cohort_id",
    "topic_id",
    "index",
    "kind",
    "date",
    "half_day",
    "periods",
    "lecturer_id",
    "room_id",
    "is_fixed",
)


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def session(world, *, run=None, term=None, topic=0, index=1, day, half=0, **extra):
    term = term or world["term"]
    values = {
        "school": term.school,
        "term": term,
        "run": run,
        "cohort": world["cohort"],
        "topic": world["topics"][topic],
        "index": index,
        "date": day,
        "half_day": half,
        "lecturer": world["lecturers"][0],
        "room": world["rooms"][0],
        **extra,
    }
    return TeachingSession.objects.create(**values)


def run_engine(world, office, capture):
    with capture(execute=True):
        run = services.schedule_run_start(
            actor=office, term=world["term"], time_limit_seconds=10
        )
    run.refresh_from_db()
    assert run.status == Status.DONE
    return run


def published(term):
    return list(
        TeachingSession.objects.published()
        .filter(term=term)
        .order_by("date", "half_day")
        .values_list(*FIELDS)
    )


def placements(sessions):
    return sorted(
        (s.cohort_id, s.topic_id, s.index, s.date, s.half_day, s.lecturer_id, s.room_id)
        for s in sessions
    )


def test_diff_lists_added_removed_and_moved_sessions_per_cohort(world, office):
    term, (_ha, nam, tuan) = world["term"], world["lecturers"]
    session(world, topic=0, index=1, day=D(2027, 3, 1))
    session(world, topic=0, index=2, day=D(2027, 3, 1), half=1)
    session(world, topic=1, index=1, day=D(2027, 3, 2), lecturer=nam)
    run = ScheduleRun.objects.create(
        school=term.school, term=term, created_by=office, status=Status.DONE
    )
    session(world, run=run, topic=0, index=1, day=D(2027, 3, 1))
    session(world, run=run, topic=0, index=2, day=D(2027, 3, 2), half=1)
    session(world, run=run, topic=2, index=1, day=D(2027, 3, 3), lecturer=tuan)
    (cohort,) = schedule_diff(run)
    assert cohort.code == "K63A"
    topics = [t.name for t in world["topics"]]
    assert [(s.topic, s.index, s.date, s.lecturer) for s in cohort.added] == [
        (topics[2], 1, D(2027, 3, 3), "Phạm Minh Tuấn")
    ]
    assert [(s.topic, s.index, s.date, s.lecturer) for s in cohort.removed] == [
        (topics[1], 1, D(2027, 3, 2), "Lê Văn Nam")
    ]
    ((before, after),) = cohort.moved
    assert (before.topic, before.index, before.date, before.half_day_label) == (
        topics[0],
        2,
        D(2027, 3, 1),
        "Chiều",
    )
    assert (after.date, after.half_day_label, after.room) == (
        D(2027, 3, 2),
        "Chiều",
        "Phòng 201",
    )
    # The unchanged first session is in none of the lists.
    assert len(cohort.added) + len(cohort.removed) + len(cohort.moved) == 3


def test_publish_replaces_non_fixed_sessions_and_keeps_fixed_ones(
    world, office, django_capture_on_commit_callbacks
):
    term = world["term"]
    fixed = session(world, topic=0, index=1, day=D(2027, 3, 1), is_fixed=True)
    old = session(
        world, topic=2, index=1, day=D(2027, 3, 12), half=1, kind="discussion"
    )
    run = run_engine(world, office, django_capture_on_commit_callbacks)
    assert run.sessions.filter(is_fixed=True).count() == 1
    services.schedule_publish(actor=office, run=run)
    run.refresh_from_db()
    assert (run.status, run.published_by) == (Status.PUBLISHED, office)
    assert run.published_at is not None
    now = TeachingSession.objects.filter(term=term, run=None)
    assert placements(now) == placements(run.sessions.all())
    kept = now.get(is_fixed=True)
    assert (kept.pk, kept.date, kept.half_day, kept.lecturer_id) == (
        fixed.pk,
        D(2027, 3, 1),
        0,
        fixed.lecturer_id,
    )
    assert not TeachingSession.objects.filter(pk=old.pk).exists()
    event = AuditEvent.objects.get(action="teaching.schedule_publish")
    assert (event.actor, event.object_id) == (office, str(run.pk))
    assert event.changes == {
        "status": ["done", "published"],
        "published_sessions": [2, 7],
    }


def test_publishing_the_same_schedule_again_keeps_every_row(
    world, office, django_capture_on_commit_callbacks
):
    term = world["term"]
    first = run_engine(world, office, django_capture_on_commit_callbacks)
    services.schedule_publish(actor=office, run=first)
    before = published(term)
    copy = ScheduleRun.objects.create(
        school=term.school, term=term, created_by=office, status=Status.DONE
    )
    for row in first.sessions.all():
        row.pk, row.run = None, copy
        row.save()
    services.schedule_publish(actor=office, run=copy)
    assert published(term) == before


def _refused(run, office, term, code):
    def state():
        run.refresh_from_db()
        audits = AuditEvent.objects.filter(action="teaching.schedule_publish").count()
        return published(term), audits, run.status

    before = state()
    with pytest.raises(ValidationError) as refused:
        services.schedule_publish(actor=office, run=run)
    assert state() == before
    assert refused.value.error_list[0].code == code
    return refused.value


def test_publish_refused_for_a_failed_run(world, office):
    term = world["term"]
    session(world, topic=0, index=1, day=D(2027, 3, 1))
    run = ScheduleRun.objects.create(
        school=term.school, term=term, created_by=office, status=Status.FAILED
    )
    error = _refused(run, office, term, "not_done")
    assert error.messages == [
        "Chỉ công bố được bản nháp đã xếp xong (lần xếp này: Không xếp được)."
    ]


def test_publish_refused_for_a_superseded_run(
    world, office, django_capture_on_commit_callbacks
):
    term = world["term"]
    first = run_engine(world, office, django_capture_on_commit_callbacks)
    run_engine(world, office, django_capture_on_commit_callbacks)
    _refused(first, office, term, "superseded")
    assert not TeachingSession.objects.filter(term=term, run=None).exists()


def test_publish_refused_when_data_changed_after_the_run(
    world, office, django_capture_on_commit_callbacks
):
    """A holiday declared after the run makes the draft invalid."""
    from daotao.teaching.models import Holiday

    term = world["term"]
    run = run_engine(world, office, django_capture_on_commit_callbacks)
    day = run.sessions.order_by("date").first().date
    Holiday.objects.create(date=day, name="Nghỉ đột xuất")
    error = _refused(run, office, term, "invalid")
    assert error.messages[0] == (
        "Bản nháp không còn hợp lệ với dữ liệu hiện tại; hãy xếp lại."
    )


def _other_cohort(world):
    return FreshSchool(world["cohort"].school).cohort(
        world["version"],
        code="K63B",
        class_code="TC-2027-02",
        name="Lớp K63B",
        plan=world["cohort"].planned_class.plan,
        site=world["sites"][0],
        planned_size=30,
        starts_on=D(2027, 3, 1),
        ends_on=D(2027, 8, 31),
    )


@pytest.mark.parametrize("clash", ["room", "lecturer"])
def test_publish_refuses_a_draft_made_stale_naming_the_clashing_session(
    world, office, django_capture_on_commit_callbacks, clash
):
    """Another term's session published after the run takes a half-day, a room or
    lecturer of the draft: publishing is refused, nothing is published, and the
    message names the published session (date, half-day, cohort, room or lecturer)."""
    term = world["term"]
    run = run_engine(world, office, django_capture_on_commit_callbacks)
    taken = run.sessions.order_by("date", "half_day").first()
    other = Term.objects.create(
        school=term.school,
        name="Lớp K63B",
        starts_on=D(2027, 3, 1),
        ends_on=D(2027, 3, 5),
    )
    stranger = LecturerFactory(school=term.school)
    published_later = TeachingSession.objects.create(
        school=term.school,
        term=other,
        cohort=_other_cohort(world),
        topic=world["topics"][2],
        date=taken.date,
        half_day=taken.half_day,
        lecturer=taken.lecturer if clash == "lecturer" else stranger,
        room=taken.room if clash == "room" else world["rooms"][1],
    )
    error = _refused(run, office, term, "clash")
    shared = (
        f"phòng {taken.room.name}"
        if clash == "room"
        else f"giảng viên {taken.lecturer.person.full_name}"
    )
    half = "Sáng" if taken.half_day == 0 else "Chiều"
    weekday = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu"][
        taken.date.weekday()
    ]
    assert error.messages == [
        f"{half} {weekday} {taken.date:%d/%m/%Y}: {shared} đã có buổi học của lớp "
        "K63B (chuyên đề Công tác tổ chức, cán bộ, đợt Lớp K63B) trong lịch đã công "
        f"bố; bản nháp lại xếp vào đó buổi {taken.index} chuyên đề "
        f"{taken.topic.name} của lớp K63A."
    ]
    assert [c.session_id for c in error.clashes] == [published_later.pk]
    assert not TeachingSession.objects.filter(term=term, run=None).exists()


def test_publish_page_links_the_clashing_session(
    world, office, client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    term = world["term"]
    run = run_engine(world, office, django_capture_on_commit_callbacks)
    taken = run.sessions.order_by("date", "half_day").first()
    other = Term.objects.create(
        school=term.school,
        name="Lớp K63B",
        starts_on=D(2027, 3, 1),
        ends_on=D(2027, 3, 5),
    )
    published_later = TeachingSession.objects.create(
        school=term.school,
        term=other,
        cohort=_other_cohort(world),
        topic=world["topics"][2],
        date=taken.date,
        half_day=taken.half_day,
        lecturer=LecturerFactory(school=term.school),
        room=taken.room,
    )
    client.force_login(office)
    response = client.post(
        reverse("teaching:run-publish", args=[run.pk]), {"confirm": "yes"}, follow=True
    )
    page = response.content.decode()
    link = reverse("teaching:session-move", args=[published_later.pk])
    assert f'<a href="{link}">Xem buổi này</a>' in page
    assert "từ lúc xếp đến nay lịch đã công bố có buổi trùng với bản nháp" in page
    run.refresh_from_db()
    assert run.status == Status.DONE
    assert not TeachingSession.objects.filter(term=term, run=None).exists()


def test_the_database_still_refuses_a_double_booking_the_checks_missed(
    world, office, django_capture_on_commit_callbacks, monkeypatch
):
    """The unique constraints are the last guard: a clash the checks let through
    is refused with the general message and nothing is published."""
    from daotao.teaching.services.scheduling import publish

    term = world["term"]
    run = run_engine(world, office, django_capture_on_commit_callbacks)
    taken = run.sessions.order_by("date", "half_day").first()
    other = Term.objects.create(
        school=term.school,
        name="Lớp K63B",
        starts_on=D(2027, 3, 1),
        ends_on=D(2027, 3, 5),
    )
    TeachingSession.objects.create(
        school=term.school,
        term=other,
        cohort=_other_cohort(world),
        topic=taken.topic,
        date=taken.date,
        half_day=taken.half_day,
        lecturer=LecturerFactory(school=term.school),
        room=taken.room,
    )
    monkeypatch.setattr(publish, "_check_publishable", lambda run: None)
    error = _refused(run, office, term, "double_booked")
    assert error.messages == [
        "Không công bố được: bản nháp trùng với lịch đã công bố (một giảng viên, "
        "phòng hoặc lớp có hai buổi cùng lúc). Hãy xếp lại."
    ]
    assert not TeachingSession.objects.filter(term=term, run=None).exists()


def test_only_schedule_managers_publish(
    world, office, make_user, django_capture_on_commit_callbacks
):
    term = world["term"]
    run = run_engine(world, office, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        services.schedule_publish(actor=make_user(Role.LEADERSHIP), run=run)
    run.refresh_from_db()
    assert run.status == Status.DONE
    assert not TeachingSession.objects.filter(term=term, run=None).exists()


def test_published_leaves_a_runs_draft_out_on_every_path(world, office):
    """`objects.published()` and `published_q(through)` are the one spelling of
    "on the published schedule", from sessions and from the rows that reach them."""
    term = world["term"]
    kept = session(world, topic=0, index=1, day=D(2027, 3, 1))
    run = ScheduleRun.objects.create(
        school=term.school, term=term, created_by=office, status=Status.DONE
    )
    session(world, run=run, topic=0, index=1, day=D(2027, 3, 2))
    assert TeachingSession.objects.count() == 2
    assert list(TeachingSession.objects.published()) == [kept]
    assert list(term.sessions.published()) == [kept]
    cohorts = Cohort.objects.filter(published_q("sessions")).distinct()
    assert list(cohorts) == [world["cohort"]]
    assert list(Cohort.objects.filter(sessions__run=run)) == [world["cohort"]]
    assert not Cohort.objects.filter(
        published_q("sessions"), sessions__date=D(2027, 3, 2)
    ).exists()
