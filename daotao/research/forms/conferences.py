"""Forms of the conference pages: the conference, its parts, themes, delegations,
speeches, liaisons, delegates and the public registration."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.core.validators import validate_phone
from daotao.research.forms.fields import (
    ALL,
    date_field,
    datetime_field,
    lecturer_choices,
)
from daotao.research.models import (
    ConferencePart,
    Delegate,
    InvitedOrganisation,
)

# --- Conferences ---------------------------------------------------------------------


class ConferenceForm(forms.Form):
    title = forms.CharField(
        label=_("Tên hội thảo"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    host = forms.CharField(label=_("Đơn vị chủ trì"), max_length=300)
    co_organisers = forms.CharField(
        label=_("Đơn vị phối hợp (mỗi đơn vị một dòng)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    basis_number = forms.CharField(
        label=_("Số văn bản căn cứ"),
        max_length=64,
        required=False,
        help_text=_("Ví dụ: Kế hoạch số 48/KH-HVCT-HCQG"),
    )
    basis_date = date_field(_("Ngày văn bản căn cứ"), required=False)
    basis_issuer = forms.CharField(
        label=_("Cơ quan, người ban hành văn bản căn cứ"),
        max_length=300,
        required=False,
    )
    basis_summary = forms.CharField(
        label=_("Trích yếu văn bản căn cứ"), max_length=500, required=False
    )
    starts_on = date_field(_("Ngày bắt đầu"))
    ends_on = date_field(_("Ngày kết thúc"))
    venue = forms.CharField(label=_("Địa điểm"), max_length=300)
    budget = forms.IntegerField(label=_("Kinh phí (đồng)"), min_value=0, initial=0)
    registration_opens_at = datetime_field(_("Mở đăng ký từ"), required=False)
    registration_closes_at = datetime_field(_("Đóng đăng ký lúc"), required=False)
    description = forms.CharField(
        label=_("Giới thiệu"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    experience = forms.CharField(
        label=_("Một số kinh nghiệm bước đầu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Mỗi ý một dòng, ví dụ: “Một là, biết chủ động tham mưu, đề xuất…”. "
            "Phần 4 của báo cáo kết quả lấy từ đây."
        ),
    )
    report_recipients = forms.CharField(
        label=_("Nơi nhận báo cáo kết quả"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi nơi nhận một dòng. Để trống: danh sách mặc định."),
    )


class _OwnIdsForm(forms.Form):
    """A form sharing a page with others (the conference page has four): its ids
    carry its own prefix, so `id_name` never appears twice and each label names its
    own input. The field names, and so the posted data, stay the same."""

    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class PartForm(_OwnIdsForm):
    id_prefix = "part"
    name = forms.CharField(label=_("Tên phần"), max_length=300)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ConferencePart.Kind.choices)
    starts_at = datetime_field(_("Bắt đầu"))
    ends_at = datetime_field(_("Kết thúc"))
    venue = forms.CharField(label=_("Địa điểm"), max_length=300, required=False)


class ThemeForm(_OwnIdsForm):
    id_prefix = "theme"
    name = forms.CharField(label=_("Nhóm chủ đề"), max_length=300)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DelegationForm(_OwnIdsForm):
    id_prefix = "delegation"
    name = forms.CharField(label=_("Cơ quan, đơn vị được mời"), max_length=300)
    group = forms.ChoiceField(
        label=_("Nhóm"), choices=InvitedOrganisation.Group.choices
    )
    expected_count = forms.IntegerField(
        label=_("Số đại biểu dự kiến"), min_value=0, initial=0
    )
    position = forms.IntegerField(
        label=_("Thứ tự"),
        min_value=0,
        max_value=999,
        required=False,
        help_text=_("Thứ tự của đoàn trong nhóm, như giấy mời và báo cáo liệt kê."),
    )


class SpeechForm(_OwnIdsForm):
    id_prefix = "speech"
    speaker = forms.CharField(label=_("Người phát biểu"), max_length=180)
    post = forms.CharField(label=_("Chức vụ"), max_length=300)
    gist = forms.CharField(
        label=_("Nội dung chính"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Viết tiếp sau tên và chức vụ, ví dụ: “đánh giá cao sự cố gắng của các "
            "trường…”."
        ),
    )


class LiaisonForm(forms.Form):
    lecturers = forms.TypedMultipleChoiceField(
        label=_("Liên lạc viên"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, lecturers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lecturers"].choices = lecturer_choices(lecturers)


class DelegateFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên (gõ không dấu được)"), required=False)
    delegation = forms.TypedChoiceField(
        label=_("Đoàn"), required=False, coerce=int, empty_value=None
    )
    group = forms.ChoiceField(
        label=_("Nhóm"),
        choices=ALL + InvitedOrganisation.Group.choices,
        required=False,
    )
    role = forms.ChoiceField(
        label=_("Vai trò"), choices=ALL + Delegate.Role.choices, required=False
    )

    def __init__(self, *args: Any, delegations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = ALL + [
            (d.pk, d.organisation.name) for d in delegations
        ]


class DelegateForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=180)
    position = forms.CharField(
        label=_("Chức danh, chức vụ"), max_length=300, required=False
    )
    delegation = forms.TypedChoiceField(label=_("Đoàn"), coerce=int)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Delegate.Role.choices)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    arrives_at = datetime_field(_("Thời gian đến"), required=False)
    departs_at = datetime_field(_("Thời gian về"), required=False)
    needs_lodging = forms.BooleanField(label=_("Cần bố trí nơi nghỉ"), required=False)
    lodging = forms.CharField(label=_("Nơi nghỉ"), max_length=300, required=False)
    meals = forms.IntegerField(
        label=_("Số suất ăn"), min_value=0, max_value=50, initial=0
    )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        return validate_phone(phone) if phone else ""

    def __init__(self, *args: Any, delegations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = [
            ("", "—"),
            *((d.pk, d.organisation.name) for d in delegations),
        ]


class DelegateImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh sách đại biểu (.xlsx, .csv)"),
        help_text=_("Dùng tệp mẫu; mỗi dòng một đại biểu, cột Đoàn ghi tên cơ quan."),
    )


class PublicRegistrationForm(forms.Form):
    """The public form. `website` is the honeypot: people never see or fill it."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=180)
    position = forms.CharField(label=_("Chức danh, chức vụ"), max_length=300)
    delegation = forms.TypedChoiceField(label=_("Cơ quan, đơn vị"), coerce=int)
    email = forms.EmailField(
        label=_("Thư điện tử"),
        required=False,
        help_text=_("Để nhận thư xác nhận đăng ký."),
    )
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    needs_lodging = forms.BooleanField(label=_("Cần bố trí nơi nghỉ"), required=False)
    website = forms.CharField(
        label=_("Để trống ô này"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args: Any, delegations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = [
            ("", _("— Chọn cơ quan —")),
            *((d.pk, d.organisation.name) for d in delegations),
        ]

    def clean_full_name(self) -> str:
        name = " ".join(self.cleaned_data["full_name"].split())
        if len(name.split()) < 2:
            raise forms.ValidationError(_("Hãy ghi đủ họ và tên (ít nhất hai chữ)."))
        if any(char.isdigit() or char in "<>/@:" for char in name):
            raise forms.ValidationError(
                _("Họ và tên chỉ gồm chữ cái và dấu cách; không ghi số hay ký hiệu.")
            )
        return name

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        return validate_phone(phone) if phone else ""
