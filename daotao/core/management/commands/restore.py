"""`manage.py restore DIR`: a backup into an empty database and media folder."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from daotao.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu vào cơ sở dữ liệu trống và thư mục media trống; "
        "kiểm tra tổng kiểm trước và số dòng sau."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("folder", help="thư mục do `manage.py backup` tạo")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = backup_restore(folder=Path(options["folder"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Đã khôi phục {result.rows} dòng của {result.tables} bảng và "
            f"{result.media_files} tệp media; số dòng khớp bản sao lưu."
        )
