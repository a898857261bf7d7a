"""A score sheet from XLSX: the dry run writes nothing, the commit writes every
row, a bad row writes nothing at all."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from daotao.assessment.importing import scores_import_run
from daotao.assessment.models import Score
from daotao.core.models import ImportBatch

HEADER = ("Họ và tên", "Mã học viên", "Chuyên cần", "Kiểm tra", "Thi")


def workbook(*rows):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GOOD = workbook(
    ("Trần Thị Hà", "K63A-002", 10, "6,5", 5.5),
    ("Lê Văn Nam", "K63A-003", 9, 7, 6),
    ("Phạm Minh Tuấn", "K63A-001", 8, 8, 8),
)


def results(sheet):
    return [
        (s.enrollment.person.given_name, s.result, s.version)
        for s in Score.objects.filter(sheet=sheet)
        .select_related("enrollment__person")
        .order_by("enrollment__person__sort_key")
    ]


def test_dry_run_writes_nothing(sheet, office):
    report = scores_import_run(
        upload=GOOD, filename="diem.xlsx", actor=office, sheet=sheet, dry_run=True
    )
    assert report.is_importable and not report.is_committed
    assert report.counts == {"create": 0, "match": 3, "refuse": 0}
    assert results(sheet) == [("Hà", None, 1), ("Nam", None, 1), ("Tuấn", None, 1)]
    assert not ImportBatch.objects.exists()


def test_commit_writes_every_row(client, sheet, office):
    client.force_login(office)
    url = reverse("assessment:sheet-import", args=[sheet.pk])
    dry = client.post(url, {"file": SimpleUploadedFile("diem.xlsx", GOOD)})
    assert dry.status_code == 200 and dry.context["report"].is_importable
    response = client.post(
        url, {"file": SimpleUploadedFile("diem.xlsx", GOOD), "commit": "1"}
    )
    assert response.status_code == 302
    assert results(sheet) == [
        ("Hà", Decimal("6.3"), 2),
        ("Nam", Decimal("6.6"), 2),
        ("Tuấn", Decimal("8.0"), 2),
    ]
    assert ImportBatch.objects.count() == 1


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (
            ("Lê Văn Nam", "K63A-003", 9, 7, 11),
            "Dòng 3, cột “Thi”: Điểm phải từ 0 đến 10.",
        ),
        (
            ("Lê Văn Nam", "K63A-009", 9, 7, 6),
            "Dòng 3, cột “Mã học viên”: không có học viên mã này trong bảng điểm.",
        ),
        (
            ("Nguyễn Văn An", "K63A-003", 9, 7, 6),
            "Dòng 3, cột “Mã học viên”: mã học viên là của Lê Văn Nam, khác tên "
            "trong tệp.",
        ),
    ],
)
def test_bad_row_writes_nothing(sheet, office, bad_row, message):
    data = workbook(("Trần Thị Hà", "K63A-002", 10, "6,5", 5.5), bad_row)
    report = scores_import_run(
        upload=data, filename="diem.xlsx", actor=office, sheet=sheet, dry_run=False
    )
    assert not report.is_committed
    assert [str(m) for m in report.errors] == [message]
    assert results(sheet) == [("Hà", None, 1), ("Nam", None, 1), ("Tuấn", None, 1)]
    assert not ImportBatch.objects.exists()


def test_import_refused_to_homeroom_lecturer(client, sheet, make_user):
    from daotao.core.access import Role

    client.force_login(make_user(Role.HOMEROOM_LECTURER))
    response = client.post(
        reverse("assessment:sheet-import", args=[sheet.pk]),
        {"file": SimpleUploadedFile("diem.xlsx", GOOD), "commit": "1"},
    )
    assert response.status_code == 403
    assert results(sheet)[0] == ("Hà", None, 1)


def test_a_total_and_a_note_under_the_scores_end_the_table(sheet, office):
    """Issue 14, finding 7: the shared reader ends the table for score sheets too."""
    data = workbook(
        ("Trần Thị Hà", "K63A-002", 10, "6,5", 5.5),
        ("Cộng: 1 học viên",),
        ("Ghi chú: điểm thi làm tròn đến 0,5.",),
    )
    report = scores_import_run(
        upload=data, filename="diem.xlsx", actor=office, sheet=sheet, dry_run=True
    )
    assert report.file_errors == [] and report.is_importable
    assert report.counts == {"create": 0, "match": 1, "refuse": 0}
    assert report.table_end_row == 3
