"""The demo school's standard-school self-assessment for 2026 (Quy định 11-QĐ/TW):
opened by the training office, the indicators the system does not compute entered
with their explanations and one evidence file, and the report drafted. The 30
computed indicators read the demo's own lecturers, classes, research and rooms.
Skipped step by step when its rows exist: a second run creates nothing."""

from __future__ import annotations

import io
from collections import Counter
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from daotao.accounts.models import User
from daotao.org.models import School
from daotao.standards import services
from daotao.standards.drafting import report_draft
from daotao.standards.models import IndicatorResult, SelfAssessment

YEAR = 2026

# Entered indicators: code → (value, explanation). The others stay without data,
# as a school would have them half-way through its self-assessment.
ENTERED = {
    "1.1": (1, "Quyết định ban hành Quy chế tổ chức và hoạt động của Trường."),
    "1.2": (1, "Quy chế chi tiêu nội bộ năm 2026; Quy chế dân chủ cơ sở."),
    "1.3": (1, "Quy chế quản lý đào tạo, bồi dưỡng; Quy chế quản lý khoa học."),
    "3.10": (1, "Chương trình Trung cấp LLCT theo chương trình của Học viện."),
    "5.1": (0, "Không có cán bộ, viên chức bị kỷ luật trong năm."),
    "5.2": (1, "Chi bộ Trường hoàn thành tốt nhiệm vụ năm 2026."),
    "6.5": (120, "Khu nội trú 60 phòng, mỗi phòng 2 chỗ."),
    "6.6": (1, "Thư viện và thư viện số phục vụ học viên."),
}  # fmt: skip
EVIDENCE_CODE = "6.5"


def _evidence_file() -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["Khu", "Số phòng", "Số chỗ"])
    sheet.append(["Nhà nội trú A", 30, 60])
    sheet.append(["Nhà nội trú B", 30, 60])
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("thong-ke-cho-o-noi-tru.xlsx", buffer.getvalue())


def ensure_standards(*, school: School, office: User) -> Counter[str]:
    created: Counter[str] = Counter()
    assessment = SelfAssessment.objects.filter(school=school, year=YEAR).first()
    if assessment is None:
        assessment = services.assessment_create(
            actor=office, school_id=school.pk, year=YEAR
        )
        created["tự đánh giá trường chuẩn"] += 1
    results = {
        r.indicator.code: r
        for r in IndicatorResult.objects.filter(assessment=assessment).select_related(
            "indicator", "assessment"
        )
    }
    for code, (value, explanation) in ENTERED.items():
        result = results.get(code)
        if result is None or result.entered_value is not None:
            continue
        services.entered_value_set(
            actor=office, result=result, value=Decimal(value), explanation=explanation
        )
        created["chỉ tiêu nhập tay"] += 1
    result = results.get(EVIDENCE_CODE)
    if result is not None and not result.evidence.exists():
        services.evidence_add(
            actor=office,
            result=result,
            title="Thống kê chỗ ở nội trú năm 2026",
            file=_evidence_file(),
        )
        created["minh chứng"] += 1
    assessment.refresh_from_db()
    if assessment.document_id is None:
        report_draft(actor=office, assessment=assessment)
        created["báo cáo tự đánh giá"] += 1
    return created
