"""`manage.py recover_jobs`: the background-job watchdog (core.jobs) run once.

For a cron line or a systemd timer beside the worker; pages that show jobs and the
worker itself run the same recovery, so this is the backstop when nobody looks."""

from typing import Any

from django.core.management.base import BaseCommand

from daotao.core.jobs import recover_all


class Command(BaseCommand):
    help = "Đánh dấu thất bại các việc nền mà tiến trình đã dừng."

    def handle(self, *args: Any, **options: Any) -> None:
        count = recover_all()
        self.stdout.write(f"{count}")
