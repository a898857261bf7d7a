"""Running the engine as a background task (immediate backend in tests): a queued
run becomes a draft that `validate` accepts, or fails with the explanation."""

import datetime
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.teaching import scheduling as engine
from daotao.teaching.models import ScheduleRun, TeachingSession
from daotao.teaching.services import scheduling as services
from daotao.teaching.services.scheduling import runs

pytestmark = pytest.mark.django_db
Status = ScheduleRun.Status


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def start(term, actor, capture, seconds=10):
    with capture(execute=True):
        run = services.schedule_run_start(
            actor=actor, term=term, time_limit_seconds=seconds
        )
    run.refresh_from_db()
    return run


def test_a_run_produces_a_valid_draft_matching_the_demands(
    world, office, django_capture_on_commit_callbacks
):
    term = world["term"]
    run = start(term, office, django_capture_on_commit_callbacks)
    assert (run.status, run.progress) == (Status.DONE, 100)
    assert run.started_at is not None and run.finished_at is not None
    problem = services.problem_for_term(term)
    draft = [services.engine_session(s) for s in run.sessions.all()]
    assert engine.validate(problem, draft) == []
    first, second, third = world["topics"]
    cohort = world["cohort"].pk
    counts = Counter((s.cohort_id, s.topic_id) for s in draft)
    assert counts == {
        (cohort, first.pk): 2,
        (cohort, second.pk): 2,
        (cohort, third.pk): 3,
    }
    assert run.penalty == engine.score(problem, draft).total
    assert set(run.penalty_parts) == {
        "split_topics",
        "overload",
        "load_deviation",
        "site_changes",
        "preferences",
    }
    # Kinds and periods follow the topics: 5 + 5 tiết is a lecture and a discussion.
    kinds = list(
        run.sessions.filter(topic=second)
        .order_by("index")
        .values_list("kind", "periods")
    )
    assert kinds == [("lecture", 5), ("discussion", 5)]
    assert set(run.sessions.values_list("term_id", "school_id", "is_fixed")) == {
        (term.pk, term.school_id, False)
    }
    # Nothing is published by a run.
    assert not TeachingSession.objects.filter(run=None).exists()
    assert AuditEvent.objects.filter(
        action="teaching.schedule_run_start", object_id=str(run.pk)
    ).exists()


def test_the_task_leaves_a_run_that_is_not_queued_alone(
    world, office, django_capture_on_commit_callbacks
):
    run = start(world["term"], office, django_capture_on_commit_callbacks)
    before = (run.status, run.finished_at, run.sessions.count())
    assert services.schedule_run_execute(run_id=run.pk) is None
    run.refresh_from_db()
    assert (run.status, run.finished_at, run.sessions.count()) == before


def test_progress_is_written_while_the_engine_runs(
    world, office, monkeypatch, django_capture_on_commit_callbacks
):
    real_solve = engine.solve
    monkeypatch.setattr(runs, "PROGRESS_INTERVAL_SECONDS", 0.05)

    def slow_solve(problem, **kwargs):
        import time

        time.sleep(0.5)
        return real_solve(problem, **kwargs)

    monkeypatch.setattr(engine, "solve", slow_solve)
    with CaptureQueriesContext(connection) as queries:
        run = start(world["term"], office, django_capture_on_commit_callbacks, 10)
    progress_updates = [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].startswith("UPDATE") and '"progress"' in q["sql"]
    ]
    # The claim, a few progress writes (1 %, 2 %, ...) and the finish.
    assert len(progress_updates) >= 3
    assert (run.status, run.progress) == (Status.DONE, 100)


def test_an_infeasible_term_fails_with_the_explanation(
    world, office, django_capture_on_commit_callbacks
):
    for lecturer in world["lecturers"]:
        lecturer.topics.clear()
    run = start(world["term"], office, django_capture_on_commit_callbacks)
    assert run.status == Status.FAILED
    assert run.explanation.splitlines() == [
        f"Không có giảng viên nào dạy được chuyên đề {topic.name}."
        for topic in world["topics"]
    ]
    assert run.penalty is None
    assert not run.sessions.exists()


def test_a_term_too_short_gives_a_draft_listing_what_is_left(
    world, office, django_capture_on_commit_callbacks
):
    """A cohort that ends inside the term must finish its programme there: the
    engine places what the term holds and the run lists the rest, naming why."""
    term, cohort = world["term"], world["cohort"]
    term.ends_on = cohort.ends_on = datetime.date(2027, 3, 2)  # 4 half-days for 7
    term.save()
    cohort.save()
    run = start(term, office, django_capture_on_commit_callbacks)
    assert run.status == Status.DONE
    assert run.explanation == (
        "Lớp K63A không đủ buổi học để xếp hết chương trình trước ngày 02/03/2027: "
        "cần 7 buổi, chỉ có 4 buổi học."
    )
    assert run.sessions.count() == 4
    assert run.unplaced == [
        {
            "cohort_id": cohort.pk,
            "cohort": "K63A",
            "topic_id": world["topics"][2].pk,
            "topic": "Công tác tổ chức, cán bộ",
            "module": "Xây dựng Đảng",
            "count": 3,
            "reason": "Chưa xếp 3 buổi chuyên đề Công tác tổ chức, cán bộ của lớp "
            "K63A: lớp không còn buổi học trống đến ngày 02/03/2027.",
        }
    ]


def test_a_second_run_is_refused_while_one_is_queued(world, office):
    term = world["term"]
    ScheduleRun.objects.create(school=term.school, term=term, created_by=office)
    with pytest.raises(ValidationError) as refused:
        services.schedule_run_start(actor=office, term=term, time_limit_seconds=10)
    assert refused.value.messages == ["Đợt này đang có một lần xếp lịch chưa xong."]
    assert term.runs.count() == 1


@pytest.mark.parametrize("seconds", [9, 601])
def test_the_time_limit_is_bounded(world, office, seconds):
    with pytest.raises(ValidationError):
        services.schedule_run_start(
            actor=office, term=world["term"], time_limit_seconds=seconds
        )
    assert not ScheduleRun.objects.exists()


def test_only_schedule_managers_start_runs(world, make_user):
    with pytest.raises(PermissionDenied):
        services.schedule_run_start(
            actor=make_user(Role.FACULTY_HEAD),
            term=world["term"],
            time_limit_seconds=10,
        )
    assert not ScheduleRun.objects.exists()
    assert not AuditEvent.objects.filter(action="teaching.schedule_run_start").exists()


def _dead_run(term, actor, *, silent_for, progress=37):
    """A run a worker took and then stopped beating `silent_for` ago."""
    from django.utils import timezone

    last_beat = timezone.now() - silent_for
    return ScheduleRun.objects.create(
        school=term.school,
        term=term,
        created_by=actor,
        status=Status.RUNNING,
        progress=progress,
        started_at=last_beat - datetime.timedelta(minutes=2),
        heartbeat_at=last_beat,
    )


def _moment(value):
    from django.utils import timezone

    local = timezone.localtime(value)
    return f"{local:%H:%M} {local:%d/%m/%Y}"


def test_a_run_whose_worker_stopped_is_failed_and_a_new_run_starts_at_once(
    world, office, django_capture_on_commit_callbacks
):
    term = world["term"]
    dead = _dead_run(term, office, silent_for=datetime.timedelta(minutes=4))
    new = start(term, office, django_capture_on_commit_callbacks)
    dead.refresh_from_db()
    assert (dead.status, dead.progress) == (Status.FAILED, 100)
    assert dead.finished_at is not None
    assert dead.explanation == (
        f"Tiến trình nền đã dừng giữa chừng (báo lần cuối lúc "
        f"{_moment(dead.heartbeat_at)}, ở 37%). Hãy chạy lại."
    )
    assert new.status == Status.DONE and new.sessions.count() == 7


def test_a_run_that_beat_recently_still_blocks_a_new_run(world, office):
    term = world["term"]
    alive = _dead_run(term, office, silent_for=datetime.timedelta(minutes=2))
    with pytest.raises(ValidationError) as refused:
        services.schedule_run_start(actor=office, term=term, time_limit_seconds=10)
    assert refused.value.messages == ["Đợt này đang có một lần xếp lịch chưa xong."]
    alive.refresh_from_db()
    assert (alive.status, alive.explanation) == (Status.RUNNING, "")
    assert term.runs.count() == 1


def test_a_queued_run_no_worker_took_is_failed_after_the_queue_limit(world, office):
    from django.utils import timezone

    term = world["term"]
    queued = ScheduleRun.objects.create(
        school=term.school, term=term, created_by=office
    )
    waited = timezone.now() - datetime.timedelta(minutes=16)
    ScheduleRun.objects.filter(pk=queued.pk).update(created_at=waited)
    assert services.schedule_runs_recover() == 1
    queued.refresh_from_db()
    assert queued.status == Status.FAILED
    assert queued.explanation == (
        f"Không có tiến trình nền nào nhận việc này sau 15 phút (xếp hàng từ "
        f"{_moment(waited)}). Hãy chạy lại; nếu vẫn vậy, báo quản trị hệ thống "
        "kiểm tra tiến trình nền."
    )


def test_the_recover_jobs_command_fails_dead_runs(world, office):
    from io import StringIO

    from django.core.management import call_command

    dead = _dead_run(world["term"], office, silent_for=datetime.timedelta(minutes=9))
    out = StringIO()
    call_command("recover_jobs", stdout=out)
    assert out.getvalue().strip() == "1"
    dead.refresh_from_db()
    assert dead.status == Status.FAILED


class _Partial:
    """The engine's PARTIAL status (by value, as the run reads it)."""

    has_schedule = False

    def __str__(self) -> str:
        return "partial"


def test_a_partial_answer_that_placed_nothing_is_a_failure(
    world, office, monkeypatch, django_capture_on_commit_callbacks
):
    from types import SimpleNamespace

    def nothing_placed(run, problem):
        return SimpleNamespace(
            status=_Partial(),
            sessions=(),
            penalty=None,
            explanations=(SimpleNamespace(message="Không có giảng viên nào."),),
            unplaced=(),
        )

    monkeypatch.setattr(runs, "_solve_with_progress", nothing_placed)
    run = start(world["term"], office, django_capture_on_commit_callbacks)
    assert (run.status, run.explanation) == (Status.FAILED, "Không có giảng viên nào.")
    assert (run.unplaced, run.sessions.count()) == ([], 0)


def test_a_worker_that_outlives_its_watchdog_does_not_overwrite_the_failure(
    world, office, monkeypatch, django_capture_on_commit_callbacks
):
    """The watchdog failed the run while the engine was still solving: the late
    result is dropped, no draft is written and the failure stays."""

    def solve_then_find_the_run_failed(run, problem):
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=Status.FAILED,
            explanation="watchdog",
            finished_at=runs.timezone.now(),
        )
        return engine.solve(problem, time_limit_s=10, workers=1)

    monkeypatch.setattr(runs, "_solve_with_progress", solve_then_find_the_run_failed)
    run = start(world["term"], office, django_capture_on_commit_callbacks)
    assert (run.status, run.explanation) == (Status.FAILED, "watchdog")
    assert not run.sessions.exists()
    assert run.penalty is None


def test_a_partial_answer_is_a_draft_listing_what_is_left(
    world, office, monkeypatch, django_capture_on_commit_callbacks
):
    from types import SimpleNamespace

    real = runs._solve_with_progress
    third = world["topics"][2]
    reason = "Các giảng viên dạy được chuyên đề này đều bận vào các buổi lớp còn trống."

    def partial(run, problem):
        whole = real(run, problem)
        return SimpleNamespace(
            status=_Partial(),
            sessions=tuple(
                s for s in whole.sessions if (s.topic_id, s.index) != (third.pk, 3)
            ),
            penalty=whole.penalty,
            explanations=(SimpleNamespace(message="Lớp K63A thiếu buổi học."),),
            unplaced=(
                SimpleNamespace(
                    cohort_id=world["cohort"].pk,
                    topic_id=third.pk,
                    sessions=1,
                    reason=reason,
                ),
            ),
        )

    monkeypatch.setattr(runs, "_solve_with_progress", partial)
    run = start(world["term"], office, django_capture_on_commit_callbacks)
    assert (run.status, run.explanation) == (Status.DONE, "Lớp K63A thiếu buổi học.")
    assert run.sessions.count() == 6
    assert run.unplaced == [
        {
            "cohort_id": world["cohort"].pk,
            "cohort": "K63A",
            "topic_id": third.pk,
            "topic": "Công tác tổ chức, cán bộ",
            "module": "Xây dựng Đảng",
            "count": 1,
            "reason": reason,
        }
    ]
