"""`manage.py backup --out DIR`: the database and the media folder, with a manifest."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from daotao.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và thư mục media vào một thư mục mới (kèm manifest)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out", required=True, help="thư mục đích (mới hoặc trống)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = backup_create(out=Path(options["out"]))
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Đã sao lưu {rows} dòng của {len(manifest['row_counts'])} bảng và "
            f"{manifest['media_files']} tệp media vào {options['out']}."
        )
