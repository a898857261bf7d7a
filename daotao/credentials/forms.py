"""Forms of the credentials pages: Vietnamese labels, dates as dd/mm/yyyy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.credentials.models import Credential, CredentialTemplate, Kind
from daotao.credentials.services import BlankStockData


def _date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
    )


def _reason_field(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class CredentialFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Tìm theo tên"),
        required=False,
        help_text=_("Gõ có dấu hoặc không dấu."),
    )
    year = forms.TypedChoiceField(
        label=_("Năm"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Loại"), required=False, choices=[("", _("Tất cả")), *Kind.choices]
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[("", _("Tất cả")), *Credential.Status.choices],
    )
    cohort = forms.ChoiceField(label=_("Lớp"), required=False)
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        required=False,
        choices=[("", _("Theo tên")), ("so", _("Theo số vào sổ"))],
    )

    def __init__(
        self, *args: Any, years: list[int], classes: Sequence[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cohort"].choices = [("", _("Tất cả"))] + [
            (code, code) for code in classes
        ]
        self.fields["year"].choices = [("", _("Tất cả"))] + [
            (year, str(year)) for year in years
        ]


class BlankStockForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại phôi"), choices=Kind.choices)
    serial_prefix = forms.CharField(
        label=_("Ký hiệu số hiệu"),
        max_length=16,
        required=False,
        help_text=_("Phần chữ đứng trước số hiệu in trên phôi, nếu có."),
    )
    first_number = forms.IntegerField(label=_("Từ số"), min_value=1)
    last_number = forms.IntegerField(label=_("Đến số"), min_value=1)
    number_width = forms.IntegerField(
        label=_("Số chữ số"),
        min_value=1,
        max_value=12,
        initial=6,
        help_text=_("Ví dụ 6: số 42 in là 000042."),
    )
    received_on = _date_field(_("Ngày nhận"))
    note = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def to_data(self) -> BlankStockData:
        return BlankStockData(**self.cleaned_data)


class SpoilForm(forms.Form):
    serial_number = forms.IntegerField(label=_("Số phôi hỏng"), min_value=1)
    reason = _reason_field(_("Lý do hỏng"))


class CorrectForm(forms.Form):
    holder_name = forms.CharField(label=_("Họ và tên"), max_length=180)
    holder_date_of_birth = _date_field(_("Ngày sinh"), required=False)
    classification_label = forms.CharField(
        label=_("Xếp loại"), max_length=80, required=False
    )
    reason = _reason_field(_("Lý do đính chính"))


class RevokeForm(forms.Form):
    reason = _reason_field(_("Lý do thu hồi"))


class ReissueForm(forms.Form):
    issued_on = _date_field(_("Ngày cấp lại"))
    signer = forms.CharField(label=_("Người ký"), max_length=200)
    reason = _reason_field(_("Lý do cấp lại"))


class CredentialTemplateForm(forms.ModelForm):
    """The wording of a credential template; labels are the model's Vietnamese
    verbose names."""

    class Meta:
        model = CredentialTemplate
        fields = [*CredentialTemplate.WORDING_FIELDS, "is_confirmed"]
        widgets = {"issuer_lines": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "issuer_lines": _(
                "{co_quan_chu_quan}: cơ quan chủ quản; {truong}: tên trường (in hoa)."
            ),
            "grantor": _("{truong}: tên trường (in hoa)."),
            "is_confirmed": _(
                "Chỉ đánh dấu khi đã đối chiếu với mẫu do Học viện Chính trị quốc gia "
                "Hồ Chí Minh ban hành."
            ),
        }


class SerialLookupForm(forms.Form):
    """The public look-up by the số hiệu printed on the paper and the holder's date
    of birth (the pair, so that numbers cannot be tried one after another)."""

    so_hieu = forms.CharField(label=_("Số hiệu in trên văn bằng"), max_length=40)
    ngay_sinh = forms.DateField(
        label=_("Ngày sinh"),
        input_formats=DATE_FORMATS,
        error_messages={
            "invalid": _("Ngày sinh ghi theo dạng ngày/tháng/năm, ví dụ 05/03/1978.")
        },
    )

    def clean_so_hieu(self) -> str:
        return "".join(self.cleaned_data["so_hieu"].split()).upper()
