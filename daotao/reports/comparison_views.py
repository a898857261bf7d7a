"""The schools side by side (the Academy's supervisor) and a school's period
reports: thin views over reports/comparison.py and reports/period_reports.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, permission_required
from daotao.core.forms import handle_action, show_service_errors
from daotao.core.listing import int_param, table_response
from daotao.org.selectors import home_school
from daotao.reports import period_reports
from daotao.reports.charts import BAR_HEIGHT, WIDTH
from daotao.reports.comparison import (
    PERIODS,
    VIEW,
    Period,
    Table,
    comparison_schools,
    live_tables,
    period_of,
    snapshot_tables,
    spec_of,
)
from daotao.reports.models import PeriodReport

LIVE = "truc-tiep"
SUBMITTED = "bao-cao"


def _period(request: HttpRequest) -> Period:
    year = int_param(request, "nam")
    if not (year and 2000 <= year <= 2100):
        year = timezone.localdate().year
    return period_of(year, request.GET.get("ky"))


def _submitted(
    request: HttpRequest, period: Period, schools: list[Any]
) -> dict[int, PeriodReport]:
    return period_reports.submitted_figures(
        actor=request.user,
        year=period.year,
        period=period.code,
        school_ids=[school.pk for school in schools],
    )


def _tables(
    request: HttpRequest,
    period: Period,
    schools: list[Any],
    reports: dict[int, PeriodReport],
    only: str | None = None,
) -> list[Table]:
    """The live tables, or those of the schools' latest submitted reports."""
    if request.GET.get("nguon") != SUBMITTED:
        return live_tables(
            actor=request.user, period=period, schools=schools, only=only
        )
    return snapshot_tables(
        figures_by_school={pk: report.figures for pk, report in reports.items()},
        schools=schools,
        only=only,
    )


@permission_required(VIEW)
def comparison_view(request: HttpRequest) -> HttpResponse:
    period = _period(request)
    source = SUBMITTED if request.GET.get("nguon") == SUBMITTED else LIVE
    schools = comparison_schools(actor=request.user)
    reports = _submitted(request, period, schools)
    tables = _tables(request, period, schools, reports)
    this_year = timezone.localdate().year
    return render(
        request,
        "reports/comparison.html",
        {
            "period": period,
            "years": list(range(this_year, this_year - 6, -1)),
            "periods": PERIODS,
            "source": source,
            "sources": (
                (LIVE, _("Số liệu trực tiếp")),
                (SUBMITTED, _("Báo cáo các trường đã gửi")),
            ),
            "schools": schools,
            "reports": [(school, reports.get(school.pk)) for school in schools],
            "missing": [school for school in schools if school.pk not in reports],
            "tables": [table.draw() for table in tables],
            "chart_width": WIDTH,
            "bar_height": BAR_HEIGHT,
            "export_query": urlencode(
                {"nam": period.year, "ky": period.code, "nguon": source}
            ),
        },
    )


@permission_required(VIEW)
def comparison_export_view(request: HttpRequest) -> HttpResponse:
    """One table as XLSX (`?bang=<key>&nam=&ky=&nguon=`; the first without
    `bang`): a line per row, a column per school."""
    period = _period(request)
    key = request.GET.get("bang") or "so-lop"
    spec = spec_of(key)
    if spec is None or not has_permission(request.user, spec.permission):
        raise Http404
    schools = comparison_schools(actor=request.user)
    reports = (
        _submitted(request, period, schools)
        if request.GET.get("nguon") == SUBMITTED
        else {}
    )
    tables = _tables(request, period, schools, reports, only=key)
    source = (
        _("báo cáo đã gửi")
        if request.GET.get("nguon") == SUBMITTED
        else _("số liệu trực tiếp")
    )
    return table_response(tables[0].export(period, source))


# --- A school's period reports ---


@permission_required(period_reports.VIEW)
def period_report_list_view(request: HttpRequest) -> HttpResponse:
    this_year = timezone.localdate().year
    return render(
        request,
        "reports/period_report_list.html",
        {
            "reports": period_reports.period_report_list(actor=request.user),
            "can_submit": has_permission(request.user, period_reports.MANAGE),
            "years": list(range(this_year, this_year - 6, -1)),
            "periods": PeriodReport.Period.choices,
        },
    )


@permission_required(period_reports.MANAGE, methods=("POST",))
def period_report_draft_view(request: HttpRequest) -> HttpResponse:
    school = home_school(actor=request.user, permission=period_reports.MANAGE)
    try:
        year = int(request.POST.get("nam", ""))
    except ValueError:
        year = 0
    period = request.POST.get("ky", "")
    try:
        report = period_reports.period_report_draft(
            actor=request.user, school_id=school.pk, year=year, period=period
        )
    except ValidationError as error:
        show_service_errors(request, error)
        return redirect("reports:period-report-list")
    messages.success(request, _("Đã lập số liệu của kỳ; xem lại rồi gửi Học viện."))
    return redirect("reports:period-report-detail", pk=report.pk)


@permission_required(period_reports.VIEW)
def period_report_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = period_reports.get_period_report(request.user, pk)
    tables = snapshot_tables(
        figures_by_school={report.school_id: report.figures}, schools=[report.school]
    )
    return render(
        request,
        "reports/period_report_detail.html",
        {
            "report": report,
            "period": period_of(report.year, report.period),
            "tables": [table for table in tables if table.lines],
            "can_submit": has_permission(request.user, period_reports.MANAGE),
            "is_draft": report.status == PeriodReport.Status.DRAFT,
        },
    )


@permission_required(period_reports.MANAGE, methods=("POST",))
def period_report_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = period_reports.get_period_report(request.user, pk, period_reports.MANAGE)
    return handle_action(
        request,
        lambda: period_reports.period_report_submit(actor=request.user, report=report),
        success=_("Đã gửi báo cáo số liệu đến Học viện."),
        redirect_to=reverse("reports:period-report-detail", args=[report.pk]),
        confirm=True,
    )


@permission_required(period_reports.MANAGE, methods=("POST",))
def period_report_document_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = period_reports.get_period_report(request.user, pk, period_reports.MANAGE)
    return handle_action(
        request,
        lambda: period_reports.period_report_document_draft(
            actor=request.user, report=report
        ),
        success=_("Đã soạn báo cáo thống kê; mở văn bản để xem và trình ký."),
        redirect_to=reverse("reports:period-report-detail", args=[report.pk]),
    )
