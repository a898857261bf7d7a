"""Builders of the workbooks and CSV files the import tests read.

They are made with openpyxl at test time, shaped like the lists agencies send:
title rows with merged cells, a header (sometimes on two rows), the "(1) (2) (3)"
column-number row, an STT column and a signature block under the table.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

HEADERS = (
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số CCCD",
    "Điện thoại",
    "Chức vụ",
)
# The row the header lands on in `official_list`; data starts two rows later.
HEADER_ROW = 7

# name, date of birth, sex, CCCD, phone, post
PEOPLE = (
    ("Nguyễn Văn An", date(1985, 3, 5), "Nam", "038085001234", "0912345678",
     "Phó Chủ tịch UBND xã"),
    ("Lê Thị Bình", date(1990, 11, 20), "Nữ", "038190004321", "0987654321",
     "Chuyên viên"),
    ("Trần Đức Cường", date(1978, 1, 31), "Nam", "038078000777", None,
     "Bí thư Đoàn xã"),
)  # fmt: skip


def workbook_bytes(
    rows: Sequence[Sequence[Any]],
    *,
    merges: Sequence[str] = (),
    sheet_title: str = "Danh sách",
    first_sheet: Sequence[Sequence[Any]] | None = None,
) -> bytes:
    """An .xlsx whose (first, unless `first_sheet`) sheet holds `rows` from A1."""
    workbook = Workbook()
    sheet = workbook.active
    if first_sheet is not None:
        sheet.title = "Bìa"
        for values in first_sheet:
            sheet.append(list(values))
        sheet = workbook.create_sheet(sheet_title)
    else:
        sheet.title = sheet_title
    for values in rows:
        sheet.append(list(values))
    for cell_range in merges:
        sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def title_rows(width: int) -> tuple[list[list[Any]], list[str]]:
    """Rows 1-6 of an official list (two title blocks, the list's name) and merges."""
    last = chr(ord("A") + max(width, 6) - 1)
    rows = [
        ["ĐẢNG BỘ TỈNH THANH HÓA", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
        ["SỞ NỘI VỤ", None, None, None, "Thanh Hóa, ngày 05 tháng 3 năm 2026"],
        [],
        ["DANH SÁCH CÁN BỘ ĐƯỢC CỬ ĐI HỌC"],
        ["Lớp Trung cấp lý luận chính trị – hành chính, khóa 12 (2026–2027)"],
        [],
    ]
    merges = [
        "A1:C1",
        f"E1:{last}1",
        "A2:C2",
        f"E2:{last}2",
        f"A4:{last}4",
        f"A5:{last}5",
    ]
    return rows, merges


def signature_rows() -> list[list[Any]]:
    return [
        [],
        [None, "Người lập biểu", None, None, "T/M BAN THƯỜNG VỤ"],
        [None, "(Ký, ghi rõ họ tên)", None, None, "PHÓ BÍ THƯ"],
        [],
        [None, "Lê Văn Lập", None, None, "Trần Thị Thư"],
    ]


def official_list(
    people: Sequence[Sequence[Any]] = PEOPLE,
    *,
    headers: Sequence[str] = HEADERS,
    column_numbers: bool = True,
    signature: bool = True,
) -> bytes:
    """A one-row-header list; data starts at HEADER_ROW + 2 (or + 1 without numbers)."""
    rows, merges = title_rows(len(headers))
    rows.append(list(headers))
    if column_numbers:
        rows.append([f"({index})" for index in range(1, len(headers) + 1)])
    for number, person in enumerate(people, start=1):
        rows.append([number, *person])
    if signature:
        rows += signature_rows()
    return workbook_bytes(rows, merges=merges)


def split_sex_list(people: Sequence[Sequence[Any]] = PEOPLE) -> bytes:
    """The two-row header with "Ngày, tháng, năm sinh" over separate Nam and Nữ
    columns; the date is written in the column of the person's sex. Data from row 10.
    """
    rows, merges = title_rows(6)
    rows.append(
        ["STT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Số CCCD", "Chức vụ"]
    )
    rows.append([None, None, "Nam", "Nữ"])
    rows.append([1, 2, 3, 4, 5, 6])
    for number, (name, born, sex, citizen_id, _phone, post) in enumerate(people, 1):
        male, female = (born, None) if sex == "Nam" else (None, born)
        rows.append([number, name, male, female, citizen_id, post])
    rows += signature_rows()
    merges += ["A7:A8", "B7:B8", "C7:D7", "E7:E8", "F7:F8"]
    return workbook_bytes(rows, merges=merges)


def csv_bytes(
    rows: Sequence[Sequence[Any]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> bytes:
    """CSV text of `rows` in `encoding` ("utf-8-sig" writes the BOM)."""
    lines = []
    for values in rows:
        cells = ["" if value is None else str(value) for value in values]
        lines.append(
            delimiter.join(
                f'"{cell}"' if delimiter in cell or '"' in cell else cell
                for cell in cells
            )
        )
    text = "\r\n".join(lines) + "\r\n"
    if encoding == "cp1258":
        text = "".join(_cp1258_form(char) for char in text)
    return text.encode(encoding)


def _cp1258_form(char: str) -> str:
    """Windows-1258 has â ê ô ơ ư ă đ precomposed but tones only as combining marks."""
    decomposed = unicodedata.normalize("NFD", char)
    letter = "".join(c for c in decomposed if c not in _TONES)
    tones = "".join(c for c in decomposed if c in _TONES)
    return unicodedata.normalize("NFC", letter) + tones


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def zip_bomb(path: Path, *, unpacked_bytes: int = 60 * 1024 * 1024) -> bytes:
    """A small .xlsx-looking zip whose sheet unpacks to `unpacked_bytes` of zeros."""
    if not path.exists():
        chunk = b"\0" * (1024 * 1024)
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            with archive.open("xl/worksheets/sheet1.xml", "w") as member:
                for _ in range(unpacked_bytes // len(chunk)):
                    member.write(chunk)
    return path.read_bytes()


def high_ratio_zip(*, unpacked_bytes: int = 4 * 1024 * 1024) -> bytes:
    """A zip under every size limit whose one member is packed ~1000 times."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * unpacked_bytes)
    return buffer.getvalue()


def replace_member(xlsx: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one zip member's bytes replaced."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = content if item.filename == name else source.read(item.filename)
            target.writestr(item.filename, data)
    return buffer.getvalue()
