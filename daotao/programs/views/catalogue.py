"""Programme pages: thin views over the catalogue selectors and services."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, permission_required
from daotao.core.forms import add_service_errors
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.core.text import format_number
from daotao.programs import selectors, services
from daotao.programs.forms import (
    BlockForm,
    ModuleForm,
    TopicForm,
    VersionCopyForm,
    VersionFilterForm,
    VersionForm,
    initial_from_topic,
    initial_from_version,
)
from daotao.programs.models import Block, Module, ProgramVersion, Topic

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
            "shows_structure_controls": (
                can_manage and version.is_draft and not is_referenced
            ),
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


# --- Structure: blocks, modules, topics of a draft ----------------------------------

# From a structure item to the object that holds its version.
_VERSION_HOLDER = {Block: (), Module: ("block",), Topic: ("module", "block")}


def _item_for_manage(user: Any, model: type, pk: int) -> Any:
    """The block, module or topic if its version is one `user` manages; 404 otherwise.
    The version (with its programme) comes from the scoped version getter."""
    path = _VERSION_HOLDER[model]
    queryset = model.objects.select_related("__".join(path)) if path else model.objects
    item = get_object_or_404(queryset, pk=pk)
    holder = functools.reduce(getattr, path, item)
    holder.version = selectors.get_version_for_manage(user, holder.version_id)
    return item


def _is_structure_editable(version: ProgramVersion) -> bool:
    # Only a hint for the page; the service decides (and says why) on POST.
    return version.is_draft and not services.version_is_referenced(version)


def _detail_url(version: ProgramVersion, anchor: str = "") -> str:
    url = reverse("programs:version-detail", args=[version.pk])
    return f"{url}#{anchor}" if anchor else url


def _structure_form(
    request: HttpRequest,
    *,
    version: ProgramVersion,
    form: forms.Form,
    heading: str,
    save: Callable[[], Block | Module | Topic],
    done: str,
) -> HttpResponse:
    """Render `form`; on a valid POST call `save` (one service) and go back to the
    structure, or show the service's refusal on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            item = save()
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done % item.name)
            anchor = f"{item._meta.model_name}-{item.pk}"
            return redirect(_detail_url(version, anchor))
    return render(
        request,
        "programs/structure_form.html",
        {
            "form": form,
            "version": version,
            "heading": heading,
            "is_editable": _is_structure_editable(version),
        },
    )


@permission_required(MANAGE)
def block_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.get_version_for_manage(request.user, pk)
    form = BlockForm(request.POST or None)
    return _structure_form(
        request,
        version=version,
        form=form,
        heading=_("Thêm khối kiến thức"),
        save=lambda: services.block_add(
            actor=request.user, version=version, name=form.cleaned_data["name"]
        ),
        done=_("Đã thêm khối kiến thức “%s”."),
    )


@permission_required(MANAGE)
def module_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    block = _item_for_manage(request.user, Block, pk)
    form = ModuleForm(request.POST or None)
    return _structure_form(
        request,
        version=block.version,
        form=form,
        heading=_("Thêm học phần vào “%s”") % block.name,
        save=lambda: services.module_add(
            actor=request.user, block=block, **form.to_kwargs()
        ),
        done=_("Đã thêm học phần “%s”."),
    )


@permission_required(MANAGE)
def topic_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    module = _item_for_manage(request.user, Module, pk)
    form = TopicForm(request.POST or None)
    return _structure_form(
        request,
        version=module.block.version,
        form=form,
        heading=_("Thêm chuyên đề vào “%s”") % module.name,
        save=lambda: services.topic_add(
            actor=request.user, module=module, data=form.to_data()
        ),
        done=_("Đã thêm chuyên đề “%s”."),
    )


@permission_required(MANAGE)
def topic_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _item_for_manage(request.user, Topic, pk)
    form = TopicForm(request.POST or None, initial=initial_from_topic(topic))
    return _structure_form(
        request,
        version=topic.module.block.version,
        form=form,
        heading=_("Sửa chuyên đề “%s”") % topic.name,
        save=lambda: services.topic_update(
            actor=request.user, topic=topic, data=form.to_data()
        ),
        done=_("Đã lưu chuyên đề “%s”."),
    )


def _contents(item: Block | Module | Topic) -> dict[str, int]:
    """What a delete takes with it: modules, topics and their periods."""
    if isinstance(item, Block):
        topics = Topic.objects.filter(module__block=item)
        modules = item.modules.count()
    elif isinstance(item, Module):
        topics, modules = item.topics.all(), 0
    else:
        topics, modules = Topic.objects.filter(pk=item.pk), 0
    totals = topics.aggregate(
        topics=Count("pk"),
        periods=Sum(
            F("lecture_periods")
            + F("discussion_periods")
            + F("practice_periods")
            + F("field_study_periods")
        ),
    )
    return {
        "modules": modules,
        "topics": totals["topics"],
        "periods": totals["periods"] or 0,
    }


def _structure_delete(
    request: HttpRequest, *, item: Block | Module | Topic, version: ProgramVersion
) -> HttpResponse:
    """GET asks for confirmation; POST deletes through the service, or shows its
    refusal on the confirmation page with nothing changed."""
    refusal: list[str] = []
    if request.method == "POST":
        try:
            services.structure_item_delete(actor=request.user, item=item)
        except ValidationError as error:
            refusal = error.messages
        else:
            messages.success(
                request,
                _("Đã xóa %(kind)s “%(name)s”.")
                % {"kind": item._meta.verbose_name, "name": item.name},
            )
            return redirect(_detail_url(version))
    return render(
        request,
        "programs/structure_delete.html",
        {
            "item": item,
            "kind": item._meta.verbose_name,
            "item_type": item._meta.model_name,
            "version": version,
            "contents": _contents(item),
            "refusal": refusal,
            "is_editable": _is_structure_editable(version),
        },
    )


@permission_required(MANAGE)
def block_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    block = _item_for_manage(request.user, Block, pk)
    return _structure_delete(request, item=block, version=block.version)


@permission_required(MANAGE)
def module_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    module = _item_for_manage(request.user, Module, pk)
    return _structure_delete(request, item=module, version=module.block.version)


@permission_required(MANAGE)
def topic_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    topic = _item_for_manage(request.user, Topic, pk)
    return _structure_delete(request, item=topic, version=topic.module.block.version)
