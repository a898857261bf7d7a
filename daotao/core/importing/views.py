"""The upload → dry run → commit page most imports share, for imports that need
nothing but the file (no agency or document chosen on the form): the dry run
keeps the checked file (core.importing.pending) and the commit imports exactly
that file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daotao.core.text import format_date

from .forms import ImportFileForm
from .pending import pending_drop, pending_keep, pending_take
from .runner import CREATE, MATCH, REFUSE, ImportReport

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def template_response(data: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def import_page(
    request: HttpRequest,
    *,
    run: Callable[..., ImportReport],
    session_key: str,
    template: str,
    done_url: str,
    done_message: str,
    shown: tuple[tuple[str, str], ...] = (),
    numeric: tuple[str, ...] = (),
    context: dict[str, Any] | None = None,
    form_class: type[forms.Form] = ImportFileForm,
) -> HttpResponse:
    """GET: the form. POST with a file: dry run and its report. POST with the
    report's token: commit the kept file, then back to `done_url` with
    `done_message` (%(created)s, %(matched)s). `shown`: the (key, label) of the
    values the report's table shows beside each row's messages (`numeric`: the keys
    of those aligned as numbers); `form_class`: a
    form with one `file` field whose label and help text suit the import."""
    report = None
    form = form_class()
    if request.method == "POST" and "token" in request.POST:
        kept = pending_take(request, key=session_key, token=request.POST["token"])
        if kept is None:
            messages.error(request, _("Phiên nhập đã hết hạn; hãy chọn lại tệp."))
            return redirect(request.path)
        report = run(
            upload=kept.data, filename=kept.filename, actor=request.user, dry_run=False
        )
        if report.is_committed:
            pending_drop(request, key=session_key)
            counts = report.counts
            messages.success(
                request,
                done_message % {"created": counts[CREATE], "matched": counts[MATCH]},
            )
            return redirect(done_url)
    elif request.method == "POST":
        form = form_class(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            data = upload.read()
            report = run(
                upload=data, filename=upload.name, actor=request.user, dry_run=True
            )
            if report.is_importable:
                pending_keep(
                    request,
                    key=session_key,
                    data=data,
                    sha256=report.sha256,
                    filename=report.filename,
                )
    return render(
        request,
        template,
        {
            **(context or {}),
            "form": form,
            "report": report,
            "counts": report.counts if report else None,
            "shown_labels": [(label, key in numeric) for key, label in shown],
            "table_rows": [
                (
                    row,
                    [(_shown(row.values.get(key)), key in numeric) for key, _ in shown],
                )
                for row in (report.rows if report else ())
            ],
            "actions": {CREATE: _("Thêm mới"), MATCH: _("Đã có"), REFUSE: _("Lỗi")},
        },
    )


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return "; ".join(str(part) for part in value)
    return format_date(value) if hasattr(value, "isoformat") else str(value)
