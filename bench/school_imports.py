"""A school's day one (issue 21): its past brought in by sheet, each an .xlsx shaped
like the lists offices keep — 800 sending agencies (with parents and pre-2025
names), 5,000 cadres (HR headers, agencies named, some by a former name) and
20,000 historical credentials from the old registers, 150 lecturers (each with
two or three chuyên đề by name or module code) and 120 rooms on three sites.
Reported per import: the dry
run, the commit (which parses and checks again, then writes) and the commit's
query count.
Run alone: `.venv/bin/python bench/school_imports.py`.
"""

from __future__ import annotations

import datetime
import io
import random
import sys
import time
from pathlib import Path
from typing import Any

AGENCIES, CADRES, CREDENTIALS = 800, 5_000, 20_000
LECTURERS, ROOMS = 150, 120
UNITS = ("Khoa Lý luận cơ sở", "Khoa Xây dựng Đảng", "Khoa Nhà nước và pháp luật")


def _xlsx(title: str, headers: list[str], rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append([title])
    sheet.append([])
    sheet.append(["STT", *headers])
    for index, row in enumerate(rows, 1):
        sheet.append([index, *row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _agencies_sheet(rng: random.Random) -> tuple[bytes, list[str], list[str]]:
    parents = [f"Đảng bộ khối {n}" for n in range(1, 21)]
    rows, names, old_names = [], [], []
    for name in parents:
        rows.append([name, "Cơ quan Đảng", "Cấp tỉnh", "", ""])
        names.append(name)
    for n in range(1, AGENCIES - len(parents) + 1):
        name = f"Đảng ủy xã Thử Nghiệm {n}"
        old = f"Đảng ủy xã Cũ {n}; Đảng ủy thị trấn Cũ {n}" if n % 2 else ""
        rows.append([name, "Cơ quan Đảng", "Cấp xã", rng.choice(parents), old])
        names.append(name)
        if n % 2:
            old_names.append(f"Đảng ủy xã Cũ {n}")
    sheet = _xlsx(
        "DANH SÁCH CƠ QUAN",
        ["Tên cơ quan", "Loại", "Cấp", "Cơ quan cấp trên", "Tên cũ trước sắp xếp"],
        rows,
    )
    return sheet, names, old_names


def _cadres_sheet(rng: random.Random, names: list[str], old: list[str]) -> bytes:
    from daotao.demo.planning import citizen_id, random_day, random_name

    seen: set[str] = set()
    rows = []
    while len(rows) < CADRES:
        sex = "female" if rng.random() < 0.42 else "male"
        born = random_day(rng, rng.randint(1966, 1998))
        number = citizen_id(rng, born=born, sex=sex)
        if number in seen:
            continue
        seen.add(number)
        family, middle, given = random_name(rng, sex=sex)
        agency = rng.choice(old) if len(rows) % 10 == 0 else rng.choice(names)
        rows.append(
            [
                f"{family} {middle} {given}",
                born.strftime("%d/%m/%Y"),
                "Nữ" if sex == "female" else "Nam",
                number,
                "Kinh",
                rng.choice(["Đại học", "Thạc sĩ", "Cử nhân Luật"]),
                rng.choice(["Trung cấp", "Cao cấp", "Sơ cấp"]),
                "19/05/2010",
                "19/05/2011",
                "Chuyên viên",
                agency,
            ]
        )
    return _xlsx(
        "DANH SÁCH CÁN BỘ",
        [
            "Họ tên",
            "Ngày tháng năm sinh",
            "Nam/Nữ",
            "Số CCCD/CMND",
            "Dân tộc",
            "Trình độ chuyên môn",
            "Lý luận chính trị",
            "Ngày kết nạp Đảng",
            "Ngày chính thức",
            "Chức vụ",
            "Đơn vị công tác",
        ],
        rows,
    )


def _credentials_sheet(rng: random.Random) -> bytes:
    from daotao.demo.planning import random_day, random_name

    rows = []
    entries: dict[tuple[str, int], int] = {}
    for n in range(1, CREDENTIALS + 1):
        sex = "female" if rng.random() < 0.42 else "male"
        family, middle, given = random_name(rng, sex=sex)
        year = rng.randint(1995, 2024)
        kind = "Bằng" if n % 3 else "Chứng chỉ"
        entries[(kind, year)] = entries.get((kind, year), 0) + 1
        issued = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        rows.append(
            [
                f"{family} {middle} {given}",
                random_day(rng, rng.randint(1950, 1975)).strftime("%d/%m/%Y"),
                "Nữ" if sex == "female" else "Nam",
                kind,
                "Trung cấp lý luận chính trị" if n % 3 else "Bồi dưỡng chuyên viên",
                f"TC{year % 100:02d}-{n % 40}",
                rng.choice(["Khá", "Giỏi", "Trung bình"]),
                f"B{n:07d}",
                entries[(kind, year)],
                f"{n % 300 + 1}/QĐ-TCT",
                issued.strftime("%d/%m/%Y"),
                issued.strftime("%d/%m/%Y"),
                "Lê Văn Bình",
            ]
        )
    return _xlsx(
        "SỔ GỐC CẤP VĂN BẰNG",
        [
            "Họ và tên",
            "Ngày sinh",
            "Giới tính",
            "Loại văn bằng",
            "Chương trình",
            "Lớp",
            "Xếp loại",
            "Số hiệu",
            "Số vào sổ",
            "Số quyết định",
            "Ngày quyết định",
            "Ngày cấp",
            "Người ký",
        ],
        rows,
    )


def _lecturers_sheet(rng: random.Random) -> bytes:
    from daotao.demo.planning import random_day, random_name

    topics = ["Triết học Mác - Lênin", "Xây dựng Đảng", "I.2", "II.3", "III.1"]
    rows = []
    for _n in range(LECTURERS):
        sex = "female" if rng.random() < 0.5 else "male"
        family, middle, given = random_name(rng, sex=sex)
        rows.append(
            [
                f"{family} {middle} {given}",
                random_day(rng, rng.randint(1965, 1995)).strftime("%d/%m/%Y"),
                "Nữ" if sex == "female" else "Nam",
                rng.choice(UNITS),
                rng.choice(["Giảng viên", "Giảng viên chính", "GVCC"]),
                "; ".join(rng.sample(topics, rng.randint(2, 3))),
            ]
        )
    return _xlsx(
        "DANH SÁCH GIẢNG VIÊN",
        ["Họ và tên", "Ngày sinh", "Giới tính", "Khoa", "Chức danh", "Chuyên đề"],
        rows,
    )


def _rooms_sheet(rng: random.Random) -> bytes:
    rows = []
    for n in range(ROOMS):
        site = f"Cơ sở {n % 3 + 1}"
        hall = n % 10 == 0
        rows.append(
            [
                site,
                f"Số {n % 3 + 1} đường Lê Lợi" if n < 3 else "",
                f"Hội trường {n}" if hall else f"Phòng {n + 100}",
                "Hội trường" if hall else "Phòng học",
                rng.choice([200, 300]) if hall else rng.choice([40, 60, 80]),
                "Máy chiếu, âm thanh",
            ]
        )
    return _xlsx(
        "DANH SÁCH PHÒNG HỌC",
        [
            "Địa điểm",
            "Địa chỉ",
            "Tên phòng",
            "Loại phòng",
            "Sức chứa",
            "Trang thiết bị",
        ],
        rows,
    )


def generate() -> tuple[Any, dict[str, bytes]]:
    """An empty school (Thanh Hóa), its training office, and the three sheets."""
    from django.db import transaction

    from daotao.accounts.models import User
    from daotao.accounts.services import membership_grant
    from daotao.core.access import Role
    from daotao.org.models import Area, School, Unit
    from daotao.programs.catalogue import program_catalogue_ensure

    rng = random.Random(2026)
    with transaction.atomic():
        school = School.objects.create(
            name="Trường Chính trị tỉnh Thanh Hóa",
            short_name="TRƯỜNG CHÍNH TRỊ",
            abbreviation="TrCT",
            governing_body="TỈNH ỦY THANH HÓA",
            province=Area.objects.get(level="province", code="038"),
            place_name="Thanh Hóa",
        )
        user = User.objects.create_user(username="bench", password=None)
        membership_grant(
            actor=None, user=user, role=Role.TRAINING_OFFICE, school_id=school.pk
        )
        program_catalogue_ensure(school=school)
        for position, name in enumerate(UNITS, 1):
            Unit.objects.create(
                school=school,
                name=name,
                abbreviation=f"K{position}",
                kind=Unit.Kind.FACULTY,
                is_teaching=True,
                position=position,
            )
    agencies, names, old = _agencies_sheet(rng)
    return user, {
        "agencies": agencies,
        "cadres": _cadres_sheet(rng, names, old),
        "credentials": _credentials_sheet(rng),
        "lecturers": _lecturers_sheet(rng),
        "rooms": _rooms_sheet(rng),
    }


def run() -> list[dict[str, Any]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import figure, throwaway_database
    from daotao.credentials.importing import historical_import_run
    from daotao.org.importing import agencies_import_run
    from daotao.org.room_importing import rooms_import_run
    from daotao.people.importing import cadres_import_run
    from daotao.programs.lecturer_importing import lecturers_import_run

    imports = (
        ("agencies", agencies_import_run, AGENCIES),
        ("cadres", cadres_import_run, CADRES),
        ("credentials", historical_import_run, CREDENTIALS),
        ("lecturers", lecturers_import_run, LECTURERS),
        ("rooms", rooms_import_run, ROOMS),
    )
    figures = []
    with throwaway_database():
        started = time.perf_counter()
        user, sheets = generate()
        figures.append(
            figure("school_imports.generate", time.perf_counter() - started, "s")
        )
        for name, run_import, rows in imports:
            sheet = sheets[name]

            def once(
                dry_run: bool, run_import=run_import, sheet=sheet, name=name
            ) -> Any:
                return run_import(
                    upload=sheet, filename=f"{name}.xlsx", actor=user, dry_run=dry_run
                )

            started = time.perf_counter()
            report = once(True)
            dry = time.perf_counter() - started
            assert report.is_importable, [str(m) for m in report.errors[:5]]
            assert report.counts["create"] == rows, report.counts
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                report = once(False)
                commit = time.perf_counter() - started
            assert report.is_committed, [str(m) for m in report.errors[:5]]
            figures += [
                figure(f"school_imports.{name}.rows", rows, "rows"),
                figure(f"school_imports.{name}.dry_run", dry, "s"),
                figure(f"school_imports.{name}.commit", commit, "s"),
                figure(
                    f"school_imports.{name}.commit_queries", len(queries), "queries"
                ),
            ]
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import bench

    bench.configure()
    for row in run():
        print(f"{row['name']:<44} {row['value']:>12,.2f} {row['unit']}")
