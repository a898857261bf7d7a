import io
import zipfile
from datetime import date, datetime
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl.xml import DEFUSEDXML

from daotao.core.importing import (
    CITIZEN_ID_RESTORED,
    CREATE,
    MATCH,
    MAX_UPLOAD_BYTES,
    REFUSE,
    CellError,
    ImportFileError,
    RowOutcome,
    Schema,
    WithWarnings,
    citizen_id_column,
    date_of_birth_column,
    full_name_column,
    header_key,
    parse_citizen_id,
    parse_date,
    parse_date_of_birth,
    parse_decimal,
    parse_full_name,
    parse_integer,
    parse_phone,
    parse_sex,
    parse_text,
    phone_column,
    read_table,
    reading,
    run_import,
    sex_column,
    template_workbook,
    text_column,
)
from daotao.core.models import AuditEvent, ImportBatch
from daotao.core.tests import importing_samples as samples

KIND = "core.test_people"
SCOPE = "planned_class=12;agency=5"


def people_schema(*, sex_required: bool = True) -> Schema:
    return Schema(
        columns=(
            full_name_column(),
            date_of_birth_column(),
            sex_column(required=sex_required),
            citizen_id_column(),
            phone_column(),
            text_column("position", "Chức vụ", ("Chức vụ", "Chức vụ, đơn vị công tác")),
        ),
        natural_key=("citizen_id",),
    )


SCHEMA = people_schema()


class AuditHandler:
    """Writes one AuditEvent per new person; a known CCCD is a match."""

    def __init__(self, *, refuse_position: str | None = None, fail: bool = False):
        self.refuse_position = refuse_position
        self.fail = fail
        self.known: set[str] = set()

    def prepare(self, rows):
        ids = [row["citizen_id"] for row in rows]
        self.known = set(
            AuditEvent.objects.filter(
                action="test_import", object_id__in=ids
            ).values_list("object_id", flat=True)
        )

    def check(self, row):
        if self.refuse_position and row["position"] == self.refuse_position:
            return RowOutcome.refuse(
                "chức vụ này không được cử đi học.", column="position"
            )
        if row["citizen_id"] in self.known:
            return RowOutcome.match("đã có trong danh sách.")
        return RowOutcome.create()

    def commit(self, rows):
        for row in rows:
            if row.outcome.action == CREATE:
                AuditEvent.objects.create(
                    action="test_import",
                    object_type="test_person",
                    object_id=row["citizen_id"],
                    changes={"full_name": row["full_name"]},
                )
        if self.fail:
            raise RuntimeError("the domain service failed")


def run(data, *, filename="danh-sach.xlsx", dry_run=False, handler=None, schema=SCHEMA):
    return run_import(
        upload=data,
        filename=filename,
        schema=schema,
        handler=handler or AuditHandler(),
        actor=None,
        kind=KIND,
        scope_key=SCOPE,
        dry_run=dry_run,
    )


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def messages(report) -> list[str]:
    return [str(message) for message in report.messages]


def person_row(number, name, born, sex, citizen_id, phone, position):
    return [number, name, born, sex, citizen_id, phone, position]


# --- reading: layout ----------------------------------------------------------------


def test_official_list_yields_exactly_the_data_rows():
    table = read_table(samples.official_list(), filename="ds.xlsx", schema=SCHEMA)
    assert table.header_row == samples.HEADER_ROW
    assert [row.number for row in table.rows] == [9, 10, 11]
    assert table.ignored_headers == ("STT",)
    first = table.rows[0].cells
    assert first["full_name"].value == "Nguyễn Văn An"
    assert first["date_of_birth"].value == datetime(1985, 3, 5)
    assert table.rows[2].cells["phone"].value is None


def test_table_without_column_numbers_or_signature_starts_under_the_header():
    data = samples.official_list(column_numbers=False, signature=False)
    table = read_table(data, filename="ds.xlsx", schema=SCHEMA)
    assert [row.number for row in table.rows] == [8, 9, 10]


def test_numeric_column_numbers_row_and_blank_rows_are_skipped():
    rows, merges = samples.title_rows(7)
    rows += [list(samples.HEADERS), [1, 2, 3, 4, 5, 6, 7], []]
    rows += [[1, *samples.PEOPLE[0]], [], [2, *samples.PEOPLE[1]]]
    rows += [["Tổng cộng: 2 người"], [3, *samples.PEOPLE[2]]]
    data = samples.workbook_bytes(rows, merges=merges)
    table = read_table(data, filename="ds.xlsx", schema=SCHEMA)
    assert [row.number for row in table.rows] == [10, 12]


@pytest.mark.parametrize(
    "marker",
    ["Người lập biểu", "Thanh Hóa, ngày 10 tháng 3 năm 2026",
     "Ngày 10 tháng 3 năm 2026", "T/M BAN THƯỜNG VỤ", "TM. ỦY BAN NHÂN DÂN",
     "KT. GIÁM ĐỐC", "Thủ trưởng đơn vị",
     "Xác nhận của cơ quan", "Tổng cộng", "Cộng: 3 người"],
)  # fmt: skip
def test_signature_block_ends_the_table(marker):
    rows = [list(samples.HEADERS), [1, *samples.PEOPLE[0]], [None, marker]]
    rows.append([2, *samples.PEOPLE[1]])
    table = read_table(samples.workbook_bytes(rows), filename="x.xlsx", schema=SCHEMA)
    assert [row.number for row in table.rows] == [2]


# --- reading: where the table ends ------------------------------------------------


def _list_with(*extra_rows):
    """Header on row 1, two people on rows 2-3, then `extra_rows`, then a third
    person (who must not be read when the table has ended before)."""
    rows = [list(samples.HEADERS), [1, *samples.PEOPLE[0]], [2, *samples.PEOPLE[1]]]
    rows += [list(row) for row in extra_rows]
    rows.append([3, *samples.PEOPLE[2]])
    return samples.workbook_bytes(rows)


@pytest.mark.parametrize(
    "line",
    [["Tổng số: 12 đồng chí"], [None, "Tổng số: 12 đồng chí"],
     ["TỔNG SỐ 12 NGƯỜI"], ["Tổng: 2"], ["Tong so: 2 dong chi"],
     ["Cộng", None, None, None, None, 2], ["Cộng (2 người)"],
     [None, "Ghi chú: danh sách đã được Ban Thường vụ thông qua."],
     ["Ghi chú"], ["* Cán bộ trong quy hoạch"], ["(*) Đương chức"],
     ["Lưu ý: ghi ngày sinh theo CCCD"]],
)  # fmt: skip
def test_total_and_note_lines_end_the_table(line):
    table = read_table(_list_with(line), filename="x.xlsx", schema=SCHEMA)
    assert [row.number for row in table.rows] == [2, 3]
    assert table.end_row == 4
    assert table.end_text == next(v for v in line if v is not None)


def test_a_name_that_starts_like_a_total_is_data():
    headers = ["Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"]
    rows = [headers, ["Tống Công Minh", "05/03/1985", "Nam", "038085001234"]]
    rows.append(["Cống Thị Lan", "20/11/1990", "Nữ", "038190004321"])
    table = read_table(samples.workbook_bytes(rows), filename="x.xlsx", schema=SCHEMA)
    assert [row.cells["full_name"].value for row in table.rows] == [
        "Tống Công Minh",
        "Cống Thị Lan",
    ]
    assert table.end_row is None


def test_one_blank_row_between_data_rows_is_skipped():
    table = read_table(_list_with([]), filename="x.xlsx", schema=SCHEMA)
    assert [row.number for row in table.rows] == [2, 3, 5]
    assert table.end_row is None


def test_two_blank_rows_end_the_table_and_the_data_below_is_named():
    table = read_table(_list_with([], []), filename="x.xlsx", schema=SCHEMA)
    assert [row.number for row in table.rows] == [2, 3]
    assert (table.end_row, table.end_text) == (4, "")
    assert table.data_row_after_end == 6


def test_a_blank_row_then_a_line_that_is_not_data_ends_the_table():
    line = [None, "Danh sách này gồm 03 đồng chí được cử đi học."]
    table = read_table(_list_with([], line), filename="x.xlsx", schema=SCHEMA)
    assert [row.number for row in table.rows] == [2, 3]
    assert (table.end_row, table.end_text) == (4, "")
    assert table.data_row_after_end == 6


def test_blank_rows_at_the_end_of_the_sheet_end_nothing():
    rows = [list(samples.HEADERS), [1, *samples.PEOPLE[0]], [], [], []]
    table = read_table(samples.workbook_bytes(rows), filename="x.xlsx", schema=SCHEMA)
    assert [row.number for row in table.rows] == [2]
    assert table.end_row is None


def test_signature_rows_under_a_total_line_are_not_data_below_the_end():
    rows, merges = samples.title_rows(7)
    rows += [list(samples.HEADERS), [f"({n})" for n in range(1, 8)]]
    rows += [[n, *person] for n, person in enumerate(samples.PEOPLE, start=1)]
    rows += [[None, "Tổng số: 03 đồng chí"], *samples.signature_rows()]
    data = samples.workbook_bytes(rows, merges=merges)
    table = read_table(data, filename="x.xlsx", schema=SCHEMA)
    assert [row.number for row in table.rows] == [9, 10, 11]
    assert (table.end_row, table.end_text) == (12, "Tổng số: 03 đồng chí")
    assert table.data_row_after_end is None


def test_csv_with_a_total_line_ends_the_table_too():
    rows = [list(samples.HEADERS), [1, *samples.PEOPLE[0]], ["Tổng cộng: 1 người"]]
    rows.append([2, *samples.PEOPLE[1]])
    table = read_table(samples.csv_bytes(rows), filename="x.csv", schema=SCHEMA)
    assert [row.number for row in table.rows] == [2]
    assert table.end_row == 3


def test_dry_run_report_says_where_the_table_ended(db):
    report = run(_list_with([None, "Tổng số: 12 đồng chí"]), dry_run=True)
    assert report.file_errors == []
    assert report.counts == {CREATE: 2, MATCH: 0, REFUSE: 0}
    assert report.table_end_row == 4
    assert report.notices == [
        "Bảng danh sách kết thúc ở dòng 4 (“Tổng số: 12 đồng chí”); không nhập "
        "các dòng từ dòng này trở xuống. Dòng 5 bên dưới vẫn có dữ liệu: nếu "
        "cùng danh sách, hãy xóa các dòng trống hoặc dòng ghi chú ở giữa rồi "
        "nhập lại."
    ]


def test_dry_run_report_names_data_left_under_two_blank_rows(db):
    report = run(_list_with([], []), dry_run=True)
    assert report.notices == [
        "Bảng danh sách kết thúc ở dòng 4 (dòng trống sau dữ liệu); không nhập "
        "các dòng từ dòng này trở xuống. Dòng 6 bên dưới vẫn có dữ liệu: nếu "
        "cùng danh sách, hãy xóa các dòng trống hoặc dòng ghi chú ở giữa rồi "
        "nhập lại."
    ]


@pytest.mark.parametrize(
    ("name", "born", "sex", "citizen_id"),
    [
        ("Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD"),
        ("Họ tên", "Ngày, tháng, năm sinh", "Nam/Nữ", "CCCD"),
        ("Họ, tên", "Ngày tháng năm sinh", "Giới tính", "Số định danh cá nhân"),
        ("Họ và tên học viên", "Sinh ngày", "Nam/Nữ", "Số CCCD/CMND"),
        ("HỌ VÀ TÊN (*)", "NGÀY SINH:", "GIỚI TÍNH", "Căn cước công dân"),
        ("Ho va ten", "Ngày sinh (dd/mm/yyyy)", "Giới\ntính", "Số  CCCD (*)"),
    ],
)
def test_header_aliases_are_recognised(name, born, sex, citizen_id):
    headers = ["STT", name, born, sex, citizen_id, "Số điện thoại", "Chức vụ"]
    data = samples.official_list(headers=headers)
    table = read_table(data, filename="ds.xlsx", schema=SCHEMA)
    assert set(table.headers) == {
        "full_name", "date_of_birth", "sex", "citizen_id", "phone", "position",
    }  # fmt: skip
    assert len(table.rows) == 3


def test_header_key_ignores_case_marks_punctuation_and_required_star():
    assert header_key("Họ, tên (*):") == header_key("HO TEN") == "ho ten"
    assert header_key("Số CCCD/CMND") == "so cccd cmnd"


def test_split_nam_nu_columns_give_date_of_birth_and_sex(db):
    report = run(samples.split_sex_list(), dry_run=True)
    assert report.file_errors == []
    assert [(row.number, row.action) for row in report.rows] == [
        (10, CREATE), (11, CREATE), (12, CREATE),
    ]  # fmt: skip
    values = [(r.values["date_of_birth"], r.values["sex"]) for r in report.rows]
    assert values == [
        (date(1985, 3, 5), "male"),
        (date(1990, 11, 20), "female"),
        (date(1978, 1, 31), "male"),
    ]


def test_split_columns_on_one_header_row_with_a_date_in_both_is_refused(db):
    rows = [
        ["STT", "Họ và tên", "Nam", "Nữ", "Số CCCD"],
        [1, "Nguyễn Văn An", "05/03/1985", None, "038085001234"],
        [2, "Lê Thị Bình", "20/11/1990", "20/11/1990", "038190004321"],
        [3, "Trần Văn Cả", None, None, "038078000777"],
    ]
    report = run(samples.workbook_bytes(rows), dry_run=True)
    assert messages(report) == [
        "Dòng 3, cột “Nam/Nữ”: ghi ở cả cột “Nam” và cột “Nữ”; chỉ ghi vào một cột.",
        "Dòng 4, cột “Nam/Nữ”: chưa ghi ngày sinh vào cột “Nam” hoặc cột “Nữ”.",
    ]
    assert report.rows[0].values["sex"] == "male"


def test_nam_nu_mark_columns_beside_a_date_column_give_the_sex(db):
    rows = [
        ["STT", "Họ và tên", "Ngày sinh", "Nam", "Nữ", "Số CCCD"],
        [1, "Lê Thị Bình", "20/11/1990", None, "x", "038190004321"],
    ]
    report = run(samples.workbook_bytes(rows), dry_run=True)
    assert report.rows[0].values["sex"] == "female"
    assert report.rows[0].values["date_of_birth"] == date(1990, 11, 20)


def test_missing_required_columns_are_listed_with_the_headers_found():
    headers = ["STT", "Họ và tên", "Đơn vị", "Chức vụ"]
    data = samples.official_list(headers=headers, people=[("A", "B", "C")])
    with pytest.raises(ImportFileError) as caught:
        read_table(data, filename="ds.xlsx", schema=SCHEMA)
    assert caught.value.messages == [
        "Thiếu cột bắt buộc: “Ngày sinh”, “Giới tính”, “Số CCCD”. Dòng tiêu đề "
        "(dòng 7, trang “Danh sách”) có các cột: “STT”, “Họ và tên”, “Đơn vị”, "
        "“Chức vụ”."
    ]


def test_file_without_any_known_header_is_refused():
    data = samples.workbook_bytes([["Báo cáo"], ["a", "b"]])
    with pytest.raises(ImportFileError) as caught:
        read_table(data, filename="ds.xlsx", schema=SCHEMA)
    assert caught.value.messages[0].startswith(
        "Không tìm thấy dòng tiêu đề trong 30 dòng đầu của trang “Danh sách”"
    )


def test_a_column_twice_is_refused():
    rows = [[*samples.HEADERS, "Họ tên"], [1, *samples.PEOPLE[0]]]
    with pytest.raises(ImportFileError) as caught:
        read_table(samples.workbook_bytes(rows), filename="x.xlsx", schema=SCHEMA)
    assert caught.value.messages == [
        "Cột “Họ và tên” có hai lần trong dòng tiêu đề (dòng 1, cột B và cột H); "
        "hãy xóa bớt một cột."
    ]


def test_a_named_sheet_is_read_instead_of_the_first():
    cover = [["Công văn số 12/SNV"]]
    data = samples.workbook_bytes(
        [list(samples.HEADERS), [1, *samples.PEOPLE[0]]], first_sheet=cover
    )
    table = read_table(data, filename="x.xlsx", schema=SCHEMA, sheet_name="Danh sách")
    assert len(table.rows) == 1
    with pytest.raises(ImportFileError) as caught:
        read_table(data, filename="x.xlsx", schema=SCHEMA, sheet_name="Khác")
    assert caught.value.messages == [
        "Không có trang tính “Khác” trong tệp; các trang có: “Bìa”, “Danh sách”."
    ]


def test_more_rows_than_the_limit_are_refused():
    rows = [list(samples.HEADERS)] + [[n, *samples.PEOPLE[0]] for n in range(1, 6)]
    with pytest.raises(ImportFileError) as caught:
        read_table(
            samples.workbook_bytes(rows), filename="x.xlsx", schema=SCHEMA, max_rows=4
        )
    assert caught.value.messages == [
        "Bảng có hơn 4 dòng dữ liệu; hãy chia thành nhiều tệp."
    ]


def test_header_without_data_rows_is_refused():
    data = samples.official_list(people=[])
    with pytest.raises(ImportFileError) as caught:
        read_table(data, filename="ds.xlsx", schema=SCHEMA)
    assert caught.value.messages == [
        "Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 7, trang “Danh sách”)."
    ]


# --- reading: CSV ---------------------------------------------------------------------


CSV_ROWS = [
    ["DANH SÁCH HỌC VIÊN"],
    ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Số CCCD", "Điện thoại", "Chức vụ"],
    [1, "Nguyễn Thị Ánh", "05/03/1985", "Nữ", "038185001234", "0912 345 678",
     "Trưởng phòng; Sở Nội vụ"],
    [2, "Đặng Văn Đức", "1990-11-20", "Nam", "001090004321", "", "Chuyên viên"],
]  # fmt: skip


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(";", "utf-8-sig"), (";", "cp1258"), (",", "utf-8"), ("\t", "utf-16")],
)
def test_csv_in_each_encoding_and_delimiter(delimiter, encoding):
    data = samples.csv_bytes(CSV_ROWS, delimiter=delimiter, encoding=encoding)
    table = read_table(data, filename="ds.csv", schema=SCHEMA)
    assert table.header_row == 2
    assert [row.number for row in table.rows] == [3, 4]
    cells = table.rows[0].cells
    assert parse_full_name(cells["full_name"].value) == "Nguyễn Thị Ánh"
    assert cells["position"].value == "Trưởng phòng; Sở Nội vụ"
    assert table.rows[1].cells["phone"].value is None


def test_cp1258_csv_is_decoded_to_nfc(db):
    data = samples.csv_bytes(CSV_ROWS, delimiter=";", encoding="cp1258")
    assert "Nguyễn".encode() not in data  # really the legacy encoding
    report = run(data, filename="ds.csv", dry_run=True)
    assert [row.values["full_name"] for row in report.rows] == [
        "Nguyễn Thị Ánh", "Đặng Văn Đức",
    ]  # fmt: skip


# --- file guards ----------------------------------------------------------------------


def test_openpyxl_parses_xml_through_defusedxml():
    from openpyxl.xml import functions

    assert DEFUSEDXML is True
    assert functions.iterparse.__module__.startswith("defusedxml")


def test_xml_entities_in_a_sheet_are_refused():
    entity_sheet = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row>'
        b"</sheetData></worksheet>"
    )
    data = samples.replace_member(
        samples.official_list(), "xl/worksheets/sheet1.xml", entity_sheet
    )
    with pytest.raises(ImportFileError) as caught:
        read_table(data, filename="ds.xlsx", schema=SCHEMA)
    assert caught.value.messages == [
        "Tệp “ds.xlsx” chứa nội dung XML không an toàn; không mở tệp này."
    ]


def test_file_over_five_megabytes_is_refused_before_reading():
    data = b"PK\x03\x04" + b"\0" * (6 * 1024 * 1024)
    with pytest.raises(ImportFileError) as caught:
        read_table(data, filename="lon.xlsx", schema=SCHEMA)
    assert caught.value.messages == [
        "Tệp “lon.xlsx” lớn hơn giới hạn 5,0 MB; hãy chia thành nhiều tệp."
    ]
    upload = SimpleUploadedFile("lon.csv", b"a" * (MAX_UPLOAD_BYTES + 1))
    with pytest.raises(ImportFileError):
        read_table(upload, filename="lon.csv", schema=SCHEMA)


@pytest.fixture(scope="session")
def zip_bomb_bytes(tmp_path_factory):
    return samples.zip_bomb(tmp_path_factory.getbasetemp() / "bomb.xlsx")


def test_zip_bomb_is_refused_before_openpyxl_opens_it(zip_bomb_bytes, monkeypatch):
    def must_not_open(*args, **kwargs):
        raise AssertionError("openpyxl opened a zip bomb")

    monkeypatch.setattr(reading, "load_workbook", must_not_open)
    assert len(zip_bomb_bytes) < 200 * 1024
    with pytest.raises(ImportFileError) as caught:
        read_table(zip_bomb_bytes, filename="bom.xlsx", schema=SCHEMA)
    assert caught.value.messages == [
        "Tệp “bom.xlsx” khi giải nén lớn 60,0 MB, vượt giới hạn 50,0 MB; "
        "không mở tệp này."
    ]


def test_abnormal_compression_ratio_is_refused(monkeypatch):
    monkeypatch.setattr(reading, "load_workbook", None)  # never reached
    with pytest.raises(ImportFileError) as caught:
        read_table(samples.high_ratio_zip(), filename="nen.xlsx", schema=SCHEMA)
    assert caught.value.code == "file_compression_ratio"


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (
            b"STT,Ho va ten\n1,An\n",
            "ds.xlsx",
            "Tệp “ds.xlsx” không phải là tệp Excel .xlsx hợp lệ (có thể là loại "
            "tệp khác bị đổi tên).",
        ),
        (
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\0" * 64,
            "chuong-trinh.xlsx",
            "Tệp “chuong-trinh.xlsx” không phải là tệp Excel .xlsx hợp lệ (có thể "
            "là loại tệp khác bị đổi tên).",
        ),
        (
            b"PK\x03\x04 not really a zip",
            "hong.xlsx",
            "Tệp “hong.xlsx” không phải là tệp Excel .xlsx hợp lệ (có thể là loại "
            "tệp khác bị đổi tên).",
        ),
        (
            b"MZ\x90\x00\x03\x00\x00\x00",
            "ds.csv",
            "Tệp “ds.csv” không phải là tệp CSV dạng văn bản.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64,
            "cu.xlsx",
            "Tệp “cu.xlsx” là tệp Excel cũ (.xls) hoặc đã đặt mật khẩu; hãy bỏ mật "
            "khẩu và lưu lại dưới dạng .xlsx.",
        ),
        (
            b"anything",
            "virus.exe",
            "Chỉ nhận tệp .xlsx hoặc .csv; tệp “virus.exe” không phải loại này.",
        ),
        (
            b"anything",
            "cu.xls",
            "Tệp “cu.xls” là định dạng Excel 97–2003 (.xls), chưa được hỗ trợ: hãy "
            "mở tệp trong Excel và lưu lại dưới dạng .xlsx.",
        ),
        (b"", "rong.csv", "Tệp “rong.csv” rỗng."),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(data, filename, message):
    with pytest.raises(ImportFileError) as caught:
        read_table(data, filename=filename, schema=SCHEMA)
    assert caught.value.messages == [message]


def test_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải Excel")
    with pytest.raises(ImportFileError) as caught:
        read_table(buffer.getvalue(), filename="x.xlsx", schema=SCHEMA)
    assert caught.value.code == "file_unreadable"


# --- parsers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (32874, date(1990, 1, 1)),
        (32874.75, date(1990, 1, 1)),
        (31111, date(1985, 3, 5)),
        (datetime(1985, 3, 5, 0, 0), date(1985, 3, 5)),
        (date(1985, 3, 5), date(1985, 3, 5)),
        ("05/03/1985", date(1985, 3, 5)),
        ("5/3/1985", date(1985, 3, 5)),
        ("5/3/85", date(1985, 3, 5)),
        ("5/3/05", date(2005, 3, 5)),
        ("05-03-1985", date(1985, 3, 5)),
        ("05.03.1985", date(1985, 3, 5)),
        ("1985-03-05", date(1985, 3, 5)),
        ("1985-03-05 00:00:00", date(1985, 3, 5)),
        (" ngày 5 tháng 3 năm 1985 ", date(1985, 3, 5)),
        ("29/02/1988", date(1988, 2, 29)),
        ("", None),
    ],
)
@time_machine.travel(date(2026, 3, 5), tick=False)
def test_dates_are_read_from_every_form(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31/02/1990",
         "không đọc được ngày '31/02/1990': tháng 2 năm 1990 chỉ có 28 ngày."),
        ("29/02/1990",
         "không đọc được ngày '29/02/1990': tháng 2 năm 1990 chỉ có 28 ngày."),
        ("05/13/1990", "không đọc được ngày '05/13/1990': không có tháng 13."),
        ("1990", "chỉ có năm '1990'; cần ghi đủ ngày, tháng, năm (dd/mm/yyyy)."),
        (1990, "chỉ có năm '1990'; cần ghi đủ ngày, tháng, năm (dd/mm/yyyy)."),
        (-5, "số '-5' không phải là một ngày; hãy ghi theo dạng dd/mm/yyyy."),
        ("mùng 5", "không đọc được ngày 'mùng 5'; hãy ghi theo dạng dd/mm/yyyy."),
        (True, "không đọc được ngày 'True'."),
        (float("nan"), "không đọc được ngày 'nan'."),
        ("05/03/1850", "ngày '05/03/1850' có năm nằm ngoài khoảng 1900–2100."),
        ("1/1/0000", "ngày '1/1/0000' có năm nằm ngoài khoảng 1900–2100."),
        ("0000-01-01", "ngày '0000-01-01' có năm nằm ngoài khoảng 1900–2100."),
    ],
)  # fmt: skip
def test_impossible_dates_are_refused_with_the_reason(raw, message):
    with pytest.raises(CellError) as caught:
        parse_date(raw)
    assert caught.value.message == message


@time_machine.travel(date(2026, 3, 5), tick=False)
def test_date_of_birth_in_the_future_is_refused():
    with pytest.raises(CellError) as caught:
        parse_date_of_birth("06/03/2026")
    assert caught.value.message == "ngày sinh 06/03/2026 ở tương lai."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("038085001234", "038085001234"),
        (" 038 085 001 234 ", "038085001234"),
        ("038.085.001.234", "038085001234"),
        ("'038085001234", "038085001234"),
        (138085001234, "138085001234"),
        (138085001234.0, "138085001234"),
        ("138085001234.0", "138085001234"),
    ],
)
def test_citizen_ids_are_read_as_twelve_digits(raw, expected):
    assert parse_citizen_id(raw) == expected


@pytest.mark.parametrize("raw", [38085001234, 38085001234.0, "38085001234"])
def test_eleven_digit_citizen_id_gets_its_zero_back_with_a_warning(raw):
    parsed = parse_citizen_id(raw)
    assert isinstance(parsed, WithWarnings)
    assert parsed.value == "038085001234"
    assert [w.code for w in parsed.warnings] == [CITIZEN_ID_RESTORED]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("3.8085E+10", "số CCCD '3.8085E+10' đã bị Excel đổi sang dạng số mũ nên mất "
         "chữ số; hãy định dạng cột là Văn bản (Text) rồi ghi lại đủ 12 chữ số."),
        ("3,8085E+10", "số CCCD '3,8085E+10' đã bị Excel đổi sang dạng số mũ nên mất "
         "chữ số; hãy định dạng cột là Văn bản (Text) rồi ghi lại đủ 12 chữ số."),
        ("0380850012", "số CCCD phải gồm đúng 12 chữ số (đã ghi 10: '0380850012')."),
        ("03808500123A", "số CCCD '03808500123A' chỉ được gồm chữ số."),
        (3.8e10 + 0.5, "số CCCD '38000000000.5' không phải là dãy chữ số."),
    ],
)  # fmt: skip
def test_citizen_ids_that_lost_digits_are_refused(raw, message):
    with pytest.raises(CellError) as caught:
        parse_citizen_id(raw)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Nam", "male"), ("nam", "male"), ("NỮ", "female"), ("Nữ", "female"),
     ("Nu", "female"), ("M", "male"), ("F", "female"), (" nữ ", "female")],
)  # fmt: skip
def test_sex_words(raw, expected):
    assert parse_sex(raw) == expected


def test_unknown_sex_is_refused():
    with pytest.raises(CellError) as caught:
        parse_sex("Khác")
    assert caught.value.message == (
        "không đọc được giới tính 'Khác'; hãy ghi “Nam” hoặc “Nữ”."
    )


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("Nguyễn\x00Văn An", "họ và tên có ký tự không in được (ký tự điều khiển); "
         "hãy gõ lại."),
        ("Lê Thị\u200b Hoa", "họ và tên có ký tự không in được (ký tự điều khiển); "
         "hãy gõ lại."),
    ],
)  # fmt: skip
def test_names_with_control_characters_are_refused(raw, message):
    with pytest.raises(CellError) as caught:
        parse_full_name(raw)
    assert caught.value.message == message


def test_names_are_stored_in_the_traditional_tone_placement():
    assert parse_full_name("nguyễn thị thuý hoà") == "Nguyễn Thị Thúy Hòa"


@pytest.mark.parametrize(
    ("raw", "message"),
    [("31/12/1900", "ngày sinh 31/12/1900 không hợp lệ: phải sau năm 1900."),
     (date(1900, 1, 1), "ngày sinh 01/01/1900 không hợp lệ: phải sau năm 1900."),
     ("01/01/0001", "ngày '01/01/0001' có năm nằm ngoài khoảng 1900–2100.")],
)  # fmt: skip
def test_birth_dates_before_1901_are_refused(raw, message):
    with pytest.raises(CellError) as caught:
        parse_date_of_birth(raw)
    assert caught.value.message == message


def test_names_are_nfc_title_cased_with_spaces_collapsed():
    decomposed = "nguye\u0302\u0303n  THI\u0323   a\u0301nh"
    assert parse_full_name(decomposed) == "Nguyễn Thị Ánh"
    assert parse_full_name("  h'hen  niê ") == "H'Hen Niê"
    with pytest.raises(CellError) as caught:
        parse_full_name("Nguyễn Văn 2")
    assert (
        caught.value.message
        == "họ và tên 'Nguyễn Văn 2' có chữ số; hãy kiểm tra lại cột."
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("0912 345 678", "0912345678"), (912345678, "0912345678"),
     (912345678.0, "0912345678"), ("+84 912 345 678", "0912345678"),
     (84912345678, "0912345678"), ("01662345678", "0362345678")],
)  # fmt: skip
def test_phone_numbers_are_normalised(raw, expected):
    assert parse_phone(raw) == expected


def test_bad_phone_number_uses_the_validator_message():
    with pytest.raises(CellError) as caught:
        parse_phone("091234567")
    assert caught.value.message == "số di động phải gồm đúng 10 chữ số (đã nhập 9)."


def test_text_integer_and_decimal_parsers():
    assert parse_text(12.0) == "12"
    assert parse_text(date(2026, 3, 5)) == "05/03/2026"
    assert parse_integer("1.056") == 1056
    assert parse_decimal("8,5") == Decimal("8.5")
    assert parse_decimal(8.25) == Decimal("8.25")
    with pytest.raises(CellError):
        parse_integer(2.5)


# --- running ----------------------------------------------------------------------


def test_dry_run_reports_every_row_and_writes_nothing(db):
    before = row_counts()
    report = run(samples.official_list(), dry_run=True)
    assert row_counts() == before
    assert report.file_errors == []
    assert report.counts == {CREATE: 3, MATCH: 0, REFUSE: 0}
    assert report.is_importable
    assert report.rows[0].values == {
        "full_name": "Nguyễn Văn An",
        "date_of_birth": date(1985, 3, 5),
        "sex": "male",
        "citizen_id": "038085001234",
        "phone": "0912345678",
        "position": "Phó Chủ tịch UBND xã",
    }


def test_commit_writes_the_rows_and_one_batch(db, make_user, school):
    actor = make_user(None)
    report = run_import(
        upload=SimpleUploadedFile("ds.xlsx", samples.official_list()),
        filename="ds.xlsx",
        schema=SCHEMA,
        handler=AuditHandler(),
        actor=actor,
        kind=KIND,
        scope_key=SCOPE,
        school=school,
        dry_run=False,
    )
    assert report.is_committed
    assert sorted(
        AuditEvent.objects.filter(action="test_import").values_list(
            "object_id", flat=True
        )
    ) == ["038078000777", "038085001234", "038190004321"]
    batch = ImportBatch.objects.get()
    assert (batch.kind, batch.scope_key, batch.filename) == (KIND, SCOPE, "ds.xlsx")
    assert (batch.row_count, batch.created_count, batch.matched_count) == (3, 3, 0)
    assert batch.actor == actor and batch.school == school
    assert batch.sha256 == report.sha256 and len(batch.sha256) == 64
    assert batch.summary["header_row"] == 7


def test_same_file_twice_changes_nothing_and_says_so(db):
    data = samples.official_list()
    with time_machine.travel(datetime(2026, 3, 5, 7, 30), tick=False):
        assert run(data).is_committed
    before = row_counts()
    second = run(data)
    assert row_counts() == before
    assert not second.is_committed
    assert second.notices == [
        "Tệp này đã được nhập lúc 14:30 ngày 05/03/2026; không có gì thay đổi."
    ]
    dry = run(data, dry_run=True)
    assert dry.already_imported_at == ImportBatch.objects.get().committed_at


def test_same_rows_in_another_file_are_matched_not_created(db):
    assert run(samples.official_list()).is_committed
    again = run(samples.official_list(signature=False))
    assert again.is_committed
    assert again.counts == {CREATE: 0, MATCH: 3, REFUSE: 0}
    assert AuditEvent.objects.filter(action="test_import").count() == 3
    assert str(again.messages[0]) == "Dòng 9: đã có trong danh sách."


BAD_DATE_ROW = (
    "Phạm Văn Sai", "31/02/1990", "Nam", "038090001111", None, "Chuyên viên",
)  # fmt: skip


@pytest.mark.parametrize(("position", "row_number"), [(0, 9), (1, 10), (3, 12)])
def test_a_bad_row_anywhere_means_nothing_is_written(db, position, row_number):
    people = list(samples.PEOPLE)
    people.insert(position, BAD_DATE_ROW)
    before = row_counts()
    report = run(samples.official_list(people))
    assert row_counts() == before
    assert not report.is_committed
    assert messages(report) == [
        f"Dòng {row_number}, cột “Ngày sinh”: không đọc được ngày '31/02/1990': "
        "tháng 2 năm 1990 chỉ có 28 ngày."
    ]
    assert report.counts == {CREATE: 3, MATCH: 0, REFUSE: 1}
    assert report.notices == [
        "Bảng danh sách kết thúc ở dòng 14 (“Người lập "
        "biểu”); không nhập các dòng từ dòng này trở xuống.",
        "Chưa ghi dòng nào vì có 1 dòng lỗi; hãy sửa tệp rồi nhập lại.",
    ]


def test_row_refused_by_the_handler_means_nothing_is_written(db):
    before = row_counts()
    report = run(
        samples.official_list(), handler=AuditHandler(refuse_position="Chuyên viên")
    )
    assert row_counts() == before
    assert messages(report) == [
        "Dòng 10, cột “Chức vụ”: chức vụ này không được cử đi học."
    ]


def test_exception_in_commit_leaves_nothing_behind(db):
    before = row_counts()
    with pytest.raises(RuntimeError):
        run(samples.official_list(), handler=AuditHandler(fail=True))
    assert row_counts() == before


def test_every_cell_error_of_a_row_is_reported(db):
    people = [("", "hôm qua", "Khác", "3.8085E+10", "123", "x" * 300)]
    report = run(samples.official_list(people), dry_run=True)
    assert messages(report) == [
        "Dòng 9, cột “Họ và tên”: chưa có dữ liệu.",
        "Dòng 9, cột “Ngày sinh”: không đọc được ngày 'hôm qua'; hãy ghi theo dạng "
        "dd/mm/yyyy.",
        "Dòng 9, cột “Giới tính”: không đọc được giới tính 'Khác'; hãy ghi “Nam” "
        "hoặc “Nữ”.",
        "Dòng 9, cột “Số CCCD”: số CCCD '3.8085E+10' đã bị Excel đổi sang dạng số "
        "mũ nên mất chữ số; hãy định dạng cột là Văn bản (Text) rồi ghi lại đủ 12 "
        "chữ số.",
        "Dòng 9, cột “Điện thoại”: số điện thoại phải bắt đầu bằng số 0 hoặc +84.",
        "Dòng 9, cột “Chức vụ”: dài 300 ký tự, quá giới hạn 255 ký tự.",
    ]


def test_duplicate_citizen_id_in_one_file_is_refused(db):
    people = [samples.PEOPLE[0], samples.PEOPLE[1], samples.PEOPLE[0]]
    report = run(samples.official_list(people), dry_run=True)
    assert messages(report) == ["Dòng 11, cột “Số CCCD”: trùng “Số CCCD” với dòng 9."]


def test_numeric_citizen_id_confirmed_by_birth_and_sex_is_accepted(db):
    person = ("Nguyễn Văn An", "05/03/1985", "Nam", 38085001234, None, "Chuyên viên")
    report = run(samples.official_list([person]), dry_run=True)
    assert report.rows[0].values["citizen_id"] == "038085001234"
    assert report.messages == []


def test_numeric_citizen_id_contradicting_birth_year_is_refused(db):
    person = ("Nguyễn Văn An", "05/03/1986", "Nam", 38085001234, None, "Chuyên viên")
    report = run(samples.official_list([person]), dry_run=True)
    assert messages(report) == [
        "Dòng 9, cột “Số CCCD”: số CCCD có 11 chữ số; thêm số 0 ở đầu thành "
        "'038085001234' nhưng vẫn không khớp với ngày sinh hoặc giới tính; hãy ghi "
        "lại đủ 12 chữ số.",
        "Dòng 9, cột “Số CCCD”: chữ số thứ 5 và 6 của số CCCD (85) phải là hai số "
        "cuối của năm sinh 1986.",
    ]


def test_numeric_citizen_id_without_sex_is_flagged_not_silently_accepted(db):
    person = ("Nguyễn Văn An", "05/03/1985", None, 38085001234, None, "Chuyên viên")
    report = run(
        samples.official_list([person]),
        dry_run=True,
        schema=people_schema(sex_required=False),
    )
    assert report.counts[CREATE] == 1
    assert [(m.level, str(m)) for m in report.messages] == [
        (
            "warning",
            "Dòng 9, cột “Số CCCD”: số CCCD '38085001234' có 11 chữ số (Excel đã bỏ "
            "số 0 ở đầu); đã đọc là '038085001234', hãy kiểm tra lại.",
        )
    ]


def test_citizen_id_of_the_other_sex_is_refused(db):
    person = ("Lê Thị Bình", "20/11/1990", "Nữ", "038090004321", None, "Chuyên viên")
    report = run(samples.official_list([person]), dry_run=True)
    assert messages(report) == [
        "Dòng 9, cột “Số CCCD”: chữ số thứ 4 của số CCCD (0) là mã của nam, nhưng "
        "giới tính đã khai là nữ."
    ]


def test_file_error_comes_back_in_the_report(db):
    report = run(b"not a workbook", filename="ds.xlsx")
    assert report.file_errors == [
        "Tệp “ds.xlsx” không phải là tệp Excel .xlsx hợp lệ (có thể là loại tệp "
        "khác bị đổi tên)."
    ]
    assert report.rows == [] and not report.is_importable


def test_template_has_the_headers_and_reads_back_as_an_empty_table(db):
    data = template_workbook(SCHEMA, title="DANH SÁCH CỬ CÁN BỘ ĐI HỌC")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    assert [cell.value for cell in sheet[3]] == [
        "STT", "Họ và tên (*)", "Ngày sinh (*)", "Giới tính (*)", "Số CCCD (*)",
        "Điện thoại", "Chức vụ",
    ]  # fmt: skip
    assert sheet["A1"].value == "DANH SÁCH CỬ CÁN BỘ ĐI HỌC"
    assert sheet["B3"].font.b
    assert sheet["E3"].comment.text == "Ví dụ: 038185001234"
    assert sheet["E5"].number_format == "@"
    report = run(data, dry_run=True)
    assert report.file_errors == [
        "Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng 3, trang “Danh sách”)."
    ]


def test_filled_template_imports(db):
    workbook = openpyxl.load_workbook(io.BytesIO(template_workbook(SCHEMA, title="DS")))
    sheet = workbook.worksheets[0]
    for column, value in enumerate(
        [1, "trần thị hoa", "07/08/1992", "nữ", "038192000123", "", "Giáo viên"], 1
    ):
        sheet.cell(row=5, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = run(buffer.getvalue())
    assert report.is_committed
    assert report.rows[0].values["full_name"] == "Trần Thị Hoa"


def test_a_choice_is_read_from_any_of_its_wordings():
    from daotao.core.importing.parsers import CellError, parse_choice

    words = {"leader": ("truong doan", "doan truong"), "guest": ("khach moi",)}
    refusal = "không nhận ra vai trò '%s'."
    assert parse_choice("  Trưởng  đoàn ", words, refusal=refusal) == "leader"
    assert parse_choice("KHÁCH MỜI", words, refusal=refusal) == "guest"
    assert parse_choice(None, words, refusal=refusal) is None
    with pytest.raises(CellError) as error:
        parse_choice("Thư ký", words, refusal=refusal)
    assert str(error.value.message) == "không nhận ra vai trò 'Thư ký'."
