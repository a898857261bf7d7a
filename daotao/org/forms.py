"""Forms of the organisation pages: a unit, a site, a room, a room closure."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from daotao.core.actors import Actor
from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.org.models import Room, Site, Unit
from daotao.org.selectors import site_choices

MANAGE_ROOM = "org.manage_room"


class UnitForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên đơn vị"), max_length=200)
    abbreviation = forms.CharField(
        label=gettext_lazy("Viết tắt"),
        max_length=16,
        help_text=gettext_lazy("Dùng trong ký hiệu văn bản, ví dụ: K.LLCS, P.QLĐT"),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=Unit.Kind.choices)
    is_teaching = forms.BooleanField(
        label=gettext_lazy("Đơn vị giảng dạy, nghiên cứu"), required=False
    )
    position = forms.IntegerField(
        label=gettext_lazy("Thứ tự"), min_value=0, max_value=999, initial=0
    )


class SiteForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên địa điểm"), max_length=200)
    kind = forms.ChoiceField(label=gettext_lazy("Loại"), choices=Site.Kind.choices)
    address = forms.CharField(
        label=gettext_lazy("Địa chỉ"), max_length=300, required=False
    )
    is_active = forms.BooleanField(
        label=gettext_lazy("Đang dùng"),
        required=False,
        initial=True,
        help_text=gettext_lazy("Bỏ chọn để thôi dùng địa điểm (giữ lại lịch sử)."),
    )


class RoomForm(forms.Form):
    site = forms.ModelChoiceField(
        label=gettext_lazy("Địa điểm"), queryset=Site.objects.none()
    )
    name = forms.CharField(
        label=gettext_lazy("Tên phòng"),
        max_length=100,
        help_text=gettext_lazy("Ví dụ: Phòng học 302, Hội trường A."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Loại phòng"), choices=Room.Kind.choices
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Sức chứa (chỗ ngồi)"),
        min_value=1,
        max_value=2000,
        help_text=gettext_lazy("Lớp đông hơn sức chứa không được xếp vào phòng này."),
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"), max_length=255, required=False
    )
    is_active = forms.BooleanField(
        label=gettext_lazy("Đang dùng"),
        required=False,
        initial=True,
        help_text=gettext_lazy(
            "Bỏ chọn để thôi dùng phòng: bộ xếp lịch không xếp vào phòng đã thôi dùng."
        ),
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = site_choices(actor=actor, permission=MANAGE_ROOM)


class RoomClosureForm(forms.Form):
    starts_on = forms.DateField(
        label=gettext_lazy("Từ ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Đến ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    reason = forms.CharField(
        label=gettext_lazy("Lý do"),
        max_length=200,
        help_text=gettext_lazy("Ví dụ: sửa chữa, dùng cho hội nghị."),
    )
