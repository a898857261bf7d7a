"""Forms parse input; the programme services validate and save it."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.core.text import format_number
from daotao.org.models import LegalBasis
from daotao.programs.models import Program, ProgramVersion, Topic
from daotao.programs.services import TopicData, VersionData


class VersionFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại chương trình"),
        choices=[("", _("Tất cả")), *Program.Kind.choices],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"),
        choices=[("", _("Tất cả")), *ProgramVersion.Status.choices],
        required=False,
    )


class VersionCopyForm(forms.Form):
    label = forms.CharField(
        label=_("Tên phiên bản mới"),
        max_length=40,
        help_text=_("Ví dụ: 2026 - tập trung. Bản sao ở trạng thái “Đang soạn”."),
    )


class VersionForm(forms.Form):
    label = forms.CharField(label=_("Phiên bản"), max_length=40)
    mode = forms.ChoiceField(label=_("Hình thức"), choices=ProgramVersion.Mode.choices)
    legal_basis = forms.ModelChoiceField(
        label=_("Văn bản ban hành"),
        queryset=LegalBasis.objects.all(),
        required=False,
    )
    valid_from = forms.DateField(
        label=_("Áp dụng từ"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
    )
    valid_to = forms.DateField(
        label=_("Áp dụng đến"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
    )
    stated_total_periods = forms.IntegerField(
        label=_("Tổng số tiết theo quy định"),
        required=False,
        min_value=0,
        max_value=10_000,
        help_text=_("Số tiết ghi trong văn bản ban hành; để trống khi chưa rõ."),
    )
    duration = forms.CharField(
        label=_("Thời gian đào tạo"), max_length=100, required=False
    )
    is_confirmed = forms.BooleanField(
        label=_("Đã đối chiếu văn bản gốc"),
        required=False,
        help_text=_("Bỏ chọn: giao diện ghi “cần xác nhận”."),
    )
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def to_data(self) -> VersionData:
        data = self.cleaned_data
        return VersionData(
            label=data["label"],
            mode=data["mode"],
            legal_basis_id=data["legal_basis"].pk if data["legal_basis"] else None,
            valid_from=data["valid_from"],
            valid_to=data["valid_to"],
            stated_total_periods=data["stated_total_periods"],
            duration=data["duration"],
            is_confirmed=data["is_confirmed"],
            notes=data["notes"],
        )


def initial_from_version(version: ProgramVersion) -> dict:
    return {
        "label": version.label,
        "mode": version.mode,
        "legal_basis": version.legal_basis_id,
        "valid_from": version.valid_from,
        "valid_to": version.valid_to,
        "stated_total_periods": version.stated_total_periods,
        "duration": version.duration,
        "is_confirmed": version.is_confirmed,
        "notes": version.notes,
    }


# --- Structure -----------------------------------------------------------------------

MAX_PERIODS = 10_000


class BlockForm(forms.Form):
    name = forms.CharField(
        label=_("Tên khối kiến thức"),
        max_length=255,
        help_text=_("Ví dụ: Phần I. Những vấn đề cơ bản về lý luận."),
        error_messages={"required": _("Chưa nhập tên khối kiến thức.")},
    )


class ModuleForm(forms.Form):
    code = forms.CharField(label=_("Mã học phần"), max_length=32, required=False)
    name = forms.CharField(
        label=_("Tên học phần"),
        max_length=255,
        error_messages={"required": _("Chưa nhập tên học phần.")},
    )
    is_assessed = forms.BooleanField(
        label=_("Có đánh giá"),
        required=False,
        initial=True,
        help_text=_("Bỏ chọn nếu học phần không thi, không viết thu hoạch."),
    )
    assessment_note = forms.CharField(
        label=_("Hình thức đánh giá"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: thi viết 180 phút, viết tiểu luận."),
    )

    def to_kwargs(self) -> dict:
        """The keyword arguments of `services.module_add` besides actor and block."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "code": data["code"],
            "is_assessed": data["is_assessed"],
            "assessment_note": data["assessment_note"],
        }


def _periods_field(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=MAX_PERIODS,
        initial=0,
        error_messages={
            "invalid": _("Số tiết phải là số nguyên."),
            "min_value": _("Số tiết không được âm."),
            "max_value": format_lazy(
                _("Số tiết không được quá {limit}."), limit=format_number(MAX_PERIODS)
            ),
        },
    )


class TopicForm(forms.Form):
    name = forms.CharField(
        label=_("Tên chuyên đề"),
        max_length=255,
        error_messages={"required": _("Chưa nhập tên chuyên đề.")},
    )
    lecture_periods = _periods_field(_("Lý thuyết"))
    discussion_periods = _periods_field(_("Thảo luận"))
    practice_periods = _periods_field(_("Thực hành"))
    field_study_periods = _periods_field(_("Thực tế"))

    def to_data(self) -> TopicData:
        data = self.cleaned_data
        return TopicData(
            name=data["name"],
            lecture_periods=data["lecture_periods"] or 0,
            discussion_periods=data["discussion_periods"] or 0,
            practice_periods=data["practice_periods"] or 0,
            field_study_periods=data["field_study_periods"] or 0,
        )


def initial_from_topic(topic: Topic) -> dict:
    return {
        "name": topic.name,
        "lecture_periods": topic.lecture_periods,
        "discussion_periods": topic.discussion_periods,
        "practice_periods": topic.practice_periods,
        "field_study_periods": topic.field_study_periods,
    }


class StructureImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp cấu trúc chương trình (.xlsx, .csv)"),
        help_text=_(
            "Dùng tệp mẫu; mỗi dòng một chuyên đề với khối kiến thức, học phần và "
            "số tiết theo từng hình thức."
        ),
    )
