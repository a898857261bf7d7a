"""Importing a version's structure from a sheet: the template, the dry run, then
the commit of exactly the file that was checked."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.importing import CREATE, MATCH, REFUSE, ImportReport
from daotao.core.importing.pending import pending_drop, pending_keep, pending_take
from daotao.programs import selectors, services
from daotao.programs.forms import StructureImportForm
from daotao.programs.importing import structure_import_run, structure_template
from daotao.programs.models import ProgramVersion

MANAGE = "programs.manage_program"
SESSION_KEY = "programs.structure_import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@permission_required(MANAGE)
def structure_template_view(request: HttpRequest, pk: int) -> HttpResponse:
    selectors.get_version_for_manage(request.user, pk)
    response = HttpResponse(structure_template(), content_type=XLSX)
    response["Content-Disposition"] = (
        'attachment; filename="mau-cau-truc-chuong-trinh.xlsx"'
    )
    return response


def _page(
    request: HttpRequest,
    version: ProgramVersion,
    form: Any,
    report: ImportReport | None,
) -> HttpResponse:
    """The import page; without a form, it says the version cannot take one."""
    return render(
        request,
        "programs/structure_import.html",
        {
            "version": version,
            "program": version.program,
            "form": form,
            "is_editable": form is not None,
            "report": report,
            "counts": report.counts if report else None,
            "actions": {CREATE: _("Thêm mới"), MATCH: _("Đã có"), REFUSE: _("Lỗi")},
        },
    )


@permission_required(MANAGE)
def structure_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_manage(request.user, pk)
    if not version.is_draft or services.version_is_referenced(version):
        # Nothing to import into: the page says why, a POST changes nothing.
        response = _page(request, version, None, None)
        response.status_code = 400 if request.method == "POST" else 200
        return response
    if request.method == "POST" and "token" in request.POST:
        return _commit(request, version)
    form = StructureImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        report = structure_import_run(
            upload=data,
            filename=upload.name,
            actor=request.user,
            version=version,
            dry_run=True,
        )
        if report.is_importable:
            pending_keep(
                request,
                key=SESSION_KEY,
                data=data,
                sha256=report.sha256,
                filename=report.filename,
                version=version.pk,
            )
    return _page(request, version, form, report)


def _commit(request: HttpRequest, version: ProgramVersion) -> HttpResponse:
    kept = pending_take(request, key=SESSION_KEY, token=request.POST["token"])
    if kept is None or kept.extra.get("version") != version.pk:
        messages.error(request, _("Phiên nhập đã hết hạn; hãy chọn lại tệp."))
        return redirect("programs:structure-import", pk=version.pk)
    report = structure_import_run(
        upload=kept.data,
        filename=kept.filename,
        actor=request.user,
        version=version,
        dry_run=False,
    )
    if not report.is_committed:
        return _page(request, version, StructureImportForm(), report)
    pending_drop(request, key=SESSION_KEY)
    messages.success(
        request,
        _("Đã nhập %(created)s chuyên đề; %(matched)s chuyên đề đã có được giữ nguyên.")
        % {"created": report.counts[CREATE], "matched": report.counts[MATCH]},
    )
    return redirect("programs:version-detail", pk=version.pk)
