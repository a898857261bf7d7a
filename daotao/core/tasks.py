"""Background tasks of core (django-tasks, docs/adr/0006 and 0020)."""

from __future__ import annotations

from django_tasks import task

from daotao.core import generated


@task()
def generate_file(job_id: int) -> None:
    """Build a queued generated file; a job in any other status (already taken,
    finished) is left alone, so a repeated delivery is harmless."""
    generated.generated_file_execute(job_id=job_id)
