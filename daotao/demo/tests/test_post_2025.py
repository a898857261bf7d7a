"""The demo in 2026 names only post-2025 bodies, places and programmes: its data
as written (fast), and everything seed_demo put in the database (seeded once)."""

from __future__ import annotations

import datetime

import pytest

from daotao.demo import conference, data, documents, papers, planning, website
from daotao.demo.tests.post_2025 import outdated_names
from daotao.documents.models import OutgoingDocument
from daotao.org.models import Agency
from daotao.portal.models import Article, Page
from daotao.research.models import (
    Conference,
    GuestSpeech,
    InvitedOrganisation,
    Paper,
    ResearchTopic,
)

FIRST_DAY_NEW = datetime.date(2025, 7, 1)


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
    assert len(texts) > 300
    found = {text[:120]: outdated_names(text) for text in texts}
    assert {text: names for text, names in found.items() if names} == {}
    # The agencies dissolved with the districts stay in the registry as history.
    assert Agency.objects.filter(level="district", valid_to__isnull=False).count() == 3
