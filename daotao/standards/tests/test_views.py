"""The pages: the years, a year's criteria → indicators, an indicator with its
evidence, the export, the report's drafting and the rule set."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents.models import OutgoingDocument
from daotao.standards.models import Evidence, Indicator, SelfAssessment
from daotao.standards.tests.factories import (
    assessment_for,
    evidence_upload,
    result_of,
)


@pytest.fixture
def assessment(school):
    return assessment_for(school)


@pytest.mark.django_db
def test_the_office_opens_a_year_from_the_list(client, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.post(reverse("standards:assessment-list"), {"year": 2026})
    assessment = SelfAssessment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "standards:assessment-detail", args=[assessment.pk]
    )


@pytest.mark.django_db
def test_a_refused_year_shows_the_form_again_changing_nothing(
    client, make_user, assessment
):
    client.force_login(make_user(Role.LEADERSHIP))
    before = (SelfAssessment.objects.count(), AuditEvent.objects.count())
    response = client.post(reverse("standards:assessment-list"), {"year": 2026})
    assert response.status_code == 400
    assert "đã có bản tự đánh giá" in response.content.decode()
    assert (SelfAssessment.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_the_year_page_shows_each_criterion_and_how_values_were_computed(
    client, make_user, assessment
):
    client.force_login(make_user(Role.SUPERVISOR))
    response = client.get(reverse("standards:assessment-detail", args=[assessment.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    for number in range(1, 7):
        assert f"Tiêu chí {number}." in text
    assert "0 trên 0 giảng viên cơ hữu" in text
    assert reverse("faculty:lecturer-list") in text
    # A supervisor reads: no drafting button.
    assert reverse("standards:assessment-draft", args=[assessment.pk]) not in text


@pytest.mark.django_db
def test_the_supervisor_may_not_draft_nor_enter(client, make_user, assessment):
    client.force_login(make_user(Role.SUPERVISOR))
    result = result_of(assessment, "6.5")
    before = (OutgoingDocument.objects.count(), AuditEvent.objects.count())
    assert (
        client.post(
            reverse("standards:assessment-draft", args=[assessment.pk])
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("standards:result-enter", args=[result.pk]), {"value": "5"}
        ).status_code
        == 403
    )
    assert (OutgoingDocument.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_an_indicator_takes_a_value_and_evidence_through_its_page(
    client, make_user, assessment, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_user(Role.TRAINING_OFFICE))
    result = result_of(assessment, "6.5")
    page = reverse("standards:result-detail", args=[result.pk])
    response = client.post(
        reverse("standards:result-enter", args=[result.pk]),
        {"value": "150", "explanation": "Hai nhà nội trú"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("standards:evidence-add", args=[result.pk]),
        {"title": "Thống kê chỗ ở", "file": evidence_upload()},
    )
    assert response.status_code == 302
    text = client.get(page).content.decode()
    assert "150" in text and "Vượt chuẩn" not in text  # 150 < 200 (above mark)
    assert "Đạt" in text and "Thống kê chỗ ở" in text
    evidence = Evidence.objects.get()
    download = client.get(reverse("standards:evidence-file", args=[evidence.pk]))
    assert b"".join(download.streaming_content) == b"PK\x03\x04"
    # A refused value shows the page again with the error, changing nothing.
    response = client.post(
        reverse("standards:result-enter", args=[result.pk]), {"value": "-3"}
    )
    assert response.status_code == 400
    assert result_of(assessment, "6.5").entered_value == Decimal(150)


@pytest.mark.django_db
def test_the_export_has_one_row_per_indicator_with_values(
    client, make_user, assessment
):
    client.force_login(make_user(Role.LEADERSHIP))
    response = client.get(reverse("standards:assessment-export", args=[assessment.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    codes = [row[0] for row in rows[2:]]
    assert len(codes) == assessment.results.count()
    assert "2.2" in codes
    master = rows[2 + codes.index("2.2")]
    assert master[7] == 0 and master[8] == 0  # the count and the denominator
    assert not any(
        isinstance(c, str) and c.startswith("=") for row in rows for c in row
    )


@pytest.mark.django_db
def test_drafting_the_report_makes_an_nd30_report_then_redrafts_it(
    client, make_user, assessment, unit
):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    url = reverse("standards:assessment-draft", args=[assessment.pk])
    assert client.post(url).status_code == 302
    assessment.refresh_from_db()
    document = assessment.document
    assert document.template.code == "bao-cao-tu-danh-gia-truong-chuan"
    assert document.document_type.abbreviation == "BC"
    assert "năm 2026" in document.summary
    assert "Quy định số 11-QĐ/TW ngày 19/05/2021 của Ban Bí thư" in str(document.basis)
    body = document.body_text or str(document.body)
    count = assessment.results.count()
    assert f"Trường tự đánh giá {count} chỉ tiêu của 6 tiêu chí (55 chỉ tiêu" in body
    assert "Tiêu chí 2 (Đội ngũ cán bộ, viên chức)" in body
    annex = document.body[-1]
    summary, details = annex["blocks"][1], annex["blocks"][3]
    assert [row[1] for row in summary["rows"]][:2] == [
        "1. Thể chế, quy định",
        "2. Đội ngũ cán bộ, viên chức",
    ]
    assert summary["rows"][-1][:3] == ["", "Tổng cộng", str(count)]
    master = next(row for row in details["rows"] if row[0] == "2.2")
    assert master[2:6] == [
        "≥ 70% (chưa xác nhận)",
        "—",
        "Chưa có số liệu",
        "Số liệu quản lý của Trường",
    ]
    rules = next(row for row in details["rows"] if row[0] == "1.1")
    assert rules[5] == "Chưa có minh chứng"
    assert client.post(url).status_code == 302
    assessment.refresh_from_db()
    assert assessment.document_id == document.pk
    assert OutgoingDocument.objects.count() == 1


@pytest.mark.django_db
def test_drafting_without_a_unit_is_refused_changing_nothing(
    client, make_user, assessment
):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    before = (OutgoingDocument.objects.count(), AuditEvent.objects.count())
    response = client.post(
        reverse("standards:assessment-draft", args=[assessment.pk]), follow=True
    )
    assert "chưa khai báo khoa, phòng" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.document_id is None
    assert (OutgoingDocument.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_leadership_edits_a_threshold_on_the_rule_set_page(client, make_user):
    indicator = Indicator.objects.get(code="2.2")
    client.force_login(make_user(Role.LEADERSHIP))
    text = client.get(reverse("standards:rule-set")).content.decode()
    assert "11-QĐ/TW" in text and "Chưa xác nhận" in text
    url = reverse("standards:indicator-update", args=[indicator.pk])
    response = client.post(
        url,
        {"threshold": "75", "above_threshold": "95", "direction": "at_least"},
    )
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert (indicator.threshold, indicator.above_threshold) == (75, 95)
    response = client.post(
        url, {"threshold": "75", "above_threshold": "60", "direction": "at_least"}
    )
    assert response.status_code == 400
    indicator.refresh_from_db()
    assert indicator.above_threshold == 95


@pytest.mark.django_db
def test_the_rule_set_exports_every_indicator_with_its_thresholds(client, make_user):
    client.force_login(make_user(Role.SUPERVISOR))
    response = client.get(reverse("standards:rule-set-export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)[2:]
    assert len(rows) == Indicator.objects.count()
    master = next(row for row in rows if row[0] == "2.2")
    assert master[6:9] == (70, 90, "Chưa xác nhận")


@pytest.mark.django_db
def test_the_rule_set_lists_its_indicators_a_page_at_a_time(
    client, make_user, settings
):
    settings.PAGE_SIZE = 40
    client.force_login(make_user(Role.SUPERVISOR))
    first = client.get(reverse("standards:rule-set")).content.decode()
    second = client.get(reverse("standards:rule-set"), {"page": 2}).content.decode()
    codes = list(
        Indicator.objects.order_by("criterion__number", "position", "id").values_list(
            "code", flat=True
        )
    )
    assert len(codes) == 42
    assert "Trang 1/2" in first and "Trang 2/2" in second
    assert "Tổng số: 42" in first
    for code in codes[:40]:
        assert f"<td>{code}</td>" in first and f"<td>{code}</td>" not in second
    for code in codes[40:]:
        assert f"<td>{code}</td>" in second and f"<td>{code}</td>" not in first
    # a criterion split across pages heads its part on each page
    last = Indicator.objects.get(code=codes[-1]).criterion
    assert f"Tiêu chí {last.number}." in second


@pytest.mark.django_db
def test_the_years_are_listed_a_page_at_a_time_newest_first(
    client, make_user, school, settings
):
    for year in (2024, 2025, 2026):
        assessment_for(school, year=year)
    settings.PAGE_SIZE = 2
    client.force_login(make_user(Role.SUPERVISOR))
    first = client.get(reverse("standards:assessment-list")).content.decode()
    second = client.get(
        reverse("standards:assessment-list"), {"page": 2}
    ).content.decode()
    assert "Tự đánh giá năm 2026" in first and "Tự đánh giá năm 2025" in first
    assert "Tự đánh giá năm 2024" not in first
    assert "Tự đánh giá năm 2024" in second and "Tự đánh giá năm 2025" not in second
    assert "Trang 2/2" in second and "Tổng số: 3" in second
