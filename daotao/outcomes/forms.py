"""Forms of the agency pages: Vietnamese labels; the services hold the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.outcomes.models import Placement


class ResearchTaskForm(forms.Form):
    title = forms.CharField(label=_("Tên đề tài"), max_length=300)
    description = forms.CharField(
        label=_("Yêu cầu"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Gắn với vị trí công tác của cán bộ."),
    )
    due_on = forms.DateField(
        label=_("Hạn nộp"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )


class PlacementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Placement.Kind.choices)
    post = forms.CharField(label=_("Chức vụ"), max_length=255, required=False)
    agency_name = forms.CharField(label=_("Cơ quan"), max_length=255, required=False)
    effective_on = forms.DateField(
        label=_("Từ ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    decision_number = forms.CharField(
        label=_("Số quyết định"), max_length=64, required=False
    )


class GradeForm(forms.Form):
    grade = forms.DecimalField(
        label=_("Điểm"),
        max_digits=4,
        decimal_places=2,
        help_text=_("Theo thang điểm và bước làm tròn của quy chế đánh giá."),
    )
    comment = forms.CharField(
        label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
