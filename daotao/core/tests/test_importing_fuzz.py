"""Quality R2: arbitrary bytes and cell values never crash the import.

Whatever comes in, `read_table` answers with a Table or an ImportFileError and
every parser with a value or a CellError. The files under `corpus/` and
the `@example`s are inputs kept from earlier runs.
"""

import io
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from daotao.core.importing import (
    CellError,
    ImportFileError,
    Schema,
    Table,
    WithWarnings,
    citizen_id_column,
    date_of_birth_column,
    full_name_column,
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
    sex_column,
    text_column,
    text_parser,
)
from daotao.core.importing.parsers import is_blank
from daotao.core.tests import importing_samples as samples

SCHEMA = Schema(
    columns=(
        full_name_column(),
        date_of_birth_column(),
        sex_column(),
        citizen_id_column(),
        phone_column(),
        text_column("position", "Chức vụ"),
    ),
    natural_key=("citizen_id",),
)
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,  # the kept inputs are the @examples and corpus/, not a local cache
)
VALID_XLSX = samples.official_list()
SHEET = "xl/worksheets/sheet1.xml"
SHEET_XML = zipfile.ZipFile(io.BytesIO(VALID_XLSX)).read(SHEET)
CORPUS = Path(__file__).parent / "corpus"


def read_or_refuse(data: bytes, filename: str) -> None:
    try:
        table = read_table(data, filename=filename, schema=SCHEMA)
    except ImportFileError as error:
        assert error.messages and all(error.messages)
    else:
        assert isinstance(table, Table)


@FUZZ
@given(st.binary(max_size=4096))
@example(b"PK\x03\x04")
@example(b"PK\x03\x04" + b"\0" * 26)
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe\x00")
def test_arbitrary_bytes_as_xlsx_or_csv(data):
    read_or_refuse(data, "tep.xlsx")
    read_or_refuse(data, "tep.csv")


@FUZZ
@given(
    st.lists(
        st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(0, 255)),
        min_size=1,
        max_size=20,
    )
)
def test_corrupted_workbook_bytes(changes):
    data = bytearray(VALID_XLSX)
    for position, byte in changes:
        data[position] = byte
    read_or_refuse(bytes(data), "tep.xlsx")


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(SHEET_XML)), st.integers(0, 20), st.binary(max_size=12)
        ),
        min_size=1,
        max_size=8,
    )
)
def test_malformed_sheet_xml_in_a_valid_zip(edits):
    xml = bytearray(SHEET_XML)
    for position, length, replacement in edits:
        xml[position : position + length] = replacement
    read_or_refuse(samples.replace_member(VALID_XLSX, SHEET, bytes(xml)), "tep.xlsx")


@FUZZ
@given(
    st.text(max_size=2000), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"])
)
@example("Họ và tên;Ngày sinh;Giới tính;Số CCCD\nA;31/02/1990;X;1e5\n", "utf-8")
@example('"Họ và tên,"Ngày sinh\n"', "utf-8")
def test_arbitrary_text_as_csv(text, encoding):
    data = text.encode(encoding, errors="ignore")
    read_or_refuse(data, "tep.csv")


def test_kept_corpus():
    for path in sorted(CORPUS.glob("*")):
        if path.suffix in (".xlsx", ".csv"):
            read_or_refuse(path.read_bytes(), path.name)


CELL_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=60),
    st.from_regex(r"\s*\d{1,4}[/.\-]\d{1,4}[/.\-]\d{1,4}\s*", fullmatch=True),
    st.from_regex(r"[+0-9 .eE\-']{1,20}", fullmatch=True),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.timedeltas(),
    st.decimals(allow_nan=False, allow_infinity=False),
)
PARSERS = [
    parse_citizen_id,
    parse_date,
    parse_date_of_birth,
    parse_decimal,
    parse_full_name,
    parse_integer,
    parse_phone,
    parse_sex,
    parse_text,
    text_parser(max_length=20),
]


@pytest.mark.parametrize("parser", PARSERS, ids=lambda parser: parser.__name__)
@FUZZ
@given(CELL_VALUES)
@example(3.8196e10)
@example("3.8196E+10")
@example(38196001234.0)
@example(float("nan"))
@example(10**30)
@example(time(8, 30))
@example(timedelta(days=3))
@example(date(1, 1, 1))
@example(datetime(9999, 12, 31))
def test_every_parser_returns_a_value_or_a_cell_error(parser, value):
    try:
        result = parser(value)
    except CellError as error:
        assert isinstance(error.message, str) and error.message
    else:
        if isinstance(result, WithWarnings):
            assert result.warnings


def test_corpus_is_kept():
    assert len(list(CORPUS.glob("*.xlsx"))) >= 4


@pytest.mark.parametrize(
    ("name", "rows", "end_row", "data_after"),
    [
        ("agency-list-total-note-signature.xlsx", [9, 10, 11], 12, None),
        ("blank-rows-then-a-second-table.xlsx", [2, 4], 5, 8),
        ("total-line-and-note.csv", [2, 3], 4, None),
    ],
)
def test_kept_sheets_with_a_table_end(name, rows, end_row, data_after):
    path = CORPUS / name
    table = read_table(path.read_bytes(), filename=name, schema=SCHEMA)
    assert [row.number for row in table.rows] == rows
    assert (table.end_row, table.data_row_after_end) == (end_row, data_after)


# --- where the table ends ---------------------------------------------------------

PERSON_ROWS = [[n, *person] for n, person in enumerate(samples.PEOPLE, start=1)]
END_LINES = [
    ["Tổng số: 12 đồng chí"],
    [None, "Tổng số: 12 đồng chí"],
    ["TỔNG CỘNG", None, None, None, None, 3],
    ["Cộng: 3 người"],
    ["Cộng"],
    [None, "Ghi chú: danh sách đã được thông qua."],
    ["* Cán bộ trong diện quy hoạch"],
    ["Lưu ý: ngày sinh ghi theo CCCD"],
    [None, "Người lập biểu", None, None, "T/M BAN THƯỜNG VỤ"],
    [None, "Thanh Hóa, ngày 05 tháng 3 năm 2026"],
]
TOTAL_AND_NOTE_LINES = st.sampled_from(END_LINES)
TAIL_ROWS = st.lists(
    st.one_of(
        st.just([]),
        TOTAL_AND_NOTE_LINES,
        st.sampled_from(PERSON_ROWS),
        st.lists(
            st.one_of(st.none(), st.text(alphabet="aăđêƯỹ 019,.:;-()", max_size=20)),
            max_size=8,
        ),
    ),
    max_size=6,
)


@FUZZ
@given(
    people=st.lists(st.sampled_from(PERSON_ROWS), min_size=1, max_size=6),
    single_blanks=st.lists(st.booleans(), min_size=6, max_size=6),
    end=st.one_of(
        TOTAL_AND_NOTE_LINES.map(lambda line: [line]),
        st.just([[], []]),
        st.just([[], [None, "Danh sách gồm 03 đồng chí."]]),
    ),
    tail=TAIL_ROWS,
    as_csv=st.booleans(),
)
def test_the_table_ends_at_the_first_total_note_or_blank_run(
    people, single_blanks, end, tail, as_csv
):
    """Whatever follows a total line, a note, a signature line or a blank run,
    exactly the data rows above it are read (one blank row between data rows
    skipped), and the table says on which row it ended."""
    rows = [list(samples.HEADERS)]
    expected = []
    for index, person in enumerate(people):
        if index and single_blanks[index]:
            rows.append([])
        rows.append(person)
        expected.append(len(rows))
    end_row = len(rows) + 1
    rows += [*end, *tail]
    below = [
        (number, row)
        for number, row in enumerate(rows[end_row - 1 :], start=end_row)
        if any(not is_blank(value) for value in row)
    ]
    if not below:
        end_row = None  # blank rows at the bottom of the sheet end nothing
    elif below[0][1] in END_LINES:
        end_row = below[0][0]  # blank rows above a total line: the line is named
    data = samples.csv_bytes(rows) if as_csv else samples.workbook_bytes(rows)
    table = read_table(data, filename="ds.csv" if as_csv else "ds.xlsx", schema=SCHEMA)
    assert [row.number for row in table.rows] == expected
    assert table.end_row == end_row
    if end_row is not None:
        assert table.end_notice.startswith(
            f"Bảng danh sách kết thúc ở dòng {end_row} ("
        )
