"""The school's figures for leadership and the training office (reports:figures):
one chart per question, each with its table (the chart's text alternative and
its Excel download) and drawn as SVG on the server (docs/adr/0032).

Every chart reads through the selectors of the app that owns the rows, with the
permission of that app: a chart whose permission the viewer lacks is left out,
and each reads only the rows in the viewer's scope (a supervisor of one school
sees that school). Each chart costs a fixed number of grouped queries, whatever
the number of rows behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from daotao.assessment import selectors as assessment
from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.text import collation_key
from daotao.credentials import selectors as credentials
from daotao.credentials.models import Kind
from daotao.enrolment import selectors as enrolment
from daotao.enrolment.models import Cohort
from daotao.learning import selectors as learning
from daotao.ledger import selectors as ledger
from daotao.planning import selectors as planning
from daotao.programs.models import Module
from daotao.reports.charts import Chart, share
from daotao.research.models import ResearchOutput, ResearchTopic
from daotao.research.selectors import figures as research

# A chart's builder: (actor, year, memo) → Chart; `memo` is shared by the charts of
# one page, so two charts of the same rows read them once.
Builder = Callable[[Any, int, dict[str, Any]], Any]

# --- The charts: (actor, year) → Chart -----------------------------------------------


def _plan_by_programme(actor: Actor, year: int, memo: dict[str, Any]) -> Chart:
    rows = [
        [r["name"], r["classes"], r["opened"], r["places"], r["admitted"]]
        for r in planning.year_plan_by_program(actor=actor, year=year)
    ]
    return Chart(
        key="ke-hoach-chuong-trinh",
        title=_("Kế hoạch và thực hiện theo chương trình"),
        note=_(
            "Các lớp trong kế hoạch năm; thực hiện: lớp đã mở, học viên trúng tuyển."
        ),
        headers=[
            _("Chương trình"),
            _("Số lớp kế hoạch"),
            _("Số lớp đã mở"),
            _("Chỉ tiêu (học viên)"),
            _("Học viên trúng tuyển"),
        ],
        rows=rows,
        series=[_("Chỉ tiêu"), _("Trúng tuyển")],
        values=lambda row: (row[0], [row[3], row[4]]),
        pick=lambda row: -row[3],
        picked=gettext_noop("%(count)s chương trình có chỉ tiêu lớn nhất"),
    )


def _plan_by_agency(actor: Actor, year: int, memo: dict[str, Any]) -> Chart:
    rows = [
        [r["name"], r["places"], r["admitted"], share(r["admitted"], r["places"])]
        for r in planning.year_plan_by_agency(actor=actor, year=year)
    ]
    return Chart(
        key="ke-hoach-co-quan",
        title=_("Chỉ tiêu và thực hiện theo cơ quan cử đi học"),
        note=_(
            "Chỉ tiêu giao cho từng cơ quan trong kế hoạch năm và số học viên trúng"
            " tuyển."
        ),
        headers=[
            _("Cơ quan"),
            _("Chỉ tiêu"),
            _("Học viên trúng tuyển"),
            _("Tỷ lệ thực hiện (%)"),
        ],
        rows=rows,
        series=[_("Chỉ tiêu"), _("Trúng tuyển")],
        values=lambda row: (row[0], [row[1], row[2]]),
        pick=lambda row: -row[1],
        picked=gettext_noop("%(count)s cơ quan có chỉ tiêu lớn nhất"),
    )


def _funnel(actor: Actor, year: int, memo: dict[str, Any]) -> Chart:
    counts = enrolment.nomination_funnel(actor=actor, year=year)
    stages = [
        (_("Được cử đi học"), counts["nominated"]),
        (_("Đã xét hồ sơ"), counts["checked"]),
        (_("Trúng tuyển"), counts["admitted"]),
        (_("Hoàn thành khóa học"), counts["finished"]),
    ]
    first = counts["nominated"]
    return Chart(
        key="cu-di-hoc",
        title=_("Từ cử đi học đến hoàn thành khóa học"),
        note=_(
            "Hồ sơ cử đi học vào các lớp trong kế hoạch năm; hoàn thành: học viên của"
            " lớp đã kết thúc."
        ),
        headers=[_("Bước"), _("Số hồ sơ"), _("So với số được cử (%)")],
        rows=[[label, count, share(count, first)] for label, count in stages],
        series=[_("Số hồ sơ")],
        values=lambda row: (row[0], [row[1]]),
    )


def _cohorts(actor: Actor, permission: str, year: int) -> Any:
    """The cohorts in the actor's reach through `permission` starting in `year`."""
    return enrolment.cohorts_of_year(
        Cohort.objects.visible_to(actor, permission),
        year=year,
        today=timezone.localdate(),
    )


@dataclass(frozen=True)
class RateSpec:
    """A share per cohort or per module: where its counts come from and what the
    page calls them."""

    key: str
    permission: str
    read: Callable[..., list[dict[str, Any]]]
    whole: str
    part: str
    titles: tuple[str, str]  # by cohort, by module
    picked: tuple[str, str]  # when there are many: which are drawn
    note: str
    headers: tuple[str, str, str]  # the whole, the part, the share


def _labels(counts: list[dict[str, Any]]) -> dict[str, dict[Any, tuple[str, str]]]:
    """The names of the cohorts and modules `counts` name: (name, programme) by
    id. Two queries."""
    cohorts = {c["cohort_ref"] for c in counts}
    modules = {c["module_ref"] for c in counts}
    return {
        "cohort": {
            pk: (code, "")
            for pk, code in Cohort.objects.filter(pk__in=cohorts).values_list(
                "pk", "code"
            )
        },
        "module": {
            pk: (name, programme)
            for pk, name, programme in Module.objects.filter(
                pk__in=modules
            ).values_list("pk", "name", "block__version__program__name")
        },
    }


def _summed(read: tuple, by: str, fields: Sequence[str]) -> list[dict[str, Any]]:
    """The per cohort and module counts added up per cohort or per module, in the
    order of programme, name, id."""
    counts, labels = read
    totals: dict[Any, dict[str, Any]] = {}
    for count in counts:
        key = count[f"{by}_ref"]
        name, programme = labels[by].get(key, ("", ""))
        line = totals.setdefault(
            key,
            {"ref": key, "name": name, "programme": programme}
            | dict.fromkeys(fields, 0),
        )
        for field_name in fields:
            line[field_name] += count[field_name]
    return sorted(
        totals.values(),
        key=lambda t: (
            collation_key(t["programme"]),
            collation_key(t["name"]),
            t["ref"],
        ),
    )


def _rate_chart(spec: RateSpec, by: str) -> Builder:
    by_module = by == "module"

    def chart(actor: Actor, year: int, memo: dict[str, Any]) -> Chart:
        # One grouped read serves the chart by cohort and the one by module.
        if spec.key not in memo:
            cohorts = _cohorts(actor, spec.permission, year)
            counts = spec.read(cohorts=cohorts)
            memo[spec.key] = (counts, _labels(counts))
        rows = []
        for r in _summed(memo[spec.key], by, (spec.whole, spec.part)):
            line = [r["name"], r["programme"]] if by_module else [r["name"]]
            rows.append([*line, r[spec.whole], r[spec.part]])
            rows[-1].append(share(r[spec.part], r[spec.whole]))
        first = [_("Học phần"), _("Chương trình")] if by_module else [_("Lớp")]
        return Chart(
            key=f"{spec.key}-{'hoc-phan' if by_module else 'lop'}",
            title=_(spec.titles[by_module]),
            note=_(spec.note),
            headers=[*first, *(_(header) for header in spec.headers)],
            rows=rows,
            series=[_(spec.headers[2])],
            values=lambda row: (row[0], [row[-1]]),
            percent=True,
            # The lowest shares first: where attention is needed.
            pick=lambda row: (row[-1] is None, row[-1] or 0),
            picked=spec.picked[by_module],
        )

    return chart


# The texts are marked for translation here and translated when the chart is built.
ATTENDANCE = RateSpec(
    key="chuyen-can",
    permission="learning.view_attendance",
    read=learning.attendance_counts,
    whole="marks",
    part="attending",
    titles=(
        gettext_noop("Chuyên cần theo lớp"),
        gettext_noop("Chuyên cần theo học phần"),
    ),
    picked=(
        gettext_noop("%(count)s lớp có tỷ lệ có mặt thấp nhất"),
        gettext_noop("%(count)s học phần có tỷ lệ có mặt thấp nhất"),
    ),
    note=gettext_noop(
        "Các lớp khai giảng trong năm; có mặt gồm cả đi muộn, không gồm vắng có phép."
    ),
    headers=(
        gettext_noop("Lượt điểm danh"),
        gettext_noop("Lượt có mặt"),
        gettext_noop("Tỷ lệ có mặt (%)"),
    ),
)
RESULTS = RateSpec(
    key="ket-qua",
    permission="assessment.view_scores",
    read=assessment.first_sitting_counts,
    whole="sat",
    part="passed",
    titles=(
        gettext_noop("Tỷ lệ đạt theo lớp"),
        gettext_noop("Tỷ lệ đạt theo học phần"),
    ),
    picked=(
        gettext_noop("%(count)s lớp có tỷ lệ đạt thấp nhất"),
        gettext_noop("%(count)s học phần có tỷ lệ đạt thấp nhất"),
    ),
    note=gettext_noop(
        "Thi lần đầu của các lớp khai giảng trong năm, bảng điểm đã khóa; đạt: điểm"
        " học phần từ điểm đạt của quy chế áp dụng."
    ),
    headers=(
        gettext_noop("Lượt dự thi"),
        gettext_noop("Lượt đạt"),
        gettext_noop("Tỷ lệ đạt (%)"),
    ),
)


def _ledger(actor: Actor, year: int, memo: dict[str, Any]) -> Chart:
    report = ledger.ledger_report(actor=actor, school_year=year)
    rows = [
        [
            unit.name,
            len(unit.rows),
            unit.norm,
            unit.total,
            unit.total - unit.norm,
        ]
        for unit in report.units
    ]
    return Chart(
        key="gio-chuan",
        title=_("Giờ chuẩn theo khoa so với định mức"),
        note=_("Năm học %(start)s–%(end)s; định mức đã tính điều chỉnh, giảm trừ.")
        % {"start": year, "end": year + 1},
        headers=[
            _("Khoa, phòng"),
            _("Số giảng viên"),
            _("Định mức (giờ chuẩn)"),
            _("Đã thực hiện (giờ chuẩn)"),
            _("Chênh lệch"),
        ],
        rows=rows,
        series=[_("Định mức"), _("Đã thực hiện")],
        values=lambda row: (row[0], [row[2], row[3]]),
        pick=lambda row: row[4],
        picked=gettext_noop("%(count)s khoa, phòng thiếu nhiều giờ nhất"),
    )


def _per_choice(
    choices: Sequence[tuple[str, Any]],
    counts: dict[str, dict[str, int]],
    fields: Sequence[str],
) -> list[list[Any]]:
    """One row per choice, in the order of the choices (0 where nothing counted)."""
    return [
        [str(label), *(counts.get(code, {}).get(name, 0) for name in fields)]
        for code, label in choices
    ]


def _topics(actor: Actor, year: int, memo: dict[str, Any]) -> Chart:
    rows = _per_choice(
        ResearchTopic.Level.choices,
        research.topics_by_level(actor=actor, year=year),
        ("topics", "accepted"),
    )
    return Chart(
        key="de-tai",
        title=_("Đề tài khoa học theo cấp"),
        note=_("Đề tài bắt đầu trong năm; đã nghiệm thu tính đến hôm nay."),
        headers=[_("Cấp đề tài"), _("Số đề tài"), _("Đã nghiệm thu")],
        rows=rows,
        series=[_("Số đề tài"), _("Đã nghiệm thu")],
        values=lambda row: (row[0], [row[1], row[2]]),
    )


def _conferences(actor: Actor, year: int, memo: dict[str, Any]) -> Chart:
    rows = [
        [c["title"], c["starts_on"], c["papers"], c["accepted"], c["delegates"]]
        for c in research.conference_figures(actor=actor, year=year)
    ]
    return Chart(
        key="hoi-thao",
        title=_("Hội thảo khoa học"),
        note=_("Hội thảo, tọa đàm khai mạc trong năm: tham luận và đại biểu."),
        headers=[
            _("Hội thảo"),
            _("Khai mạc"),
            _("Tham luận gửi đến"),
            _("Tham luận được chấp nhận"),
            _("Đại biểu đăng ký"),
        ],
        rows=rows,
        series=[_("Tham luận gửi đến"), _("Được chấp nhận")],
        values=lambda row: (row[0], [row[2], row[3]]),
        pick=lambda row: -row[2],
        picked=gettext_noop("%(count)s hội thảo có nhiều tham luận nhất"),
    )


def _publications(actor: Actor, year: int, memo: dict[str, Any]) -> Chart:
    outputs = research.outputs_by_kind(actor=actor, year=year)
    return Chart(
        key="cong-bo",
        title=_("Công trình khoa học công bố"),
        note=_("Công trình của giảng viên công bố trong năm, theo loại."),
        headers=[_("Loại công trình"), _("Số công trình")],
        rows=[
            [str(label), outputs.get(kind, 0)]
            for kind, label in ResearchOutput.Kind.choices
        ],
        series=[_("Số công trình")],
        values=lambda row: (row[0], [row[1]]),
    )


def _credentials(actor: Actor, year: int, memo: dict[str, Any]) -> Chart:
    rows = _per_choice(
        Kind.choices,
        credentials.issued_by_kind(actor=actor, year=year),
        ("issued", "valid"),
    )
    return Chart(
        key="van-bang",
        title=_("Văn bằng, chứng chỉ đã cấp"),
        note=_(
            "Cấp trong năm (kể cả sổ gốc cũ đã nhập); còn hiệu lực tính đến hôm nay."
        ),
        headers=[_("Loại"), _("Đã cấp"), _("Còn hiệu lực")],
        rows=rows,
        series=[_("Đã cấp")],
        values=lambda row: (row[0], [row[1]]),
    )


@dataclass(frozen=True)
class Section:
    title: Any
    charts: Sequence[tuple[str, str, Builder]]


# Each chart: its key (the Excel link's), the permission its rows are read with,
# and its builder; in the order the page shows them.
SECTIONS: tuple[Section, ...] = (
    Section(
        gettext_lazy("Kế hoạch và tuyển sinh"),
        (
            ("ke-hoach-chuong-trinh", "planning.view_plan", _plan_by_programme),
            ("ke-hoach-co-quan", "planning.view_plan", _plan_by_agency),
            ("cu-di-hoc", "enrolment.view_nomination", _funnel),
        ),
    ),
    Section(
        gettext_lazy("Chuyên cần và kết quả học tập"),
        (
            (
                "chuyen-can-lop",
                ATTENDANCE.permission,
                _rate_chart(ATTENDANCE, "cohort"),
            ),
            (
                "chuyen-can-hoc-phan",
                ATTENDANCE.permission,
                _rate_chart(ATTENDANCE, "module"),
            ),
            ("ket-qua-lop", RESULTS.permission, _rate_chart(RESULTS, "cohort")),
            ("ket-qua-hoc-phan", RESULTS.permission, _rate_chart(RESULTS, "module")),
        ),
    ),
    Section(
        gettext_lazy("Giảng viên và nghiên cứu khoa học"),
        (
            ("gio-chuan", "ledger.view_ledger", _ledger),
            ("de-tai", "research.view_topic", _topics),
            ("hoi-thao", "research.view_conference", _conferences),
            ("cong-bo", "research.view_topic", _publications),
        ),
    ),
    Section(
        gettext_lazy("Văn bằng, chứng chỉ"),
        (("van-bang", "credentials.view_credential", _credentials),),
    ),
)
CHARTS = {
    key: (permission, build) for s in SECTIONS for key, permission, build in s.charts
}


def figure_sections(*, actor: Actor, year: int) -> list[tuple[Any, list[Chart]]]:
    """The sections and drawn charts the actor may see for `year`."""
    shown = []
    memo: dict[str, Any] = {}
    for section in SECTIONS:
        charts = [
            build(actor, year, memo).draw()
            for _key, permission, build in section.charts
            if has_permission(actor, permission)
        ]
        if charts:
            shown.append((section.title, charts))
    return shown


def figure_chart(*, actor: Actor, key: str, year: int) -> Chart | None:
    """One chart (for its Excel file); None for an unknown key or one the actor
    may not read."""
    if key not in CHARTS:
        return None
    permission, build = CHARTS[key]
    if not has_permission(actor, permission):
        return None
    return build(actor, year, {})


def figure_years(*, actor: Actor) -> list[int]:
    """The years to choose from: those of the plans in reach and this year."""
    this_year = timezone.localdate().year
    years = (
        set(planning.plan_years(actor=actor))
        if has_permission(actor, "planning.view_plan")
        else set()
    )
    return sorted(years | {this_year}, reverse=True)
