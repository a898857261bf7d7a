from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT, PlainSelect
from daotao.enrolment.models import Cohort, Rating
from daotao.enrolment.services import NominationData, cohort_version
from daotao.faculty.models import Lecturer
from daotao.people.forms import PersonChoiceField

RATINGS = [("", "—"), *Rating.choices]


class NominationForm(forms.Form):
    person = PersonChoiceField(label=_("Cán bộ"), queryset=None)
    post = forms.CharField(
        label=_("Chức vụ khi cử đi học"), max_length=255, required=False
    )
    is_post_qualifying = forms.BooleanField(
        label=_("Đương chức hoặc trong quy hoạch chức danh thuộc đối tượng"),
        required=False,
    )
    rating_previous_year = forms.ChoiceField(
        label=_("Xếp loại năm trước"), choices=RATINGS, required=False
    )
    rating_year_before = forms.ChoiceField(
        label=_("Xếp loại năm liền trước đó"), choices=RATINGS, required=False
    )
    sending_document_number = forms.CharField(
        label=_("Số văn bản cử đi học"), max_length=64, required=False
    )
    sending_document_date = forms.DateField(
        label=_("Ngày văn bản"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people

    def to_data(self) -> NominationData:
        data = self.cleaned_data
        return NominationData(
            post=data["post"],
            is_post_qualifying=data["is_post_qualifying"],
            rating_previous_year=data["rating_previous_year"],
            rating_year_before=data["rating_year_before"],
            sending_document_number=data["sending_document_number"],
            sending_document_date=data["sending_document_date"],
        )


class OverrideForm(forms.Form):
    rule = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Lý do chấp thuận (trường hợp đặc biệt)"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do không nhận"), widget=forms.Textarea(attrs={"rows": 2})
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"), widget=forms.Textarea(attrs={"rows": 2})
    )


class AdmitForm(forms.Form):
    code = forms.CharField(
        label=_("Mã lớp học (ví dụ K52A)"),
        max_length=32,
        help_text=_("Dùng làm tiền tố mã học viên."),
    )
    signer_title = forms.CharField(
        label=_("Chức vụ người ký quyết định"), max_length=120, initial="HIỆU TRƯỞNG"
    )


class SupplementaryAdmitForm(forms.Form):
    signer_title = forms.CharField(
        label=_("Chức vụ người ký quyết định"), max_length=120, initial="HIỆU TRƯỞNG"
    )


class NominationImportForm(forms.Form):
    """The sheet, the agency it is for (chosen by the school's staff) and the
    agency's sending document."""

    agency = forms.ModelChoiceField(label=_("Cơ quan cử"), queryset=None)
    file = forms.FileField(
        label=_("Tệp danh sách (.xlsx hoặc .csv)"),
        help_text=_("Giữ nguyên tiêu đề, dòng chữ ký; hệ thống tự bỏ qua."),
    )
    sending_document_number = forms.CharField(
        label=_("Số văn bản cử đi học"), max_length=64, required=False
    )
    sending_document_date = forms.DateField(
        label=_("Ngày văn bản"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_INPUT,
    )

    def __init__(self, *args: Any, agencies: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        field.queryset = agencies
        if agencies.count() == 1:
            field.initial = agencies.first()
            field.widget = forms.HiddenInput()


# Vietnamese weekday names by Python's weekday number (0 = Monday).
WEEKDAY_CHOICES = [
    (0, _("Thứ Hai")),
    (1, _("Thứ Ba")),
    (2, _("Thứ Tư")),
    (3, _("Thứ Năm")),
    (4, _("Thứ Sáu")),
    (5, _("Thứ Bảy")),
    (6, _("Chủ nhật")),
]


class LecturerChoiceField(forms.ModelChoiceField):
    widget = PlainSelect

    def label_from_instance(self, obj: Any) -> str:
        if obj.is_active:
            return obj.person.full_name
        return _("%(name)s (đã thôi giảng dạy)") % {"name": obj.person.full_name}


class CohortSettingsForm(forms.Form):
    """The training office's teaching settings of a cohort; the rules (school,
    active lecturer, weekdays, status order) are the service's."""

    homeroom_lecturer = LecturerChoiceField(
        label=_("Giảng viên chủ nhiệm"),
        queryset=None,
        required=False,
        empty_label=_("— Chưa phân công —"),
    )
    study_weekdays = forms.TypedMultipleChoiceField(
        label=_("Ngày học trong tuần"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Lớp tập trung học các ngày trong tuần; lớp không tập trung "
            "thường học thứ Bảy, Chủ nhật."
        ),
    )
    status = forms.ChoiceField(label=_("Tình trạng"), choices=Cohort.Status.choices)
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, cohort: Cohort, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "homeroom_lecturer": cohort.homeroom_lecturer_id,
                "study_weekdays": cohort.study_weekdays,
                "status": cohort.status,
                "version": cohort_version(cohort),
            },
        )
        super().__init__(*args, **kwargs)
        # The school's active lecturers, plus the current one if they have left.
        self.fields["homeroom_lecturer"].queryset = (
            Lecturer.objects.filter(
                Q(school_id=cohort.school_id, is_active=True)
                | Q(pk=cohort.homeroom_lecturer_id)
            )
            .select_related("person")
            # What the options show: 300 lecturers' whole person rows otherwise.
            .only("id", "school_id", "is_active", "person__full_name")
            .order_by("person__sort_key", "id")
        )
