"""Forms parse input; the lecturer services check it as a whole and save it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.core.text import format_date
from daotao.faculty.models import Lecturer, Unavailability
from daotao.faculty.services import LecturerData, UnavailabilityData

# Typed as dd/mm/yyyy whatever the browser's locale (see people.forms).
ACTIVE_CHOICES = [("", _("Tất cả")), ("1", _("Đang giảng dạy")), ("0", _("Đã thôi"))]


class LecturerFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên (gõ không dấu được)"), required=False)
    unit = forms.TypedChoiceField(
        label=_("Khoa, phòng"), required=False, coerce=int, empty_value=None
    )
    title = forms.ChoiceField(
        label=_("Chức danh"),
        choices=[("", _("Tất cả")), *Lecturer.Title.choices],
        required=False,
    )
    active = forms.ChoiceField(
        label=_("Tình trạng"), choices=ACTIVE_CHOICES, required=False
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [
            ("", _("Tất cả")),
            *units.values_list("pk", "name"),
        ]


class LecturerForm(forms.Form):
    """Title, unit, flags and topics; the person is fixed once the lecturer exists."""

    title = forms.ChoiceField(
        label=_("Chức danh"),
        choices=Lecturer.Title.choices,
        initial=Lecturer.Title.LECTURER,
    )
    unit = forms.TypedChoiceField(
        label=_("Khoa, phòng"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Đơn vị quản lý giảng viên; để trống với giảng viên thỉnh giảng."),
    )
    is_visiting = forms.BooleanField(
        label=_("Giảng viên thỉnh giảng"),
        required=False,
        help_text=_("Mời từ cơ quan ngoài Trường."),
    )
    is_concurrent = forms.BooleanField(
        label=_("Giảng viên kiêm chức"),
        required=False,
        help_text=_("Cán bộ lãnh đạo, quản lý của Trường tham gia giảng dạy."),
    )
    is_active = forms.BooleanField(
        label=_("Đang giảng dạy"), required=False, initial=True
    )
    topics = forms.TypedMultipleChoiceField(
        label=_("Chuyên đề được giảng"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chỉ xếp lịch cho giảng viên vào các chuyên đề được chọn ở đây."),
    )
    preferred_topics = forms.TypedMultipleChoiceField(
        label=_("Chuyên đề muốn giảng"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ưu tiên khi xếp lịch; phải nằm trong các chuyên đề được giảng."),
    )

    def __init__(self, *args: Any, units: Any, topics: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [
            ("", _("— Không thuộc khoa, phòng nào —")),
            *units.values_list("pk", "name"),
        ]
        self.fields["topics"].choices = topics
        self.fields["preferred_topics"].choices = topics

    def to_data(self) -> LecturerData:
        data = self.cleaned_data
        return LecturerData(
            title=data["title"],
            unit_id=data["unit"],
            is_visiting=data["is_visiting"],
            is_concurrent=data["is_concurrent"],
            is_active=data["is_active"],
            topic_ids=tuple(data["topics"]),
            preferred_topic_ids=tuple(data["preferred_topics"]),
        )


def initial_from_lecturer(lecturer: Lecturer) -> dict[str, Any]:
    return {
        "title": lecturer.title,
        "unit": lecturer.unit_id,
        "is_visiting": lecturer.is_visiting,
        "is_concurrent": lecturer.is_concurrent,
        "is_active": lecturer.is_active,
        "topics": list(lecturer.topics.values_list("pk", flat=True)),
        "preferred_topics": list(
            lecturer.preferred_topics.values_list("pk", flat=True)
        ),
    }


def candidate_label(person: Any) -> str:
    """Name, then what tells namesakes apart: date of birth, post, agency."""
    parts = [person.full_name]
    if person.date_of_birth:
        parts.append(format_date(person.date_of_birth))
    agency = person.agency.name if person.agency else ""
    where = ", ".join(p for p in (person.current_post, agency) if p)
    if where:
        parts.append(where)
    return " — ".join(parts)


class LecturerCreateForm(LecturerForm):
    """The profile plus the person: one of the school's persons not yet a lecturer."""

    person = forms.TypedChoiceField(
        label=_("Cán bộ"),
        coerce=int,
        help_text=_(
            "Cán bộ của Trường được liệt kê trước. Không thấy tên: gõ tên vào ô tìm "
            "rồi bấm “Tìm”; chưa có hồ sơ thì thêm ở mục Cán bộ."
        ),
    )

    field_order = ["person"]

    def __init__(self, *args: Any, candidates: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [
            ("", _("— Chọn cán bộ —")),
            *((p.pk, candidate_label(p)) for p in candidates),
        ]


class UnavailabilityForm(forms.Form):
    starts_on = forms.DateField(
        label=_("Từ ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    ends_on = forms.DateField(
        label=_("Đến ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    part = forms.ChoiceField(
        label=_("Buổi"),
        choices=Unavailability.Part.choices,
        initial=Unavailability.Part.WHOLE_DAY,
    )
    # A rotation keeps its days itself (the rotation page).
    kind = forms.ChoiceField(
        label=_("Lý do"),
        choices=[
            c
            for c in Unavailability.Kind.choices
            if c[0] != Unavailability.Kind.ROTATION
        ],
    )
    note = forms.CharField(
        label=_("Ghi chú"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: đi thực tế tại xã Thọ Xuân theo kế hoạch của khoa."),
    )

    def to_data(self) -> UnavailabilityData:
        data = self.cleaned_data
        return UnavailabilityData(
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            part=data["part"],
            kind=data["kind"],
            note=data["note"],
        )
