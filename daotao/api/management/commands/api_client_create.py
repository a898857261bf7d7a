"""`manage.py api_client_create NAME --user USERNAME --scope PERMISSION ...`

Creates an application's access to the open API and prints its token once; the
token is kept only as its hash, so it cannot be shown again (make a new client
and switch the old one off in the admin to replace it)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from daotao.api import services


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một ứng dụng (mã chỉ in ra một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="tên ứng dụng")
        parser.add_argument(
            "--user", required=True, help="tên đăng nhập của tài khoản đại diện"
        )
        parser.add_argument(
            "--scope",
            action="append",
            default=[],
            help="một quyền trong bảng phân quyền (lặp lại cho nhiều quyền)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"Không có tài khoản '{options['user']}'.")
        try:
            client, token = services.api_client_create(
                actor=None, name=options["name"], user=user, scopes=options["scope"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"Ứng dụng: {client.name} (quyền: {', '.join(client.scopes)})"
        )
        self.stdout.write(f"Mã truy cập (chỉ hiện một lần): {token}")
