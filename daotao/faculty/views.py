"""Lecturer pages: thin views over the lecturer selectors and services."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import (
    has_permission,
    home_school_id,
    log_personal_data_export,
    permission_required,
)
from daotao.core.forms import add_service_errors, handle_action
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.core.text import format_date
from daotao.faculty import profile, selectors, services
from daotao.faculty.forms import (
    LecturerCreateForm,
    LecturerFilterForm,
    LecturerForm,
    UnavailabilityForm,
    initial_from_lecturer,
)
from daotao.org.selectors import unit_choices

VIEW = "faculty.view_lecturer"
MANAGE = "faculty.manage_lecturer"


def _filters(
    request: HttpRequest,
) -> tuple[LecturerFilterForm, selectors.LecturerFilter]:
    units = unit_choices(actor=request.user, permission=VIEW)
    form = LecturerFilterForm(request.GET or None, units=units)
    if not form.is_valid():
        return form, selectors.LecturerFilter()
    data = form.cleaned_data
    active = {"1": True, "0": False}.get(data["active"])
    return form, selectors.LecturerFilter(
        query=data["q"], unit_id=data["unit"], title=data["title"], is_active=active
    )


@permission_required(VIEW)
def lecturer_list_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    lecturers = selectors.lecturer_list(actor=request.user, filters=filters)
    context = {
        "filter_form": form,
        "page": paginate(request, lecturers),
        "is_filtered": filters != selectors.LecturerFilter(),
        "query_without_page": query_string_without(request, "page"),
        "can_manage": has_permission(request.user, MANAGE),
    }
    template = (
        "faculty/_lecturer_table.html" if request.htmx else "faculty/lecturer_list.html"
    )
    return render(request, template, context)


def _yes(value: bool) -> str:
    return _("Có") if value else ""


@permission_required(VIEW)
def lecturer_export_view(request: HttpRequest) -> HttpResponse:
    _form, filters = _filters(request)
    lecturers = selectors.lecturer_list(actor=request.user, filters=filters)
    rows = (
        (
            index,
            lecturer.person.full_name,
            format_date(lecturer.person.date_of_birth)
            if lecturer.person.date_of_birth
            else "",
            lecturer.unit.name if lecturer.unit else "",
            lecturer.get_title_display(),
            _yes(lecturer.is_visiting),
            _yes(lecturer.is_concurrent),
            lecturer.topic_count,
            _("Đang giảng dạy") if lecturer.is_active else _("Đã thôi"),
            lecturer.person.phone,
            lecturer.person.email,
        )
        for index, lecturer in enumerate(lecturers, 1)
    )
    log_personal_data_export(
        actor=request.user,
        object_type="faculty.lecturer",
        filters=asdict(filters),
        request=request,
    )
    return xlsx_response(
        filename="danh-sach-giang-vien",
        title=_("Danh sách giảng viên"),
        headers=[
            _("STT"),
            _("Họ và tên"),
            _("Ngày sinh"),
            _("Khoa, phòng"),
            _("Chức danh"),
            _("Thỉnh giảng"),
            _("Kiêm chức"),
            _("Số chuyên đề được giảng"),
            _("Tình trạng"),
            _("Điện thoại"),
            _("Thư điện tử"),
        ],
        rows=rows,
    )


def _can_manage(request: HttpRequest, pk: int) -> bool:
    if not has_permission(request.user, MANAGE):
        return False
    try:
        selectors.get_lecturer_for_change(request.user, pk)
    except Http404:
        return False
    return True


def _render_detail(
    request: HttpRequest, lecturer: Any, form: UnavailabilityForm | None = None
) -> HttpResponse:
    can_manage = _can_manage(request, lecturer.pk)
    return render(
        request,
        "faculty/lecturer_detail.html",
        {
            "lecturer": lecturer,
            "topics_by_programme": selectors.lecturer_topics_by_programme(
                lecturer=lecturer
            ),
            "unavailabilities": selectors.lecturer_unavailabilities(lecturer=lecturer),
            "can_manage": can_manage,
            "form": form or (UnavailabilityForm() if can_manage else None),
            "can_view_timetable": has_permission(
                request.user, "teaching.view_schedule"
            ),
            "can_view_ledger": has_permission(request.user, "ledger.view_ledger"),
            "can_view_dossier": has_permission(
                request.user, "faculty.view_development"
            ),
            "profile_sections": profile.sections_for(lecturer),
        },
    )


@permission_required(VIEW)
def lecturer_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, selectors.get_lecturer_for_view(request.user, pk))


def _topic_choices(lecturer: Any = None, *, school_id: int) -> list:
    keep = tuple(lecturer.topics.values_list("pk", flat=True)) if lecturer else ()
    return selectors.topic_choices(school_id=school_id, keep=keep)


@permission_required(MANAGE)
def lecturer_create_view(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    candidates = selectors.lecturer_candidates(actor=request.user, query=query)
    posted = request.POST.get("person", "")
    chosen = (
        selectors.lecturer_candidate(actor=request.user, pk=int(posted))
        if posted.isdigit()
        else None
    )
    if chosen is not None and chosen not in candidates:
        candidates.insert(0, chosen)
    school_id = chosen.school_id if chosen else home_school_id(request.user, MANAGE)
    form = LecturerCreateForm(
        request.POST or None,
        candidates=candidates,
        units=unit_choices(actor=request.user, permission=MANAGE),
        topics=_topic_choices(school_id=school_id) if school_id else [],
    )
    if request.method == "POST" and form.is_valid() and chosen is not None:
        try:
            lecturer = services.lecturer_create(
                actor=request.user, person=chosen, data=form.to_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm giảng viên %s.") % lecturer)
            return redirect("faculty:lecturer-detail", pk=lecturer.pk)
    return render(
        request,
        "faculty/lecturer_form.html",
        {"form": form, "lecturer": None, "query": query},
    )


@permission_required(MANAGE)
def lecturer_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    lecturer = selectors.get_lecturer_for_change(request.user, pk)
    form = LecturerForm(
        request.POST or None,
        initial=initial_from_lecturer(lecturer),
        units=unit_choices(actor=request.user, permission=MANAGE),
        topics=_topic_choices(lecturer, school_id=lecturer.school_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            lecturer = services.lecturer_update(
                actor=request.user, lecturer=lecturer, data=form.to_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu hồ sơ giảng viên %s.") % lecturer)
            return redirect("faculty:lecturer-detail", pk=lecturer.pk)
    return render(
        request, "faculty/lecturer_form.html", {"form": form, "lecturer": lecturer}
    )


@permission_required(MANAGE, methods=("POST",))
def unavailability_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    lecturer = selectors.get_lecturer_for_change(request.user, pk)
    form = UnavailabilityForm(request.POST)
    if form.is_valid():
        try:
            services.unavailability_add(
                actor=request.user, lecturer=lecturer, data=form.to_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã ghi lịch bận của giảng viên."))
            return redirect("faculty:lecturer-detail", pk=lecturer.pk)
    return _render_detail(request, lecturer, form)


@permission_required(MANAGE, methods=("POST",))
def unavailability_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_unavailability_for_change(request.user, pk)
    return handle_action(
        request,
        lambda: services.unavailability_delete(actor=request.user, unavailability=item),
        success=_("Đã xóa lịch bận."),
        redirect_to=reverse("faculty:lecturer-detail", args=[item.lecturer_id]),
    )
