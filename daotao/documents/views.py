"""Document pages: the register, drafting, the signing workflow, downloads."""

from __future__ import annotations

import contextlib

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin

from daotao.core.access import has_permission, home_school_id, permission_required
from daotao.core.forms import handle_action, handle_form
from daotao.core.listing import export_response, paginate, query_string_without
from daotao.documents import exports, selectors, services
from daotao.documents.drafting import unit_values
from daotao.documents.forms import (
    DraftForm,
    RegisterFilterForm,
    ReturnForm,
    ScanForm,
    StartForm,
    initial_from_document,
    initial_from_template,
)
from daotao.documents.models import OutgoingDocument
from daotao.documents.rendering import RenderError, SpecError, docx_to_pdf
from daotao.org.selectors import drafting_unit_for, unit_choices

Status = OutgoingDocument.Status


def _register_filters(
    request: HttpRequest,
) -> tuple[RegisterFilterForm, selectors.RegisterFilter]:
    return exports.register_filter(actor=request.user, params=request.GET)


@permission_required("documents.view_document")
def register_view(request: HttpRequest) -> HttpResponse:
    form, filters = _register_filters(request)
    documents = selectors.document_register(actor=request.user, filters=filters)
    context = {
        "filter_form": form,
        "page": paginate(request, documents),
        "query_without_page": query_string_without(request, "page"),
        "can_draft": has_permission(request.user, "documents.draft_document"),
        "can_export": has_permission(request.user, "documents.export_register"),
    }
    template = (
        "documents/_register_table.html" if request.htmx else "documents/register.html"
    )
    return render(request, template, context)


@permission_required("documents.export_register")
def register_export_view(request: HttpRequest) -> HttpResponse:
    return export_response(
        request, export=exports.REGISTER_EXPORT, params=request.GET.dict()
    )


@permission_required("documents.draft_document")
def document_start_view(request: HttpRequest) -> HttpResponse:
    form = StartForm(request.GET or None, templates=selectors.template_choices())
    if request.GET and form.is_valid():
        return redirect(
            "documents:document-create", template_id=form.cleaned_data["template"].pk
        )
    return render(request, "documents/start.html", {"form": form})


def _draft_form(request: HttpRequest, **kwargs) -> DraftForm:
    return DraftForm(
        request.POST or None,
        issuers=selectors.issuer_choices(actor=request.user),
        units=unit_choices(actor=request.user, permission="documents.draft_document"),
        **kwargs,
    )


def _detail_url(document: OutgoingDocument) -> str:
    return reverse("documents:document-detail", args=[document.pk])


@permission_required("documents.draft_document")
def document_create_view(request: HttpRequest, template_id: int) -> HttpResponse:
    template = get_object_or_404(selectors.template_choices(), pk=template_id)
    school_id = home_school_id(request.user, "documents.draft_document")
    issuer = selectors.issuer_choices(actor=request.user).first()
    unit_id = None
    # A school without units yet leaves the field for the office to choose.
    with contextlib.suppress(ValidationError):
        unit_id = drafting_unit_for(actor=request.user, school_id=school_id)
    values = (
        unit_values(school=issuer.school, unit_id=unit_id)
        if issuer is not None and unit_id is not None
        else {}
    )
    initial = initial_from_template(template, values=values)
    initial["issuer"] = issuer.pk if issuer else None
    initial["drafting_unit"] = unit_id
    form = _draft_form(request, initial=initial)
    return handle_form(
        request,
        form,
        action=lambda data: services.document_draft_create(
            actor=request.user,
            school_id=school_id,
            template=template,
            issuer=data["issuer"],
            data=form.to_data(),
        ),
        success=_("Đã lưu dự thảo."),
        redirect_to=_detail_url,
        template="documents/draft_form.html",
        context={"template": template, "document": None},
    )


@permission_required("documents.draft_document")
def document_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_view(request.user, pk)
    if document.status != Status.DRAFT:
        messages.error(request, _("Chỉ sửa được văn bản đang là dự thảo."))
        return redirect("documents:document-detail", pk=pk)
    form = _draft_form(request, initial=initial_from_document(document))
    return handle_form(
        request,
        form,
        action=lambda data: services.document_draft_update(
            actor=request.user,
            document=document,
            data=form.to_data(),
            expected_version=data["version"] or 0,
        ),
        success=_("Đã lưu dự thảo."),
        redirect_to=_detail_url(document),
        template="documents/draft_form.html",
        context={"template": document.template, "document": document},
    )


HISTORY_LABELS = {
    "documents.document_create": gettext_lazy("Soạn dự thảo"),
    "documents.document_update": gettext_lazy("Sửa dự thảo"),
    "documents.document_submitted": gettext_lazy("Trình ký"),
    "documents.document_draft": gettext_lazy("Trả lại để sửa"),
    "documents.document_sign": gettext_lazy("Ký, cấp số"),
    "documents.document_published": gettext_lazy("Công bố"),
    "documents.document_attach_scan": gettext_lazy("Đính kèm bản quét"),
}


def _history(document: OutgoingDocument) -> list:
    events = list(selectors.document_history(document=document))
    for event in events:
        event.label = HISTORY_LABELS.get(event.action, event.action)
    return events


@permission_required("documents.view_document")
def document_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_view(request.user, pk)
    user = request.user
    return render(
        request,
        "documents/detail.html",
        {
            "document": document,
            "history": _history(document),
            "can_edit": document.status == Status.DRAFT
            and has_permission(user, "documents.draft_document"),
            "can_submit": document.status == Status.DRAFT
            and has_permission(user, "documents.draft_document"),
            "can_sign": document.status == Status.SUBMITTED
            and has_permission(user, "documents.sign_document"),
            "can_publish": document.status == Status.SIGNED
            and has_permission(user, "documents.publish_document"),
            "can_attach": document.is_numbered
            and has_permission(user, "documents.draft_document"),
            "return_form": ReturnForm(),
            "scan_form": ScanForm(),
        },
    )


def _attachment(
    content: bytes, name: str, content_type: str, *, inline: bool
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    # RFC 6266 with a UTF-8 fallback: symbols such as "QĐ" are not ASCII.
    response["Content-Disposition"] = content_disposition_header(not inline, name)
    return response


def _file_stem(document: OutgoingDocument) -> str:
    if document.is_numbered:
        return f"{document.year}-{document.symbol.replace('/', '-')}"
    return f"du-thao-{document.pk}"


@permission_required("documents.view_document")
def document_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_view(request.user, pk)
    if document.docx_file:
        content = document.docx_file.read()
    else:
        content = services.document_docx(document)
    return _attachment(
        content,
        f"{_file_stem(document)}.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        inline=False,
    )


@xframe_options_sameorigin
@permission_required("documents.view_document")
def document_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_view(request.user, pk)
    try:
        if document.is_numbered:
            document = services.document_pdf_ensure(document_id=document.pk)
            if not document.pdf_file:
                raise RenderError(_("Chưa tạo được bản PDF."))
            content = document.pdf_file.read()
        else:
            content = docx_to_pdf(services.document_docx(document))
    except (RenderError, SpecError) as error:
        return HttpResponse(
            str(error), status=503, content_type="text/plain; charset=utf-8"
        )
    response = _attachment(
        content, f"{_file_stem(document)}.pdf", "application/pdf", inline=True
    )
    # Shown in the detail page's iframe: framing by our own pages only.
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'self'"
    return response


@permission_required("documents.view_document")
def document_scan_view(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.get_document_for_view(request.user, pk)
    if not document.signed_scan:
        raise Http404
    return FileResponse(
        document.signed_scan.open("rb"),
        as_attachment=True,
        filename=f"{_file_stem(document)}-ban-quet.pdf",
    )


def _act(
    request: HttpRequest,
    pk: int,
    action,
    success: str,
    *,
    confirm: bool = False,
    **kwargs,
) -> HttpResponse:
    """One step of the document's workflow, back to the document either way."""
    document = selectors.get_document_for_view(request.user, pk)

    def step() -> None:
        try:
            action(actor=request.user, document=document, **kwargs)
        except (RenderError, SpecError) as error:
            raise ValidationError(_("Không tạo được văn bản: %s") % error) from error

    return handle_action(
        request,
        step,
        success=success,
        redirect_to=_detail_url(document),
        confirm=confirm,
    )


@permission_required("documents.draft_document", methods=("POST",))
def document_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, services.document_submit, _("Đã trình ký."))


@permission_required("documents.sign_document", methods=("POST",))
def document_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    form = ReturnForm(request.POST)
    reason = form.data.get("reason", "")
    return _act(
        request, pk, services.document_return, _("Đã trả lại dự thảo."), reason=reason
    )


@permission_required("documents.sign_document", methods=("POST",))
def document_sign_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        services.document_sign,
        _("Đã ký và cấp số văn bản."),
        confirm=True,
    )


@permission_required("documents.publish_document", methods=("POST",))
def document_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        services.document_publish,
        _("Đã ban hành công khai."),
        confirm=True,
    )


@permission_required("documents.draft_document", methods=("POST",))
def document_attach_scan_view(request: HttpRequest, pk: int) -> HttpResponse:
    # Out of scope is 404 before the upload is looked at (another school's id).
    selectors.get_document_for_view(request.user, pk)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn tệp PDF bản quét."))
        return redirect("documents:document-detail", pk=pk)
    return _act(
        request,
        pk,
        services.document_attach_scan,
        _("Đã đính kèm bản quét."),
        upload=form.cleaned_data["scan"],
    )
