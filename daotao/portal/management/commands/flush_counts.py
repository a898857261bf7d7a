"""`manage.py flush_counts`: write the visit and view counts pending in the cache
to the database (run every minute by the worker's timer or cron; harmless to run
more often)."""

from typing import Any

from django.core.management.base import BaseCommand

from daotao.portal.counting import flush_counts


class Command(BaseCommand):
    help = "Ghi số lượt truy cập, lượt xem đang chờ trong bộ nhớ đệm vào cơ sở dữ liệu."

    def handle(self, *args: Any, **options: Any) -> None:
        flushed = flush_counts()
        if flushed is None:
            self.stdout.write("Một lần ghi khác đang chạy; bỏ qua lần này.")
            return
        self.stdout.write(
            f"Đã ghi {flushed.visits} lượt truy cập, {flushed.uniques} người truy cập, "
            f"{flushed.views} lượt xem bài viết."
        )
