"""The worker outlives a database outage: a broken connection in its loop is
closed and the loop goes on (django-tasks-db's own worker exits)."""

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django_tasks_db.models import DBTaskResultQuerySet

from daotao.core import generated
from daotao.core.access import Role
from daotao.core.exporting import ExportTable
from daotao.core.management.commands import run_worker
from daotao.core.models import GeneratedFile
from daotao.core.tasks import generate_file

# Rows restored after the flush, as the other transactional tests do: a plain
# transactional test leaves content types that the next serialized one collides with.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

KIND = "tests:worker"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WORKER_OPTIONS = {
    "batch": True,
    "interval": 0,
    "startup_delay": False,
    "reload": False,
    "verbosity": 0,
}


def _one_row(*, actor, params):
    return ExportTable(
        filename="mot", title="Một", headers=["Tên"], rows=[("An",)], count=1
    )


@pytest.fixture
def queued_file(transactional_db, make_user, settings):
    settings.TASKS = DATABASE_TASKS
    generated.register_export(KIND, permission="people.export_person", table=_one_row)
    job = GeneratedFile.objects.create(
        kind=KIND, title="Một", requested_by=make_user(Role.TRAINING_OFFICE)
    )
    generate_file.enqueue(job.pk)
    yield job
    generated._KINDS.pop(KIND)
    generated._EXPORTS.pop(KIND)


def _outage_then_recovery(monkeypatch, failures):
    """`get_locked` (the worker's first query of a round) fails `failures` times
    as a dropped PostgreSQL connection does, then works."""
    real = DBTaskResultQuerySet.get_locked
    left = [failures]

    def get_locked(queryset):
        if left[0]:
            left[0] -= 1
            raise OperationalError("server closed the connection unexpectedly")
        return real(queryset)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", get_locked)


def test_the_worker_reconnects_after_a_database_outage(queued_file, monkeypatch):
    _outage_then_recovery(monkeypatch, failures=3)
    waits = []
    monkeypatch.setattr(run_worker.time, "sleep", waits.append)
    closed = []
    real_close = run_worker.close_connections
    monkeypatch.setattr(
        run_worker, "close_connections", lambda: closed.append(1) or real_close()
    )
    call_command("run_worker", **WORKER_OPTIONS)
    queued_file.refresh_from_db()
    assert queued_file.status == GeneratedFile.Status.DONE
    assert queued_file.row_count == 1
    assert waits == [1.0, 2.0, 4.0]
    assert len(closed) == 3


def test_django_tasks_db_worker_alone_exits_on_the_same_outage(
    queued_file, monkeypatch
):
    """Why run_worker exists: the library's worker stops at the first error."""
    _outage_then_recovery(monkeypatch, failures=1)
    with pytest.raises(OperationalError):
        call_command("db_worker", **WORKER_OPTIONS)
    queued_file.refresh_from_db()
    assert queued_file.status == GeneratedFile.Status.QUEUED


def test_the_worker_runs_the_watchdog_before_a_task(queued_file):
    import datetime

    from django.utils import timezone

    beat = timezone.now() - datetime.timedelta(minutes=5)
    dead = GeneratedFile.objects.create(
        kind=KIND,
        title="Một",
        requested_by=queued_file.requested_by,
        status=GeneratedFile.Status.RUNNING,
        started_at=beat,
        heartbeat_at=beat,
    )
    call_command("run_worker", **WORKER_OPTIONS)
    dead.refresh_from_db()
    assert dead.status == GeneratedFile.Status.FAILED
    assert dead.error.startswith("Tiến trình nền đã dừng giữa chừng")
