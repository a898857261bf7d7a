"""The school's figures page and the Excel file of each of its charts."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from daotao.core.access import has_permission, permission_required
from daotao.core.listing import int_param, table_response
from daotao.reports.charts import BAR_HEIGHT, WIDTH
from daotao.reports.figures import (
    SECTIONS,
    figure_chart,
    figure_sections,
    figure_years,
)

VIEW = "reports.view_figures"


def _year(request: HttpRequest) -> int:
    year = int_param(request, "nam")
    return year if year and 1945 <= year <= 2100 else timezone.localdate().year


@permission_required(VIEW)
def figures_view(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "reports/figures.html",
        {
            "year": year,
            "years": figure_years(actor=request.user),
            "sections": figure_sections(actor=request.user, year=year),
            "chart_width": WIDTH,
            "bar_height": BAR_HEIGHT,
            "can_period_report": has_permission(
                request.user, "reports.view_period_report"
            ),
        },
    )


@permission_required(VIEW)
def figures_export_view(request: HttpRequest) -> HttpResponse:
    """One chart's table as XLSX (`?bang=<key>&nam=<year>`; the first chart
    without `bang`). A few dozen rows at most: written inside the request."""
    key = request.GET.get("bang") or SECTIONS[0].charts[0][0]
    chart = figure_chart(actor=request.user, key=key, year=_year(request))
    if chart is None:
        raise Http404
    return table_response(chart.export(_year(request)))
