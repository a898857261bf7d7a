"""Forms parse input; the programme services validate and save it."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.org.models import LegalBasis
from daotao.programs.models import Program, ProgramVersion
from daotao.programs.services import VersionData

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_INPUT = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)


class VersionFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại chương trình"),
        choices=[("", _("Tất cả")), *Program.Kind.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *ProgramVersion.Status.choices],
        required=False,
    )


class VersionCopyForm(forms.Form):
    label = forms.CharField(
        label=_("Tên phiên bản mới"),
        max_length=40,
        help_text=_("Ví dụ: 2026 - tập trung. Bản sao ở trạng thái “Đang soạn”."),
    )


class VersionForm(forms.Form):
    label = forms.CharField(label=_("Phiên bản"), max_length=40)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=ProgramVersion.Mode.choices)
    legal_basis = forms.ModelChoiceField(
        label=_("Văn bản ban hành"),
        queryset=LegalBasis.objects.all(),
        required=False,
    )
    valid_from = forms.DateField(
        label=_("Áp dụng từ"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
    )
    valid_to = forms.DateField(
        label=_("Áp dụng đến"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
    )
    stated_total_periods = forms.IntegerField(
        label=_("Tổng số tiết theo quy định"),
        required=False,
        min_value=0,
        max_value=10_000,
        help_text=_("Số tiết ghi trong văn bản ban hành; để trống khi chưa rõ."),
    )
    duration = forms.CharField(
        label=_("Thời gian đào tạo"), max_length=100, required=False
    )
    is_confirmed = forms.BooleanField(
        label=_("Đã đối chiếu văn bản gốc"),
        required=False,
        help_text=_("Bỏ chọn: giao diện ghi “cần xác nhận”."),
    )
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def to_data(self) -> VersionData:
        data = self.cleaned_data
        return VersionData(
            label=data["label"],
            mode=data["mode"],
            legal_basis_id=data["legal_basis"].pk if data["legal_basis"] else None,
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            stated_total_periods=data["stated_total_periods"],
            duration=data["duration"],
            is_confirmed=data["is_confirmed"],
            notes=data["notes"],
        )


def initial_from_version(version: ProgramVersion) -> dict:
    return {
        "label": version.label,
        "mode": version.mode,
        "legal_basis": version.legal_basis_id,
        "valid_from": version.valid_from,
        "valid_to": version.valid_to,
        "stated_total_periods": version.stated_total_periods,
        "duration": version.duration,
        "is_confirmed": version.is_confirmed,
        "notes": version.notes,
    }
