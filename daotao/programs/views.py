"""Programme pages: thin views over the catalogue selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, permission_required
from daotao.core.forms import add_service_errors
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.core.text import format_number
from daotao.programs import selectors, services
from daotao.programs.forms import (
    VersionCopyForm,
    VersionFilterForm,
    VersionForm,
    initial_from_version,
)

VIEW = "programs.view_program"
MANAGE = "programs.manage_program"


def _filters(request: HttpRequest) -> tuple[VersionFilterForm, selectors.VersionFilter]:
    form = VersionFilterForm(request.GET or None)
    sort = request.GET.get("sort", "name")
    if form.is_valid():
        data = form.cleaned_data
        return form, selectors.VersionFilter(
            query=data["q"], kind=data["kind"], status=data["status"], sort=sort
        )
    return form, selectors.VersionFilter(sort=sort)


@permission_required(VIEW)
def program_list_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    versions = selectors.program_version_list(actor=request.user, filters=filters)
    context = {
        "filter_form": form,
        "page": paginate(request, versions),
        "sort": filters.sort,
        "query_without_page": query_string_without(request, "page"),
        "query_without_sort": query_string_without(request, "page", "sort"),
    }
    template = (
        "programs/_version_table.html" if request.htmx else "programs/program_list.html"
    )
    return render(request, template, context)


@permission_required(VIEW)
def program_export_view(request: HttpRequest) -> HttpResponse:
    _form, filters = _filters(request)
    versions = selectors.program_version_list(actor=request.user, filters=filters)
    rows = (
        (
            index,
            v.program.code,
            v.program.name,
            v.program.get_kind_display(),
            v.label,
            v.get_mode_display(),
            v.duration,
            v.stated_total_periods,
            v.computed_total,
            v.get_status_display(),
            _("Đã xác nhận") if v.is_confirmed else _("Cần xác nhận"),
        )
        for index, v in enumerate(versions, 1)
    )
    return xlsx_response(
        filename="danh-muc-chuong-trinh",
        title=_("Danh mục chương trình"),
        headers=[
            _("STT"),
            _("Mã"),
            _("Tên chương trình"),
            _("Loại"),
            _("Phiên bản"),
            _("Hình thức"),
            _("Thời gian"),
            _("Số tiết theo quy định"),
            _("Số tiết tính được"),
            _("Trạng thái"),
            _("Xác nhận"),
        ],
        rows=rows,
    )


@permission_required(VIEW)
def version_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_view(request.user, pk)
    tree = selectors.version_tree(version=version)
    can_manage = has_permission(request.user, MANAGE)
    is_referenced = services.version_is_referenced(version)
    mismatch_message = ""
    if tree.is_mismatch:
        mismatch_message = _(
            "Tổng số tiết tính được %(computed)s khác số tiết quy định %(stated)s."
        ) % {
            "computed": format_number(tree.periods.total),
            "stated": format_number(tree.stated_total),
        }
    return render(
        request,
        "programs/version_detail.html",
        {
            "version": version,
            "program": version.program,
            "tree": tree,
            "mismatch_message": mismatch_message,
            "can_manage": can_manage,
            "is_referenced": is_referenced,
            "can_edit_structure": version.is_draft and not is_referenced,
        },
    )


@permission_required(VIEW)
def version_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_view(request.user, pk)
    tree = selectors.version_tree(version=version)
    return xlsx_response(
        filename=f"chuong-trinh-{version.program.code}-{version.label}",
        title=str(version),
        headers=structure_headers(),
        rows=structure_rows(tree),
    )


def structure_headers() -> list[str]:
    return [
        _("STT"),
        _("Khối kiến thức"),
        _("Học phần"),
        _("Chuyên đề"),
        _("Lý thuyết"),
        _("Thảo luận"),
        _("Thực hành"),
        _("Thực tế"),
        _("Tổng số tiết"),
    ]


def structure_rows(tree: selectors.VersionTree) -> list[list]:
    """One row per topic, then the grand total."""
    rows: list[list] = []
    for block_node in tree.blocks:
        for module_node in block_node.modules:
            for topic_node in module_node.topics:
                p = topic_node.periods
                rows.append(
                    [
                        len(rows) + 1,
                        block_node.block.name,
                        _label(module_node.module.code, module_node.module.name),
                        topic_node.topic.name,
                        p.lecture,
                        p.discussion,
                        p.practice,
                        p.field_study,
                        p.total,
                    ]
                )
    p = tree.periods
    rows.append(
        ["", _("Tổng cộng"), "", "", p.lecture, p.discussion, p.practice,
         p.field_study, p.total]
    )  # fmt: skip
    return rows


def _label(code: str, name: str) -> str:
    return f"{code}. {name}" if code else name


@permission_required(MANAGE)
def version_copy_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_manage(request.user, pk)
    form = VersionCopyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.program_version_copy(
                actor=request.user, version=version, label=form.cleaned_data["label"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Đã tạo phiên bản %s (đang soạn).") % copy.label
            )
            return redirect("programs:version-detail", pk=copy.pk)
    return render(
        request, "programs/version_copy.html", {"form": form, "version": version}
    )


@permission_required(MANAGE)
def version_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_manage(request.user, pk)
    form = VersionForm(request.POST or None, initial=initial_from_version(version))
    if request.method == "POST" and form.is_valid():
        try:
            version = services.program_version_update(
                actor=request.user, version=version, data=form.to_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu phiên bản %s.") % version.label)
            return redirect("programs:version-detail", pk=version.pk)
    return render(
        request, "programs/version_form.html", {"form": form, "version": version}
    )


def _status_action(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:
    version = selectors.get_version_for_manage(request.user, pk)
    try:
        service(actor=request.user, version=version)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done % version.label)
    return redirect("programs:version-detail", pk=version.pk)


@permission_required(MANAGE, methods=("POST",))
def version_put_in_use_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_action(
        request,
        pk,
        services.program_version_put_in_use,
        _("Đã đưa phiên bản %s vào áp dụng."),
    )


@permission_required(MANAGE, methods=("POST",))
def version_retire_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _status_action(
        request,
        pk,
        services.program_version_retire,
        _("Đã ngừng áp dụng phiên bản %s."),
    )
