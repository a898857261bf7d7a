"""Delegate pages: list with search and filters, Excel export, staff entry and
edit, sheet import (dry run, then commit), badges as PDF, check-in by the badge's
QR code and the live attendance board."""

from __future__ import annotations

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import (
    has_permission,
    log_personal_data_export,
    permission_required,
)
from daotao.core.forms import handle_form
from daotao.core.generated import SYNC_PAGES, generated_file_request
from daotao.core.importing.views import import_page, template_response
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.documents.rendering.pdf import RenderError
from daotao.research import print_jobs, services
from daotao.research.badges import badges_pdf
from daotao.research.forms.conferences import (
    DelegateFilterForm,
    DelegateForm,
    DelegateImportForm,
)
from daotao.research.importing import delegates_import_run, delegates_template
from daotao.research.models import Conference, Delegate
from daotao.research.selectors import conferences as selectors
from daotao.research.services.delegates import TRACKED as DELEGATE_FIELDS

VIEW = "research.view_conference"
MANAGE = "research.manage_conference"
CHECK_IN = "research.check_in_delegate"


def _filters(
    request: HttpRequest, conference: Conference
) -> tuple[DelegateFilterForm, selectors.DelegateFilter]:
    return print_jobs.delegate_filter(conference, request.GET)


@permission_required(VIEW)
def delegate_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_view(request.user, pk)
    form, filters = _filters(request, conference)
    delegates = selectors.delegate_list(conference=conference, filters=filters)
    context = {
        "conference": conference,
        "filter_form": form,
        "page": paginate(request, delegates),
        "is_filtered": filters != selectors.DelegateFilter(),
        "query_without_page": query_string_without(request, "page"),
        "can_manage": has_permission(request.user, MANAGE),
    }
    template = (
        "research/_delegate_table.html"
        if request.htmx
        else "research/delegate_list.html"
    )
    return render(request, template, context)


def _date_time(value) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


@permission_required(VIEW)
def delegate_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_view(request.user, pk)
    _form, filters = _filters(request, conference)
    delegates = selectors.delegate_list(conference=conference, filters=filters)
    rows = (
        (
            index,
            d.full_name,
            d.position,
            d.delegation.organisation.name,
            d.delegation.organisation.get_group_display(),
            d.get_role_display(),
            d.phone,
            d.email,
            _date_time(d.arrives_at),
            _date_time(d.departs_at),
            d.lodging or (_("Cần bố trí") if d.needs_lodging else ""),
            d.meals,
            _date_time(d.checked_in_at),
        )
        for index, d in enumerate(delegates, 1)
    )
    log_personal_data_export(
        actor=request.user,
        object_type="research.delegate",
        filters={"conference": conference.pk, "query": filters.query},
        request=request,
    )
    return xlsx_response(
        filename="danh-sach-dai-bieu",
        title=_("Danh sách đại biểu"),
        headers=[
            _("STT"),
            _("Họ và tên"),
            _("Chức danh, chức vụ"),
            _("Đoàn"),
            _("Nhóm"),
            _("Vai trò"),
            _("Điện thoại"),
            _("Thư điện tử"),
            _("Thời gian đến"),
            _("Thời gian về"),
            _("Nơi nghỉ"),
            _("Số suất ăn"),
            _("Điểm danh lúc"),
        ],
        rows=rows,
    )


def _delegate_data(data: dict) -> services.DelegateData:
    values = {name: data[name] for name in DELEGATE_FIELDS if name != "delegation_id"}
    return services.DelegateData(delegation_id=data["delegation"], **values)


def _list_url(conference: Conference) -> str:
    return reverse("research:delegate-list", args=[conference.pk])


@permission_required(MANAGE)
def delegate_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_change(request.user, pk)
    form = DelegateForm(
        request.POST or None,
        delegations=selectors.delegations(conference=conference),
        initial={"role": Delegate.Role.DELEGATE},
    )
    return handle_form(
        request,
        form,
        action=lambda data: services.delegate_create(
            actor=request.user, conference=conference, data=_delegate_data(data)
        ),
        success=lambda delegate: _("Đã thêm đại biểu %s.") % delegate.full_name,
        redirect_to=_list_url(conference),
        template="research/form.html",
        context={"title": _("Thêm đại biểu"), "back_url": _list_url(conference)},
    )


@permission_required(MANAGE)
def delegate_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    delegate = selectors.get_delegate_for_change(request.user, pk)
    conference = delegate.conference
    initial = {name: getattr(delegate, name) for name in DELEGATE_FIELDS}
    initial["delegation"] = delegate.delegation_id
    form = DelegateForm(
        request.POST or None,
        initial=initial,
        delegations=selectors.delegations(conference=conference),
    )
    return handle_form(
        request,
        form,
        action=lambda data: services.delegate_update(
            actor=request.user, delegate=delegate, data=_delegate_data(data)
        ),
        success=lambda updated: _("Đã lưu đại biểu %s.") % delegate.full_name,
        redirect_to=_list_url(conference),
        template="research/form.html",
        context={"title": _("Sửa đại biểu"), "back_url": _list_url(conference)},
    )


# --- Import ---------------------------------------------------------------------------


@permission_required(MANAGE)
def delegate_template_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_change(request.user, pk)
    return template_response(
        delegates_template(conference), filename="mau-danh-sach-dai-bieu.xlsx"
    )


@permission_required(MANAGE)
def delegate_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_change(request.user, pk)
    return import_page(
        request,
        run=functools.partial(delegates_import_run, conference=conference),
        # One kept file per conference: a token cannot commit into another one.
        session_key=f"delegate_import:{conference.pk}",
        template="core/import_page.html",
        done_url=_list_url(conference),
        done_message=_(
            "Đã nhập %(created)s đại biểu; %(matched)s đại biểu đã có được giữ nguyên."
        ),
        shown=(("full_name", _("Họ và tên")), ("delegation", _("Đoàn"))),
        form_class=DelegateImportForm,
        context={
            "title": _("Nhập danh sách đại biểu từ Excel"),
            "intro": _(
                "Mỗi dòng một đại biểu; cột “Đoàn” ghi tên cơ quan đã được mời."
            ),
            "back_url": _list_url(conference),
            "back_label": _("Đại biểu"),
            "template_url": reverse("research:delegate-template", args=[conference.pk]),
        },
    )


# --- Badges and check-in --------------------------------------------------------------


def check_in_url(request: HttpRequest, delegate: Delegate) -> str:
    """The absolute URL the badge's QR code encodes."""
    query = urlencode({"ma": delegate.badge_token})
    return request.build_absolute_uri(f"{reverse('research:check-in')}?{query}")


@permission_required(VIEW)
def badges_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The badges of the listed delegates (the list's filters), or of the ticked
    ones (`id` repeated), as one PDF."""
    conference = selectors.get_conference_for_view(request.user, pk)
    delegates = print_jobs.badge_delegates(conference, request.GET)
    if not delegates:
        messages.error(request, _("Không có đại biểu nào để in thẻ."))
        return redirect("research:delegate-list", pk=conference.pk)
    if -(-len(delegates) // print_jobs.BADGES_PER_PAGE) > SYNC_PAGES:
        job = generated_file_request(
            actor=request.user,
            kind=print_jobs.BADGES,
            title=print_jobs.badges_title(conference),
            params={
                "conference": conference.pk,
                "query": request.GET.urlencode(),
                "origin": request.build_absolute_uri("/"),
            },
            school_id=conference.school_id,
        )
        return redirect("core:generated-file-detail", pk=job.pk)
    try:
        pdf = badges_pdf(
            delegates,
            conference_title=conference.title,
            url_for=lambda d: check_in_url(request, d),
        )
    except RenderError as error:
        messages.error(request, str(error))
        return redirect("research:delegate-list", pk=conference.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="the-dai-bieu.pdf"'
    return response


@permission_required(CHECK_IN)
def check_in_view(request: HttpRequest) -> HttpResponse:
    """Opening the badge's URL (scanning its QR code, `?ma=<token>`) marks the
    delegate as arrived; a second scan says so and changes nothing. Without a
    code the page asks for one (typed from the badge)."""
    token = request.GET.get("ma", "").strip()
    if not token:
        return render(request, "research/check_in.html", {"result": None})
    try:
        delegate = selectors.get_delegate_for_check_in(request.user, token)
    except Http404:
        return render(
            request,
            "research/check_in.html",
            {"result": None, "error": _("Mã thẻ không đúng; không điểm danh được.")},
            status=404,
        )
    result = services.delegate_check_in(
        actor=request.user, conference=delegate.conference, token=token
    )
    return render(
        request,
        "research/check_in.html",
        {"result": result, "delegate": result.delegate},
    )


def _attendance_context(conference: Conference, *, poll: bool) -> dict:
    rows = selectors.attendance_by_group(conference=conference)
    return {
        "conference": conference,
        "attendance": rows,
        "total_expected": sum(r["expected"] for r in rows),
        "total_present": sum(r["present"] for r in rows),
        "by_delegation": selectors.delegations(conference=conference),
        "poll": poll,
    }


@permission_required(VIEW)
def attendance_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_view(request.user, pk)
    context = _attendance_context(conference, poll=True)
    if request.htmx:
        return render(request, "research/_attendance.html", context)
    return render(request, "research/attendance.html", context)
