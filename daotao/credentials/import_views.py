"""Bringing in the old registers by sheet: template, dry-run report, then commit
the same file (kept in between by core.importing.pending)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.access import permission_required
from daotao.core.importing import CREATE, MATCH, REFUSE, ImportReport
from daotao.core.importing.pending import pending_drop, pending_keep, pending_take
from daotao.credentials.importing import historical_import_run, historical_template
from daotao.credentials.services.historical import IMPORT

SESSION_KEY = "historical_credential_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class HistoricalImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp sổ gốc cũ (.xlsx, .csv)"),
        help_text=gettext_lazy(
            "Dùng tệp mẫu; mỗi dòng một văn bằng, chứng chỉ đã cấp trước đây."
        ),
    )


@permission_required(IMPORT)
def historical_template_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(historical_template(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-so-goc-cu.xlsx"'
    return response


def _page(request: HttpRequest, form, report: ImportReport | None) -> HttpResponse:
    return render(
        request,
        "credentials/historical_import.html",
        {
            "form": form,
            "report": report,
            "counts": report.counts if report else None,
            "actions": {CREATE: _("Thêm mới"), MATCH: _("Đã có"), REFUSE: _("Lỗi")},
        },
    )


@permission_required(IMPORT)
def historical_import_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and "token" in request.POST:
        return _commit(request)
    form = HistoricalImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        report = historical_import_run(
            upload=data, filename=upload.name, actor=request.user, dry_run=True
        )
        if report.is_importable:
            pending_keep(
                request,
                key=SESSION_KEY,
                data=data,
                sha256=report.sha256,
                filename=report.filename,
            )
    return _page(request, form, report)


def _commit(request: HttpRequest) -> HttpResponse:
    kept = pending_take(request, key=SESSION_KEY, token=request.POST["token"])
    if kept is None:
        messages.error(request, _("Phiên nhập đã hết hạn; hãy chọn lại tệp."))
        return redirect("credentials:historical-import")
    report = historical_import_run(
        upload=kept.data, filename=kept.filename, actor=request.user, dry_run=False
    )
    if not report.is_committed:
        return _page(request, HistoricalImportForm(), report)
    pending_drop(request, key=SESSION_KEY)
    messages.success(
        request,
        _("Đã nhập %(created)s văn bằng từ sổ gốc cũ; %(matched)s văn bằng đã có.")
        % {"created": report.counts[CREATE], "matched": report.counts[MATCH]},
    )
    return redirect("credentials:register-list")
