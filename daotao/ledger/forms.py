"""Forms of the ledger pages: a lecturer's norm, an entry added by hand, and the
figures of an hour rule set."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.faculty.models import Lecturer
from daotao.ledger import rules
from daotao.ledger.models import LedgerEntry
from daotao.ledger.services import ManualEntry


class VietnameseDecimalField(forms.DecimalField):
    """A decimal typed the Vietnamese way (2,5) or with a point (2.5)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return format(rules.as_decimal(value).normalize(), "f").replace(".", ",")
        return value


class NormForm(forms.Form):
    adjustment_percent = forms.IntegerField(
        label=_("Điều chỉnh định mức (%)"),
        initial=0,
        help_text=_("Số âm để giảm; trong giới hạn của bộ định mức."),
    )
    adjustment_reason = forms.CharField(
        label=_("Lý do điều chỉnh"), max_length=255, required=False
    )
    reduction_hours = VietnameseDecimalField(
        label=_("Giảm định mức (giờ chuẩn)"),
        max_digits=6,
        decimal_places=1,
        min_value=0,
        initial=0,
        help_text=_("Giảm cho chức vụ quản lý, công tác Đảng, đoàn thể."),
    )
    reduction_reason = forms.CharField(
        label=_("Lý do giảm"), max_length=255, required=False
    )


MANUAL_CHOICES = [
    (code, label)
    for code, label in LedgerEntry.Activity.choices
    if code in rules.MANUAL_ACTIVITIES
]


class EntryForm(forms.Form):
    activity = forms.ChoiceField(label=_("Hoạt động"), choices=MANUAL_CHOICES)
    date = forms.DateField(
        label=_("Ngày"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    quantity = forms.IntegerField(
        label=_("Số lượng"),
        min_value=1,
        max_value=9999,
        help_text=_("Số tiết (bài tập tình huống) hoặc số học viên hướng dẫn."),
    )
    coefficient = VietnameseDecimalField(
        label=_("Hệ số"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        help_text=_("Trong khoảng của bộ định mức, ví dụ 2–2,5."),
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def to_data(self) -> ManualEntry:
        data = self.cleaned_data
        return ManualEntry(
            activity=data["activity"],
            date=data["date"],
            quantity=Decimal(data["quantity"]),
            coefficient=data["coefficient"],
            note=data["note"],
        )


ACTIVITY_LABELS = dict(LedgerEntry.Activity.choices)


def _number_field(label: Any, **kwargs: Any) -> VietnameseDecimalField:
    return VietnameseDecimalField(
        label=label, max_digits=6, decimal_places=2, min_value=0, **kwargs
    )


class RuleSetForm(forms.Form):
    """One field per coefficient, range end and norm of the rule set's parameters;
    keys the form does not know are kept as they are."""

    max_adjustment_percent = forms.IntegerField(
        label=_("Điều chỉnh định mức cá nhân tối đa (±%)"), min_value=0, max_value=99
    )
    post_reductions = forms.CharField(
        label=_("Giảm định mức theo chức vụ"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng: tên chức vụ = số giờ chuẩn được giảm."),
    )
    is_confirmed = forms.BooleanField(
        label=_("Đã đối chiếu với văn bản gốc"), required=False
    )

    def __init__(self, *args: Any, parameters: dict[str, Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.parameters = parameters
        for activity, value in parameters["coefficients"].items():
            label = ACTIVITY_LABELS.get(activity, activity)
            self.fields[f"coefficient_{activity}"] = _number_field(
                _("Hệ số: %(a)s") % {"a": label}, initial=value
            )
            bounds = parameters.get("ranges", {}).get(activity)
            if bounds:
                self.fields[f"low_{activity}"] = _number_field(
                    _("Thấp nhất: %(a)s") % {"a": label}, initial=bounds[0]
                )
                self.fields[f"high_{activity}"] = _number_field(
                    _("Cao nhất: %(a)s") % {"a": label}, initial=bounds[1]
                )
        titles = dict(Lecturer.Title.choices)
        for title, value in parameters["norms"].items():
            self.fields[f"norm_{title}"] = _number_field(
                _("Định mức năm: %(t)s") % {"t": titles.get(title, title)},
                initial=value,
            )
        self.fields["max_adjustment_percent"].initial = parameters[
            "max_adjustment_percent"
        ]
        self.fields["post_reductions"].initial = "\n".join(
            f"{post} = {_plain(value)}"
            for post, value in parameters.get("post_reductions", {}).items()
        )

    def coefficient_rows(self) -> list[tuple[Any, ...]]:
        """(activity label, coefficient, lowest, highest) bound fields per activity;
        the ends are None for a fixed coefficient."""
        return [
            (
                ACTIVITY_LABELS.get(activity, activity),
                self[f"coefficient_{activity}"],
                self[f"low_{activity}"] if f"low_{activity}" in self.fields else None,
                self[f"high_{activity}"] if f"high_{activity}" in self.fields else None,
            )
            for activity in self.parameters["coefficients"]
        ]

    def norm_fields(self) -> list[Any]:
        return [self[f"norm_{title}"] for title in self.parameters["norms"]]

    def clean_post_reductions(self) -> dict[str, Any]:
        reductions = {}
        for number, line in enumerate(
            self.cleaned_data["post_reductions"].splitlines()
        ):
            if not line.strip():
                continue
            post, sign, hours = line.partition("=")
            try:
                value = Decimal(hours.strip().replace(",", "."))
            except ArithmeticError:
                value = None
            if not sign or not post.strip() or value is None or value < 0:
                raise ValidationError(
                    _("Dòng %(n)s chưa đúng dạng “tên chức vụ = số giờ”.")
                    % {"n": number + 1}
                )
            reductions[post.strip()] = _json_number(value)
        return reductions

    def to_parameters(self) -> dict[str, Any]:
        data = self.cleaned_data
        parameters = dict(self.parameters)
        parameters["coefficients"] = {
            a: _json_number(data[f"coefficient_{a}"])
            for a in self.parameters["coefficients"]
        }
        parameters["ranges"] = {
            a: [_json_number(data[f"low_{a}"]), _json_number(data[f"high_{a}"])]
            for a in self.parameters.get("ranges", {})
            if f"low_{a}" in data
        }
        parameters["norms"] = {
            t: _json_number(data[f"norm_{t}"]) for t in self.parameters["norms"]
        }
        parameters["max_adjustment_percent"] = data["max_adjustment_percent"]
        parameters["post_reductions"] = data["post_reductions"]
        return parameters


def _json_number(value: Decimal) -> int | float:
    """A Decimal as the JSON number the parameters hold (2 rather than 2.0)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _plain(value: Any) -> str:
    return format(rules.as_decimal(value).normalize(), "f").replace(".", ",")
