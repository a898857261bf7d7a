"""What every staff list shares: query-string parsing, pagination, XLSX export."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from daotao.core.text import search_key

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def int_param(request: HttpRequest, name: str) -> int | None:
    """A positive integer query parameter, or None when absent or malformed."""
    raw = request.GET.get(name, "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else None


def paginate(request: HttpRequest, queryset: Any, per_page: int | None = None) -> Page:
    """One page of `queryset`; out-of-range page numbers give the last page."""
    paginator = Paginator(queryset, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def query_string_without(request: HttpRequest, *names: str) -> str:
    """The current query string minus `names`, for links that change one of them."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def xlsx_response(
    *,
    filename: str,
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> HttpResponse:
    """An XLSX download: a title row, bold Vietnamese headers, then the rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([title])
    bold = Font(bold=True)
    header_cells = []
    for header in headers:
        cell = _header_cell(sheet, header, bold)
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_cell_value(value) for value in row])
    buffer = BytesIO()
    workbook.save(buffer)
    safe = slugify(search_key(filename)) or "export"
    stamp = datetime.date.today().strftime("%Y%m%d")
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{safe}-{stamp}.xlsx"'
    return response


def _header_cell(sheet: Any, header: str, font: Font) -> Any:
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=str(header))
    cell.font = font
    return cell


def _cell_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, datetime.date | int | float | str):
        return value
    return str(value)
