from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.standards.models import Indicator


class AssessmentForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm tự đánh giá"), min_value=2021, max_value=2100
    )


class EnteredValueForm(forms.Form):
    value = forms.DecimalField(
        label=_("Giá trị"), max_digits=12, decimal_places=2, min_value=0
    )
    explanation = forms.CharField(
        label=_("Giải trình"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Tên minh chứng"), max_length=300)
    file = forms.FileField(
        label=_("Tệp minh chứng"),
        help_text=_("PDF, Word, Excel hoặc ảnh (JPG, PNG)."),
    )


class IndicatorForm(forms.Form):
    threshold = forms.DecimalField(
        label=_("Ngưỡng đạt"), max_digits=9, decimal_places=2, min_value=0
    )
    above_threshold = forms.DecimalField(
        label=_("Ngưỡng vượt chuẩn"),
        max_digits=9,
        decimal_places=2,
        min_value=0,
        required=False,
        help_text=_("Để trống nếu chỉ tiêu không có mức vượt chuẩn."),
    )
    direction = forms.ChoiceField(
        label=_("Chiều so sánh"), choices=Indicator.Direction.choices
    )
    is_confirmed = forms.BooleanField(
        label=_("Ngưỡng đã đối chiếu văn bản gốc"), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
