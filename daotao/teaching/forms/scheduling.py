"""Forms of the scheduling pages: a new term, a run of the engine."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy

from daotao.core.forms import (
    DATE_FORMATS,
    DATE_INPUT,
)
from daotao.enrolment.models import Cohort
from daotao.teaching.services import scheduling as services


class TermForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên đợt"), max_length=120)
    starts_on = forms.DateField(
        label=gettext_lazy("Từ ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    ends_on = forms.DateField(
        label=gettext_lazy("Đến ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    cohorts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Các lớp"),
        queryset=Cohort.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Các lớp được xếp lịch trong đợt này."),
    )

    def __init__(
        self, *args: Any, school_id: int | None, term: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        offered = Q(status__in=["open", "studying"])
        if term is not None:  # the edit page: the term's own cohorts stay offered
            offered |= Q(terms=term)
        self.fields["cohorts"].queryset = (
            Cohort.objects.filter(offered, school_id=school_id)
            .distinct()
            .order_by("code")
        )


class RunForm(forms.Form):
    low, high = services.TIME_LIMIT_RANGE
    time_limit_seconds = forms.IntegerField(
        label=gettext_lazy("Thời gian xếp tối đa (giây)"),
        min_value=low,
        max_value=high,
        initial=60,
        help_text=gettext_lazy("Càng lâu, lịch càng ít điểm phạt."),
    )
