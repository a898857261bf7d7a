"""Conference pages: list, create/edit, detail (parts, themes, delegations with
their liaisons), and the contact sheet linking delegations and liaisons."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, home_school_id, permission_required
from daotao.core.forms import handle_form
from daotao.core.listing import xlsx_response
from daotao.faculty.selectors import school_lecturers
from daotao.research import services
from daotao.research.forms.conferences import (
    ConferenceForm,
    DelegationForm,
    LiaisonForm,
    PartForm,
    SpeechForm,
    ThemeForm,
)
from daotao.research.models import Conference
from daotao.research.selectors import conferences as selectors
from daotao.research.services.conferences import TRACKED as CONFERENCE_FIELDS

VIEW = "research.view_conference"
MANAGE = "research.manage_conference"


def _lecturers(school_id: int) -> Any:
    return school_lecturers(school_id=school_id)


@permission_required(VIEW)
def conference_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "research/conference_list.html",
        {
            "conferences": selectors.conference_list(actor=request.user),
            "can_manage": has_permission(request.user, MANAGE),
        },
    )


def _conference_data(data: dict) -> services.ConferenceData:
    return services.ConferenceData(
        **{name: data[name] for name in CONFERENCE_FIELDS},
    )


def _detail_url(conference: Conference) -> str:
    return reverse("research:conference-detail", args=[conference.pk])


@permission_required(MANAGE)
def conference_create_view(request: HttpRequest) -> HttpResponse:
    return handle_form(
        request,
        ConferenceForm(request.POST or None),
        action=lambda data: services.conference_create(
            actor=request.user,
            school_id=home_school_id(request.user, MANAGE),
            data=_conference_data(data),
        ),
        success=_("Đã tạo hội thảo."),
        redirect_to=_detail_url,
        template="research/form.html",
        context={
            "title": _("Tạo hội thảo khoa học"),
            "back_url": reverse("research:conference-list"),
        },
    )


@permission_required(MANAGE)
def conference_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_change(request.user, pk)
    initial = {name: getattr(conference, name) for name in CONFERENCE_FIELDS}
    return handle_form(
        request,
        ConferenceForm(request.POST or None, initial=initial),
        action=lambda data: services.conference_update(
            actor=request.user, conference=conference, data=_conference_data(data)
        ),
        success=_("Đã lưu hội thảo."),
        redirect_to=_detail_url(conference),
        template="research/form.html",
        context={"title": _("Sửa hội thảo"), "back_url": _detail_url(conference)},
    )


def _render_detail(
    request: HttpRequest, conference: Conference, **forms: Any
) -> HttpResponse:
    can_manage = has_permission(request.user, MANAGE)
    context = {
        "conference": conference,
        "parts": conference.parts.all(),
        "themes": conference.themes.all(),
        "speeches": conference.speeches.all(),
        "delegations": selectors.delegations(conference=conference),
        "attendance": selectors.attendance_by_group(conference=conference),
        "can_manage": can_manage,
        "can_check_in": has_permission(request.user, "research.check_in_delegate"),
    }
    if can_manage:
        context.update(
            part_form=forms.get("part_form") or PartForm(),
            theme_form=forms.get("theme_form") or ThemeForm(),
            delegation_form=forms.get("delegation_form") or DelegationForm(),
            speech_form=forms.get("speech_form") or SpeechForm(),
        )
    return render(request, "research/conference_detail.html", context)


@permission_required(VIEW)
def conference_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, selectors.get_conference_for_view(request.user, pk))


def _add(
    request: HttpRequest, pk: int, form_class: Any, key: str, add: Any, done: str
) -> HttpResponse:
    """Add a part, theme, delegation or speech from the detail page."""
    conference = selectors.get_conference_for_change(request.user, pk)
    return handle_form(
        request,
        form_class(request.POST),
        action=lambda data: add(conference, data),
        success=done,
        redirect_to=_detail_url(conference),
        render=lambda form: _render_detail(request, conference, **{key: form}),
    )


@permission_required(MANAGE, methods=("POST",))
def part_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    def add(conference: Conference, data: dict) -> None:
        services.part_add(actor=request.user, conference=conference, **data)

    return _add(request, pk, PartForm, "part_form", add, _("Đã thêm phần hội thảo."))


@permission_required(MANAGE, methods=("POST",))
def theme_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    def add(conference: Conference, data: dict) -> None:
        services.theme_add(actor=request.user, conference=conference, **data)

    return _add(request, pk, ThemeForm, "theme_form", add, _("Đã thêm nhóm chủ đề."))


@permission_required(MANAGE, methods=("POST",))
def delegation_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    def add(conference: Conference, data: dict) -> None:
        organisation = services.organisation_ensure(
            actor=request.user,
            school_id=conference.school_id,
            name=data["name"],
            group=data["group"],
        )
        services.delegation_ensure(
            actor=request.user,
            conference=conference,
            organisation=organisation,
            expected_count=data["expected_count"],
            position=data["position"],
        )

    return _add(request, pk, DelegationForm, "delegation_form", add, _("Đã thêm đoàn."))


@permission_required(MANAGE, methods=("POST",))
def speech_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    def add(conference: Conference, data: dict) -> None:
        services.speech_add(actor=request.user, conference=conference, **data)

    return _add(request, pk, SpeechForm, "speech_form", add, _("Đã thêm phát biểu."))


@permission_required(MANAGE)
def liaison_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = selectors.get_delegation_for_change(request.user, pk)
    current = list(delegation.liaison_rows.values_list("lecturer_id", flat=True))
    form = LiaisonForm(
        request.POST or None,
        initial={"lecturers": current},
        lecturers=_lecturers(delegation.conference.school_id),
    )
    return handle_form(
        request,
        form,
        action=lambda data: services.liaisons_set(
            actor=request.user, delegation=delegation, lecturer_ids=data["lecturers"]
        ),
        success=_("Đã cập nhật liên lạc viên của đoàn %s.") % delegation,
        redirect_to=_detail_url(delegation.conference),
        template="research/liaison_form.html",
        context={"delegation": delegation},
    )


@permission_required(VIEW)
def contact_sheet_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_view(request.user, pk)
    return render(
        request,
        "research/contact_sheet.html",
        {
            "conference": conference,
            "rows": selectors.contact_sheet(conference=conference),
        },
    )


@permission_required(VIEW)
def contact_sheet_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_view(request.user, pk)
    lines = []
    for index, row in enumerate(selectors.contact_sheet(conference=conference), 1):
        leader = row["leader"]
        liaisons = row["liaisons"] or [None]
        for liaison in liaisons:
            person = liaison.person if liaison else None
            lines.append(
                (
                    index,
                    row["delegation"].organisation.name,
                    leader.full_name if leader else "",
                    leader.phone if leader else "",
                    leader.email if leader else "",
                    person.full_name if person else "",
                    person.phone if person else "",
                    person.email if person else "",
                )
            )
    return xlsx_response(
        filename="bang-lien-lac-doan-dai-bieu",
        title=_("Bảng liên lạc các đoàn đại biểu"),
        headers=[
            _("STT"),
            _("Đoàn"),
            _("Trưởng đoàn"),
            _("Điện thoại trưởng đoàn"),
            _("Thư điện tử trưởng đoàn"),
            _("Liên lạc viên"),
            _("Điện thoại liên lạc viên"),
            _("Thư điện tử liên lạc viên"),
        ],
        rows=lines,
    )
