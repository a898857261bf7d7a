"""The class-observation form: its criteria come from the rule set in force."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.teaching.models import Observation
from daotao.teaching.services.observations import ObservationData


class ObservationForm(forms.Form):
    lecturer = forms.TypedChoiceField(label=_("Giảng viên được dự giờ"), coerce=int)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Observation.Kind.choices)
    observed_on = forms.DateField(
        label=_("Ngày dự giờ"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    lesson = forms.CharField(label=_("Tên bài giảng, chuyên đề"), max_length=500)
    observers = forms.TypedMultipleChoiceField(
        label=_("Người dự giờ"),
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    comments = forms.CharField(
        label=_("Nhận xét, góp ý"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, lecturers: list, parameters: dict, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = [(lecturer.pk, lecturer.person.full_name) for lecturer in lecturers]
        self.fields["lecturer"].choices = [("", "—"), *choices]
        self.fields["observers"].choices = choices
        self.criteria = parameters["observation_criteria"]
        scale = parameters["observation_scale_max"]
        for criterion in self.criteria:
            self.fields[f"score_{criterion['key']}"] = forms.DecimalField(
                label=criterion["label"],
                min_value=0,
                max_value=scale,
                decimal_places=2,
                help_text=_("Từ 0 đến %s điểm") % scale,
            )

    def to_data(self) -> ObservationData:
        d = self.cleaned_data
        return ObservationData(
            lecturer_id=d["lecturer"],
            kind=d["kind"],
            observed_on=d["observed_on"],
            lesson=d["lesson"],
            observer_ids=tuple(d["observers"]),
            scores={c["key"]: d[f"score_{c['key']}"] for c in self.criteria},
            comments=d["comments"],
        )


class ObservationFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên (gõ không dấu được)"), required=False)
    nam = forms.IntegerField(
        label=_("Năm"), required=False, min_value=1990, max_value=2100
    )
    kind = forms.ChoiceField(
        label=_("Hình thức"),
        choices=[("", _("Tất cả")), *Observation.Kind.choices],
        required=False,
    )
    sort = forms.ChoiceField(
        label=_("Sắp xếp"),
        choices=[
            ("date", _("Mới nhất trước")),
            ("name", _("Theo tên")),
            ("score", _("Điểm cao trước")),
        ],
        required=False,
    )
