"""Nominating by sheet: upload, dry-run report, then commit the same file (kept
in between by core.importing.pending)."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.importing import CREATE, MATCH, REFUSE, ImportReport
from daotao.core.importing.pending import pending_drop, pending_keep, pending_take
from daotao.enrolment import selectors
from daotao.enrolment.forms import NominationImportForm
from daotao.enrolment.importing import (
    SendingDocument,
    nominations_import_run,
    nominations_template,
)

SESSION_KEY = "nomination_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@permission_required("enrolment.nominate")
def nomination_template_view(request: HttpRequest, pk: int) -> HttpResponse:
    planned = selectors.get_open_class(request.user, pk)
    response = HttpResponse(nominations_template(planned), content_type=XLSX)
    response["Content-Disposition"] = (
        f'attachment; filename="mau-danh-sach-cu-di-hoc-{planned.code}.xlsx"'
    )
    return response


@permission_required("enrolment.nominate")
def nomination_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    planned = selectors.get_open_class(request.user, pk)
    agencies = selectors.quota_agencies(actor=request.user, planned_class=planned)
    if request.method == "POST" and "token" in request.POST:
        return _commit(request, planned, agencies)
    form = NominationImportForm(
        request.POST or None, request.FILES or None, agencies=agencies
    )
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        document = SendingDocument(
            number=form.cleaned_data["sending_document_number"],
            date=form.cleaned_data["sending_document_date"],
        )
        report = nominations_import_run(
            upload=data,
            filename=upload.name,
            actor=request.user,
            planned_class=planned,
            agency=form.cleaned_data["agency"],
            document=document,
            dry_run=True,
        )
        if report.is_importable:
            _keep(request, report, data, form.cleaned_data["agency"].pk, document)
    return _page(request, planned, form, report)


def _page(request, planned, form, report: ImportReport | None) -> HttpResponse:
    return render(
        request,
        "enrolment/nomination_import.html",
        {
            "planned": planned,
            "form": form,
            "report": report,
            "counts": report.counts if report else None,
            "actions": {CREATE: _("Tạo mới"), MATCH: _("Khớp hồ sơ"), REFUSE: _("Lỗi")},
        },
    )


def _keep(request, report, data: bytes, agency_id: int, document) -> None:
    pending_keep(
        request,
        key=SESSION_KEY,
        data=data,
        sha256=report.sha256,
        filename=report.filename,
        agency=agency_id,
        number=document.number,
        date=document.date.isoformat() if document.date else "",
    )


def _commit(request, planned, agencies) -> HttpResponse:
    kept = pending_take(request, key=SESSION_KEY, token=request.POST["token"])
    if kept is None:
        messages.error(request, _("Phiên nhập đã hết hạn; hãy chọn lại tệp."))
        return redirect("enrolment:nomination-import", pk=planned.pk)
    pending = kept.extra
    agency = get_object_or_404(agencies, pk=pending["agency"])
    report = nominations_import_run(
        upload=kept.data,
        filename=kept.filename,
        actor=request.user,
        planned_class=planned,
        agency=agency,
        document=SendingDocument(
            number=pending["number"],
            date=datetime.date.fromisoformat(pending["date"])
            if pending["date"]
            else None,
        ),
        dry_run=False,
    )
    if not report.is_committed:
        form = NominationImportForm(agencies=agencies)
        return _page(request, planned, form, report)
    pending_drop(request, key=SESSION_KEY)
    counts = report.counts
    messages.success(
        request,
        _("Đã nhập danh sách: %(created)s cán bộ mới, %(matched)s cán bộ đã có hồ sơ.")
        % {"created": counts[CREATE], "matched": counts[MATCH]},
    )
    return redirect("enrolment:class-detail", pk=planned.pk)
