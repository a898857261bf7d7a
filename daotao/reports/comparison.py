"""The schools side by side for the Academy's supervisor (reports:comparison):
for a year or a half-year, one column per school, each question a table of
aggregates (no person appears) with a chart of grouped bars per school
(`reports/charts.py`, docs/adr/0032) and its Excel file.

The figures are live (read through the selectors of the apps that own the rows,
with the permission of each app) or the schools' submitted period reports
(`PeriodReport`, a frozen copy of the same tables for one school). Either way a
table is a list of lines, each a label and a value per school: a school's
period report is its column of every table.

Every live table costs a fixed number of grouped queries, whatever the number of
schools and rows behind it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from daotao.assessment import selectors as assessment
from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.comparison import registered
from daotao.core.exporting import ExportTable
from daotao.enrolment import selectors as enrolment
from daotao.faculty import selectors as faculty
from daotao.faculty.models import Lecturer
from daotao.ledger import selectors as ledger
from daotao.org import selectors as org
from daotao.programs.models import Program
from daotao.reports.charts import Chart, cell_of, share
from daotao.research.selectors import figures as research

VIEW = "reports.view_comparison"

# --- The period ---

YEAR = "nam"
FIRST_HALF = "6-thang-dau"
PERIODS = (
    (YEAR, gettext_lazy("Cả năm")),
    (FIRST_HALF, gettext_lazy("6 tháng đầu năm")),
)


@dataclass(frozen=True)
class Period:
    """A year (`YEAR`) or its first half (`FIRST_HALF`)."""

    year: int
    code: str = YEAR

    @property
    def starts(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)

    @property
    def ends(self) -> datetime.date:
        if self.code == FIRST_HALF:
            return datetime.date(self.year, 6, 30)
        return datetime.date(self.year, 12, 31)

    @property
    def label(self) -> str:
        if self.code == FIRST_HALF:
            return _("6 tháng đầu năm %(year)s") % {"year": self.year}
        return _("năm %(year)s") % {"year": self.year}


def period_of(year: int, code: str | None) -> Period:
    """The period named by `code` (the whole year for anything else)."""
    return Period(year, code if code in dict(PERIODS) else YEAR)


# --- The tables ---

# A line: its label and its value per school id (a number, or None: not known).
Line = tuple[str, dict[int, Any]]


@dataclass
class Table:
    """One question: lines × schools. `drawn` names the lines (at most two)
    drawn as bars per school."""

    key: str
    title: str
    note: str
    item: str  # the header of the labels' column
    lines: list[Line]
    drawn: Sequence[int] = (0,)
    percent_lines: frozenset[int] = frozenset()
    schools: list[Any] = field(default_factory=list)
    chart: Chart | None = None

    @property
    def headers(self) -> list[str]:
        return [self.item, *(school.name for school in self.schools)]

    @property
    def rows(self) -> list[list[Any]]:
        return [
            [label, *(values.get(school.pk) for school in self.schools)]
            for label, values in self.lines
        ]

    @property
    def cells(self) -> list[list[tuple[str, bool]]]:
        return [[cell_of(value) for value in row] for row in self.rows]

    def draw(self) -> Table:
        """The chart: one group of bars per school, one bar per drawn line."""
        drawn = [i for i in self.drawn if i < len(self.lines)]
        self.chart = Chart(
            key=self.key,
            title=self.title,
            note=self.note,
            headers=[_("Trường"), *(self.lines[i][0] for i in drawn)],
            rows=[
                [school.name, *(self.lines[i][1].get(school.pk) for i in drawn)]
                for school in self.schools
            ],
            series=[self.lines[i][0] for i in drawn],
            values=lambda row: (row[0], list(row[1:])),
            percent=bool(drawn) and all(i in self.percent_lines for i in drawn),
            pick=lambda row: -(row[1] or 0),
            picked=gettext_noop("%(count)s trường có số liệu lớn nhất"),
        ).draw()
        return self

    def export(self, period: Period, source: str) -> ExportTable:
        title = f"{self.title} — {period.label} ({source})"
        return ExportTable(
            filename=f"{self.title} {period.year} {period.code}",
            title=title,
            headers=self.headers,
            rows=self.rows,
            count=len(self.lines),
        )


def _line(label: str, values: dict[int, Any], schools: list[int]) -> Line:
    return (label, {pk: values.get(pk, 0) for pk in schools})


def _by_kind(rows: list[dict], measure: str, schools: list[int]) -> list[Line]:
    """A total line, then one per programme kind (in the kinds' order)."""
    totals: dict[int, int] = {}
    kinds: dict[str, dict[int, int]] = {}
    for row in rows:
        totals[row["school_id"]] = totals.get(row["school_id"], 0) + row[measure]
        kinds.setdefault(row["kind"], {})[row["school_id"]] = row[measure]
    order = [code for code, _label in Program.Kind.choices]
    labels = dict(Program.Kind.choices)
    return [_line(_("Tổng số"), totals, schools)] + [
        _line(str(labels.get(kind, kind)), kinds[kind], schools)
        for kind in sorted(
            kinds,
            key=lambda k: (k not in order, order.index(k) if k in order else 0, k),
        )
    ]


def _opened(actor: Actor, period: Period, memo: dict) -> Any:
    """The classes opened in the period by school, read once for both tables."""
    if "classes" not in memo:
        memo["classes"] = enrolment.classes_by_school(
            actor=actor, starts=period.starts, ends=period.ends
        )
    return memo["classes"]


def _classes(
    actor: Actor, period: Period, schools: list[int], memo: dict
) -> list[Line]:
    return _by_kind(_opened(actor, period, memo), "classes", schools)


def _learners(
    actor: Actor, period: Period, schools: list[int], memo: dict
) -> list[Line]:
    return _by_kind(_opened(actor, period, memo), "learners", schools)


def _graduation(
    actor: Actor, period: Period, schools: list[int], memo: dict
) -> list[Line]:
    figures = assessment.graduation_by_school(
        actor=actor, starts=period.starts, ends=period.ends
    )
    bands, fail = assessment.classification_labels()
    seen = {label for counts in figures.values() for label in counts}
    extra = sorted(
        seen - set(bands) - {"learners", "graduates", fail or _("Không đạt")}
    )

    def measure(name: str) -> dict[int, int]:
        return {pk: counts.get(name, 0) for pk, counts in figures.items()}

    learners, graduates = measure("learners"), measure("graduates")
    return [
        _line(_("Học viên các lớp đã kết thúc"), learners, schools),
        _line(_("Hoàn thành khóa học (được công nhận)"), graduates, schools),
        _line(
            _("Tỷ lệ hoàn thành (%)"),
            {pk: share(graduates.get(pk, 0), learners.get(pk, 0)) for pk in schools},
            schools,
        ),
        *(_line(label, measure(label), schools) for label in [*bands, *extra]),
        _line(
            fail or _("Không đạt"),
            {pk: max(learners.get(pk, 0) - graduates.get(pk, 0), 0) for pk in schools},
            schools,
        ),
    ]


def _lecturer_lines(
    rows: list[dict[str, Any]], schools: list[int], *, choices: Sequence | None
) -> list[Line]:
    totals: dict[int, int] = {}
    groups: dict[Any, dict[int, int]] = {}
    positions: dict[Any, Any] = {}
    for row in rows:
        totals[row["school_id"]] = totals.get(row["school_id"], 0) + row["lecturers"]
        groups.setdefault(row["key"], {})[row["school_id"]] = row["lecturers"]
        positions[row["key"]] = row.get("position")
    lines = [_line(_("Tổng số giảng viên"), totals, schools)]
    if choices is not None:
        return lines + [
            _line(str(label), groups.get(code, {}), schools) for code, label in choices
        ]
    known = sorted(
        (key for key in groups if key is not None),
        key=lambda k: (positions[k] if positions[k] is not None else 0, k),
    )
    lines += [_line(key, groups[key], schools) for key in known]
    if None in groups:
        lines.append(_line(_("Chưa ghi trình độ"), groups[None], schools))
    return lines


def _lecturers(memo: dict, actor: Actor) -> dict[str, list[dict[str, Any]]]:
    if "lecturers" not in memo:
        memo["lecturers"] = faculty.lecturers_by_school(actor=actor)
    return memo["lecturers"]


def _titles(actor: Actor, period: Period, schools: list[int], memo: dict) -> list[Line]:
    return _lecturer_lines(
        _lecturers(memo, actor)["title"], schools, choices=Lecturer.Title.choices
    )


def _degrees(
    actor: Actor, period: Period, schools: list[int], memo: dict
) -> list[Line]:
    return _lecturer_lines(_lecturers(memo, actor)["degree"], schools, choices=None)


def _theory(actor: Actor, period: Period, schools: list[int], memo: dict) -> list[Line]:
    return _lecturer_lines(_lecturers(memo, actor)["theory"], schools, choices=None)


def _hours(actor: Actor, period: Period, schools: list[int], memo: dict) -> list[Line]:
    figures = ledger.ledger_by_school(actor=actor, school_year=period.year)

    def measure(name: str) -> dict[int, Any]:
        return {pk: line[name] for pk, line in figures.items()}

    norm, total = measure("norm"), measure("total")
    return [
        _line(_("Số giảng viên"), measure("lecturers"), schools),
        _line(_("Định mức (giờ chuẩn)"), norm, schools),
        _line(_("Đã thực hiện (giờ chuẩn)"), total, schools),
        _line(
            _("Tỷ lệ thực hiện (%)"),
            {pk: share(total.get(pk, 0), norm.get(pk, 0)) for pk in schools},
            schools,
        ),
        _line(_("Giảng viên chưa đủ định mức"), measure("under"), schools),
    ]


def _research(
    actor: Actor, period: Period, schools: list[int], memo: dict
) -> list[Line]:
    figures = research.research_by_school(
        actor=actor, starts=period.starts, ends=period.ends
    )

    def measure(name: str) -> dict[int, int]:
        return {pk: line.get(name, 0) for pk, line in figures.items()}

    return [
        _line(_("Đề tài bắt đầu trong kỳ"), measure("topics"), schools),
        _line(_("Trong đó đã nghiệm thu"), measure("accepted"), schools),
        _line(_("Hội thảo khoa học khai mạc"), measure("conferences"), schools),
        _line(_("Tham luận gửi đến"), measure("papers"), schools),
        _line(_("Tham luận được chấp nhận"), measure("papers_accepted"), schools),
    ]


@dataclass(frozen=True)
class Spec:
    key: str
    permission: str
    build: Callable[[Actor, Period, list[int], dict], list[Line]]
    title: str
    note: str
    item: str
    drawn: tuple[int, ...] = (0,)
    percent_lines: frozenset[int] = frozenset()


# The questions, in the page's order; the texts are translated when a table is
# built.
SPECS: tuple[Spec, ...] = (
    Spec(
        "so-lop",
        "enrolment.view_cohort",
        _classes,
        gettext_noop("Lớp học khai giảng theo chương trình"),
        gettext_noop("Các lớp có ngày khai giảng trong kỳ."),
        gettext_noop("Chương trình"),
    ),
    Spec(
        "so-hoc-vien",
        "enrolment.view_cohort",
        _learners,
        gettext_noop("Học viên theo chương trình"),
        gettext_noop("Học viên của các lớp khai giảng trong kỳ."),
        gettext_noop("Chương trình"),
    ),
    Spec(
        "tot-nghiep",
        "assessment.view_scores",
        _graduation,
        gettext_noop("Hoàn thành khóa học và xếp loại"),
        gettext_noop(
            "Các lớp đã kết thúc có ngày kết thúc trong kỳ; xếp loại theo quyết định"
            " công nhận tốt nghiệp; không đạt: học viên không có trong quyết định."
        ),
        gettext_noop("Kết quả"),
        drawn=(0, 1),
        percent_lines=frozenset({2}),
    ),
    Spec(
        "giang-vien-chuc-danh",
        "faculty.view_lecturer",
        _titles,
        gettext_noop("Giảng viên theo chức danh"),
        gettext_noop("Giảng viên đang giảng dạy, tính đến hôm nay."),
        gettext_noop("Chức danh"),
    ),
    Spec(
        "giang-vien-trinh-do",
        "faculty.view_lecturer",
        _degrees,
        gettext_noop("Giảng viên theo trình độ chuyên môn"),
        gettext_noop(
            "Giảng viên đang giảng dạy, trình độ cao nhất trong hồ sơ cán bộ."
        ),
        gettext_noop("Trình độ chuyên môn"),
    ),
    Spec(
        "giang-vien-ly-luan",
        "faculty.view_lecturer",
        _theory,
        gettext_noop("Giảng viên theo trình độ lý luận chính trị"),
        gettext_noop("Giảng viên đang giảng dạy, theo hồ sơ cán bộ."),
        gettext_noop("Trình độ lý luận chính trị"),
    ),
    Spec(
        "gio-chuan",
        "ledger.view_ledger",
        _hours,
        gettext_noop("Giờ chuẩn so với định mức"),
        gettext_noop(
            "Năm học bắt đầu trong năm của kỳ; định mức đã tính điều chỉnh, giảm trừ."
        ),
        gettext_noop("Giờ chuẩn"),
        drawn=(1, 2),
        percent_lines=frozenset({3}),
    ),
    Spec(
        "nghien-cuu",
        "research.view_topic",
        _research,
        gettext_noop("Đề tài khoa học và hội thảo"),
        gettext_noop("Đề tài bắt đầu, hội thảo khai mạc trong kỳ."),
        gettext_noop("Nghiên cứu khoa học"),
        drawn=(0, 3),
    ),
)


def _registered_spec(table: Any) -> Spec:
    """A table an app beside reports registered (core.comparison)."""

    def build(actor: Actor, period: Period, schools: list[int], memo: dict) -> list:
        return table.lines(actor, period.year, schools)

    return Spec(
        table.key,
        table.permission,
        build,
        table.title,
        table.note,
        table.item,
        drawn=table.drawn,
    )


def all_specs() -> tuple[Spec, ...]:
    """The questions of this module, then those the apps beside it registered."""
    return (*SPECS, *(_registered_spec(table) for table in registered()))


def spec_of(key: str) -> Spec | None:
    return next((spec for spec in all_specs() if spec.key == key), None)


def _table(spec: Spec, lines: list[Line], schools: list[Any]) -> Table:
    return Table(
        key=spec.key,
        title=_(spec.title),
        note=_(spec.note),
        item=_(spec.item),
        lines=lines,
        drawn=spec.drawn,
        percent_lines=spec.percent_lines,
        schools=schools,
    )


def comparison_schools(*, actor: Actor) -> list[Any]:
    """The schools the comparison shows: those in the actor's reach, by name."""
    return org.schools_in_reach(actor=actor, permission=VIEW)


def live_tables(
    *, actor: Actor, period: Period, schools: list[Any], only: str | None = None
) -> list[Table]:
    """The live tables for `schools` the actor may read (one when `only` names
    it): each read once for all the schools."""
    ids = [school.pk for school in schools]
    memo: dict[str, Any] = {}
    return [
        _table(spec, spec.build(actor, period, ids, memo), schools)
        for spec in all_specs()
        if (only is None or spec.key == only) and has_permission(actor, spec.permission)
    ]


# --- A school's frozen figures (PeriodReport.figures) ---


def _json_value(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _python_value(value: Any) -> Any:
    return Decimal(value) if isinstance(value, str) else value


def snapshot(*, actor: Actor, period: Period, school: Any) -> dict[str, Any]:
    """One school's column of every live table the actor may read, as JSON:
    {key: {"title": …, "item": …, "lines": [[label, value], …]}} (Decimals as
    text)."""
    return {
        table.key: {
            "title": table.title,
            "item": table.item,
            "lines": [
                [label, _json_value(values.get(school.pk))]
                for label, values in table.lines
            ],
        }
        for table in live_tables(actor=actor, period=period, schools=[school])
    }


def snapshot_tables(
    *,
    figures_by_school: dict[int, dict[str, Any]],
    schools: list[Any],
    only: str | None = None,
) -> list[Table]:
    """The tables made of the schools' frozen figures: the labels of every
    school's report in order of appearance; a school without a report (or
    without that line) shows no value."""
    tables = []
    for spec in all_specs():
        if only is not None and spec.key != only:
            continue
        lines: dict[str, dict[int, Any]] = {}
        for school in schools:
            table = figures_by_school.get(school.pk, {}).get(spec.key)
            for label, value in (table or {}).get("lines", []):
                lines.setdefault(label, {})[school.pk] = _python_value(value)
        tables.append(_table(spec, list(lines.items()), schools))
    return tables
