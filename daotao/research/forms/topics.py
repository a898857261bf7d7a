"""Forms of the research topic pages (topics, their outputs)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.research.forms.fields import (
    ALL,
    date_field,
    lecturer_choices,
)
from daotao.research.models import (
    ResearchOutput,
    ResearchTopic,
)

# --- Topics --------------------------------------------------------------------------


class TopicFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo mã, tên, chủ nhiệm"), required=False)
    level = forms.ChoiceField(
        label=_("Cấp đề tài"),
        choices=ALL + ResearchTopic.Level.choices,
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=ALL + ResearchTopic.Status.choices,
        required=False,
    )
    year = forms.IntegerField(
        label=_("Năm"), required=False, min_value=1900, max_value=2100
    )


class TopicForm(forms.Form):
    code = forms.CharField(label=_("Mã đề tài"), max_length=32)
    title = forms.CharField(
        label=_("Tên đề tài"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    level = forms.ChoiceField(
        label=_("Cấp đề tài"), choices=ResearchTopic.Level.choices
    )
    leader = forms.TypedChoiceField(label=_("Chủ nhiệm đề tài"), coerce=int)
    members = forms.TypedMultipleChoiceField(
        label=_("Thành viên"),
        coerce=int,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    starts_on = date_field(_("Ngày bắt đầu"))
    ends_on = date_field(_("Ngày kết thúc"))
    budget = forms.IntegerField(label=_("Kinh phí (đồng)"), min_value=0, initial=0)

    def __init__(self, *args: Any, lecturers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = lecturer_choices(lecturers)
        self.fields["leader"].choices = [("", "—"), *choices]
        self.fields["members"].choices = choices


class TransitionForm(forms.Form):
    status = forms.ChoiceField(choices=ResearchTopic.Status.choices)
    reason = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class AcceptForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Kết quả nghiệm thu"), choices=ResearchTopic.Result.choices
    )
    accepted_on = date_field(_("Ngày nghiệm thu"))
    reason = forms.CharField(
        label=_("Số, ngày quyết định hoặc ghi chú"), required=False, max_length=500
    )


class OutputForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại công trình"), choices=ResearchOutput.Kind.choices
    )
    title = forms.CharField(label=_("Tên công trình"), max_length=500)
    venue = forms.CharField(
        label=_("Tạp chí, nơi công bố"), max_length=300, required=False
    )
    year = forms.IntegerField(label=_("Năm công bố"), min_value=1900, max_value=2100)
    authors = forms.TypedMultipleChoiceField(
        label=_("Tác giả (giảng viên)"),
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def __init__(self, *args: Any, lecturers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["authors"].choices = lecturer_choices(lecturers)
