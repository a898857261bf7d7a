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
    assert len(list(CORPUS.glob("*.xlsx"))) >= 2
