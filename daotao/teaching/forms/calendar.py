"""Forms of the calendar data pages: a public holiday, the travel time between two
sites."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.org.models import LegalBasis
from daotao.teaching.services import calendar as services


class HolidayForm(forms.Form):
    date = forms.DateField(
        label=gettext_lazy("Ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    name = forms.CharField(
        label=gettext_lazy("Tên ngày nghỉ"),
        max_length=120,
        help_text=gettext_lazy("Ví dụ: Tết Nguyên đán, Quốc khánh (ngày liền kề)."),
    )
    legal_basis = forms.ModelChoiceField(
        label=gettext_lazy("Văn bản căn cứ"),
        queryset=LegalBasis.objects.order_by("-issued_on", "number"),
        required=False,
        empty_label=gettext_lazy("— Không ghi —"),
    )
    is_confirmed = forms.BooleanField(
        label=gettext_lazy("Đã đối chiếu với thông báo nghỉ lễ của năm"),
        required=False,
    )

    def to_data(self) -> services.HolidayData:
        return services.HolidayData(**self.cleaned_data)


class TravelForm(forms.Form):
    from_site = forms.IntegerField(widget=forms.HiddenInput)
    to_site = forms.IntegerField(widget=forms.HiddenInput)
    half_days = forms.IntegerField(
        label=gettext_lazy("Số buổi đi đường"),
        min_value=services.TRAVEL_HALF_DAYS[0],
        max_value=services.TRAVEL_HALF_DAYS[-1],
    )
