from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.planning.models import PlannedClass
from daotao.planning.services import PlannedClassData


class PlanForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên kế hoạch"), max_length=300)


class SupplementForm(forms.Form):
    title = forms.CharField(
        label=_("Tên kế hoạch bổ sung"),
        max_length=300,
        required=False,
        help_text=_(
            "Để trống: “Kế hoạch bổ sung số … về đào tạo, bồi dưỡng cán bộ năm …”."
        ),
    )


class PlannedClassForm(forms.Form):
    code = forms.CharField(label=_("Mã lớp"), max_length=32)
    name = forms.CharField(label=_("Tên lớp"), max_length=200)
    program_version = forms.ModelChoiceField(label=_("Chương trình"), queryset=None)
    mode = forms.ChoiceField(label=_("Hệ"), choices=PlannedClass.Mode.choices)
    site = forms.ModelChoiceField(label=_("Địa điểm"), queryset=None)
    target_group = forms.CharField(label=_("Đối tượng"), max_length=300, required=False)
    planned_size = forms.IntegerField(label=_("Số lượng"), min_value=1, max_value=500)
    starts_on = forms.DateField(
        label=_("Khai giảng"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    ends_on = forms.DateField(
        label=_("Kết thúc"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    is_carried_over = forms.BooleanField(
        label=_("Lớp chuyển tiếp từ năm trước"),
        required=False,
        help_text=_(
            "Chọn khi lớp đã khai giảng trước năm kế hoạch và còn học trong năm này."
        ),
    )

    def __init__(self, *args: Any, versions: Any, sites: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program_version"].queryset = versions
        self.fields["site"].queryset = sites

    @staticmethod
    def initial_of(planned: PlannedClass) -> dict[str, Any]:
        """The form's values for an existing class (the edit page)."""
        return {
            "code": planned.code,
            "name": planned.name,
            "program_version": planned.program_version_id,
            "mode": planned.mode,
            "site": planned.site_id,
            "target_group": planned.target_group,
            "planned_size": planned.planned_size,
            "starts_on": planned.starts_on,
            "ends_on": planned.ends_on,
            "is_carried_over": planned.starts_on.year < planned.plan.year,
        }

    def to_data(self) -> PlannedClassData:
        data = self.cleaned_data
        return PlannedClassData(
            code=data["code"].strip(),
            name=data["name"].strip(),
            program_version_id=data["program_version"].pk,
            mode=data["mode"],
            site_id=data["site"].pk,
            planned_size=data["planned_size"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            target_group=data["target_group"].strip(),
            is_carried_over=data["is_carried_over"],
        )


class QuotaForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=None)
    places = forms.IntegerField(label=_("Chỉ tiêu"), min_value=0, max_value=500)

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies


class ReturnForm(forms.Form):
    """Sending a submitted plan back: the reviewer's comment (the province's board
    must give one; the service says so)."""

    comment = forms.CharField(
        label=_("Ý kiến trả lại"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Trường thấy ý kiến này trên kế hoạch khi chỉnh sửa."),
    )


class ApproveForm(forms.Form):
    """The province's board approving: its Công văn, if it issued one."""

    approval_number = forms.CharField(
        label=_("Số, ký hiệu công văn phê duyệt"),
        required=False,
        max_length=64,
        help_text=_("Ví dụ: 123-CV/BTCTU. Văn bản Kế hoạch sẽ dẫn căn cứ này."),
    )
    approval_date = forms.DateField(
        label=_("Ngày công văn"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
    )


class QuotaAdjustForm(QuotaForm):
    """The province's board changing an agency's places, with the reason."""

    reason = forms.CharField(label=_("Lý do điều chỉnh"), max_length=500)
