"""The form that places one draft session by hand."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.faculty.models import Lecturer
from daotao.org.models import Room
from daotao.teaching.models import TeachingSession
from daotao.teaching.services.editing import cohort_size


class PlaceForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Ngày"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    half_day = forms.TypedChoiceField(
        label=gettext_lazy("Buổi"), choices=TeachingSession.HalfDay.choices, coerce=int
    )
    lecturer = forms.ModelChoiceField(
        label=gettext_lazy("Giảng viên"),
        queryset=Lecturer.objects.none(),
        help_text=gettext_lazy("Các giảng viên được phân công dạy chuyên đề này."),
    )
    room = forms.ModelChoiceField(
        label=gettext_lazy("Phòng"),
        queryset=Room.objects.none(),
        help_text=gettext_lazy("Các phòng đang dùng ở nơi lớp học, đủ chỗ cho lớp."),
    )

    def __init__(self, *args: Any, session: TeachingSession, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lecturer"].queryset = Lecturer.objects.filter(
            school_id=session.school_id, is_active=True, topics=session.topic_id
        ).select_related("person")
        self.fields["room"].queryset = Room.objects.filter(
            site_id=session.cohort.site_id,
            is_active=True,
            capacity__gte=cohort_size(session.cohort),
        ).order_by("name")
        self.fields["room"].label_from_instance = lambda room: (
            _("%(room)s (%(capacity)d chỗ)")
            % {"room": room.name, "capacity": room.capacity}
        )

    def placement(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {key: data[key] for key in ("date", "half_day", "lecturer", "room")}
