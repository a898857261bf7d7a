"""`manage.py school_create`: an empty start for a real school.

Creates the school, what every school needs (the Academy's programme catalogue,
its document issuer, the credential wording) and its first administrator, then
prints a one-time link where the administrator sets their own password. Every
value comes from a flag; a missing one is asked for only when stdin is a terminal.
`--check` only says whether a school exists, and how to create one if not.
"""

from __future__ import annotations

import shlex
import sys
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from daotao.org.models import School
from daotao.reports.services import AdministratorData, SchoolData, school_start

# (option, SchoolData/AdministratorData field, prompt, required)
SCHOOL_OPTIONS = [
    ("--name", "name", "Tên trường (ví dụ Trường Chính trị tỉnh Nghệ An)", True),
    ("--province", "province", "Tỉnh, thành phố (tên sau 01/7/2025)", True),
    ("--governing-body", "governing_body", "Cơ quan chủ quản (TỈNH ỦY NGHỆ AN)", True),
    ("--abbreviation", "abbreviation", "Chữ viết tắt trong ký hiệu văn bản", True),
    ("--short-name", "short_name", "Tên trong tiêu đề văn bản", False),
    ("--place-name", "place_name", "Địa danh ghi trên văn bản", False),
    ("--address", "address", "Địa chỉ", False),
    ("--phone", "phone", "Điện thoại", False),
    ("--email", "email", "Thư điện tử của trường", False),
]
ADMIN_OPTIONS = [
    ("--admin-username", "username", "Tên đăng nhập của quản trị viên", True),
    ("--admin-name", "display_name", "Họ và tên quản trị viên", True),
    ("--admin-email", "email", "Thư điện tử của quản trị viên", False),
]
EXAMPLE = [
    "--name",
    "Trường Chính trị tỉnh Nghệ An",
    "--province",
    "Nghệ An",
    "--governing-body",
    "TỈNH ỦY NGHỆ AN",
    "--abbreviation",
    "TrCT",
    "--admin-username",
    "quantri",
    "--admin-name",
    "Nguyễn Văn A",
]


def example_command() -> str:
    return "DJANGO_DEBUG=true .venv/bin/python manage.py school_create " + " ".join(
        shlex.quote(part) for part in EXAMPLE
    )


class Command(BaseCommand):
    help = "Tạo trường mới (không có dữ liệu mẫu) và quản trị viên đầu tiên."

    def add_arguments(self, parser: CommandParser) -> None:
        for option, _field, prompt, _required in SCHOOL_OPTIONS + ADMIN_OPTIONS:
            parser.add_argument(option, dest=f"opt_{option[2:]}", help=prompt)
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Địa chỉ của DaoTao, để in đường dẫn đặt mật khẩu.",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="Chỉ kiểm tra đã có trường chưa; nếu chưa, in lệnh tạo trường.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"]:
            self._check()
            return
        interactive = sys.stdin.isatty()
        school, missing = self._values(SCHOOL_OPTIONS, options, interactive)
        admin, missing_admin = self._values(ADMIN_OPTIONS, options, interactive)
        if missing or missing_admin:
            raise CommandError(
                "Thiếu "
                + ", ".join(missing + missing_admin)
                + ". Ví dụ:\n"
                + example_command()
            )
        try:
            started = school_start(
                school=SchoolData(**school), administrator=AdministratorData(**admin)
            )
        except ValidationError as error:
            messages = [m for ms in error.message_dict.values() for m in ms]
            raise CommandError(" ".join(messages)) from error
        link = options["base_url"].rstrip("/") + started.sign_in_path
        hours = settings.PASSWORD_RESET_TIMEOUT // 3600
        write = self.stdout.write
        write(
            self.style.SUCCESS(
                f"Đã tạo {started.school.name} ({started.school.province.name}) "
                f"với {started.programmes} chương trình của Học viện."
            )
        )
        write(
            f"Quản trị viên {started.administrator.username} đặt mật khẩu tại "
            f"(dùng được một lần, trong {hours} giờ):\n{link}"
        )
        write(
            "Sau khi đăng nhập, trang Tổng quan có danh sách các bước thiết lập trường."
        )

    def _values(
        self, spec: list, options: dict[str, Any], interactive: bool
    ) -> tuple[dict[str, str], list[str]]:
        values: dict[str, str] = {}
        missing = []
        for option, field, prompt, required in spec:
            value = options[f"opt_{option[2:]}"]
            if value is None and interactive:
                # An empty answer leaves the field to its default (or missing).
                value = input(f"{prompt}: ").strip() or None
            if value is None:
                if required:
                    missing.append(option)
                continue
            values[field] = value
        return values, missing

    def _check(self) -> None:
        schools = list(School.objects.order_by("name").values_list("name", flat=True))
        if schools:
            self.stdout.write("Trường đã có: " + "; ".join(schools) + ".")
            return
        self.stdout.write(
            "Chưa có trường nào. Tạo trường của bạn và quản trị viên đầu tiên bằng "
            "lệnh (thay các giá trị cho đúng):\n" + example_command()
        )
