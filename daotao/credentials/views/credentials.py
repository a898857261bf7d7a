"""Credential pages: the register, a credential with its history and actions, the
blank stock; and the public verification page reached by the QR code."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from daotao.assessment import selectors as assessment
from daotao.core.access import (
    has_permission,
    home_school_id,
    log_personal_data_export,
    permission_required,
    public,
)
from daotao.core.forms import handle_form, refused_unconfirmed, show_service_errors
from daotao.core.generated import SYNC_PAGES, generated_file_request
from daotao.core.listing import export_response, paginate, query_string_without
from daotao.credentials import (
    exports,
    print_jobs,
    printing,
    qr,
    selectors,
    services,
    verification,
)
from daotao.credentials.forms import (
    BlankStockForm,
    CorrectForm,
    CredentialFilterForm,
    CredentialTemplateForm,
    ReissueForm,
    RevokeForm,
    SerialLookupForm,
    SpoilForm,
)
from daotao.credentials.models import Credential, Kind
from daotao.documents.rendering.pdf import RenderError

VIEW = "credentials.view_credential"
ISSUE = "credentials.issue_credential"
PRINT_LIMIT = print_jobs.PRINT_LIMIT


# --- Register ------------------------------------------------------------------------


def _filters(
    request: HttpRequest,
) -> tuple[CredentialFilterForm, selectors.CredentialFilter]:
    return exports.register_filter(actor=request.user, params=request.GET)


@permission_required(VIEW)
def register_list_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    credentials = selectors.credential_list(actor=request.user, filters=filters)
    context = {
        "filter_form": form,
        "page": paginate(request, credentials),
        "is_filtered": filters != selectors.CredentialFilter(),
        "query_without_page": query_string_without(request, "page"),
        "can_issue": has_permission(request.user, ISSUE),
        "can_import": has_permission(request.user, "credentials.import_credentials"),
    }
    return render(request, "credentials/register_list.html", context)


@permission_required(VIEW)
def register_export_view(request: HttpRequest) -> HttpResponse:
    """The sổ gốc of the list's filter, in số vào sổ order (not the list's sort)."""
    _form, filters = _filters(request)
    log_personal_data_export(
        actor=request.user,
        object_type="credentials.credential",
        filters=asdict(filters),
        request=request,
    )
    return export_response(
        request, export=exports.MASTER_REGISTER_EXPORT, params=request.GET.dict()
    )


# --- One credential ------------------------------------------------------------------


def _render_detail(
    request: HttpRequest, credential: Credential, **forms_: forms.Form
) -> HttpResponse:
    can_issue = (
        has_permission(request.user, ISSUE)
        and credential.status == Credential.Status.VALID
    )
    if can_issue:
        forms_.setdefault(
            "correct_form",
            CorrectForm(
                initial={
                    "holder_name": credential.holder_name,
                    "holder_date_of_birth": credential.holder_date_of_birth,
                    "classification_label": credential.classification_label,
                }
            ),
        )
        forms_.setdefault("revoke_form", RevokeForm())
        forms_.setdefault("reissue_form", ReissueForm())
    return render(
        request,
        "credentials/credential_detail.html",
        {
            "credential": credential,
            "events": selectors.credential_events(credential=credential),
            "replaces": selectors.credential_replaces(credential=credential),
            "verification_url": qr.verification_url(
                request, credential.verification_code
            ),
            "can_issue": can_issue,
            **forms_,
        },
        status=400 if any(form.errors for form in forms_.values()) else 200,
    )


@permission_required(VIEW)
def credential_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, selectors.get_credential_for_view(request.user, pk))


@permission_required(VIEW)
def credential_qr_view(request: HttpRequest, pk: int) -> HttpResponse:
    credential = selectors.get_credential_for_view(request.user, pk)
    url = qr.verification_url(request, credential.verification_code)
    if request.GET.get("dang") == "png":
        response = HttpResponse(qr.qr_png(url), content_type="image/png")
        name = f"ma-qr-{credential.serial}.png"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return HttpResponse(qr.qr_svg(url), content_type="image/svg+xml")


def _detail_action(form_class, form_name, service, done) -> Callable[..., HttpResponse]:
    """A POST-only action of the detail page: back to the (new) credential when the
    service is content, otherwise the page again with the errors on the action's
    form."""

    @permission_required(ISSUE, methods=("POST",))
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        credential = selectors.get_credential_for_change(request.user, pk)
        return handle_form(
            request,
            form_class(request.POST),
            action=lambda data: service(
                actor=request.user, credential=credential, **data
            ),
            success=str(done),
            redirect_to=lambda result: reverse(
                "credentials:credential-detail", args=[result.pk]
            ),
            render=lambda form: _render_detail(
                request, credential, **{form_name: form}
            ),
        )

    return view


credential_correct_view = _detail_action(
    CorrectForm,
    "correct_form",
    services.credential_correct,
    _lazy("Đã đính chính văn bằng."),
)
credential_revoke_view = _detail_action(
    RevokeForm, "revoke_form", services.credential_revoke, _lazy("Đã thu hồi văn bằng.")
)
credential_reissue_view = _detail_action(
    ReissueForm,
    "reissue_form",
    services.credential_reissue,
    _lazy("Đã cấp lại văn bằng trên phôi mới."),
)


# --- PDF (diplomas, certificates) ---------------------------------------------------


def _pdf_response(
    request: HttpRequest, credentials: list[Credential], filename: str
) -> HttpResponse:
    try:
        pdf = printing.credentials_pdf(
            credentials,
            url_for=lambda c: qr.verification_url(request, c.verification_code),
        )
    except RenderError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@permission_required(VIEW)
def credential_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Tải bằng (PDF)": the one credential on its A4 landscape page."""
    credential = selectors.get_credential_for_view(request.user, pk)
    if credential.status != Credential.Status.VALID:
        raise Http404
    return _pdf_response(request, [credential], f"van-bang-{credential.serial}")


def _transcripts_response(credentials: list[Credential], filename: str) -> HttpResponse:
    try:
        pdf = print_jobs.transcripts_pdf(credentials)
    except RenderError as error:
        return HttpResponse(str(error), status=503, content_type="text/plain")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@permission_required(VIEW)
def credential_transcript_view(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Bảng điểm (PDF)": the holder's module results from the locked sheets."""
    credential = selectors.get_credential_for_view(request.user, pk)
    if credential.status != Credential.Status.VALID or credential.enrollment_id is None:
        raise Http404  # an imported old credential has no score sheets in DaoTao
    return _transcripts_response([credential], f"bang-diem-{credential.serial}")


@permission_required(VIEW)
def cohort_transcripts_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The transcripts of every valid credential of a cohort, one PDF."""
    cohort = assessment.get_cohort_for_scores(request.user, pk)
    credentials = selectors.cohort_credentials(actor=request.user, cohort_id=cohort.pk)
    if not credentials:
        messages.error(
            request,
            _("Lớp %(code)s chưa có văn bằng, chứng chỉ nào để in bảng điểm.")
            % {"code": cohort.code},
        )
        return redirect("assessment:graduation-list", pk=cohort.pk)
    if len(credentials) > SYNC_PAGES:
        return _in_the_worker(
            request,
            kind=print_jobs.COHORT_TRANSCRIPTS,
            title=_("Bảng điểm lớp %(code)s") % {"code": cohort.code},
            params={"cohort": cohort.pk},
        )
    return _transcripts_response(credentials, f"bang-diem-{cohort.code}")


@permission_required(VIEW)
def register_pdf_view(request: HttpRequest) -> HttpResponse:
    """ "In tất cả (PDF)": the valid credentials of the register list's filter (a
    year, a kind, a search), in register order, one page each, in one PDF."""
    credentials = print_jobs.print_list(actor=request.user, params=request.GET)
    if not credentials or len(credentials) > PRINT_LIMIT:
        messages.error(
            request,
            _("Không có văn bằng còn hiệu lực nào để in.")
            if not credentials
            else _(
                "Mỗi lần in tối đa %(limit)s văn bằng; hãy lọc theo năm, loại "
                "hoặc họ tên."
            )
            % {"limit": f"{PRINT_LIMIT:,}".replace(",", ".")},
        )
        return redirect("credentials:register-list")
    log_personal_data_export(
        actor=request.user,
        object_type="credentials.credential",
        filters={**request.GET.dict(), "format": "pdf"},
        request=request,
    )
    if len(credentials) > SYNC_PAGES:
        return _in_the_worker(
            request,
            kind=print_jobs.REGISTER_PDF,
            title=_("Văn bằng, chứng chỉ (PDF)"),
            params={**request.GET.dict(), "origin": request.build_absolute_uri("/")},
        )
    return _pdf_response(request, credentials, "van-bang")


def _in_the_worker(
    request: HttpRequest, *, kind: str, title: str, params: dict[str, Any]
) -> HttpResponse:
    """A PDF of many pages: built by the task worker; its page shows progress."""
    job = generated_file_request(
        actor=request.user,
        kind=kind,
        title=title,
        params=params,
        school_id=home_school_id(request.user, VIEW),
    )
    return redirect("core:generated-file-detail", pk=job.pk)


# --- Templates (wording) -------------------------------------------------------------


@permission_required(ISSUE)
def template_list_view(request: HttpRequest) -> HttpResponse:
    school_id = home_school_id(request.user, ISSUE)
    templates = (
        [
            services.credential_template_for(school_id=school_id, kind=kind)
            for kind in Kind.values
        ]
        if school_id is not None
        else []
    )
    return render(request, "credentials/template_list.html", {"templates": templates})


@permission_required(ISSUE)
def template_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    template = selectors.get_template_for_change(request.user, pk)
    return handle_form(
        request,
        CredentialTemplateForm(request.POST or None, instance=template),
        action=lambda data: services.credential_template_update(
            actor=request.user, template=template, data=data
        ),
        success=_("Đã lưu mẫu %s.") % template.name,
        redirect_to="credentials:template-list",
        template="credentials/template_form.html",
        context={"template": template},
        error_status=400,
    )


# --- Blank stock ---------------------------------------------------------------------


def _render_stocks(request: HttpRequest, **forms_: forms.Form) -> HttpResponse:
    stocks = list(selectors.blank_stock_list(actor=request.user))
    can_issue = has_permission(request.user, ISSUE)
    if can_issue:
        forms_.setdefault("receive_form", BlankStockForm())
        forms_.setdefault("spoil_form", SpoilForm())
    return render(
        request,
        "credentials/stock_list.html",
        {
            "stocks": stocks,
            "remaining_labels": selectors.remaining_by_kind(stocks),
            "can_issue": can_issue,
            **forms_,
        },
        status=400 if any(form.errors for form in forms_.values()) else 200,
    )


@permission_required(VIEW)
def stock_list_view(request: HttpRequest) -> HttpResponse:
    return _render_stocks(request)


@permission_required(ISSUE, methods=("POST",))
def stock_receive_view(request: HttpRequest) -> HttpResponse:
    form = BlankStockForm(request.POST)
    school_id = home_school_id(request.user, ISSUE)
    if school_id is None:
        return _render_stocks(request, receive_form=form)
    return handle_form(
        request,
        form,
        action=lambda data: services.blank_stock_receive(
            actor=request.user, school_id=school_id, data=form.to_data()
        ),
        success=lambda stock: _("Đã nhập lô phôi %s.") % stock,
        redirect_to="credentials:stock-list",
        render=lambda form: _render_stocks(request, receive_form=form),
    )


@permission_required(ISSUE, methods=("POST",))
def stock_spoil_view(request: HttpRequest, pk: int) -> HttpResponse:
    stock = selectors.get_stock_for_change(request.user, pk)
    return handle_form(
        request,
        SpoilForm(request.POST),
        action=lambda data: services.blank_spoil(
            actor=request.user, stock=stock, **data
        ),
        success=lambda spoiled: _("Đã ghi phôi hỏng %s.") % spoiled,
        redirect_to="credentials:stock-list",
        render=lambda form: _render_stocks(request, spoil_form=form),
    )


# --- Public verification -------------------------------------------------------------


def _public(response: HttpResponse) -> HttpResponse:
    # The code is the secret: it must not leak through caches or the Referer header.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _answer(
    request: HttpRequest,
    template: str,
    *,
    status: int,
    credential: Credential | None = None,
    **context: Any,
) -> HttpResponse:
    context["school"] = verification.public_school(credential)
    if credential is not None:
        context["credential"] = credential
        context["masked_date_of_birth"] = verification.masked_date_of_birth(
            credential.holder_date_of_birth
        )
    return _public(render(request, template, context, status=status))


@public
def credential_verify_view(request: HttpRequest, code: str) -> HttpResponse:
    """The page the QR code opens: the credential of this exact code."""
    if verification.is_over_limit(request):
        return _answer(request, "credentials/verify_limited.html", status=429)
    credential = selectors.credential_by_code(code) if len(code) <= 64 else None
    if credential is None:
        return _answer(request, "credentials/verify_unknown.html", status=404)
    return _answer(
        request, "credentials/verify.html", status=200, credential=credential
    )


@public
def credential_lookup_view(request: HttpRequest) -> HttpResponse:
    """The look-up by the số hiệu on the paper and the holder's date of birth: a
    wrong pair and a missing number answer the same bytes; one limit with the
    code look-up."""
    if not request.GET:
        return _answer(request, "credentials/lookup.html", status=200)
    if verification.is_over_limit(request):
        return _answer(request, "credentials/verify_limited.html", status=429)
    form = SerialLookupForm(request.GET)
    if not form.is_valid():
        return _answer(request, "credentials/lookup.html", status=400, form=form)
    credential = selectors.credential_by_serial(
        form.cleaned_data["so_hieu"], form.cleaned_data["ngay_sinh"]
    )
    if credential is None:
        return _answer(
            request, "credentials/lookup.html", status=404, is_not_found=True
        )
    return _answer(
        request, "credentials/verify.html", status=200, credential=credential
    )


@permission_required(ISSUE, methods=("POST",))
def cohort_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue the diplomas or certificates of a cohort's signed graduation decision,
    in one batch (the list is the one the decision was drafted with)."""
    cohort = assessment.get_cohort_for_scores(request.user, pk)
    back = redirect("assessment:graduation-list", pk=cohort.pk)
    if refused_unconfirmed(request):
        return back
    signer = request.POST.get("signer", "").strip()
    try:
        graduates = assessment.graduates_for_credentials(cohort=cohort)
        today = timezone.localdate()  # the school's day, not the server's
        issued = services.credentials_issue(
            actor=request.user,
            kind=assessment.credential_kind(cohort=cohort),
            year=today.year,
            graduates=[services.Graduate(pk, label) for pk, label in graduates],
            issued_on=today,
            signer=signer,
        )
    except ValidationError as error:
        show_service_errors(request, error)
        return back
    messages.success(
        request, _("Đã cấp %(count)s văn bằng, chứng chỉ.") % {"count": len(issued)}
    )
    return redirect("credentials:register-list")
