"""Nominating by sheet: upload, dry-run report, then commit the same file.

The uploaded bytes wait in storage under the uploader's id and the file's sha256
between the dry run and the commit, so the commit imports exactly the file that
was checked; they are deleted once committed.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.importing import CREATE, MATCH, REFUSE, ImportReport
from daotao.enrolment import selectors
from daotao.enrolment.forms import NominationImportForm
from daotao.enrolment.importing import (
    SendingDocument,
    nominations_import_run,
    nominations_template,
)

PENDING = "imports/pending/{user}/{sha256}"
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
    path = PENDING.format(user=request.user.pk, sha256=report.sha256)
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(data))
    request.session[SESSION_KEY] = {
        "token": report.sha256,
        "filename": report.filename,
        "agency": agency_id,
        "number": document.number,
        "date": document.date.isoformat() if document.date else "",
    }


def _commit(request, planned, agencies) -> HttpResponse:
    pending = request.session.get(SESSION_KEY) or {}
    path = PENDING.format(user=request.user.pk, sha256=pending.get("token", ""))
    if pending.get("token") != request.POST["token"] or not default_storage.exists(
        path
    ):
        messages.error(request, _("Phiên nhập đã hết hạn; hãy chọn lại tệp."))
        return redirect("enrolment:nomination-import", pk=planned.pk)
    agency = get_object_or_404(agencies, pk=pending["agency"])
    with default_storage.open(path, "rb") as stored:
        data = stored.read()
    report = nominations_import_run(
        upload=data,
        filename=pending["filename"],
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
    default_storage.delete(path)
    del request.session[SESSION_KEY]
    counts = report.counts
    messages.success(
        request,
        _("Đã nhập danh sách: %(created)s cán bộ mới, %(matched)s cán bộ đã có hồ sơ.")
        % {"created": counts[CREATE], "matched": counts[MATCH]},
    )
    return redirect("enrolment:class-detail", pk=planned.pk)
