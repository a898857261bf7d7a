"""Background tasks of the teaching app (django-tasks, docs/adr/0006)."""

from __future__ import annotations

from django_tasks import task

from daotao.teaching.services import scheduling


@task()
def run_schedule(run_id: int) -> None:
    """Run the engine for a queued schedule run; a run in any other status (already
    taken by a worker, finished) is left alone, so a repeated delivery is harmless."""
    scheduling.schedule_run_execute(run_id=run_id)
