"""Forms of lecturer development: they parse; the services check and save."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.faculty.development.services import (
    FieldPracticeData,
    QualificationData,
    RotationData,
)
from daotao.faculty.models import Qualification, Rotation, TeachingContest

SORT_CHOICES = [("date", _("Mới nhất trước")), ("name", _("Theo tên"))]


def _date(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, widget=DATE_INPUT, input_formats=DATE_FORMATS, required=required
    )


class DevelopmentFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên (gõ không dấu được)"), required=False)
    nam = forms.IntegerField(
        label=_("Năm"), required=False, min_value=1990, max_value=2100
    )
    sort = forms.ChoiceField(label=_("Sắp xếp"), choices=SORT_CHOICES, required=False)


class QualificationForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=Qualification.Kind.choices)
    name = forms.CharField(label=_("Tên văn bằng, chứng chỉ"), max_length=255)
    level = forms.CharField(
        label=_("Trình độ, hạng"),
        max_length=100,
        required=False,
        help_text=_("Ví dụ: Thạc sĩ, Cao cấp, B1, Chuẩn kỹ năng CNTT cơ bản."),
    )
    issuer = forms.CharField(label=_("Nơi cấp"), max_length=255, required=False)
    issued_on = _date(_("Ngày cấp"), required=False)
    expires_on = _date(_("Hết hạn ngày"), required=False)
    evidence = forms.FileField(label=_("Tệp minh chứng (PDF, ảnh)"), required=False)

    def to_data(self) -> QualificationData:
        d = self.cleaned_data
        return QualificationData(
            kind=d["kind"],
            name=d["name"],
            level=d["level"],
            issuer=d["issuer"],
            issued_on=d["issued_on"],
            expires_on=d["expires_on"],
        )


class FieldPracticeForm(forms.Form):
    place = forms.CharField(label=_("Địa điểm, đơn vị đến"), max_length=255)
    topic = forms.CharField(label=_("Nội dung tìm hiểu"), max_length=500)
    starts_on = _date(_("Từ ngày"))
    ends_on = _date(_("Đến ngày"))

    def to_data(self) -> FieldPracticeData:
        d = self.cleaned_data
        return FieldPracticeData(
            place=d["place"],
            topic=d["topic"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
        )


class ReportForm(forms.Form):
    submitted_on = _date(_("Ngày nộp báo cáo"))
    text = forms.CharField(
        label=_("Tóm tắt báo cáo"), widget=forms.Textarea(attrs={"rows": 3})
    )


class RotationForm(forms.Form):
    post = forms.CharField(label=_("Chức vụ đảm nhiệm"), max_length=255)
    host = forms.CharField(label=_("Cơ quan, địa phương đến"), max_length=255)
    level = forms.ChoiceField(label=_("Cấp"), choices=Rotation.Level.choices)
    starts_on = _date(_("Từ ngày"))
    ends_on = _date(_("Đến ngày"))
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=64, required=False
    )
    decision_on = _date(_("Ngày quyết định"), required=False)

    def to_data(self) -> RotationData:
        d = self.cleaned_data
        return RotationData(
            post=d["post"],
            host=d["host"],
            level=d["level"],
            starts_on=d["starts_on"],
            ends_on=d["ends_on"],
            decision_number=d["decision_number"],
            decision_on=d["decision_on"],
        )


class ContestForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=1990, max_value=2100)
    level = forms.ChoiceField(
        label=_("Cấp hội thi"), choices=TeachingContest.Level.choices
    )
    result = forms.ChoiceField(
        label=_("Kết quả"), choices=TeachingContest.Result.choices
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class EvaluationDecideForm(forms.Form):
    band = forms.ChoiceField(label=_("Mức xếp loại"))
    note = forms.CharField(label=_("Nhận xét"), max_length=500, required=False)

    def __init__(self, *args: Any, bands: list[dict], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["band"].choices = [(b["code"], b["label"]) for b in bands]


class RuleSetForm(forms.Form):
    parameters = forms.CharField(
        label=_("Tham số (JSON)"),
        widget=forms.Textarea(attrs={"rows": 24, "spellcheck": "false"}),
        help_text=_(
            "Số giờ chuẩn một ngày đi thực tế, số ngày đi thực tế mỗi năm, số ngày "
            "báo trước khi chứng chỉ hết hạn, phiếu dự giờ và các mức xếp loại."
        ),
    )
    is_confirmed = forms.BooleanField(
        label=_("Đã đối chiếu văn bản gốc"), required=False
    )

    def clean_parameters(self) -> dict:
        try:
            value = json.loads(self.cleaned_data["parameters"])
        except ValueError as error:
            raise forms.ValidationError(_("Tham số không đúng dạng JSON.")) from error
        if not isinstance(value, dict):
            raise forms.ValidationError(_("Tham số không đúng dạng JSON."))
        return value
