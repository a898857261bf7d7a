"""The cadres' registry by sheet: template, dry run, commit (core.importing.views)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.importing.views import import_page, template_response
from daotao.people.importing import IMPORT, cadres_import_run, cadres_template


@permission_required(IMPORT)
def person_template_view(request: HttpRequest) -> HttpResponse:
    return template_response(cadres_template(), filename="mau-danh-sach-can-bo.xlsx")


@permission_required(IMPORT)
def person_import_view(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        run=cadres_import_run,
        session_key="person_import",
        template="core/import_page.html",
        done_url=reverse("people:person-list"),
        done_message=_(
            "Đã nhập %(created)s cán bộ mới; %(matched)s cán bộ đã có hồ sơ "
            "được giữ nguyên."
        ),
        shown=(
            ("full_name", _("Họ và tên")),
            ("citizen_id", _("Số CCCD")),
            ("agency", _("Cơ quan công tác")),
        ),
        context={
            "title": _("Nhập danh sách cán bộ từ Excel"),
            "intro": _(
                "Mỗi dòng một cán bộ, như tổ chức cán bộ vẫn lưu; cán bộ được nhận "
                "ra theo số CCCD, người đã có hồ sơ được giữ nguyên. Cơ quan công "
                "tác phải có trong danh sách cơ quan cử đi học (ghi tên cũ trước "
                "sắp xếp cũng được)."
            ),
            "back_url": reverse("people:person-list"),
            "back_label": _("Cán bộ"),
            "template_url": reverse("people:person-template"),
        },
    )
