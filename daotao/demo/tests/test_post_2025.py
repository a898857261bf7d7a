"""The demo in 2026 names only post-2025 bodies, places and programmes: its data
as written (fast), and everything seed_demo put in the database (seeded once); and
the seed-shaped conference's report, read back from its DOCX, states the database's
figures in the seed's five sections (its PDF pages go to $ARTIFACTS_DIR/report-104
as PNG, to be looked at)."""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from daotao.demo import conference, data, documents, papers, planning, website
from daotao.demo import conference as conference_data
from daotao.demo.tests.post_2025 import outdated_names
from daotao.documents.models import OutgoingDocument
from daotao.documents.rendering.pdf import docx_to_pdf
from daotao.documents.services import document_docx
from daotao.org.models import Agency
from daotao.portal.models import Article, Page
from daotao.research.models import (
    Conference,
    ConferenceDocument,
    Delegate,
    GuestSpeech,
    InvitedOrganisation,
    Liaison,
    Paper,
    ResearchTopic,
)
from daotao.research.services.reporting import DEFAULT_RECIPIENTS
from daotao.research.tests.test_reporting import report_figures_match_the_database

FIRST_DAY_NEW = datetime.date(2025, 7, 1)
SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "report-104"
SECTIONS = [
    "1. Công tác tham mưu, phối hợp",
    "2. Kết quả cụ thể",
    "3. Đánh giá chung",
    "4. Một số kinh nghiệm bước đầu",
    "5. Những kiến nghị, đề xuất",
]


def test_the_scan_finds_what_it_must():
    assert outdated_names(
        "Huyện ủy Đông Sơn; Ban Tuyên giáo Tỉnh ủy; Đảng ủy Khối cơ quan và doanh "
        "nghiệp tỉnh; Trường Chính trị Quảng Bình; Kế hoạch 48/KH-HVCT-HCQG; các "
        "huyện, thị, thành phố; lớp Trung cấp lý luận chính trị - hành chính K60A"
    ) == [
        "Huyện ủy",
        "Ban Tuyên giáo Tỉnh ủy",
        "Đảng ủy Khối",
        "Quảng Bình",
        "HVCT-HCQG",
        "huyện",
        "lý luận chính trị - hành chính",
    ]
    assert (
        outdated_names(
            "Ban Tuyên giáo và Dân vận Tỉnh ủy; Đảng ủy các cơ quan Đảng tỉnh; Trường "
            "Chính trị tỉnh Quảng Trị; chuyện học; Đảng ủy phường Hạc Thành"
        )
        == []
    )


def _source_texts() -> list[str]:
    texts = [name for name, _group, _count in conference.ORGANISATIONS]
    texts += [" ".join(speech) for speech in conference.SPEECHES]
    texts += [conference.TITLE, conference.EXPERIENCE, *conference.THEMES]
    texts += [topic[1] for topic in conference.TOPICS]
    texts += [
        *papers.HOST_TITLES,
        *papers.PROCESS_TITLES,
        *papers.STUDENT_TITLES,
        *papers.PARTNER_TITLES,
        *papers.DISTRICT_TITLES,
        *papers.OFFICE_TEXT,
    ]
    texts += [name for name, *_ in data.PROVINCIAL_AGENCIES]
    texts += [name for name, *_ in planning.commune_agency_names()]
    texts += [body for _title, _position, body in website.PAGES]
    texts += [
        f"{title} {summary}"
        for title, _category, posted, _views, summary in website.ARTICLES
        if datetime.date(*posted[:3]) >= FIRST_DAY_NEW
    ]
    texts += [
        f"{summary} {body}" for _code, summary, body, _s in documents.DEMO_DOCUMENTS
    ]
    return texts


def test_the_demo_data_as_written_names_no_outdated_body_or_province():
    found = {text: outdated_names(text) for text in _source_texts()}
    assert {text: names for text, names in found.items() if names} == {}


@pytest.mark.django_db
@pytest.mark.slow  # seeds the whole demo
def test_the_seeded_demo_names_no_outdated_body_or_province(seeded_module):
    texts = list(
        Agency.objects.filter(valid_to__isnull=True).values_list("name", flat=True)
    )
    texts += InvitedOrganisation.objects.values_list("name", flat=True)
    texts += [f"{s.speaker} {s.post} {s.gist}" for s in GuestSpeech.objects.all()]
    texts += [
        f"{c.title} {c.basis_line} {c.experience} {c.co_organisers}"
        for c in Conference.objects.all()
    ]
    texts += ResearchTopic.objects.values_list("title", flat=True)
    texts += [f"{p.title} {p.abstract}" for p in Paper.objects.all()]
    texts += [
        f"{a.title} {a.summary} {a.body}"
        for a in Article.objects.filter(published_at__date__gte=FIRST_DAY_NEW)
    ]
    texts += [f"{p.title} {p.body}" for p in Page.objects.all()]
    texts += [
        " ".join([d.summary, d.body_text, *d.recipients, *d.basis])
        for d in OutgoingDocument.objects.all()
    ]
    assert len(texts) > 150
    found = {text[:120]: outdated_names(text) for text in texts}
    assert {text: names for text, names in found.items() if names} == {}
    # The agencies dissolved with the districts stay in the registry as history.
    assert Agency.objects.filter(level="district", valid_to__isnull=False).count() == 3


def _docx_text(data: bytes) -> tuple[list[str], str]:
    """The DOCX's body paragraphs, and all its text (tables' cells included)."""
    document = Document(io.BytesIO(data))
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    cells = [
        cell.text
        for table in document.tables
        for row in table.rows
        for cell in row.cells
    ]
    return paragraphs, "\n".join([*paragraphs, *cells])


@pytest.mark.django_db
@pytest.mark.slow  # seeds the whole demo
def test_the_seed_shaped_conference_report_states_the_data(seeded_module):
    conference = Conference.objects.get(title=conference_data.TITLE)
    record = ConferenceDocument.objects.get(conference=conference, kind="report")
    report_figures_match_the_database(record.document, conference)
    data = document_docx(record.document)
    paragraphs, text = _docx_text(data)
    assert "[…]" not in text
    assert [p for p in paragraphs if p in SECTIONS] == SECTIONS
    delegates = Delegate.objects.filter(conference=conference)
    assert f"có {delegates.count()} đại biểu" in text
    assert delegates.count() == 400
    liaisons = Liaison.objects.filter(delegation__conference=conference)
    assert (
        f"Chọn cử {liaisons.values('lecturer').distinct().count()} giảng viên của Nhà "
        f"trường làm liên lạc viên với "
        f"{liaisons.values('delegation').distinct().count()} đoàn đại biểu"
    ) in text
    assert "- Hội thảo được tổ chức 1 ngày (ngày 07/04/2026) tại " in text
    regional = re.search(r"4 trường chính trị trong khu vực \(([^)]*)\)", text)
    assert regional.group(1).split("; ") == conference_data.REGIONAL_SCHOOLS
    partners = re.search(r"6 trường bạn \(([^)]*)\)", text)
    assert partners.group(1).split("; ") == conference_data.PARTNER_SCHOOLS
    for speech in conference.speeches.all():
        assert f"Tại Hội thảo, đồng chí {speech.speaker}, {speech.post}, " in text
    experience = paragraphs[
        paragraphs.index(SECTIONS[3]) + 1 : paragraphs.index(SECTIONS[4])
    ]
    assert experience[1:] == conference.experience.splitlines()
    for line in DEFAULT_RECIPIENTS:
        assert line in text
    _pages_to_png(data)


def _pages_to_png(data: bytes) -> None:
    """The report's PDF pages as PNG files, for a person to look at."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    pdf = SHOTS / "bao-cao-hoi-thao.pdf"
    pdf.write_bytes(docx_to_pdf(data))
    subprocess.run(  # noqa: S603 (fixed arguments)
        [shutil.which("pdftoppm") or "pdftoppm", "-png", "-r", "60", str(pdf),
         str(SHOTS / "trang")],
        check=True,
    )  # fmt: skip
    assert len(list(SHOTS.glob("trang-*.png"))) >= 3
