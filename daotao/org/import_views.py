"""Sending agencies by sheet: template, dry run, commit (core.importing.views)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.importing.views import import_page, template_response
from daotao.org.importing import IMPORT, agencies_import_run, agencies_template


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
