"""How an indicator's values and thresholds are written (pages, export, report)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from daotao.core.text import format_number
from daotao.standards.models import Indicator


def value_text(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == Indicator.Unit.YES_NO:
        return _("Có") if value else _("Không")
    text = format_number(int(value) if value == value.to_integral() else value)
    return f"{text}%" if unit == Indicator.Unit.PERCENT else text


def threshold_text(indicator: Indicator) -> str:
    sign = "≥" if indicator.direction == Indicator.Direction.AT_LEAST else "≤"
    text = f"{sign} {value_text(indicator.threshold, indicator.unit)}"
    if indicator.unit == Indicator.Unit.YES_NO:
        text = _("Có") if indicator.threshold else _("Không")
    if not indicator.is_confirmed:
        text += " " + _("(chưa xác nhận)")
    return text
