"""Reading an uploaded table: file guards, XLSX/CSV rows, header detection.

The guards run on the bytes before any parser sees them: extension
allow-list, size, magic bytes and, for XLSX, the zip directory (unpacked size and
compression ratio), so a zip bomb is refused before openpyxl opens it. openpyxl
parses XML through defusedxml when it is installed (it is a dependency).
Rows are streamed (read-only workbook, `iter_rows`); only the values of the
table's own rows are kept.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
import unicodedata
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from daotao.core.text import format_number, normalize, search_key

from .parsers import is_blank
from .schema import DATE_OF_BIRTH, SEX, Column, Schema, header_key

__all__ = [
    "ALLOWED_EXTENSIONS",
    "HEADER_SCAN_ROWS",
    "MAX_COLUMNS",
    "MAX_COMPRESSION_RATIO",
    "MAX_ROWS",
    "MAX_UNPACKED_BYTES",
    "MAX_UPLOAD_BYTES",
    "ImportFileError",
    "SourceCell",
    "Table",
    "TableRow",
    "read_table",
    "read_upload",
]

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# Spreadsheet XML deflates 5-30 times; a member packed more than this is refused
# once it is large enough to matter.
MAX_COMPRESSION_RATIO = 200
_RATIO_CHECK_FROM_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 1000
MAX_ROWS = 20_000
MAX_COLUMNS = 200
HEADER_SCAN_ROWS = 30
ALLOWED_EXTENSIONS = (".xlsx", ".csv")

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CSV_DELIMITERS = (",", ";", "\t")
_CSV_SAMPLE_CHARS = 64 * 1024
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_COLUMN_NUMBER = re.compile(r"\(?\s*\d{1,3}\s*\)?")
_TABLE_END = re.compile(
    r"(nguoi lap|t/m\b|tm[. ]|kt[. ]|thu truong|xac nhan"
    r"|(.*,\s*)?ngay\b.*\bthang\b)"
)
# Total lines and notes under the table, matched with their marks so that a name
# such as "Tống Công Minh" is not taken for "Tổng cộng"; the unmarked forms are
# tried only on text typed without any marks.
_TOTAL_OR_NOTE = re.compile(
    r"(tổng\b|cộng\s*([:(\d]|$)|ghi\s*chú\b|lưu\s*ý\b|chú\s*thích\b|\*|\(\*\))"
)
_TOTAL_OR_NOTE_UNMARKED = re.compile(
    r"(tong\s*(so|cong)\b|tong\s*[:\d]|cong\s*([:(\d]|$)|ghi\s*chu\b|luu\s*y\b"
    r"|chu\s*thich\b)"
)
_END_TEXT_MAX_LENGTH = 80
_TRAILING_NOTE = re.compile(r"\([^()]*\)\s*:?\s*$")
_MALE_HEADER, _FEMALE_HEADER = "nam", "nu"


class ImportFileError(ValidationError):
    """The file as a whole cannot be imported; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class SourceCell:
    """A raw value from the file, the column name to show, or a reading error."""

    value: Any
    label: str
    error: str | None = None


@dataclass(frozen=True)
class TableRow:
    """One data row: its number as Excel shows it and its cells by schema key."""

    number: int
    cells: dict[str, SourceCell]


@dataclass
class Table:
    """The data rows of the table found in the file, with where it was found.

    `end_row` is the row where the table was taken to end before the last filled
    row of the sheet (a total line, a note, a signature block or blank rows), with
    the text of that row (empty for blank rows); `data_row_after_end` is the first
    row under the end that still looks like data, if any.
    """

    sheet_name: str
    header_row: int
    headers: dict[str, str]
    ignored_headers: tuple[str, ...]
    rows: list[TableRow] = field(default_factory=list)
    end_row: int | None = None
    end_text: str = ""
    data_row_after_end: int | None = None

    @property
    def end_notice(self) -> str | None:
        """Where the table ended, in Vietnamese, for the import report."""
        if self.end_row is None:
            return None
        if self.end_text:
            notice = _(
                "Bảng danh sách kết thúc ở dòng %(row)d (“%(text)s”); không nhập "
                "các dòng từ dòng này trở xuống."
            ) % {"row": self.end_row, "text": self.end_text}
        else:
            notice = _(
                "Bảng danh sách kết thúc ở dòng %(row)d (dòng trống sau dữ liệu); "
                "không nhập các dòng từ dòng này trở xuống."
            ) % {"row": self.end_row}
        if self.data_row_after_end is not None:
            notice += " " + _(
                "Dòng %(row)d bên dưới vẫn có dữ liệu: nếu cùng danh sách, hãy xóa "
                "các dòng trống hoặc dòng ghi chú ở giữa rồi nhập lại."
            ) % {"row": self.data_row_after_end}
        return notice


# --- Bytes and guards ------------------------------------------------------------


def _megabytes(size: int) -> str:
    return format_number(size / (1024 * 1024), decimals=1)


def _file_error(message: str, code: str) -> ImportFileError:
    return ImportFileError(message, code=code)


def read_upload(upload: bytes | IO[bytes] | Any, *, filename: str) -> bytes:
    """The bytes of the upload, refusing a file over MAX_UPLOAD_BYTES."""
    too_large = _(
        "Tệp “%(name)s” lớn hơn giới hạn %(limit)s MB; hãy chia thành nhiều tệp."
    ) % {"name": filename, "limit": _megabytes(MAX_UPLOAD_BYTES)}
    if isinstance(upload, bytes | bytearray | memoryview):
        data = bytes(upload)
    else:
        size = getattr(upload, "size", None)
        if isinstance(size, int) and size > MAX_UPLOAD_BYTES:
            raise _file_error(too_large, "file_too_large")
        if hasattr(upload, "seek"):
            upload.seek(0)
        data = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _file_error(too_large, "file_too_large")
    if not data:
        raise _file_error(_("Tệp “%s” rỗng.") % filename, "file_empty")
    return data


def _extension(filename: str) -> str:
    suffix = PurePath(filename or "").suffix.lower()
    if suffix in ALLOWED_EXTENSIONS:
        return suffix
    if suffix == ".xls":
        raise _file_error(
            _(
                "Tệp “%s” là định dạng Excel 97–2003 (.xls), chưa được hỗ trợ: hãy "
                "mở tệp trong Excel và lưu lại dưới dạng .xlsx."
            )
            % filename,
            "file_extension",
        )
    raise _file_error(
        _("Chỉ nhận tệp .xlsx hoặc .csv; tệp “%s” không phải loại này.") % filename,
        "file_extension",
    )


def _check_xlsx_container(data: bytes, filename: str) -> None:
    """Refuse anything but a zip whose directory promises a sane unpacked size."""
    not_xlsx = (
        _(
            "Tệp “%s” không phải là tệp Excel .xlsx hợp lệ (có thể là loại tệp khác "
            "bị đổi tên)."
        )
        % filename
    )
    if data.startswith(_OLE_MAGIC):
        raise _file_error(
            _(
                "Tệp “%s” là tệp Excel cũ (.xls) hoặc đã đặt mật khẩu; hãy bỏ mật "
                "khẩu và lưu lại dưới dạng .xlsx."
            )
            % filename,
            "file_not_xlsx",
        )
    if not data.startswith(_ZIP_MAGIC):
        raise _file_error(not_xlsx, "file_not_xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # zipfile raises more than BadZipFile on a crafted directory
        raise _file_error(not_xlsx, "file_not_xlsx") from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise _file_error(not_xlsx, "file_not_xlsx")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES:
        raise _file_error(
            _(
                "Tệp “%(name)s” khi giải nén lớn %(size)s MB, vượt giới hạn "
                "%(limit)s MB; không mở tệp này."
            )
            % {
                "name": filename,
                "size": _megabytes(unpacked),
                "limit": _megabytes(MAX_UNPACKED_BYTES),
            },
            "file_unpacked_too_large",
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > _RATIO_CHECK_FROM_BYTES and ratio > MAX_COMPRESSION_RATIO:
            raise _file_error(
                _(
                    "Tệp “%s” có tỉ lệ nén bất thường (nghi là “bom nén”); không "
                    "mở tệp này."
                )
                % filename,
                "file_compression_ratio",
            )


# --- Raw rows --------------------------------------------------------------------


def _trimmed(values: Sequence[Any]) -> tuple[Any, ...]:
    values = tuple(values[:MAX_COLUMNS])
    end = len(values)
    while end and is_blank(values[end - 1]):
        end -= 1
    return values[:end]


@contextmanager
def _open_xlsx(
    data: bytes, *, filename: str, sheet_name: str | None
) -> Iterator[tuple[str, Iterator[tuple[int, tuple[Any, ...]]]]]:
    """The sheet name and its row iterator, with the workbook open meanwhile."""
    _check_xlsx_container(data, filename)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises anything on a malformed file
        raise _unreadable_xlsx(filename, error) from None
    try:
        sheet = _pick_sheet(workbook, filename=filename, sheet_name=sheet_name)
        yield sheet.title, _sheet_rows(sheet, filename=filename)
    finally:
        workbook.close()


def _pick_sheet(workbook: Any, *, filename: str, sheet_name: str | None) -> Any:
    sheets = list(workbook.worksheets)
    if sheet_name is None:
        if not sheets:
            raise _file_error(
                _("Tệp “%s” không có trang tính nào.") % filename, "file_no_sheet"
            )
        sheet = sheets[0]
    else:
        matching = [s for s in sheets if normalize(s.title) == normalize(sheet_name)]
        if not matching:
            raise _file_error(
                _("Không có trang tính “%(sheet)s” trong tệp; các trang có: %(all)s.")
                % {
                    "sheet": sheet_name,
                    "all": ", ".join(f"“{s.title}”" for s in sheets),
                },
                "file_no_sheet",
            )
        sheet = matching[0]
    # The <dimension> a writer records can be wrong or huge; read what is there.
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()
    return sheet


def _sheet_rows(sheet: Any, *, filename: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    rows = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except ImportFileError:
            raise
        except Exception as error:  # a malformed sheet fails half-way through
            raise _unreadable_xlsx(filename, error) from None
        number += 1
        yield number, _trimmed(values)


def _is_defused(error: BaseException | None) -> bool:
    """True if defusedxml refused the XML, however deep openpyxl wrapped it."""
    seen = 0
    while error is not None and seen < 10:
        if type(error).__module__.startswith("defusedxml"):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


def _unreadable_xlsx(filename: str, error: Exception) -> ImportFileError:
    if _is_defused(error):
        return _file_error(
            _("Tệp “%s” chứa nội dung XML không an toàn; không mở tệp này.") % filename,
            "file_unsafe_xml",
        )
    return _file_error(
        _(
            "Không đọc được tệp Excel “%s”: tệp bị hỏng hoặc không đúng định dạng "
            ".xlsx. Hãy mở tệp trong Excel và lưu lại."
        )
        % filename,
        "file_unreadable",
    )


def _decode_csv(data: bytes, filename: str) -> str:
    not_text = _file_error(
        _("Tệp “%s” không phải là tệp CSV dạng văn bản.") % filename, "file_not_text"
    )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings: tuple[str, ...] = ("utf-16",)
    elif data.startswith(codecs.BOM_UTF8):
        encodings = ("utf-8-sig",)
    else:
        if b"\x00" in data:
            raise not_text
        encodings = ("utf-8", "cp1258")
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise _file_error(
            _("Không đọc được bảng mã của tệp “%s”; hãy lưu lại dưới dạng CSV UTF-8.")
            % filename,
            "file_encoding",
        )
    text = text.rstrip("\x1a")  # DOS end-of-file mark
    if _CONTROL_CHARACTERS.search(text):
        raise not_text
    # Windows-1258 writes tone marks as combining characters.
    return unicodedata.normalize("NFC", text)


def _sniff_delimiter(text: str) -> str:
    sample = text[:_CSV_SAMPLE_CHARS].splitlines()[:HEADER_SCAN_ROWS]
    best, best_score = _CSV_DELIMITERS[0], 0
    for delimiter in _CSV_DELIMITERS:
        try:
            score = sum(len(row) - 1 for row in csv.reader(sample, delimiter=delimiter))
        except csv.Error:
            continue
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(data: bytes, *, filename: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    text = _decode_csv(data, filename)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    number = 0
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise _file_error(
                _("Không đọc được tệp CSV “%(name)s” ở dòng %(row)d.")
                % {"name": filename, "row": number + 1},
                "file_csv_syntax",
            ) from None
        number += 1
        yield number, _trimmed([value if value.strip() else None for value in values])


# --- Header ----------------------------------------------------------------------


@dataclass
class _Header:
    """Where each schema column is, found in one header row (plus a sub-header)."""

    row: int
    positions: dict[str, int] = field(default_factory=dict)
    texts: dict[int, str] = field(default_factory=dict)
    male: int | None = None
    female: int | None = None
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)

    @property
    def score(self) -> int:
        pair = self.male is not None and self.female is not None
        return len(self.positions) + (1 if pair else 0)


def _column_by_header(schema: Schema) -> dict[str, str]:
    return {key: column.key for column in schema.columns for key in column.header_keys}


def _header_cell_key(value: Any, lookup: dict[str, str]) -> tuple[str | None, str]:
    """(schema key or None, header key) of one header cell."""
    if not isinstance(value, str) or is_blank(value):
        return None, ""
    key = header_key(value)
    if key in lookup:
        return lookup[key], key
    without_note = header_key(_TRAILING_NOTE.sub("", value))
    return lookup.get(without_note), key


def _read_header(
    header: _Header, values: Sequence[Any], lookup: dict[str, str]
) -> None:
    for index, value in enumerate(values):
        column_key, key = _header_cell_key(value, lookup)
        if not key:
            continue
        header.texts.setdefault(index, normalize(value))
        if column_key is not None:
            if column_key in header.positions:
                if header.positions[column_key] != index:
                    header.duplicates.append(
                        (column_key, header.positions[column_key], index)
                    )
            else:
                header.positions[column_key] = index
        elif key == _MALE_HEADER and header.male is None:
            header.male = index
            header.texts[index] = normalize(value)  # over a merged "Ngày sinh"
        elif key == _FEMALE_HEADER and header.female is None:
            header.female = index
            header.texts[index] = normalize(value)


def _is_sub_header(values: Sequence[Any], lookup: dict[str, str]) -> bool:
    """A second header row: every filled cell is a known header or Nam/Nữ."""
    filled = [value for value in values if not is_blank(value)]
    if not filled:
        return False
    for value in filled:
        column_key, key = _header_cell_key(value, lookup)
        if column_key is None and key not in (_MALE_HEADER, _FEMALE_HEADER):
            return False
    return True


def _is_column_number_row(values: Sequence[Any]) -> bool:
    filled = [value for value in values if not is_blank(value)]
    if len(filled) < 2:
        return False
    for value in filled:
        if isinstance(value, bool):
            return False
        if isinstance(value, int | float):
            if not (float(value).is_integer() and 0 < value < 1000):
                return False
        elif not (isinstance(value, str) and _COLUMN_NUMBER.fullmatch(value.strip())):
            return False
    return True


def _end_marker(values: Sequence[Any]) -> str | None:
    """The text of a total line, a note or a signature line, else None."""
    for value in values:
        if is_blank(value):
            continue
        if not isinstance(value, str):
            return None
        text = normalize(value)
        unmarked = search_key(text)
        if (
            _TABLE_END.match(unmarked)
            or _TOTAL_OR_NOTE.match(text.casefold())
            or (unmarked == text.casefold() and _TOTAL_OR_NOTE_UNMARKED.match(unmarked))
        ):
            if len(text) > _END_TEXT_MAX_LENGTH:
                return text[: _END_TEXT_MAX_LENGTH - 1] + "…"
            return text
        return None
    return None


def _is_blank_row(values: Sequence[Any]) -> bool:
    return not values or all(is_blank(value) for value in values)


def _labels(columns: Sequence[Column]) -> str:
    return ", ".join(f"“{column.label}”" for column in columns)


# --- Table -----------------------------------------------------------------------


@dataclass
class _Layout:
    """How the cells of a data row become schema cells."""

    header: _Header
    schema: Schema
    split_dates: bool = False
    sex_marks: bool = False

    def cells(self, values: Sequence[Any]) -> dict[str, SourceCell]:
        def at(index: int) -> Any:
            value = values[index] if index < len(values) else None
            return None if is_blank(value) else value

        cells = {
            key: SourceCell(at(index), self.schema.column(key).label)
            for key, index in self.header.positions.items()
        }
        if self.split_dates or self.sex_marks:
            cells.update(self._pair_cells(at))
        return cells

    def _pair_cells(self, at: Any) -> dict[str, SourceCell]:
        male, female = self.header.male, self.header.female
        if male is None or female is None:  # pragma: no cover - set by _layout
            return {}
        male_label, female_label = self.header.texts[male], self.header.texts[female]
        filled = [
            (label, at(index))
            for label, index in (
                (male_label, male),
                (female_label, female),
            )
            if at(index) is not None
        ]
        both = f"{male_label}/{female_label}"
        keys = (DATE_OF_BIRTH, SEX) if self.split_dates else (SEX,)
        if len(filled) == 2:
            error = _(
                "ghi ở cả cột “%(male)s” và cột “%(female)s”; chỉ ghi vào một cột."
            )
            error %= {"male": male_label, "female": female_label}
            return {key: SourceCell(None, both, error) for key in keys}
        if not filled:
            if not self.split_dates:
                return {SEX: SourceCell(None, both)}
            error = _("chưa ghi ngày sinh vào cột “%(male)s” hoặc cột “%(female)s”.")
            error %= {"male": male_label, "female": female_label}
            return {key: SourceCell(None, both, error) for key in keys}
        label, value = filled[0]
        cells = {SEX: SourceCell(label, label)}
        if self.split_dates:
            cells[DATE_OF_BIRTH] = SourceCell(value, label)
        return cells

    def looks_like_data(self, values: Sequence[Any]) -> bool:
        """More than half of the required columns are filled (a signature line
        or a sentence across merged cells fills one or two)."""
        positions = [
            self.header.positions[column.key]
            for column in self.schema.columns
            if column.required and column.key in self.header.positions
        ]
        if self.split_dates or self.sex_marks:
            positions += [self.header.male, self.header.female]
        positions = [p for p in positions if p is not None]
        filled = sum(
            1 for p in positions if p < len(values) and not is_blank(values[p])
        )
        required = len(positions) - (1 if self.split_dates or self.sex_marks else 0)
        return filled * 2 > max(required, 1)


def _layout(header: _Header, schema: Schema, sheet: str) -> _Layout:
    layout = _Layout(header=header, schema=schema)
    positions = header.positions
    has_pair = header.male is not None and header.female is not None
    if has_pair and schema.has_split_sex_layout and SEX not in positions:
        if positions.get(DATE_OF_BIRTH, header.male) in (header.male, header.female):
            positions.pop(DATE_OF_BIRTH, None)
            layout.split_dates = True
        else:
            layout.sex_marks = True
    if header.duplicates:
        key, first, second = header.duplicates[0]
        raise _file_error(
            _(
                "Cột “%(label)s” có hai lần trong dòng tiêu đề (dòng %(row)d, cột "
                "%(first)s và cột %(second)s); hãy xóa bớt một cột."
            )
            % {
                "label": schema.column(key).label,
                "row": header.row,
                "first": get_column_letter(first + 1),
                "second": get_column_letter(second + 1),
            },
            "file_duplicate_column",
        )
    covered = set(positions)
    if layout.split_dates:
        covered |= {DATE_OF_BIRTH, SEX}
    if layout.sex_marks:
        covered.add(SEX)
    missing = [c for c in schema.columns if c.required and c.key not in covered]
    if missing:
        found = ", ".join(f"“{text}”" for _, text in sorted(header.texts.items()))
        raise _file_error(
            _(
                "Thiếu cột bắt buộc: %(missing)s. Dòng tiêu đề (dòng %(row)d, trang "
                "“%(sheet)s”) có các cột: %(found)s."
            )
            % {
                "missing": _labels(missing),
                "row": header.row,
                "sheet": sheet,
                "found": found or _("(không có)"),
            },
            "file_missing_columns",
        )
    return layout


def _find_header(
    rows: Iterator[tuple[int, tuple[Any, ...]]], schema: Schema, sheet: str
) -> tuple[_Header, list[tuple[int, tuple[Any, ...]]]]:
    """The best header among the first rows, and the rows read after it."""
    lookup = _column_by_header(schema)
    buffered: list[tuple[int, tuple[Any, ...]]] = []
    for item in rows:
        buffered.append(item)
        if len(buffered) >= HEADER_SCAN_ROWS:
            break
    best: _Header | None = None
    best_index = 0
    for index, (number, values) in enumerate(buffered):
        candidate = _Header(row=number)
        _read_header(candidate, values, lookup)
        if candidate.score > (best.score if best else 0):
            best, best_index = candidate, index
    if best is None:
        raise _file_error(
            _(
                "Không tìm thấy dòng tiêu đề trong %(rows)d dòng đầu của trang "
                "“%(sheet)s”; bảng cần có các cột: %(columns)s."
            )
            % {
                "rows": HEADER_SCAN_ROWS,
                "sheet": sheet,
                "columns": _labels(schema.columns),
            },
            "file_no_header",
        )
    after = buffered[best_index + 1 :]
    if after and _is_sub_header(after[0][1], lookup):
        _read_header(best, after[0][1], lookup)
        after = after[1:]
    return best, after


def _data_rows(
    table: Table,
    layout: _Layout,
    after: list[tuple[int, tuple[Any, ...]]],
    rows: Iterator[tuple[int, tuple[Any, ...]]],
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """The rows under the header up to the end of the table, recorded on `table`.

    The table ends at a total line, a note or a signature line; at two blank rows
    in a row; or at one blank row followed by a row that is not data. One blank
    row between data rows is skipped.
    """
    source = itertools.chain(after, rows)
    is_first, has_data = True, False
    blank_from, blanks = 0, 0
    for number, values in source:
        if _is_blank_row(values):
            if has_data:
                blank_from, blanks = blank_from if blanks else number, blanks + 1
            continue
        if is_first and _is_column_number_row(values):
            is_first = False
            continue
        is_first = False
        marker = _end_marker(values)
        if marker is not None:
            table.end_row, table.end_text = number, marker
            break
        if blanks and (blanks >= 2 or not layout.looks_like_data(values)):
            table.end_row = blank_from
            source = itertools.chain([(number, values)], source)
            break
        blanks, has_data = 0, True
        yield number, values
    else:
        return
    table.data_row_after_end = _first_data_row(layout, source)


def _first_data_row(
    layout: _Layout, rows: Iterator[tuple[int, tuple[Any, ...]]]
) -> int | None:
    for number, values in rows:
        if _is_blank_row(values) or _end_marker(values) is not None:
            continue
        if layout.looks_like_data(values):
            return number
    return None


def read_table(
    upload: bytes | IO[bytes] | Any,
    *,
    filename: str,
    schema: Schema,
    sheet_name: str | None = None,
    max_rows: int = MAX_ROWS,
) -> Table:
    """The table of `schema` in the upload, or ImportFileError saying why not."""
    extension = _extension(filename)
    data = read_upload(upload, filename=filename)
    if extension == ".csv":
        return _table(_csv_rows(data, filename=filename), schema, "CSV", max_rows)
    with _open_xlsx(data, filename=filename, sheet_name=sheet_name) as (sheet, rows):
        return _table(rows, schema, sheet, max_rows)


def _table(
    rows: Iterator[tuple[int, tuple[Any, ...]]],
    schema: Schema,
    sheet: str,
    max_rows: int,
) -> Table:
    header, after = _find_header(rows, schema, sheet)
    layout = _layout(header, schema, sheet)
    used = set(header.positions.values())
    if layout.split_dates or layout.sex_marks:
        used |= {header.male, header.female}
    table = Table(
        sheet_name=sheet,
        header_row=header.row,
        headers={key: header.texts[index] for key, index in header.positions.items()},
        ignored_headers=tuple(
            text for index, text in sorted(header.texts.items()) if index not in used
        ),
    )
    for number, values in _data_rows(table, layout, after, rows):
        if len(table.rows) >= max_rows:
            raise _file_error(
                _("Bảng có hơn %s dòng dữ liệu; hãy chia thành nhiều tệp.")
                % format_number(max_rows),
                "file_too_many_rows",
            )
        table.rows.append(TableRow(number=number, cells=layout.cells(values)))
    if not table.rows:
        raise _file_error(
            _(
                "Không có dòng dữ liệu nào dưới dòng tiêu đề (dòng %(row)d, trang "
                "“%(sheet)s”)."
            )
            % {"row": header.row, "sheet": sheet},
            "file_no_rows",
        )
    return table
