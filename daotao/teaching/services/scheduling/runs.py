"""Terms and runs of the engine: a queued run, the background task's work
(progress, the draft), and its end (done or failed with the explanation)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core import jobs
from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.enrolment.models import Cohort
from daotao.programs.models import Topic
from daotao.teaching import scheduling as engine
from daotao.teaching.models import ScheduleRun, TeachingSession, Term

from .engine_input import problem_for_term, session_kind, sessions_needed

SOLVER_WORKERS = 2  # the 2-core machines the school runs on
PROGRESS_INTERVAL_SECONDS = 1.0
TIME_LIMIT_RANGE = (10, 600)
MANAGE = "teaching.manage_schedule"
RunStatus = ScheduleRun.Status


def term_create(
    *,
    actor: Actor,
    school_id: int,
    name: str,
    starts_on: date,
    ends_on: date,
    cohorts: Iterable[Cohort],
) -> Term:
    """A term of the actor's school holding `cohorts` (all of that school)."""
    require_scope(actor, MANAGE, school_id=school_id)
    cohorts = list(cohorts)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})
    if any(cohort.school_id != school_id for cohort in cohorts):
        raise ValidationError({"cohorts": [_("Chỉ chọn các lớp của Trường.")]})
    with transaction.atomic():
        term = Term.objects.create(
            school_id=school_id, name=name, starts_on=starts_on, ends_on=ends_on
        )
        term.cohorts.set(cohorts)
        audit_record(
            actor=actor,
            action="teaching.term_create",
            instance=term,
            changes={"cohorts": [None, sorted(c.code for c in cohorts)]},
        )
    return term


def _refuse_if_in_use(term: Term, doing: str) -> None:
    """A term is in use once the engine has run for it or it has sessions (a draft
    or the published schedule): it is then kept as it is."""
    sessions = term.sessions.count()
    runs = term.runs.count()
    if sessions or runs:
        raise ValidationError(
            _(
                "Không %(doing)s được đợt “%(name)s”: đợt đã có %(runs)d lần xếp lịch "
                "và %(sessions)d buổi học. Chỉ %(doing)s được đợt chưa xếp lịch."
            )
            % {"doing": doing, "name": term.name, "runs": runs, "sessions": sessions},
            code="in_use",
        )


def term_update(
    *,
    actor: Actor,
    term: Term,
    name: str,
    starts_on: date,
    ends_on: date,
    cohorts: Iterable[Cohort],
) -> Term:
    """Correct a term made by mistake (its name, dates, cohorts) while nothing uses
    it yet; refused, writing nothing, once it has runs or sessions."""
    require_scope(actor, MANAGE, school_id=term.school_id)
    cohorts = list(cohorts)
    if ends_on < starts_on:
        raise ValidationError({"ends_on": [_("Ngày kết thúc phải sau ngày bắt đầu.")]})
    if any(cohort.school_id != term.school_id for cohort in cohorts):
        raise ValidationError({"cohorts": [_("Chỉ chọn các lớp của Trường.")]})
    with transaction.atomic():
        current = Term.objects.select_for_update().get(pk=term.pk)
        _refuse_if_in_use(current, _("sửa"))
        before = {
            "name": current.name,
            "starts_on": str(current.starts_on),
            "ends_on": str(current.ends_on),
            "cohorts": sorted(c.code for c in current.cohorts.all()),
        }
        current.name, current.starts_on, current.ends_on = name, starts_on, ends_on
        current.save()
        current.cohorts.set(cohorts)
        after = {
            "name": name,
            "starts_on": str(starts_on),
            "ends_on": str(ends_on),
            "cohorts": sorted(c.code for c in cohorts),
        }
        audit_record(
            actor=actor,
            action="teaching.term_update",
            instance=current,
            changes={k: [before[k], after[k]] for k in before if before[k] != after[k]},
        )
    return current


def term_delete(*, actor: Actor, term: Term) -> None:
    """Delete a term made by mistake while nothing uses it yet (its cohorts are only
    released); refused, writing nothing, once it has runs or sessions."""
    require_scope(actor, MANAGE, school_id=term.school_id)
    with transaction.atomic():
        current = Term.objects.select_for_update().get(pk=term.pk)
        _refuse_if_in_use(current, _("xóa"))
        changes = {
            "name": [current.name, None],
            "dates": [f"{current.starts_on} – {current.ends_on}", None],
            "cohorts": [sorted(c.code for c in current.cohorts.all()), None],
        }
        audit_record(
            actor=actor,
            action="teaching.term_delete",
            instance=current,
            changes=changes,
        )
        current.cohorts.clear()
        current.delete()


def schedule_run_start(
    *, actor: Actor, term: Term, time_limit_seconds: int
) -> ScheduleRun:
    """A queued run of the engine for `term`; the task starts after commit.
    Refused while another run of the term is queued or running."""
    require_scope(actor, MANAGE, school_id=term.school_id)
    low, high = TIME_LIMIT_RANGE
    if not low <= time_limit_seconds <= high:
        message = _("Thời gian xếp từ %(low)d đến %(high)d giây.")
        raise ValidationError(
            {"time_limit_seconds": [message % {"low": low, "high": high}]}
        )
    schedule_runs_recover(term=term)
    with transaction.atomic():
        active = term.runs.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
        if active.exists():
            raise ValidationError(_("Đợt này đang có một lần xếp lịch chưa xong."))
        if not term.cohorts.exists():
            raise ValidationError(_("Đợt này chưa có lớp nào để xếp lịch."))
        run = ScheduleRun.objects.create(
            school_id=term.school_id,
            term=term,
            time_limit_seconds=time_limit_seconds,
            created_by=actor,
        )
        audit_record(actor=actor, action="teaching.schedule_run_start", instance=run)
        transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    # Imported here: the task module imports this one.
    from daotao.teaching.tasks import run_schedule

    run_schedule.enqueue(run_id)


def schedule_runs_recover(*, term: Term | None = None) -> int:
    """Mark failed, with the reason, the runs (of `term`, or all) whose worker
    stopped (core.jobs): their term can be run again at once. Returns how many."""
    runs = ScheduleRun.objects.filter(status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
    if term is not None:
        runs = runs.filter(term=term)
    return jobs.jobs_recover(
        runs,
        failed={"status": RunStatus.FAILED, "progress": 100},
        reason_field="explanation",
    )


def schedule_run_execute(*, run_id: int) -> ScheduleRun | None:
    """Run the engine for a queued run: running → done with its draft (and what it
    could not place, with the reasons), or failed with the engine's explanation.
    A run that is not queued is left alone; a run the watchdog failed meanwhile
    keeps its failure (the worker's result is dropped)."""
    schedule_runs_recover()
    now = timezone.now()
    claimed = ScheduleRun.objects.filter(pk=run_id, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING, started_at=now, heartbeat_at=now, progress=0
    )
    if not claimed:
        return None
    run = ScheduleRun.objects.select_related("term").get(pk=run_id)
    try:
        problem = problem_for_term(run.term)
        schedule = _solve_with_progress(run, problem)
    except Exception:
        _finish(run, RunStatus.FAILED, explanation=_("Lỗi khi chạy bộ xếp lịch."))
        raise
    reasons = "\n".join(e.message for e in schedule.explanations)
    partial = _is_partial(schedule) and bool(schedule.sessions)
    if not (schedule.status.has_schedule or partial):
        _finish(run, RunStatus.FAILED, explanation=reasons)
        return run
    with transaction.atomic():
        penalty = asdict(schedule.penalty)
        total = penalty.pop("total")
        finished = _finish(
            run,
            RunStatus.DONE,
            penalty=total,
            penalty_parts=penalty,
            explanation=reasons if partial else "",
            unplaced=unplaced_rows(problem, getattr(schedule, "unplaced", ())),
        )
        if finished:
            TeachingSession.objects.bulk_create(
                _draft_rows(run, problem, schedule.sessions), batch_size=1000
            )
    return run


def _is_partial(schedule: engine.Schedule) -> bool:
    """The engine placed what it could and lists the rest (`unplaced`): a draft
    the office completes by hand when it placed anything, else a failure
    (Status.PARTIAL, read by value so this runs before and after the engine has
    it)."""
    return str(schedule.status) == "partial"


def unplaced_rows(problem: engine.Problem, unplaced: Iterable[Any]) -> list[dict]:
    """What the engine left unplaced, as the run stores it: per cohort and topic,
    the number of sessions and the reason in Vietnamese. Reads the engine's items
    by name (cohort_id, topic_id, sessions or count, reason or message)."""
    unplaced = list(unplaced)
    cohorts = {c.id: c.code for c in problem.cohorts}
    topics = Topic.objects.select_related("module").in_bulk(
        {item.topic_id for item in unplaced}
    )
    rows = []
    for item in unplaced:
        topic = topics[item.topic_id]
        count = getattr(item, "sessions", None) or getattr(item, "count", 1)
        rows.append(
            {
                "cohort_id": item.cohort_id,
                "cohort": cohorts.get(item.cohort_id, ""),
                "topic_id": item.topic_id,
                "topic": topic.name,
                "module": topic.module.name,
                "count": int(count),
                "reason": getattr(item, "reason", "") or getattr(item, "message", ""),
            }
        )
    return rows


def _solve_with_progress(run: ScheduleRun, problem: engine.Problem) -> engine.Schedule:
    """`solve` in a thread while this one records progress once a second.

    CP-SAT calls solution callbacks from its own worker threads; the database is
    written only from the task's thread, so progress is the share of the time limit
    used (the engine stops at the limit or earlier)."""
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(
            engine.solve,
            problem,
            time_limit_s=run.time_limit_seconds,
            workers=SOLVER_WORKERS,
        )
        while True:
            try:
                return future.result(timeout=PROGRESS_INTERVAL_SECONDS)
            except TimeoutError:
                used = (time.monotonic() - started) / run.time_limit_seconds
                # The beat is the watchdog's sign of life (core.jobs).
                jobs.job_beat(run, progress=min(99, int(100 * used)))


def _finish(run: ScheduleRun, status: str, **values: Any) -> bool:
    """End the run unless the watchdog ended it first; True when this call did."""
    now = timezone.now()
    fields = {"status": status, "finished_at": now, "progress": 100, **values}
    ended = ScheduleRun.objects.filter(pk=run.pk, finished_at__isnull=True).update(
        updated_at=now, **fields
    )
    if ended:
        for name, value in fields.items():
            setattr(run, name, value)
    else:
        run.refresh_from_db()
    return bool(ended)


def _draft_rows(
    run: ScheduleRun, problem: engine.Problem, sessions: Iterable[engine.Session]
) -> list[TeachingSession]:
    """The draft as rows: fixed sessions keep their kind and periods; the others
    take them from the topic's periods at their position in the programme."""
    fixed_rows = {
        (s.cohort_id, s.topic_id, s.date, s.half_day, s.lecturer_id, s.room_id): s
        for s in run.term.sessions.published().filter(is_fixed=True)
    }
    topics = Topic.objects.in_bulk({s.topic_id for s in sessions})
    left = {
        (c.id, d.topic_id): d.sessions for c in problem.cohorts for _n, d in c.demands()
    }
    rows = []
    for s in sessions:
        key = (s.cohort_id, s.topic_id, s.day, int(s.half), s.lecturer_id, s.room_id)
        fixed = fixed_rows.get(key)
        if fixed is not None:
            kind, periods = fixed.kind, fixed.periods
        else:
            topic = topics[s.topic_id]
            done = sessions_needed(topic) - left[s.cohort_id, s.topic_id]
            kind, periods = session_kind(topic, done + s.index)
        rows.append(
            TeachingSession(
                school_id=run.school_id,
                term_id=run.term_id,
                run=run,
                cohort_id=s.cohort_id,
                topic_id=s.topic_id,
                index=s.index,
                kind=kind,
                date=s.day,
                half_day=int(s.half),
                periods=periods,
                lecturer_id=s.lecturer_id,
                room_id=s.room_id,
                is_fixed=fixed is not None,
            )
        )
    return rows
