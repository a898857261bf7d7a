"""The one way DaoTao writes a spreadsheet for download (docs/adr/0020).

Every Excel (and CSV) export goes through here, so every export
- writes text that a spreadsheet would read as a formula (it starts with `=`, `+`,
  `-`, `@`, a tab or a carriage return) as text: an XLSX cell keeps the visible
  text, stored as a string with Excel's quote prefix; a CSV field gets a leading
  apostrophe (OWASP "CSV injection"); numbers and dates stay numbers and dates;
- streams its rows (openpyxl's write-only mode, to a file) and writes every row it
  is given: no export cuts its list at a row count.

An export is an `ExportTable` built by a function of (actor, params) registered
under its URL name (`register_export`); the view serves it at once when it is
small (`SYNC_ROWS`) and otherwise hands it to the task worker as a generated file
(`core.generated`), which calls the same function.
"""

from __future__ import annotations

import csv
import datetime
import decimal
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from daotao.core.text import search_key

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

# What a spreadsheet reads as the start of a formula (or of a DDE payload) when
# the text is typed or imported: OWASP's list.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# An export of up to this many rows is written inside the request: at the measured
# ~17,000 rows a second (the person export, 300,000 rows in 16-20 s) that is under
# a third of a second. Longer ones go to the task worker (docs/adr/0020).
SYNC_ROWS = 5_000

# Progress is reported every this many rows (a beat is one UPDATE).
PROGRESS_EVERY = 2_000


def is_formula_like(value: Any) -> bool:
    """Text a spreadsheet would take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_safe(value: Any) -> Any:
    """A CSV field that no spreadsheet evaluates: formula-like text gets a leading
    apostrophe; everything else as it is (None as empty)."""
    if value is None:
        return ""
    if is_formula_like(value):
        return "'" + value
    return value


@dataclass
class ExportTable:
    """What an export writes: a title row, bold headers, then every row.

    `count` is the number of rows (one COUNT query, or len of a list), used to
    choose between answering at once and the worker."""

    filename: str
    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]]
    count: int

    def download_name(self, extension: str = "xlsx") -> str:
        safe = slugify(search_key(self.filename)) or "export"
        stamp = datetime.date.today().strftime("%Y%m%d")
        return f"{safe}-{stamp}.{extension}"


def write_xlsx(
    table: ExportTable,
    out: IO[bytes],
    *,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write `table` as an XLSX workbook to `out`, row by row; formula-like text
    is written as text. Calls `progress(rows written)` every PROGRESS_EVERY rows.
    Returns the number of rows written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(table.title))
    sheet.append([_cell(sheet, table.title)])
    bold = Font(bold=True)
    sheet.append([_cell(sheet, str(header), font=bold) for header in table.headers])
    written = 0
    for row in table.rows:
        sheet.append([_value(sheet, value) for value in row])
        written += 1
        if progress is not None and written % PROGRESS_EVERY == 0:
            progress(written)
    workbook.save(out)
    return written


def write_csv(table: ExportTable, out: IO[str]) -> int:
    """Write `table` as CSV (title line, headers, rows) with formula-like text
    neutralised. Returns the number of rows written."""
    writer = csv.writer(out)
    writer.writerow([csv_safe(table.title)])
    writer.writerow([csv_safe(str(header)) for header in table.headers])
    written = 0
    for row in table.rows:
        writer.writerow([csv_safe(_plain(value)) for value in row])
        written += 1
    return written


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in a sheet name and names over 31 characters.
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip("' ")
    return cleaned[:31] or "Sheet"


def _plain(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime.date | int | float | str | decimal.Decimal):
        return value
    return str(value)


def _value(sheet: Any, value: Any) -> Any:
    """A row's value as openpyxl takes it: plain (the fast path), or a text cell
    when openpyxl would otherwise store it as a formula."""
    value = _plain(value)
    return _cell(sheet, value) if is_formula_like(value) else value


def _cell(sheet: Any, value: Any, *, font: Font | None = None) -> WriteOnlyCell:
    value = _plain(value)
    cell = WriteOnlyCell(sheet, value=value)
    if is_formula_like(value):
        # openpyxl stores text starting with "=" as a formula: force a string, and
        # mark it with the quote prefix so Excel keeps it text when it is edited.
        cell.data_type = "s"
        cell.quotePrefix = True
    if font is not None:
        cell.font = font
    return cell
