"""`manage.py prune_generated_files`: remove the generated files (long exports,
prints) finished more than a week ago, with their jobs (docs/adr/0020); for a daily
cron line or systemd timer beside `recover_jobs`."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from daotao.core.generated import KEEP_DAYS, generated_files_prune


class Command(BaseCommand):
    help = "Xóa các tệp tạo nền đã xong quá số ngày giữ lại."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=KEEP_DAYS)

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{generated_files_prune(days=options['days'])}")
