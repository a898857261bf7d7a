"""The ledger report's table body written in Python (issue 16): a school's 340
lecturers × a dozen cells were some 25,000 template nodes, most of the page's
time. Same HTML as a template would give, every value escaped by `format_html`;
the rest of the page (headings, filters, period) stays in `ledger/report.html`."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from daotao.core.text import format_number
from daotao.ledger import rules
from daotao.ledger.selectors import LedgerReport, LedgerRow, UnitBlock

# reverse() once per page, not once per row: the lecturer's id goes in its place.
_PLACEHOLDER = 987654321


def _number(value: Decimal | int | None) -> str:
    return format_number(value) if value is not None else ""


def _cells(values: Iterable[Decimal], tag: str, *, blank_zero: bool) -> SafeString:
    return format_html_join(
        "",
        "<" + tag + ' class="num">{}</' + tag + ">",
        ((_number(v) if v or not blank_zero else "",) for v in values),
    )


def _norm_cell(row: LedgerRow) -> SafeString | str:
    norm = row.norm
    if norm is None:
        return format_html("<small>{}</small>", row.problem) if row.problem else "—"
    detail = ""
    if norm.adjustment_percent or norm.reduction_hours:
        parts = [_number(norm.base)]
        if norm.adjustment_percent:
            sign = "+" if norm.adjustment_percent > 0 else ""
            parts.append(f" {sign}{norm.adjustment_percent}%")
        if norm.reduction_hours:
            parts.append(f" − {_number(norm.reduction_hours)}")
        detail = format_html("<br><small>{}</small>", "".join(parts))
    return format_html("{}{}", _number(norm.hours), detail)


def _difference_cell(row: LedgerRow, badges: dict[str, SafeString]) -> SafeString | str:
    if row.difference is None:
        return ""
    sign = "+" if row.status == rules.OVER else ""
    return format_html(
        "{}{}{}", sign, _number(row.difference), badges.get(row.status, "")
    )


def _row_html(
    number: int,
    row: LedgerRow,
    url: str,
    year: int,
    labels: dict[str, SafeString],
) -> SafeString:
    lecturer = row.lecturer
    badges = format_html(
        "{}{}",
        labels["visiting"] if lecturer.is_visiting else "",
        labels["concurrent"] if lecturer.is_concurrent else "",
    )
    return format_html(
        '<tr><td class="num">{}</td><td><a href="{}?nam={}">{}</a>{}</td>'
        '<td>{}</td><td class="num">{}</td>{}<td class="num"><strong>{}</strong>'
        '</td><td class="num">{}</td></tr>',
        number,
        url.replace(str(_PLACEHOLDER), str(lecturer.pk)),
        year,
        lecturer.person.full_name,
        badges,
        lecturer.get_title_display(),
        _norm_cell(row),
        _cells(row.cells, "td", blank_zero=True),
        _number(row.total),
        _difference_cell(row, labels),
    )


def unit_rows_html(report: LedgerReport, unit: UnitBlock) -> SafeString:
    """The rows of one unit's lecturers, numbered from 1."""
    url = reverse("ledger:ledger-lecturer", args=[_PLACEHOLDER])
    badge = '<span class="badge">{}</span>'
    labels = {
        "visiting": format_html(" " + badge, _("thỉnh giảng")),
        "concurrent": format_html(" " + badge, _("kiêm chức")),
        rules.OVER: format_html("<br>" + badge, _("vượt giờ")),
        rules.UNDER: format_html("<br>" + badge, _("thiếu giờ")),
    }
    return mark_safe(  # noqa: S308 - joined from format_html pieces only
        "".join(
            _row_html(number, row, url, report.school_year, labels)
            for number, row in enumerate(unit.rows, start=1)
        )
    )


def sum_cells_html(values: Iterable[Decimal]) -> SafeString:
    """A unit's or the school's sums, one <th> per shown activity."""
    return _cells(values, "th", blank_zero=False)


def with_html(report: LedgerReport) -> LedgerReport:
    """The report with each unit's `rows_html` and `cells_html` and the school's
    `cells_html`, for `ledger/report.html`."""
    for unit in report.units:
        unit.rows_html = unit_rows_html(report, unit)
        unit.cells_html = sum_cells_html(unit.cells)
    report.cells_html = sum_cells_html(report.cells)
    return report
