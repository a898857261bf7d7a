"""The proceedings (kỷ yếu) of 25 accepted papers as one PDF (issue 7).

A conference with 25 accepted papers in one session, like the demo's: 13 Word
.docx papers (the demo's text: a heading and four sections, 2-3 pages) converted by
LibreOffice two at a time, and 12 PDF papers (one of those DOCX converted once
before timing) merged as they are. Timed: reading the papers in programme order
and building the PDF (conversions, cover and table of contents, merge); reported
with the pages and size. Run alone: `.venv/bin/python bench/research_proceedings.py`
(BENCH_KEEP_PDF=path keeps the PDF for a look).
"""

from __future__ import annotations

import datetime
import io
import os
import sys
import time
from pathlib import Path
from typing import Any

PAPERS = 25
DOCX_PAPERS = 13


def generate() -> Any:
    """The school, a conference, 25 accepted papers with files, in one session."""
    from django.core.files.base import ContentFile
    from django.db import transaction
    from django.utils import timezone

    from daotao.accounts.models import User
    from daotao.demo.papers import (
        HOST_TITLES,
        PARTNER_TITLES,
        PROCESS_TITLES,
        STUDENT_TITLES,
        _docx,
    )
    from daotao.documents.rendering.pdf import docx_to_pdf
    from daotao.org.models import Area, School
    from daotao.research.models import (
        Conference,
        ConferencePart,
        InvitedOrganisation,
        Paper,
        PaperAuthor,
        ProgrammeSession,
        ThemeGroup,
    )

    titles = (HOST_TITLES + PROCESS_TITLES + STUDENT_TITLES + PARTNER_TITLES) * 2
    pdf = docx_to_pdf(_docx(titles[0], "Trường Chính trị tỉnh Thanh Hóa"))
    day = datetime.date(2026, 4, 7)
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(7, 30)))
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
        conference = Conference.objects.create(
            school=school,
            title="Đổi mới công tác quản lý nhằm nâng cao chất lượng đào tạo, bồi "
            "dưỡng cán bộ ở các Trường Chính trị khu vực Bắc Trung Bộ",
            slug="hoi-thao-bench",
            host=school.name,
            starts_on=day,
            ends_on=day,
            venue="Hội trường lớn",
        )
        part = ConferencePart.objects.create(
            conference=conference,
            name="Phần hội thảo",
            kind="conference",
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=4),
        )
        session = ProgrammeSession.objects.create(
            part=part,
            title="Phiên toàn thể",
            starts_at=part.starts_at,
            ends_at=part.ends_at,
        )
        theme = ThemeGroup.objects.create(conference=conference, name="Quản lý đào tạo")
        organisation = InvitedOrganisation.objects.create(
            school=school, name="Trường Chính trị tỉnh Nghệ An", group="regional_school"
        )
        for number in range(1, PAPERS + 1):
            is_docx = number <= DOCX_PAPERS
            paper = Paper(
                school=school,
                conference=conference,
                theme_group=theme,
                title=f"{titles[number - 1]} ({number})",
                status="accepted",
                session=session,
                position=number,
                submitted_by=user,
                file_kind="docx" if is_docx else "pdf",
            )
            data = _docx(paper.title, organisation.name) if is_docx else pdf
            paper.file.save(
                f"p{number}.{paper.file_kind}", ContentFile(data), save=False
            )
            paper.save()
            PaperAuthor.objects.create(
                paper=paper,
                position=1,
                full_name="Nguyễn Văn Hùng",
                organisation=organisation,
                is_presenter=True,
            )
    return conference


def run() -> list[dict[str, Any]]:
    from django.conf import settings
    from pypdf import PdfReader

    import bench
    from bench import figure, throwaway_database
    from daotao.research.proceedings import proceedings_pdf
    from daotao.research.selectors import papers as paper_selectors

    settings.MEDIA_ROOT = str(bench._scratch / "media")
    figures = []
    with throwaway_database():
        started = time.perf_counter()
        conference = generate()
        figures.append(
            figure("research_proceedings.generate", time.perf_counter() - started, "s")
        )
        started = time.perf_counter()
        papers = paper_selectors.papers_in_programme_order(conference=conference)
        pdf = proceedings_pdf(conference, papers)
        seconds = time.perf_counter() - started
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    keep = os.environ.get("BENCH_KEEP_PDF")
    if keep:
        Path(keep).write_bytes(pdf)
    return [
        *figures,
        figure("research_proceedings.total", seconds, "s"),
        figure("research_proceedings.papers", len(papers), "papers"),
        figure("research_proceedings.pages", pages, "pages"),
        figure("research_proceedings.pdf_size", len(pdf) / 1e6, "MB"),
    ]


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import bench

    bench.configure()
    for row in run():
        print(f"{row['name']:<40} {row['value']:>12,.2f} {row['unit']}")
