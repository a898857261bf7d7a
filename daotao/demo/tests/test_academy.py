"""The demo's period reports: two schools sent their 2026 figures, one did not."""

import pytest

from daotao.demo import academy
from daotao.reports.models import PeriodReport
from daotao.tests.support.demo_database import seed

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # seeds the whole demo


def test_two_schools_sent_their_2026_report_and_hatinh_did_not(seeded_module):
    sent = PeriodReport.objects.filter(year=academy.YEAR, period="nam")
    assert sorted(
        (r.school.province.code, r.status, r.version, r.submitted_by.username)
        for r in sent
    ) == [
        ("038", "submitted", 1, "daotao"),
        ("040", "submitted", 1, "daotao.nghean"),
    ]
    thanh_hoa = sent.get(school__province__code="038")
    titles = [table["title"] for table in thanh_hoa.figures.values()]
    assert "Lớp học khai giảng theo chương trình" in titles

    assert seed().startswith("Dữ liệu mẫu đã có đủ")
    assert PeriodReport.objects.count() == 2
