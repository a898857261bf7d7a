"""P4 for the nominations import: a 10,000-row agency sheet, dry run then commit.

The sheet is an .xlsx shaped like the lists agencies send (title rows with merged
cells, the "(1) (2) …" row, an STT column, every optional column filled, a
signature block), 10,000 nominees of whom 2,000 are already in the registry
(matched by CCCD) and 8,000 are new. Reported: the dry run, the commit (which
parses and checks again, then writes persons, nominations, post history and one
audit event), their sum against the goal (≤ 10 s), the commit's query count, the
process's CPU time of each phase and the machine's load.
Run alone: `.venv/bin/python bench/nomination_import.py`.
"""

from __future__ import annotations

import datetime
import io
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROWS = 10_000
KNOWN = 2_000
GOAL_SECONDS = 10.0
HEADERS = (
    "STT",
    "Họ và tên",
    "Ngày, tháng, năm sinh",
    "Giới tính",
    "Số CCCD",
    "Dân tộc",
    "Trình độ chuyên môn",
    "Ngày vào Đảng",
    "Chức vụ",
    "Thuộc diện quy hoạch",
    "Xếp loại năm 2026",
    "Xếp loại năm 2025",
    "Điện thoại",
)


def _nominees(rng: random.Random) -> list[tuple[Any, ...]]:
    from daotao.demo.planning import citizen_id, random_day, random_name

    seen: set[str] = set()
    rows = []
    while len(rows) < ROWS:
        sex = "female" if rng.random() < 0.42 else "male"
        born = random_day(rng, rng.randint(1968, 1996))
        number = citizen_id(rng, born=born, sex=sex)
        if number in seen:
            continue
        seen.add(number)
        family, middle, given = random_name(rng, sex=sex)
        rows.append((family, middle, given, sex, born, number))
    return rows


def _sheet(nominees: list[tuple[Any, ...]], rng: random.Random) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["ĐẢNG BỘ PHƯỜNG HẠC THÀNH", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"]
    )
    sheet.append([])
    sheet.append(["DANH SÁCH CÁN BỘ CỬ ĐI HỌC LỚP TRUNG CẤP LÝ LUẬN CHÍNH TRỊ"])
    sheet.merge_cells("A1:D1")
    sheet.merge_cells("E1:M1")
    sheet.merge_cells("A3:M3")
    sheet.append(list(HEADERS))
    sheet.append([f"({i})" for i in range(1, len(HEADERS) + 1)])
    levels = ["Đại học", "Cử nhân Luật", "Thạc sĩ", "Kỹ sư", "Cao đẳng"]
    ratings = ["Hoàn thành tốt nhiệm vụ", "HTXSNV", "HTTNV"]
    for index, (family, middle, given, sex, born, number) in enumerate(nominees, 1):
        sheet.append(
            [
                index,
                f"{family} {middle} {given}",
                born.strftime("%d/%m/%Y") if index % 2 else born,
                "Nữ" if sex == "female" else "Nam",
                number if index % 10 else int(number),  # some lost their 0
                "Kinh",
                rng.choice(levels),
                datetime.date(2010, 5, 19),
                "Chuyên viên",
                "x",
                rng.choice(ratings),
                rng.choice(ratings),
                f"09{rng.randrange(10**8):08d}",
            ]
        )
    sheet.append([])
    sheet.append([None, "Người lập biểu", None, None, "T/M ĐẢNG ỦY"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def generate() -> tuple[Any, Any, Any, bytes]:
    """A school with an approved plan, one class with a 10,000-place quota for one
    agency, 2,000 of the nominees already in the registry, the sheet, a user."""
    from django.db import transaction

    from daotao.accounts.models import User
    from daotao.accounts.services import membership_grant
    from daotao.core.access import Role
    from daotao.org.models import Agency, Area, School, Site
    from daotao.people.models import Person
    from daotao.planning.models import PlannedClass, Quota, TrainingPlan
    from daotao.programs.catalogue import program_catalogue_ensure
    from daotao.programs.models import ProgramVersion

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
        agency = Agency.objects.create(
            school=school,
            name="Đảng ủy phường Hạc Thành",
            kind="party",
            level="commune",
        )
        program_catalogue_ensure(school=school)
        version = ProgramVersion.objects.filter(
            program__school=school, program__kind="tc_llct"
        ).first()
        plan = TrainingPlan.objects.create(
            school=school,
            year=2027,
            title="Kế hoạch đào tạo, bồi dưỡng năm 2027",
            status=TrainingPlan.Status.APPROVED,
        )
        planned = PlannedClass.objects.create(
            school=school,
            plan=plan,
            code="TC-2027-01",
            name="Trung cấp lý luận chính trị K63A",
            program_version=version,
            mode=PlannedClass.Mode.PART_TIME,
            site=Site.objects.create(school=school, name="Cơ sở chính"),
            planned_size=ROWS,
            starts_on=datetime.date(2027, 3, 1),
            ends_on=datetime.date(2028, 8, 31),
        )
        Quota.objects.create(planned_class=planned, agency=agency, places=ROWS)
        nominees = _nominees(rng)
        known = []
        for family, middle, given, sex, born, number in nominees[:: ROWS // KNOWN]:
            person = Person(
                school=school,
                family_name=family,
                middle_name=middle,
                given_name=given,
                sex=sex,
                date_of_birth=born,
                citizen_id=number,
                agency=agency,
            )
            person.derive_keys()
            known.append(person)
        Person.objects.bulk_create(known, batch_size=1000)
        user = User.objects.create_user(username="bench", password=None)
        membership_grant(
            actor=None, user=user, role=Role.TRAINING_OFFICE, school_id=school.pk
        )
    return planned, agency, user, _sheet(nominees, rng)


def run() -> list[dict[str, Any]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import figure, throwaway_database
    from daotao.enrolment.importing import SendingDocument, nominations_import_run
    from daotao.enrolment.models import Nomination
    from daotao.people.models import Person

    figures = []
    with throwaway_database():
        started = time.perf_counter()
        planned, agency, user, sheet = generate()
        figures.append(
            figure("nomination_import.generate", time.perf_counter() - started, "s")
        )
        figures.append(figure("nomination_import.sheet_size", len(sheet) / 1e6, "MB"))

        def run_import(dry_run: bool) -> Any:
            return nominations_import_run(
                upload=sheet,
                filename="danh-sach-10000.xlsx",
                actor=user,
                planned_class=planned,
                agency=agency,
                document=SendingDocument(number="25-CV/ĐU"),
                dry_run=dry_run,
            )

        load_before = os.getloadavg()[0]
        started, cpu = time.perf_counter(), time.process_time()
        report = run_import(True)
        dry, dry_cpu = time.perf_counter() - started, time.process_time() - cpu
        counts = report.counts
        assert report.is_importable, report.errors[:5]
        assert (counts["create"], counts["match"]) == (ROWS - KNOWN, KNOWN), counts
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            report = run_import(False)
            commit = time.perf_counter() - started
            commit_cpu = time.process_time() - cpu
        assert report.is_committed, report.errors[:5]
        assert Nomination.objects.count() == ROWS
        assert Person.objects.count() == ROWS
        figures += [
            figure("nomination_import.dry_run", dry, "s"),
            figure("nomination_import.commit", commit, "s"),
            figure(
                "nomination_import.total",
                dry + commit,
                "s",
                goal=GOAL_SECONDS,
                passed=dry + commit <= GOAL_SECONDS,
            ),
            figure("nomination_import.commit_queries", len(queries), "queries"),
            # The bench process's own CPU (not the database server's): on a shared
            # machine the wall-clock times above grow with the load, this much less.
            figure("nomination_import.dry_run_cpu", dry_cpu, "s"),
            figure("nomination_import.commit_cpu", commit_cpu, "s"),
            figure(
                "nomination_import.load_average_1min",
                load_before,
                "",
                after=os.getloadavg()[0],
            ),
            figure("nomination_import.rows", ROWS, "rows"),
        ]
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import bench

    bench.configure()
    for row in run():
        print(f"{row['name']:<40} {row['value']:>12,.2f} {row['unit']}")
