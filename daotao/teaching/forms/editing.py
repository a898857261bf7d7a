"""The form that moves one published session (day, half-day, lecturer, room)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.faculty.models import Lecturer
from daotao.org.models import Room
from daotao.teaching.models import TeachingSession


def room_label(room: Room) -> str:
    return _("%(room)s (%(capacity)d chỗ) — %(site)s") % {
        "room": room.name,
        "capacity": room.capacity,
        "site": room.site.name,
    }


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
        self.fields["room"].label_from_instance = room_label
        self.fields["lecturer"].help_text = _(
            "Giảng viên phải được phân công dạy chuyên đề này."
        )

    def placement(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {key: data[key] for key in ("date", "half_day", "lecturer", "room")}
