"""Moving a published session by hand: the form, and the live conflict check the
form posts to (HTMX) whenever a field changes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.access import permission_required
from daotao.core.forms import handle_form
from daotao.faculty.models import Lecturer
from daotao.org.models import Room
from daotao.teaching.models import TeachingSession
from daotao.teaching.selectors import timetables as selectors
from daotao.teaching.services import editing as services


class SessionMoveForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    half_day = forms.TypedChoiceField(
        label=gettext_lazy("Buổi"),
        choices=TeachingSession.HalfDay.choices,
        coerce=int,
    )
    lecturer = forms.ModelChoiceField(
        label=gettext_lazy("Giảng viên"), queryset=Lecturer.objects.none()
    )
    room = forms.ModelChoiceField(
        label=gettext_lazy("Phòng"), queryset=Room.objects.none()
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, session: TeachingSession, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "date": session.date,
                "half_day": session.half_day,
                "lecturer": session.lecturer_id,
                "room": session.room_id,
                "version": session.version,
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["lecturer"].queryset = Lecturer.objects.filter(
            Q(is_active=True) | Q(pk=session.lecturer_id),
            school_id=session.school_id,
        ).select_related("person")
        self.fields["room"].queryset = Room.objects.filter(
            site__school_id=session.school_id, is_active=True
        ).select_related("site")
        self.fields["room"].label_from_instance = _room_label
        self.fields["lecturer"].help_text = _(
            "Giảng viên phải được phân công dạy chuyên đề này."
        )

    def placement(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {key: data[key] for key in ("date", "half_day", "lecturer", "room")}


def _room_label(room: Room) -> str:
    return _("%(room)s (%(capacity)d chỗ) — %(site)s") % {
        "room": room.name,
        "capacity": room.capacity,
        "site": room.site.name,
    }


def _back_url(session: TeachingSession) -> str:
    url = reverse("teaching:cohort-timetable", args=[session.cohort_id])
    return f"{url}?tuan={session.date.isoformat()}"


@permission_required("teaching.manage_schedule")
def session_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_editing(request.user, pk)
    form = SessionMoveForm(request.POST or None, session=session)
    return handle_form(
        request,
        form,
        action=lambda data: services.session_move(
            actor=request.user,
            session=session,
            expected_version=data["version"],
            **form.placement(),
        ),
        success=_("Đã đổi lịch buổi học."),
        redirect_to=_back_url,
        template="teaching/edit_session_move.html",
        context={"session": session, "back_url": _back_url(session)},
    )


@permission_required("teaching.manage_schedule", methods=("POST",))
def session_check_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The conflicts of the move as the form stands, as an HTML fragment."""
    session = selectors.get_session_for_editing(request.user, pk)
    form = SessionMoveForm(request.POST, session=session)
    conflicts = []
    if form.is_valid():
        conflicts = services.session_conflicts(session=session, **form.placement())
        if form.cleaned_data["version"] != session.version:
            conflicts.insert(
                0, _("Buổi học vừa được người khác đổi lịch. Hãy tải lại trang.")
            )
    return render(
        request,
        "teaching/edit_conflicts.html",
        {"form": form, "conflicts": conflicts, "checked": form.is_valid()},
    )
