"""Forms of the learning pages; services do the checking that needs the database."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.learning.models import CommitteeRole, ConductNote
from daotao.learning.policy import FEEDBACK_QUESTIONS, RATING_RANGE


def _date(label: str) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_INPUT, input_formats=DATE_FORMATS)


class LeaveRequestForm(forms.Form):
    starts_on = _date(_("Từ ngày"))
    ends_on = _date(_("Đến ngày"))
    reason = forms.CharField(
        label=_("Lý do"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: đi công tác theo yêu cầu của cơ quan."),
    )


class LeaveDecisionForm(forms.Form):
    approve = forms.TypedChoiceField(
        label=_("Quyết định"),
        choices=[("1", _("Đồng ý")), ("0", _("Không đồng ý"))],
        coerce=lambda value: value == "1",
    )
    note = forms.CharField(label=_("Ý kiến"), max_length=255, required=False)


class ConductNoteForm(forms.Form):
    enrollment = forms.TypedChoiceField(label=_("Học viên"), coerce=int)
    date = _date(_("Ngày"))
    kind = forms.ChoiceField(label=_("Loại"), choices=ConductNote.Kind.choices)
    text = forms.CharField(
        label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, enrollments: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrollment"].choices = _learner_choices(enrollments)


class CommitteeRoleForm(forms.Form):
    enrollment = forms.TypedChoiceField(label=_("Học viên"), coerce=int)
    role = forms.ChoiceField(label=_("Chức danh"), choices=CommitteeRole.Role.choices)
    starts_on = _date(_("Từ ngày"))

    def __init__(self, *args: Any, enrollments: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrollment"].choices = _learner_choices(enrollments)


def _learner_choices(enrollments: list) -> list[tuple[int, str]]:
    return [(e.pk, f"{e.learner_code} · {e.person.full_name}") for e in enrollments]


class CheckInCodeForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Mở trong (phút)"),
        min_value=1,
        initial=15,
        help_text=_("Mã tự đóng khi hết thời gian hoặc khi hết buổi học."),
    )


class FeedbackForm(forms.Form):
    comment = forms.CharField(
        label=_("Góp ý (không bắt buộc)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scale = [(value, str(value)) for value in RATING_RANGE]
        for key, label in FEEDBACK_QUESTIONS:
            self.fields[key] = forms.TypedChoiceField(
                label=label, choices=scale, coerce=int, widget=forms.RadioSelect
            )
        self.order_fields([key for key, _label in FEEDBACK_QUESTIONS])

    def ratings(self) -> dict[str, int]:
        return {key: self.cleaned_data[key] for key, _label in FEEDBACK_QUESTIONS}
