"""The ledger report's table body written in Python (issue 16): a school's 340
lecturers × a dozen cells were some 25,000 template nodes, most of the page's
time. Same HTML as the template gave; text escaped with `escape`, numbers are
`format_number`'s digits and separators. The rest of the page (headings,
filters, period) stays in `ledger/report.html`."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from html import escape  # Django's escape without its lazy-string wrapper

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from daotao.core.text import format_number
from daotao.faculty.models import Lecturer
from daotao.ledger import rules
from daotao.ledger.selectors import LedgerReport, LedgerRow, UnitBlock

# reverse() once per page, not once per row: the lecturer's id goes in its place.
_PLACEHOLDER = 987654321


def _number(value: Decimal | int | None) -> str:
    return format_number(value) if value is not None else ""


def _cells(values: Iterable[Decimal], tag: str, *, blank_zero: bool) -> str:
    return "".join(
        f'<{tag} class="num">{_number(v) if v or not blank_zero else ""}</{tag}>'
        for v in values
    )


def _norm_cell(row: LedgerRow) -> str:
    norm = row.norm
    if norm is None:
        return f"<small>{escape(row.problem)}</small>" if row.problem else "—"
    detail = ""
    if norm.adjustment_percent or norm.reduction_hours:
        detail = _number(norm.base)
        if norm.adjustment_percent:
            sign = "+" if norm.adjustment_percent > 0 else ""
            detail += f" {sign}{int(norm.adjustment_percent)}%"
        if norm.reduction_hours:
            detail += f" − {_number(norm.reduction_hours)}"
        detail = f"<br><small>{detail}</small>"
    return _number(norm.hours) + detail


def _row_html(
    number: int, row: LedgerRow, url: str, year: int, labels: dict[str, str]
) -> str:
    lecturer = row.lecturer
    badges = (labels["visiting"] if lecturer.is_visiting else "") + (
        labels["concurrent"] if lecturer.is_concurrent else ""
    )
    difference = ""
    if row.difference is not None:
        sign = "+" if row.status == rules.OVER else ""
        difference = sign + _number(row.difference) + labels.get(row.status, "")
    link = url.replace(str(_PLACEHOLDER), str(lecturer.pk))
    return (
        f'<tr><td class="num">{number}</td>'
        f'<td><a href="{link}?nam={year}">{escape(lecturer.person.full_name)}</a>'
        f"{badges}</td><td>{labels.get(lecturer.title) or escape(lecturer.title)}</td>"
        f'<td class="num">{_norm_cell(row)}</td>'
        f"{_cells(row.cells, 'td', blank_zero=True)}"
        f'<td class="num"><strong>{_number(row.total)}</strong></td>'
        f'<td class="num">{difference}</td></tr>'
    )


def unit_rows_html(report: LedgerReport, unit: UnitBlock) -> SafeString:
    """The rows of one unit's lecturers, numbered from 1."""
    url = escape(reverse("ledger:ledger-lecturer", args=[_PLACEHOLDER]))
    badge = '<span class="badge">{}</span>'
    # the labels translated and escaped once per page, not once per row
    labels = {value: escape(str(label)) for value, label in Lecturer.Title.choices} | {
        "": "",
        "visiting": " " + badge.format(escape(_("thỉnh giảng"))),
        "concurrent": " " + badge.format(escape(_("kiêm chức"))),
        rules.OVER: "<br>" + badge.format(escape(_("vượt giờ"))),
        rules.UNDER: "<br>" + badge.format(escape(_("thiếu giờ"))),
    }
    return mark_safe(  # noqa: S308 - text escaped above, numbers are digits
        "".join(
            _row_html(number, row, url, report.school_year, labels)
            for number, row in enumerate(unit.rows, start=1)
        )
    )


def sum_cells_html(values: Iterable[Decimal]) -> SafeString:
    """A unit's or the school's sums, one <th> per shown activity."""
    return mark_safe(_cells(values, "th", blank_zero=False))  # noqa: S308


def with_html(report: LedgerReport) -> LedgerReport:
    """The report with each unit's `rows_html` and `cells_html` and the school's
    `cells_html`, for `ledger/report.html`."""
    for unit in report.units:
        unit.rows_html = unit_rows_html(report, unit)
        unit.cells_html = sum_cells_html(unit.cells)
    report.cells_html = sum_cells_html(report.cells)
    return report
