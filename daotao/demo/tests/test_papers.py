"""The demo conference's papers: 25 in the theme groups, reviewed, decided, in the
programme, and the report drafted from the data once the conference is over."""

import pytest

from daotao.core.access import Role
from daotao.demo.papers import ensure_papers
from daotao.research.models import ConferenceDocument, Paper, Review, ThemeGroup
from daotao.research.tests.paper_setup import Group, conference_setup
from daotao.research.tests.test_reporting import report_figures_match_the_database

pytestmark = pytest.mark.django_db


def test_twenty_five_papers_reviewed_placed_and_reported_once(make_user, school, unit):
    setup = conference_setup(school)
    ThemeGroup.objects.create(
        conference=setup.conference, name="Phối hợp và kiến nghị", order=4
    )
    office = make_user(Role.RESEARCH_OFFICE)
    created = ensure_papers(conference=setup.conference, office=office, unit=unit)
    assert created == {"tham luận": 25, "phiên": 3, "báo cáo hội thảo": 1}
    papers = Paper.objects.filter(conference=setup.conference)
    assert [
        papers.filter(theme_group__order=order).count() for order in (1, 2, 3, 4)
    ] == [6, 4, 6, 9]
    assert papers.filter(status="accepted").count() == 23
    assert papers.filter(status="rejected").count() == 2
    assert not papers.filter(status="accepted", session__isnull=True).exists()
    assert papers.filter(file_kind="docx").count() == 25
    # Host papers are reviewed by the Academy, the others by host lecturers.
    host_reviews = Review.objects.filter(
        paper__authors__organisation__group=Group.HOST_SCHOOL
    ).distinct()
    assert {r.organisation.group for r in host_reviews} == {Group.ACADEMY}
    report = ConferenceDocument.objects.get(conference=setup.conference, kind="report")
    report_figures_match_the_database(report.document, setup.conference)
    assert "nhận được 25 tham luận, trong đó 23 tham luận" in report.document.body_text
    assert ensure_papers(conference=setup.conference, office=office, unit=unit) == {}
    assert papers.count() == 25
