"""400 delegate badges into one PDF (issue 7), the demo conference's size.

A school, the seed-shaped demo conference (400 delegates in 30 delegations, made
by `daotao.demo.conference` through the services). Timed: the DOCX (python-docx,
eight badges to an A4 page, one QR image each) and its one LibreOffice
conversion; reported with the PDF's pages and size. Run alone:
`.venv/bin/python bench/research_badges.py` (BENCH_KEEP_PDF=path keeps the PDF).
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path
from typing import Any

DELEGATES = 400
PAGES = DELEGATES // 8


def generate() -> tuple[Any, list[Any]]:
    """The school, the research office user and the demo conference."""
    from django.db import transaction

    from daotao.accounts.models import Membership, User
    from daotao.core.access import Role
    from daotao.demo.conference import PROVINCE_BODIES, ensure_conference
    from daotao.faculty.tests.factories import LecturerFactory
    from daotao.org.models import Agency, Area, School

    with transaction.atomic():
        school = School.objects.create(
            name="Trường Chính trị tỉnh Thanh Hóa",
            short_name="TRƯỜNG CHÍNH TRỊ",
            abbreviation="TrCT",
            governing_body="TỈNH ỦY THANH HÓA",
            province=Area.objects.get(level="province", code="038"),
            place_name="Thanh Hóa",
        )
        office = User.objects.create_user(username="nckh", password=None)
        Membership.objects.create(user=office, role=Role.RESEARCH_OFFICE, school=school)
        # The demo conference invites the province's bodies as the agency registry
        # names them, and takes its liaisons from the lecturers (as its test does).
        for name in PROVINCE_BODIES:
            Agency.objects.create(
                school=school, name=name, kind="party", level="province"
            )
        for _ in range(12):
            LecturerFactory(school=school)
        conference = ensure_conference(school=school, office=office)
    delegates = list(
        conference.delegates.select_related("delegation__organisation").order_by(
            "delegation__organisation__group", "sort_key", "id"
        )
    )
    return conference, delegates


def run() -> list[dict[str, Any]]:
    from pypdf import PdfReader

    from bench import figure, throwaway_database
    from daotao.documents.rendering.pdf import docx_to_pdf
    from daotao.research.badges import badges_docx

    def url_for(delegate: Any) -> str:
        return (
            f"https://daotao.example.vn/nghien-cuu/diem-danh/?ma={delegate.badge_token}"
        )

    figures = []
    with throwaway_database():
        started = time.perf_counter()
        conference, delegates = generate()
        figures.append(
            figure("research_badges.generate", time.perf_counter() - started, "s")
        )
        assert len(delegates) == DELEGATES, len(delegates)
        started = time.perf_counter()
        docx = badges_docx(
            delegates, conference_title=conference.title, url_for=url_for
        )
        docx_seconds = time.perf_counter() - started
        started = time.perf_counter()
        pdf = docx_to_pdf(docx, timeout=600)
        pdf_seconds = time.perf_counter() - started
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    keep = os.environ.get("BENCH_KEEP_PDF")
    if keep:
        Path(keep).write_bytes(pdf)
    figures += [
        figure("research_badges.docx", docx_seconds, "s"),
        figure("research_badges.libreoffice", pdf_seconds, "s"),
        figure("research_badges.total", docx_seconds + pdf_seconds, "s"),
        figure("research_badges.pages", pages, "pages"),
        figure("research_badges.pdf_size", len(pdf) / 1e6, "MB"),
    ]
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import bench

    bench.configure()
    for row in run():
        print(f"{row['name']:<40} {row['value']:>12,.2f} {row['unit']}")
