"""Forms of learner support and conduct: the rate set's figures, a commune's
distance, a learner's commune, a reward or discipline, the conduct bands."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT
from daotao.learning.models import ConductDecision
from daotao.org.models import Area, LegalBasis

EXTRA_LABELS = {
    "female": _("Hỗ trợ thêm cho học viên nữ (đồng/ngày)"),
    "ethnic_minority": _("Hỗ trợ thêm cho học viên người dân tộc thiểu số (đồng/ngày)"),
    "remote": _(
        "Hỗ trợ thêm cho học viên ở xã miền núi, vùng sâu, vùng xa (đồng/ngày)"
    ),
}


def _date(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, widget=DATE_INPUT, input_formats=DATE_FORMATS, required=required
    )


def _money(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0)


class DecimalCommaField(forms.DecimalField):
    """A decimal typed the Vietnamese way (12,5) or with a point (12.5)."""

    widget = forms.TextInput(attrs={"inputmode": "decimal"})

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)


def _plain(value: Any) -> str:
    return format(Decimal(str(value)).normalize(), "f").replace(".", ",")


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip().replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


class SupportRateSetForm(forms.Form):
    name = forms.CharField(label=_("Tên mức hỗ trợ"), max_length=200)
    province = forms.ModelChoiceField(
        label=_("Tỉnh, thành phố"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("(Mặc định cho tỉnh chưa có nghị quyết)"),
    )
    legal_basis = forms.ModelChoiceField(
        label=_("Văn bản căn cứ (nghị quyết HĐND tỉnh)"),
        queryset=LegalBasis.objects.order_by("number"),
        help_text=_("Thêm văn bản mới trong Danh mục văn bản căn cứ nếu chưa có."),
    )
    valid_from = _date(_("Hiệu lực từ ngày"))
    valid_to = _date(_("Hiệu lực đến ngày"), required=False)
    meal_per_day = _money(_("Tiền ăn (đồng/ngày học)"))
    lodging_per_night = _money(_("Tiền nghỉ (đồng/đêm)"))
    lodging_from_km = DecimalCommaField(
        label=_("Hỗ trợ tiền nghỉ khi ở cách Trường từ (km)"),
        min_value=0,
        max_digits=6,
        decimal_places=1,
    )
    travel_bands = forms.CharField(
        label=_("Tiền đi lại theo khoảng cách (một lượt đi và về)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Mỗi dòng: đến bao nhiêu km = số tiền; dòng cuối “trên = số tiền” cho "
            "mọi khoảng cách xa hơn. Ví dụ: 15 = 0, 50 = 100000, trên = 300000."
        ),
    )
    extra_female = _money(EXTRA_LABELS["female"])
    extra_ethnic_minority = _money(EXTRA_LABELS["ethnic_minority"])
    extra_remote = _money(EXTRA_LABELS["remote"])
    extra_combine = forms.ChoiceField(
        label=_("Học viên thuộc nhiều đối tượng"),
        choices=[
            ("sum", _("Cộng các mức hỗ trợ thêm")),
            ("max", _("Chỉ hưởng mức cao nhất")),
        ],
    )

    def __init__(self, *args: Any, parameters: dict[str, Any] | None = None, **kw):
        super().__init__(*args, **kw)
        self.fields["province"].queryset = Area.objects.filter(
            level=Area.Level.PROVINCE
        ).order_by("sort_key")
        if parameters and not self.is_bound:
            self.initial.update(_initial(parameters))

    def clean_travel_bands(self) -> list[dict[str, Any]]:
        bands = []
        for line in self.cleaned_data["travel_bands"].splitlines():
            if not line.strip():
                continue
            edge, sign, amount = line.partition("=")
            value = _number(amount)
            open_end = edge.strip().lower() in ("trên", "tren", "*")
            km = None if open_end else _number(edge)
            if not sign or value is None or (km is None and not open_end):
                raise forms.ValidationError(
                    _gettext("Dòng “%(line)s” chưa đúng dạng “km = số tiền”.")
                    % {"line": line.strip()}
                )
            bands.append(
                {"up_to_km": None if km is None else float(km), "amount": int(value)}
            )
        if not bands:
            raise forms.ValidationError(_gettext("Cần ít nhất một khoảng cách."))
        return bands

    def parameters(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "meal_per_day": data["meal_per_day"],
            "lodging_per_night": data["lodging_per_night"],
            "lodging_from_km": float(data["lodging_from_km"]),
            "travel_bands": data["travel_bands"],
            "extra_per_day": {
                "female": data["extra_female"],
                "ethnic_minority": data["extra_ethnic_minority"],
                "remote": data["extra_remote"],
            },
            "extra_combine": data["extra_combine"],
        }


def _initial(parameters: dict[str, Any]) -> dict[str, Any]:
    extras = parameters.get("extra_per_day", {})
    return {
        "meal_per_day": parameters.get("meal_per_day", 0),
        "lodging_per_night": parameters.get("lodging_per_night", 0),
        "lodging_from_km": _plain(parameters.get("lodging_from_km", 0)),
        "travel_bands": "\n".join(
            f"{'trên' if b['up_to_km'] is None else _plain(b['up_to_km'])} = "
            f"{b['amount']}"
            for b in parameters.get("travel_bands", [])
        ),
        "extra_female": extras.get("female", 0),
        "extra_ethnic_minority": extras.get("ethnic_minority", 0),
        "extra_remote": extras.get("remote", 0),
        "extra_combine": parameters.get("extra_combine", "sum"),
    }


class CommuneProfileForm(forms.Form):
    commune = forms.ModelChoiceField(
        label=_("Xã, phường, đặc khu"), queryset=Area.objects.none()
    )
    distance_km = DecimalCommaField(
        label=_("Khoảng cách đến Trường (km)"),
        min_value=0,
        max_digits=6,
        decimal_places=1,
    )
    is_remote = forms.BooleanField(
        label=_("Xã miền núi, vùng sâu, vùng xa"), required=False
    )
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = Area.objects.filter(
            level=Area.Level.COMMUNE
        ).order_by("sort_key")


class LearnerCommuneForm(forms.Form):
    enrollment = forms.TypedChoiceField(label=_("Học viên"), coerce=int)
    commune = forms.ModelChoiceField(
        label=_("Nơi cư trú (xã, phường)"),
        queryset=Area.objects.none(),
        required=False,
        empty_label=_("(Theo địa bàn cơ quan cử đi học)"),
    )

    def __init__(self, *args: Any, enrollments: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrollment"].choices = [
            (e.pk, f"{e.learner_code} · {e.person.full_name}") for e in enrollments
        ]
        self.fields["commune"].queryset = Area.objects.filter(
            level=Area.Level.COMMUNE
        ).order_by("sort_key")


class ConductDecisionForm(forms.Form):
    enrollment = forms.TypedChoiceField(label=_("Học viên"), coerce=int)
    kind = forms.ChoiceField(label=_("Loại"), choices=ConductDecision.Kind.choices)
    form = forms.ChoiceField(label=_("Hình thức"), choices=ConductDecision.Form.choices)
    reason = forms.CharField(
        label=_("Thành tích hoặc vi phạm"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    decided_on = _date(_("Ngày đề nghị"))

    def __init__(self, *args: Any, enrollments: list, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrollment"].choices = [
            (e.pk, f"{e.learner_code} · {e.person.full_name}") for e in enrollments
        ]


class ConductRuleSetForm(forms.Form):
    bands = forms.CharField(
        label=_("Xếp loại theo điểm rèn luyện"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Mỗi dòng: điểm tối thiểu = xếp loại. Ví dụ: 90 = Tốt."),
    )
    points = forms.CharField(
        label=_("Điểm cộng, trừ theo từng việc"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Mỗi dòng: mã việc = điểm (âm là trừ). Ví dụ: absent = -5."),
    )

    def __init__(self, *args: Any, parameters: dict[str, Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.base = parameters
        if not self.is_bound:
            self.initial = {
                "bands": "\n".join(
                    f"{b['min']} = {b['label']}" for b in parameters.get("bands", [])
                ),
                "points": "\n".join(
                    f"{k} = {v}" for k, v in parameters.get("points", {}).items()
                ),
            }

    def _pairs(self, name: str) -> list[tuple[str, str]]:
        pairs = []
        for line in self.cleaned_data[name].splitlines():
            if not line.strip():
                continue
            left, sign, right = line.partition("=")
            if not sign or not left.strip() or not right.strip():
                raise forms.ValidationError(
                    _gettext("Dòng “%(line)s” chưa đúng dạng “a = b”.")
                    % {"line": line.strip()}
                )
            pairs.append((left.strip(), right.strip()))
        return pairs

    def clean_bands(self) -> list[dict[str, Any]]:
        try:
            bands = [{"min": int(a), "label": b} for a, b in self._pairs("bands")]
        except ValueError:
            raise forms.ValidationError(
                _gettext("Điểm tối thiểu phải là số nguyên.")
            ) from None
        if not bands:
            raise forms.ValidationError(_gettext("Cần ít nhất một mức xếp loại."))
        return sorted(bands, key=lambda band: -band["min"])

    def clean_points(self) -> dict[str, int]:
        try:
            return {a: int(b) for a, b in self._pairs("points")}
        except ValueError:
            raise forms.ValidationError(_gettext("Điểm phải là số nguyên.")) from None

    def parameters(self) -> dict[str, Any]:
        return self.base | {
            "bands": self.cleaned_data["bands"],
            "points": self.cleaned_data["points"],
        }
