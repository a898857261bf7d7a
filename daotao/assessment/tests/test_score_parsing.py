"""Scores are ASCII digits with "," or "." as the decimal point: other digits
(Arabic-Indic, full-width…) are refused with a Vietnamese message
naming the cell, in the grid, the single entry and the import; the range and step
checks are as before."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from daotao.assessment import services
from daotao.assessment.importing import scores_import_run
from daotao.assessment.models import Score

RULE = "chỉ dùng chữ số 0–9, dấu thập phân là dấu phẩy hoặc dấu chấm"


def state(sheet):
    return sorted(Score.objects.filter(sheet=sheet).values_list("exam", "version"))


@pytest.mark.parametrize("typed", ["٣", "３", "۸", "८", "๘", "8٫5", "1e1", "8,5,", "½"])
def test_single_entry_refuses_other_digits(sheet, office, typed):
    line = sheet.scores.first()
    with pytest.raises(ValidationError) as refused:
        services.score_enter(
            actor=office, score=line, values={"exam": typed}, expected_version=1
        )
    assert refused.value.message_dict == {
        "exam": [f"“{typed}” không phải là điểm: {RULE}."]
    }
    assert state(sheet) == [(None, 1)] * 3


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("8,5", Decimal("8.5")),
        ("8.5", Decimal("8.5")),
        (" 7 ", Decimal("7.0")),
        ("10", Decimal("10.0")),
    ],
)
def test_ascii_digits_with_comma_or_point_are_accepted(sheet, office, typed, stored):
    line = sheet.scores.first()
    services.score_enter(
        actor=office, score=line, values={"exam": typed}, expected_version=1
    )
    line.refresh_from_db()
    assert line.exam == stored


def test_range_checks_are_kept(sheet, office):
    line = sheet.scores.first()
    with pytest.raises(ValidationError) as refused:
        services.score_enter(
            actor=office, score=line, values={"exam": "-1"}, expected_version=1
        )
    assert refused.value.message_dict == {"exam": ["Điểm phải từ 0 đến 10."]}


def test_grid_names_the_refused_cell(client, sheet, office):
    ha, nam, tuan = sheet.scores.order_by("enrollment__person__sort_key")
    client.force_login(office)
    data = {"line": []}
    for line, exam in ((ha, "8"), (nam, "٣"), (tuan, "３")):
        data["line"].append(str(line.pk))
        data[f"s{line.pk}-version"] = "1"
        data[f"s{line.pk}-attendance"] = "9"
        data[f"s{line.pk}-test"] = "7"
        data[f"s{line.pk}-exam"] = exam
    response = client.post(reverse("assessment:sheet-save", args=[sheet.pk]), data)
    assert response.status_code == 400
    assert response.context["cell_errors"] == [
        (f"s{nam.pk}-exam", f"Lê Văn Nam, cột Thi: “٣” không phải là điểm: {RULE}."),
        (
            f"s{tuan.pk}-exam",
            f"Phạm Minh Tuấn, cột Thi: “３” không phải là điểm: {RULE}.",
        ),
    ]
    body = response.content.decode()
    # The cell says it is invalid and points at its message; the summary is an
    # error, not a success message.
    assert (
        f'name="s{nam.pk}-exam" value="٣" inputmode="decimal" size="4" '
        f'aria-invalid="true" aria-describedby="s{nam.pk}-exam-error"'
    ) in body
    assert f'<p class="error" id="s{nam.pk}-exam-error">' in body
    assert 'class="error-summary" role="alert"' in body
    assert f'<a href="#s{nam.pk}-exam">Lê Văn Nam, cột Thi' in body
    assert (
        f'name="s{ha.pk}-exam" value="8" inputmode="decimal" size="4" aria-label'
        in body
    )
    assert state(sheet) == [(None, 1)] * 3


def test_import_refuses_other_digits(sheet, office):
    book = Workbook()
    book.active.append(("Họ và tên", "Mã học viên", "Chuyên cần", "Kiểm tra", "Thi"))
    book.active.append(("Trần Thị Hà", "K63A-002", "9", "7", "٣"))
    buffer = io.BytesIO()
    book.save(buffer)
    report = scores_import_run(
        upload=buffer.getvalue(),
        filename="diem.xlsx",
        actor=office,
        sheet=sheet,
        dry_run=True,
    )
    assert [str(m) for m in report.errors] == [
        f"Dòng 2, cột “Thi”: “٣” không phải là điểm: {RULE}."
    ]
    assert state(sheet) == [(None, 1)] * 3
