"""Bringing in the old registers by sheet: template, dry-run report, then commit
the same file (core.importing.views)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.importing.views import import_page, template_response
from daotao.credentials.importing import historical_import_run, historical_template
from daotao.credentials.services.historical import IMPORT


@permission_required(IMPORT)
def historical_template_view(request: HttpRequest) -> HttpResponse:
    return template_response(historical_template(), filename="mau-so-goc-cu.xlsx")


@permission_required(IMPORT)
def historical_import_view(request: HttpRequest) -> HttpResponse:
    return import_page(
        request,
        run=historical_import_run,
        session_key="historical_credential_import",
        template="core/import_page.html",
        done_url=reverse("credentials:register-list"),
        shown=(("full_name", _("Họ và tên")), ("serial", _("Số hiệu"))),
        context={
            "title": _("Nhập văn bằng, chứng chỉ từ sổ gốc cũ"),
            "intro": _(
                "Mỗi dòng một văn bằng, chứng chỉ hoặc giấy chứng nhận đã cấp trước "
                "khi dùng DaoTao, ghi như trong sổ gốc; văn bằng nhập vào được tra "
                "cứu công khai theo số hiệu và ngày sinh như văn bằng cấp mới."
            ),
            "back_url": reverse("credentials:register-list"),
            "back_label": _("Sổ gốc văn bằng"),
            "template_url": reverse("credentials:historical-template"),
        },
        done_message=_(
            "Đã nhập %(created)s văn bằng từ sổ gốc cũ; %(matched)s văn bằng đã có."
        ),
    )
