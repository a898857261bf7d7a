"""Sending agencies, sites and rooms by sheet: template, dry run, commit
(core.importing.views)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.importing.views import import_page, template_response
from daotao.org.importing import IMPORT, agencies_import_run, agencies_template
from daotao.org.room_importing import IMPORT as ROOMS_IMPORT
from daotao.org.room_importing import rooms_import_run, rooms_template


@permission_required(IMPORT)
def agency_template_view(request: HttpRequest) -> HttpResponse:
    return template_response(agencies_template(), filename="mau-co-quan-cu-di-hoc.xlsx")


@permission_required(IMPORT)
def agency_import_view(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        run=agencies_import_run,
        session_key="agency_import",
        template="core/import_page.html",
        done_url=reverse("org:agency-list"),
        shown=(("name", _("Tên cơ quan, đơn vị")), ("parent", _("Cơ quan cấp trên"))),
        context={
            "title": _("Nhập cơ quan cử đi học từ Excel"),
            "intro": _(
                "Mỗi dòng một cơ quan, đơn vị; cơ quan đã có (cùng tên) được giữ "
                "nguyên. Cột “Tên cũ trước sắp xếp” ghi các tên trước 01/7/2025, "
                "cách nhau bằng dấu chấm phẩy, để hồ sơ cũ ghi tên cũ vẫn tìm được."
            ),
            "back_url": reverse("org:agency-list"),
            "back_label": _("Cơ quan cử đi học"),
            "template_url": reverse("org:agency-template"),
        },
        done_message=_(
            "Đã nhập %(created)s cơ quan mới; %(matched)s cơ quan đã có "
            "được giữ nguyên."
        ),
    )


@permission_required(ROOMS_IMPORT)
def room_template_view(request: HttpRequest) -> HttpResponse:
    return template_response(rooms_template(), filename="mau-phong-hoc.xlsx")


@permission_required(ROOMS_IMPORT)
def room_import_view(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        run=rooms_import_run,
        session_key="room_import",
        template="core/import_page.html",
        done_url=reverse("org:room-list"),
        shown=(("site", _("Địa điểm")), ("room", _("Tên phòng"))),
        context={
            "title": _("Nhập địa điểm và phòng học từ Excel"),
            "intro": _(
                "Mỗi dòng một phòng, ghi địa điểm của phòng; địa điểm chưa có được "
                "thêm với địa chỉ ghi ở dòng đầu tiên của nó. Phòng đã có (cùng tên, "
                "cùng địa điểm) được giữ nguyên."
            ),
            "back_url": reverse("org:room-list"),
            "back_label": _("Phòng học"),
            "template_url": reverse("org:room-template"),
        },
        done_message=_(
            "Đã nhập %(created)s phòng mới; %(matched)s phòng đã có được giữ nguyên."
        ),
    )
