"""Bar charts drawn as SVG on the server (docs/adr/0032): a `Chart` is a table
(headers, rows) and what its bars draw; `draw()` lays the bars out in the SVG's
own units, `templates/reports/figures.html` writes them and the stylesheet of the
app colours them (the CSP allows no inline style)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from daotao.core.exporting import ExportTable
from daotao.core.text import format_date, format_number

# The drawing, in the SVG's own units; the page scales it to the column.
WIDTH = 360
LABEL_HEIGHT = 18  # the category's name, above its bars
BAR_HEIGHT = 14
BAR_GAP = 3
GROUP_GAP = 12
VALUE_ROOM = 56  # right of the longest bar, for its figure
# A chart with more categories draws the SHOWN_ROWS its `pick` puts first (the
# largest quotas, the lowest rates); the page's table has the same rows and the
# Excel file all of them.
SHOWN_ROWS = 20
LABEL_CHARS = 52  # a longer name is cut in the drawing (the table has it whole)

HUNDRED = Decimal(100)


def share(part: int, whole: int) -> Decimal | None:
    """`part` of `whole` in per cent, one decimal (None when `whole` is 0)."""
    if not whole:
        return None
    return (HUNDRED * part / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Bar:
    y: int
    width: int
    series: int
    value_text: str
    text_x: int
    text_y: int


@dataclass(frozen=True)
class Group:
    label_y: int
    label: str
    bars: list[Bar]


def cell_of(value: Any) -> tuple[str, bool]:
    """A table cell as shown: (text, is a number)."""
    if value is None:
        return "—", True
    if isinstance(value, int | Decimal):
        return format_number(value), True
    if isinstance(value, datetime.date):
        return format_date(value), True
    return str(value), False


@dataclass
class Chart:
    """One question: its table (headers, rows) and what the bars draw.

    `series` names the bars of each category; `values(row)` gives, per row of the
    table, the category's name and one number per series (None: nothing to
    draw). With `percent` the scale is 0–100 %. `pick` orders the rows when
    there are more than SHOWN_ROWS (the first are drawn); `picked` says which,
    with %(count)s for their number."""

    key: str
    title: str
    note: str
    headers: list[str]
    rows: list[list[Any]]
    series: list[str]
    values: Callable[[list[Any]], tuple[str, list[Any]]]
    percent: bool = False
    pick: Callable[[list[Any]], Any] | None = None
    picked: str = ""
    shown: list[list[Any]] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    height: int = 0

    def draw(self) -> Chart:
        """Lay the bars out (left to right from 0, the longest bar the widest)."""
        self.shown = self.rows
        if self.pick is not None and len(self.rows) > SHOWN_ROWS:
            self.shown = sorted(self.rows, key=self.pick)[:SHOWN_ROWS]
        drawn = [self.values(row) for row in self.shown]
        numbers = [v for _label, vals in drawn for v in vals if v is not None]
        top = HUNDRED if self.percent else max(numbers, default=0)
        room = WIDTH - VALUE_ROOM
        y = 0
        self.groups = []
        for label, vals in drawn:
            name = (
                label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
            )
            bars_y = y + LABEL_HEIGHT
            bars = []
            for index, value in enumerate(vals):
                bar_y = bars_y + index * (BAR_HEIGHT + BAR_GAP)
                width = 0
                if value is not None and top:
                    width = round(room * min(Decimal(value), top) / Decimal(top))
                text = "—" if value is None else format_number(value)
                if self.percent and value is not None:
                    text += " %"
                bars.append(
                    Bar(bar_y, width, index, text, width + 4, bar_y + BAR_HEIGHT - 3)
                )
            self.groups.append(Group(y + LABEL_HEIGHT - 5, name, bars))
            y = bars_y + len(vals) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
        self.height = max(y, 1)
        return self

    @property
    def has_bars(self) -> bool:
        """Whether any bar has a length (a chart of zeros is left to its table)."""
        return any(bar.width for group in self.groups for bar in group.bars)

    @property
    def cut_note(self) -> str:
        """What the page leaves to the Excel file, or "" when it shows every row."""
        if len(self.shown) == len(self.rows):
            return ""
        return _(
            "Trên trang: %(picked)s, trong tổng số %(total)s; tệp Excel có đủ"
            " %(total)s dòng."
        ) % {
            "picked": _(self.picked) % {"count": len(self.shown)},
            "total": format_number(len(self.rows)),
        }

    @property
    def cells(self) -> list[list[tuple[str, bool]]]:
        return [[cell_of(value) for value in row] for row in self.shown]

    def export(self, year: int) -> ExportTable:
        title = f"{self.title} — {_('năm')} {year}"
        return ExportTable(
            filename=f"{self.title} {year}",
            title=title,
            headers=self.headers,
            rows=self.rows,
            count=len(self.rows),
        )
