from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, permission_required
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.org.models import Agency
from daotao.org.selectors import agency_list, unit_list


def _agencies(request: HttpRequest, permission: str):
    return agency_list(
        actor=request.user,
        query=request.GET.get("q", ""),
        level=request.GET.get("level", ""),
        kind=request.GET.get("kind", ""),
        include_past=request.GET.get("past") == "1",
        permission=permission,
    )


@permission_required("org.view_agency")
def agency_list_view(request: HttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, _agencies(request, "org.view_agency")),
        "levels": Agency.Level.choices,
        "kinds": Agency.Kind.choices,
        "query_without_page": query_string_without(request, "page"),
        "can_export": has_permission(request.user, "org.export_agency"),
    }
    template = "org/_agency_table.html" if request.htmx else "org/agency_list.html"
    return render(request, template, context)


@permission_required("org.export_agency")
def agency_export_view(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request, "org.export_agency")
    rows = (
        (
            index,
            a.name,
            a.short_name,
            a.get_kind_display(),
            a.get_level_display(),
            a.parent.name if a.parent else "",
            str(a.area) if a.area else "",
            a.people_count,
            a.valid_from or "",
            a.valid_to or "",
        )
        for index, a in enumerate(agencies, 1)
    )
    return xlsx_response(
        filename="co-quan-cu-di-hoc",
        title=_("Cơ quan cử đi học"),
        headers=[
            _("STT"),
            _("Tên cơ quan, đơn vị"),
            _("Viết tắt"),
            _("Loại"),
            _("Cấp"),
            _("Cơ quan cấp trên"),
            _("Địa bàn"),
            _("Số cán bộ"),
            _("Hiệu lực từ"),
            _("Hiệu lực đến"),
        ],
        rows=rows,
    )


@permission_required("org.view_unit")
def unit_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request, "org/unit_list.html", {"units": unit_list(actor=request.user)}
    )
