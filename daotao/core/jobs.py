"""Heartbeat and watchdog of background jobs (models built on
`core.models.BackgroundJob`, which also carry `created_at`).

A job is queued (not started), running (started, not finished) or finished. Its
worker calls `job_beat` while it works; `jobs_recover` marks failed, with a
Vietnamese reason, every job whose worker stopped: running without a beat for
`HEARTBEAT_LIMIT`, or queued and never taken for `QUEUE_LIMIT`. Each app registers
the recovery of its own jobs (`register`) in its `AppConfig.ready()`; pages that
show jobs, workers taking a job and `manage.py recover_jobs` run the watchdog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.text import format_date

# A working worker beats about once a second (teaching's progress loop); three
# minutes without one is a killed process or a restarted machine, not a slow job,
# and a run is declared failed well within the five minutes an operator may wait.
HEARTBEAT_LIMIT = timedelta(minutes=3)
# A queued job waits for the worker to finish the jobs before it (a schedule run
# takes at most ten minutes); one not taken in fifteen has no worker to take it.
QUEUE_LIMIT = timedelta(minutes=15)

_RECOVERERS: list[Callable[[], int]] = []


def register(recover: Callable[[], int]) -> None:
    """Add an app's recovery (a function returning how many jobs it failed)."""
    if recover not in _RECOVERERS:
        _RECOVERERS.append(recover)


def recover_all() -> int:
    """Run every registered recovery; returns how many jobs were marked failed."""
    return sum(recover() for recover in _RECOVERERS)


def job_beat(job: models.Model, *, progress: int | None = None) -> bool:
    """Record that the job's worker is alive (and its progress). False when the
    job is already finished (a watchdog failed it): its worker's result is void."""
    values: dict[str, Any] = {"heartbeat_at": timezone.now()}
    if progress is not None:
        values["progress"] = progress
        job.progress = progress
    job.heartbeat_at = values["heartbeat_at"]
    return bool(
        type(job)
        ._default_manager.filter(pk=job.pk, finished_at__isnull=True)
        .update(**values)
    )


def jobs_stopped(jobs: QuerySet, *, now: datetime | None = None) -> QuerySet:
    """The jobs of `jobs` whose worker stopped (see the module docstring)."""
    now = now or timezone.now()
    silent_since = now - HEARTBEAT_LIMIT
    running_silent = Q(started_at__isnull=False) & (
        Q(heartbeat_at__lt=silent_since)
        | Q(heartbeat_at__isnull=True, started_at__lt=silent_since)
    )
    never_taken = Q(started_at__isnull=True, created_at__lt=now - QUEUE_LIMIT)
    return jobs.filter(finished_at__isnull=True).filter(running_silent | never_taken)


def stopped_reason(job: Any) -> str:
    """Why the watchdog failed `job`, in Vietnamese, with the last sign of life."""
    if job.started_at is None:
        return _(
            "Không có tiến trình nền nào nhận việc này sau %(minutes)d phút "
            "(xếp hàng từ %(when)s). Hãy chạy lại; nếu vẫn vậy, báo quản trị "
            "hệ thống kiểm tra tiến trình nền."
        ) % {
            "minutes": QUEUE_LIMIT.seconds // 60,
            "when": _moment(job.created_at),
        }
    return _(
        "Tiến trình nền đã dừng giữa chừng (báo lần cuối lúc %(when)s, ở "
        "%(progress)d%%). Hãy chạy lại."
    ) % {
        "when": _moment(job.heartbeat_at or job.started_at),
        "progress": job.progress,
    }


def jobs_recover(jobs: QuerySet, *, failed: dict[str, Any], reason_field: str) -> int:
    """Mark failed every job of `jobs` whose worker stopped: `failed` holds the
    field values that say so (e.g. {"status": "failed"}), the reason goes to
    `reason_field`. Each update is conditional on the job being unfinished, so a
    worker finishing at the same moment either wins or is void. Returns how many."""
    now = timezone.now()
    model = jobs.model
    stamps = {"finished_at": now}
    if any(f.name == "updated_at" for f in model._meta.get_fields()):
        stamps["updated_at"] = now
    count = 0
    for job in jobs_stopped(jobs, now=now):
        count += model._default_manager.filter(
            pk=job.pk, finished_at__isnull=True
        ).update(**stamps, **failed, **{reason_field: stopped_reason(job)})
    return count


def _moment(moment: datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} {format_date(local.date())}"
