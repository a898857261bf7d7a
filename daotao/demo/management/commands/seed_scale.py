"""`manage.py seed_scale [--scale F]`: the national-size data set on
top of the demo school (seeded first if missing, so the demo's logins work).

`--scale 1` (the default) is 300,000 persons, 600 agencies, 300 lecturers, 2,000
cohorts with 100,000 nominations and enrolments, 60,000 sessions, about 3 M
attendance rows, 1 M score lines and 60,000 ledger entries; `--scale 0.01` is
the small twin the benches compare query counts against.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from daotao.accounts.models import User
from daotao.demo import scale as scale_data
from daotao.demo.data import SCHOOL
from daotao.org.models import School


class Command(BaseCommand):
    help = (
        "Thêm bộ dữ liệu quy mô toàn quốc (300.000 cán bộ, 2.000 lớp…) vào trường "
        "mẫu để đo tốc độ; --scale 0.01 cho bản thu nhỏ."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Hệ số quy mô (1 = đầy đủ; 0.01 = bản thu nhỏ).",
        )

    def handle(self, *args: Any, scale: float, **options: Any) -> None:
        if not 0 < scale <= 1:
            raise CommandError("--scale phải lớn hơn 0 và không quá 1.")
        school = School.objects.filter(name=SCHOOL["name"]).first()
        if school is None:
            call_command("seed_demo", stdout=self.stdout)
            school = School.objects.get(name=SCHOOL["name"])
        if scale_data.scale_data_exists(school):
            self.stdout.write(
                self.style.SUCCESS("Dữ liệu quy mô đã có; lần chạy này không thêm gì.")
            )
            return
        started = time.perf_counter()
        written = scale_data.build(
            school=school, office=User.objects.get(username="daotao"), scale=scale
        )
        summary = ", ".join(f"{label} {n:,}" for label, n in written.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã thêm dữ liệu quy mô (hệ số {scale:g}) trong "
                f"{time.perf_counter() - started:,.0f} giây: {summary}."
            )
        )
