from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, home_school_id, permission_required
from daotao.core.forms import add_service_errors
from daotao.core.listing import (
    int_param,
    paginate,
    query_string_without,
    xlsx_response,
)
from daotao.org import services
from daotao.org.forms import RoomClosureForm, RoomForm, SiteForm, UnitForm
from daotao.org.models import Agency, Room, RoomClosure, School
from daotao.org.selectors import (
    agency_list,
    get_room_for,
    get_site_for,
    room_list,
    site_list,
    unit_list,
)


def _agencies(request: HttpRequest, permission: str):
    return agency_list(
        actor=request.user,
        query=request.GET.get("q", ""),
        level=request.GET.get("level", ""),
        kind=request.GET.get("kind", ""),
        include_past=request.GET.get("past") == "1",
        permission=permission,
    )


@permission_required("org.view_agency")
def agency_list_view(request: HttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, _agencies(request, "org.view_agency")),
        "levels": Agency.Level.choices,
        "kinds": Agency.Kind.choices,
        "query_without_page": query_string_without(request, "page"),
        "can_export": has_permission(request.user, "org.export_agency"),
        "can_import": has_permission(request.user, "org.import_agency"),
    }
    template = "org/_agency_table.html" if request.htmx else "org/agency_list.html"
    return render(request, template, context)


@permission_required("org.export_agency")
def agency_export_view(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request, "org.export_agency")
    rows = (
        (
            index,
            a.name,
            a.short_name,
            a.get_kind_display(),
            a.get_level_display(),
            a.parent.name if a.parent else "",
            str(a.area) if a.area else "",
            a.people_count,
            a.valid_from or "",
            a.valid_to or "",
        )
        for index, a in enumerate(agencies, 1)
    )
    return xlsx_response(
        filename="co-quan-cu-di-hoc",
        title=_("Cơ quan cử đi học"),
        headers=[
            _("STT"),
            _("Tên cơ quan, đơn vị"),
            _("Viết tắt"),
            _("Loại"),
            _("Cấp"),
            _("Cơ quan cấp trên"),
            _("Địa bàn"),
            _("Số cán bộ"),
            _("Hiệu lực từ"),
            _("Hiệu lực đến"),
        ],
        rows=rows,
    )


@permission_required("org.view_unit")
def unit_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "org/unit_list.html",
        {
            "units": unit_list(actor=request.user),
            "can_add": has_permission(request.user, ADD_UNIT),
        },
    )


ADD_UNIT = "core.use_admin"


@permission_required(ADD_UNIT)
def unit_create_view(request: HttpRequest) -> HttpResponse:
    school = get_object_or_404(School, pk=home_school_id(request.user, ADD_UNIT))
    form = UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit, created = services.unit_ensure(
            actor=request.user, school=school, **form.cleaned_data
        )
        if created:
            messages.success(request, _("Đã thêm %(name)s.") % {"name": unit.name})
            return redirect("org:unit-list")
        form.add_error(
            "abbreviation",
            _("Trường đã có đơn vị viết tắt %(abbreviation)s: %(name)s.")
            % {"abbreviation": unit.abbreviation, "name": unit.name},
        )
    return render(request, "org/unit_form.html", {"form": form})


# --- Sites and rooms -----------------------------------------------------------------

VIEW_ROOM, MANAGE_ROOM = "org.view_room", "org.manage_room"


def _rooms(request: HttpRequest, permission: str):
    return room_list(
        actor=request.user,
        query=request.GET.get("q", ""),
        site_id=int_param(request, "site"),
        kind=request.GET.get("kind", ""),
        include_retired=request.GET.get("retired") == "1",
        permission=permission,
    )


@permission_required(VIEW_ROOM)
def room_list_view(request: HttpRequest) -> HttpResponse:
    context = {
        "page": paginate(request, _rooms(request, VIEW_ROOM)),
        "sites": site_list(actor=request.user),
        "kinds": Room.Kind.choices,
        "query_without_page": query_string_without(request, "page"),
        "can_manage": has_permission(request.user, MANAGE_ROOM),
    }
    template = "org/_room_table.html" if request.htmx else "org/room_list.html"
    return render(request, template, context)


@permission_required(VIEW_ROOM)
def room_export_view(request: HttpRequest) -> HttpResponse:
    rows = (
        (
            index,
            room.name,
            room.site.name,
            room.get_kind_display(),
            room.capacity,
            _("Đang dùng") if room.is_active else _("Đã thôi dùng"),
            room.note,
        )
        for index, room in enumerate(_rooms(request, VIEW_ROOM), 1)
    )
    return xlsx_response(
        filename="phong-hoc",
        title=_("Phòng học"),
        headers=[
            _("STT"),
            _("Tên phòng"),
            _("Địa điểm"),
            _("Loại phòng"),
            _("Sức chứa"),
            _("Tình trạng"),
            _("Ghi chú"),
        ],
        rows=rows,
    )


@permission_required(MANAGE_ROOM)
def room_create_view(request: HttpRequest) -> HttpResponse:
    form = RoomForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            room = services.room_save(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm %(room)s.") % {"room": room.name})
            return redirect("org:room-update", pk=room.pk)
    return render(request, "org/room_form.html", {"form": form, "room": None})


@permission_required(MANAGE_ROOM)
def room_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    room = get_room_for(request.user, pk, MANAGE_ROOM)
    initial = {name: getattr(room, name) for name in services.ROOM_FIELDS}
    form = RoomForm(request.POST or None, actor=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.room_save(actor=request.user, room=room, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu %(room)s.") % {"room": room.name})
            return redirect("org:room-update", pk=room.pk)
    context = {
        "form": form,
        "room": room,
        "closures": room.closures.all(),
        "closure_form": RoomClosureForm(),
    }
    return render(request, "org/room_form.html", context)


@permission_required(MANAGE_ROOM, methods=("POST",))
def room_closure_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    room = get_room_for(request.user, pk, MANAGE_ROOM)
    form = RoomClosureForm(request.POST)
    if form.is_valid():
        try:
            services.room_closure_add(
                actor=request.user, room=room, **form.cleaned_data
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã ghi ngày phòng không dùng được."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect("org:room-update", pk=room.pk)


@permission_required(MANAGE_ROOM, methods=("POST",))
def room_closure_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    closure = get_object_or_404(RoomClosure, pk=pk)
    room = get_room_for(request.user, closure.room_id, MANAGE_ROOM)
    services.room_closure_delete(actor=request.user, closure=closure)
    messages.success(request, _("Đã bỏ ngày phòng không dùng được."))
    return redirect("org:room-update", pk=room.pk)


@permission_required(VIEW_ROOM)
def site_list_view(request: HttpRequest) -> HttpResponse:
    can_manage = has_permission(request.user, MANAGE_ROOM)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    form = SiteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_save(
                actor=request.user,
                school_id=home_school_id(request.user, MANAGE_ROOM),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm địa điểm."))
            return redirect("org:site-list")
    context = {
        "sites": site_list(actor=request.user),
        "form": form,
        "can_manage": can_manage,
    }
    return render(request, "org/site_list.html", context)


@permission_required(MANAGE_ROOM)
def site_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_site_for(request.user, pk, MANAGE_ROOM)
    initial = {name: getattr(site, name) for name in services.SITE_FIELDS}
    form = SiteForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_save(
                actor=request.user,
                school_id=site.school_id,
                site=site,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu địa điểm."))
            return redirect("org:site-list")
    return render(request, "org/site_form.html", {"form": form, "site": site})
