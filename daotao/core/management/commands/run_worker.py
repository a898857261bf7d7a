"""`manage.py run_worker`: django-tasks-db's `db_worker` that outlives a database
outage and runs the job watchdog (docs/adr/0020).

`db_worker` exits on the first database error outside a task (a restarted
PostgreSQL, a dropped connection): a worker stayed down after a
10-second outage. This one closes the broken connections, waits (1, 2, 4 … 30
seconds) and goes back to its loop; a task whose run was cut by the outage is
failed by the watchdog (core.jobs) and can be asked for again. Before each task
it runs every registered recovery, so dead jobs are reported even when no page
shows them. Same options as `db_worker`.
"""

from __future__ import annotations

import logging
import os
import time
from typing import Any

from django.db import DatabaseError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from daotao.core.jobs import recover_all

logger = logging.getLogger("daotao.worker")

FIRST_RETRY_SECONDS = 1.0
LAST_RETRY_SECONDS = 30.0


class ResilientWorker(db_worker.Worker):
    """A `db_worker` loop restarted after a database error instead of exiting."""

    def run(self) -> None:
        delay = FIRST_RETRY_SECONDS
        failed_at = 0.0
        while self.running:
            try:
                super().run()
                return  # batch or max-tasks: the loop ended by itself
            except DatabaseError as error:
                if time.monotonic() - failed_at > 2 * LAST_RETRY_SECONDS:
                    delay = FIRST_RETRY_SECONDS  # a new outage, not the same one
                logger.warning(
                    "database unavailable (%s); worker retries in %.0f s",
                    error,
                    delay,
                    extra={"event": "worker_database_error"},
                )
                close_connections()
                time.sleep(delay)
                delay = min(delay * 2, LAST_RETRY_SECONDS)
                failed_at = time.monotonic()
                self.startup_delay = False

    def run_task(self, db_task_result: Any) -> None:
        # The task is claimed: whatever the recovery meets, the task still runs.
        try:
            recover_all()
        except Exception:
            logger.exception("job recovery failed")
        super().run_task(db_task_result)


def close_connections() -> None:
    """Drop every database connection (a broken one raises on close, too)."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            connection.connection = None


class Command(db_worker.Command):
    help = (
        "Chạy tiến trình nền (như db_worker), tự kết nối lại khi cơ sở dữ liệu "
        "gián đoạn."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        reload = options["reload"] and not options["batch"]
        exclude = options["exclude_queues"]
        worker = ResilientWorker(
            queue_names=options["queue_name"].split(","),
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=exclude.split(",") if exclude else [],
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
