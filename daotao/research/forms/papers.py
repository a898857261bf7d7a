"""Forms of the paper, review, programme and report pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.research.forms.fields import ALL, datetime_field
from daotao.research.models import Paper, Review
from daotao.research.services import papers as paper_services

NONE = [("", "—")]


def _choices(rows: Any, label: Any = str) -> list[tuple[Any, str]]:
    return [(row.pk, label(row)) for row in rows]


class PaperFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên tham luận, tác giả"), required=False)
    theme = forms.TypedChoiceField(
        label=_("Nhóm chủ đề"), coerce=int, empty_value=None, required=False
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), choices=ALL + Paper.Status.choices, required=False
    )

    def __init__(self, *args: Any, themes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = ALL + _choices(themes)


class PaperForm(forms.Form):
    title = forms.CharField(
        label=_("Tên tham luận"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    theme_group = forms.TypedChoiceField(label=_("Nhóm chủ đề"), coerce=int)
    abstract = forms.CharField(
        label=_("Tóm tắt"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    file = forms.FileField(
        label=_("Tệp tham luận"),
        required=False,
        help_text=_("Tệp PDF hoặc Word .docx, không quá 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx"}),
    )

    def __init__(self, *args: Any, themes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme_group"].choices = _choices(themes)


class AuthorForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên tác giả"), max_length=200)
    organisation = forms.TypedChoiceField(
        label=_("Đơn vị được mời"), coerce=int, empty_value=None, required=False
    )
    organisation_name = forms.CharField(
        label=_("hoặc đơn vị khác"), max_length=255, required=False
    )
    is_presenter = forms.BooleanField(label=_("Trình bày"), required=False)

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = NONE + _choices(organisations)


AuthorFormSet = forms.formset_factory(AuthorForm, extra=4, max_num=20)


def author_data(formset: Any) -> tuple[paper_services.AuthorData, ...]:
    return tuple(
        paper_services.AuthorData(
            full_name=form.cleaned_data["full_name"],
            organisation_id=form.cleaned_data.get("organisation"),
            organisation_name=form.cleaned_data.get("organisation_name", ""),
            is_presenter=form.cleaned_data.get("is_presenter", False),
        )
        for form in formset.forms
        if form.cleaned_data.get("full_name")
    )


class ReviewAssignForm(forms.Form):
    lecturer = forms.TypedChoiceField(
        label=_("Giảng viên của Trường"), coerce=int, empty_value=None, required=False
    )
    reviewer_name = forms.CharField(
        label=_("hoặc họ tên chuyên gia ngoài Trường"), max_length=200, required=False
    )
    organisation = forms.TypedChoiceField(
        label=_("Đơn vị của chuyên gia"), coerce=int, empty_value=None, required=False
    )

    def __init__(
        self, *args: Any, lecturers: Any, organisations: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lecturer"].choices = NONE + _choices(
            lecturers, lambda lecturer: lecturer.person.full_name
        )
        self.fields["organisation"].choices = NONE + _choices(organisations)


class ReviewForm(forms.Form):
    score = forms.CharField(label=_("Điểm"), max_length=8)
    recommendation = forms.ChoiceField(
        label=_("Đề nghị"), choices=Review.Recommendation.choices
    )
    comments = forms.CharField(
        label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("accept", _("Chấp nhận")), ("reject", _("Không chấp nhận"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút tham luận"), widget=forms.Textarea(attrs={"rows": 2})
    )


class PlaceForm(forms.Form):
    session = forms.TypedChoiceField(
        label=_("Phiên"), coerce=int, empty_value=None, required=False
    )
    position = forms.IntegerField(
        label=_("Thứ tự trong phiên"),
        min_value=1,
        required=False,
        help_text=_("Để trống: xếp cuối phiên."),
    )

    def __init__(self, *args: Any, sessions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["session"].choices = [("", _("— Bỏ khỏi chương trình —"))] + [
            (s.pk, f"{s.part.name} · {s.title}") for s in sessions
        ]


class SessionForm(forms.Form):
    part = forms.TypedChoiceField(label=_("Thuộc phần"), coerce=int)
    title = forms.CharField(label=_("Tên phiên"), max_length=300)
    starts_at = datetime_field(_("Bắt đầu"))
    ends_at = datetime_field(_("Kết thúc"))
    venue = forms.CharField(
        label=_("Địa điểm"),
        max_length=200,
        required=False,
        help_text=_("Để trống: địa điểm của phần."),
    )
    chairs = forms.CharField(
        label=_("Chủ trì"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một người."),
    )
    speakers = forms.CharField(
        label=_("Phát biểu khác (khai mạc, chỉ đạo…)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một người."),
    )

    def __init__(self, *args: Any, parts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = _choices(parts)


class DraftSettingsForm(forms.Form):
    drafting_unit = forms.TypedChoiceField(label=_("Đơn vị soạn thảo"), coerce=int)
    signer_authority = forms.CharField(
        label=_("Quyền hạn ký"),
        max_length=80,
        required=False,
        help_text=_(
            "Ví dụ: KT. HIỆU TRƯỞNG. Để trống cả quyền hạn và chức vụ: theo mẫu văn "
            "bản; giấy mời gửi Ban Thường vụ Tỉnh ủy, Học viện do Hiệu trưởng ký."
        ),
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=120,
        required=False,
        help_text=_("Để trống: theo mẫu văn bản."),
    )
    signer_name = forms.CharField(
        label=_("Họ tên người ký"), max_length=120, required=False
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["drafting_unit"].choices = _choices(units, lambda u: u.name)
