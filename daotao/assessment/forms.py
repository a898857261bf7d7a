"""Forms of the assessment pages (the entry grid is parsed by the view: its
cells are validated by the service against the rule set)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.assessment.models import Exam
from daotao.people.forms import person_label


class ExamForm(forms.Form):
    module = forms.TypedChoiceField(label=_("Học phần"), coerce=int)
    held_on = forms.DateField(
        label=_("Ngày thi"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy"),
    )
    kind = forms.ChoiceField(
        label=_("Loại"), choices=Exam.Kind.choices, initial=Exam.Kind.REGULAR
    )

    def __init__(self, *args, modules=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [(m.pk, m.name) for m in modules]


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea)


KEEP = _("Để trống: giữ điểm hiện tại.")


class AmendForm(forms.Form):
    score = forms.TypedChoiceField(label=_("Học viên"), coerce=int)
    attendance = forms.CharField(label=_("Chuyên cần"), required=False, help_text=KEEP)
    test = forms.CharField(label=_("Kiểm tra"), required=False, help_text=KEEP)
    exam = forms.CharField(label=_("Thi"), required=False, help_text=KEEP)
    is_absent = forms.BooleanField(label=_("Vắng thi"), required=False)
    reason = forms.CharField(label=_("Lý do điều chỉnh"), widget=forms.Textarea)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy"),
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["score"].choices = [
            (line.pk, person_label(line.enrollment.person)) for line in lines
        ]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))


class DecisionForm(forms.Form):
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"), max_length=120, initial=_("Hiệu trưởng")
    )


class ExaminerForm(forms.Form):
    module = forms.TypedChoiceField(label=_("Học phần"), coerce=int)
    lecturer = forms.TypedChoiceField(
        label=_("Giảng viên chấm thi"),
        coerce=int,
        help_text=_(
            "Giảng viên dạy học phần ở lớp này đã được nhập điểm; phân công thêm "
            "người không dạy mà chấm thi."
        ),
    )

    def __init__(self, *args, modules=(), lecturers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].choices = [(m.pk, m.name) for m in modules]
        self.fields["lecturer"].choices = [
            (x.pk, x.person.full_name) for x in lecturers
        ]


class RuleSetAmendForm(forms.Form):
    rule_set = forms.TypedChoiceField(label=_("Quy chế áp dụng mới"), coerce=int)
    reason = forms.CharField(label=_("Lý do đổi quy chế"), widget=forms.Textarea)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=64)
    decision_date = forms.DateField(
        label=_("Ngày quyết định"),
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        help_text=_("dd/mm/yyyy"),
    )

    def __init__(self, *args, rule_sets=(), **kwargs):
        super().__init__(*args, prefix="quy-che", **kwargs)
        self.fields["rule_set"].choices = [(r.pk, r.name) for r in rule_sets]
