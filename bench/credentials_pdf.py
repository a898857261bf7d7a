"""1,000 diplomas into one PDF (issue 6; goal ≤ 60 s).

A school with a finished TC LLCT cohort of 1,000 learners, each holding a valid
diploma in the 2026 register (rows written with `bulk_create`). Timed: the DOCX
(python-docx, one A4 landscape page and one QR image per diploma), then its one
LibreOffice conversion; reported with the PDF's pages and size.
Run alone: `.venv/bin/python bench/credentials_pdf.py` (BENCH_KEEP_PDF=path keeps
the PDF for a look).
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

CREDENTIALS = 1_000
GOAL_SECONDS = 60.0
CLASSIFICATIONS = ("Xuất sắc", "Giỏi", "Khá", "Trung bình")


def generate() -> list[Any]:
    """The school, its cohort and 1,000 issued diplomas (in register order)."""
    from django.db import transaction

    from daotao.accounts.models import User
    from daotao.core.text import name_sort_key, search_key
    from daotao.credentials.models import BlankStock, Credential, Kind, Register
    from daotao.credentials.services import new_verification_code
    from daotao.demo.planning import random_day, random_name
    from daotao.enrolment.models import Cohort, Enrollment, Nomination
    from daotao.org.models import Agency, Area, School, Site
    from daotao.people.models import Person
    from daotao.planning.models import PlannedClass, TrainingPlan
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
        user = User.objects.create_user(username="bench", password=None)
        program_catalogue_ensure(school=school)
        version = ProgramVersion.objects.filter(
            program__school=school, program__kind="tc_llct"
        ).first()
        plan = TrainingPlan.objects.create(
            school=school, year=2025, title="Kế hoạch 2025", status="approved"
        )
        site = Site.objects.create(school=school, name="Cơ sở chính")
        planned = PlannedClass.objects.create(
            school=school,
            plan=plan,
            code="TC-2025-01",
            name="Trung cấp lý luận chính trị K60",
            program_version=version,
            mode=PlannedClass.Mode.PART_TIME,
            site=site,
            planned_size=CREDENTIALS,
            starts_on=datetime.date(2025, 3, 1),
            ends_on=datetime.date(2026, 8, 31),
        )
        cohort = Cohort.objects.create(
            school=school,
            code="K60",
            name=planned.name,
            planned_class=planned,
            program_version=version,
            mode=planned.mode,
            site=site,
            starts_on=planned.starts_on,
            ends_on=planned.ends_on,
            status=Cohort.Status.FINISHED,
        )
        persons = []
        for _ in range(CREDENTIALS):
            sex = "female" if rng.random() < 0.42 else "male"
            family, middle, given = random_name(rng, sex=sex)
            person = Person(
                school=school,
                family_name=family,
                middle_name=middle,
                given_name=given,
                sex=sex,
                date_of_birth=random_day(rng, rng.randint(1968, 1996)),
                agency=agency,
            )
            person.derive_keys()
            persons.append(person)
        persons = Person.objects.bulk_create(persons, batch_size=500)
        nominations = Nomination.objects.bulk_create(
            [
                Nomination(
                    school=school,
                    person=person,
                    agency=agency,
                    planned_class=planned,
                    created_by=user,
                    status=Nomination.Status.ADMITTED,
                )
                for person in persons
            ],
            batch_size=500,
        )
        enrollments = Enrollment.objects.bulk_create(
            [
                Enrollment(
                    cohort=cohort,
                    person=person,
                    nomination=nomination,
                    agency=agency,
                    learner_code=f"K60-{n:04d}",
                    position=n,
                )
                for n, (person, nomination) in enumerate(
                    zip(persons, nominations, strict=True), 1
                )
            ],
            batch_size=500,
        )
        stock = BlankStock.objects.create(
            school=school,
            kind=Kind.DIPLOMA,
            serial_prefix="A",
            first_number=1,
            last_number=CREDENTIALS,
            received_on=datetime.date(2026, 1, 5),
            received_by=user,
        )
        register = Register.objects.create(
            school=school,
            kind=Kind.DIPLOMA,
            year=2026,
            book_number="TCLLCT-2026",
            last_entry_number=CREDENTIALS,
        )
        credentials = []
        for n, (person, enrollment) in enumerate(
            zip(persons, enrollments, strict=True), 1
        ):
            parts = {
                "family_name": person.family_name,
                "middle_name": person.middle_name,
                "given_name": person.given_name,
            }
            credentials.append(
                Credential(
                    school=school,
                    kind=Kind.DIPLOMA,
                    register=register,
                    entry_number=n,
                    stock=stock,
                    serial_number=n,
                    serial=f"A{n:06d}",
                    enrollment=enrollment,
                    holder_name=person.full_name,
                    holder_sort_key=name_sort_key(**parts),
                    holder_search_key=search_key(person.full_name),
                    holder_date_of_birth=person.date_of_birth,
                    programme_name="Trung cấp lý luận chính trị",
                    classification_label=rng.choice(CLASSIFICATIONS),
                    issued_on=datetime.date(2026, 9, 15),
                    signer="Nguyễn Văn Hiệu",
                    verification_code=new_verification_code(),
                    issued_by=user,
                )
            )
        Credential.objects.bulk_create(credentials, batch_size=500)
    return list(
        Credential.objects.filter(register=register)
        .select_related("register", "school")
        .order_by("entry_number")
    )


def run() -> list[dict[str, Any]]:
    from pypdf import PdfReader

    from bench import figure, throwaway_database
    from daotao.credentials import printing
    from daotao.documents.rendering.pdf import docx_to_pdf

    def url_for(credential: Any) -> str:
        return f"https://daotao.example.vn/xac-minh/{credential.verification_code}/"

    figures = []
    with throwaway_database():
        started = time.perf_counter()
        credentials = generate()
        figures.append(
            figure("credentials_pdf.generate", time.perf_counter() - started, "s")
        )
        started = time.perf_counter()
        docx = printing.credentials_docx(credentials, url_for=url_for)
        docx_seconds = time.perf_counter() - started
        started = time.perf_counter()
        pdf = docx_to_pdf(docx, timeout=600)
        pdf_seconds = time.perf_counter() - started
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages == CREDENTIALS, pages
    keep = os.environ.get("BENCH_KEEP_PDF")
    if keep:
        Path(keep).write_bytes(pdf)
    total = docx_seconds + pdf_seconds
    figures += [
        figure("credentials_pdf.docx", docx_seconds, "s"),
        figure("credentials_pdf.libreoffice", pdf_seconds, "s"),
        figure(
            "credentials_pdf.total",
            total,
            "s",
            goal=GOAL_SECONDS,
            passed=total <= GOAL_SECONDS,
        ),
        figure("credentials_pdf.pages", pages, "pages"),
        figure("credentials_pdf.docx_size", len(docx) / 1e6, "MB"),
        figure("credentials_pdf.pdf_size", len(pdf) / 1e6, "MB"),
    ]
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import bench

    bench.configure()
    for row in run():
        print(f"{row['name']:<40} {row['value']:>12,.2f} {row['unit']}")
