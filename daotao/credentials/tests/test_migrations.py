"""The data migration 0004 run over rows as 0003 left them: the new wording fields
of existing templates, a giấy chứng nhận template per school, and the course dates
and decision of credentials already issued."""

import datetime
import importlib

import pytest
from django.apps import apps

from daotao.credentials.models import Credential, CredentialTemplate, Kind

pytestmark = pytest.mark.django_db

fill = importlib.import_module(
    "daotao.credentials.migrations.0004_fill_wording_course_dates_and_decisions"
)


def test_existing_templates_get_their_labels_and_a_completion_template(school):
    for kind in ("diploma", "certificate"):
        CredentialTemplate.objects.create(
            school=school,
            kind=kind,
            name=f"Mẫu {kind} đã sửa",
            national_title="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            motto="Độc lập - Tự do - Hạnh phúc",
            grantor="HIỆU TRƯỞNG",
            title="TÊN ĐÃ SỬA",
            recognition="Câu đã sửa {chuong_trinh}",
            holder_label="Ông (bà):",
            classification_label="Xếp loại:",
            register_label="",
            signer_title="HIỆU TRƯỞNG",
        )
    fill.fill_templates(apps, None)
    rows = CredentialTemplate.objects.filter(school=school).order_by("kind")
    assert [(t.kind, t.title, t.register_label) for t in rows] == [
        ("certificate", "TÊN ĐÃ SỬA", "Số vào sổ cấp chứng chỉ:"),
        ("completion", "GIẤY CHỨNG NHẬN", "Số vào sổ cấp giấy chứng nhận:"),
        ("diploma", "TÊN ĐÃ SỬA", "Số vào sổ cấp bằng:"),
    ]
    assert {t.course_dates for t in rows} == {fill.COURSE_DATES}


def test_issued_credentials_get_their_course_dates_and_decision(papers):
    Credential.objects.update(
        course_starts_on=None,
        course_ends_on=None,
        decision_number="",
        decision_date=None,
    )
    fill.fill_credentials(apps, None)
    rows = Credential.objects.filter(kind=Kind.CERTIFICATE).values_list(
        "course_starts_on", "course_ends_on", "decision_number", "decision_date"
    )
    expected = (
        datetime.date(2026, 3, 2),
        datetime.date(2026, 9, 2),
        "13/QĐ-TrCT",
        datetime.date(2026, 9, 5),
    )
    assert list(rows) == [expected, expected]
