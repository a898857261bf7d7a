"""Fields the research forms share: dates and date-times as offices type them, the
"all" choice of a filter, lecturers as choices."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from daotao.core.forms import DATE_FORMATS, DATE_INPUT

DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
DATETIME_INPUT = forms.DateTimeInput(
    format="%d/%m/%Y %H:%M", attrs={"placeholder": "dd/mm/yyyy hh:mm"}
)
ALL = [("", _("Tất cả"))]


def date_field(label: Any, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, widget=DATE_INPUT, input_formats=DATE_FORMATS, required=required
    )


def datetime_field(label: Any, *, required: bool = True) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=DATETIME_INPUT,
        input_formats=DATETIME_FORMATS,
        required=required,
    )


def lecturer_choices(lecturers: Any) -> list[tuple[int, str]]:
    return [(lecturer.pk, lecturer.person.full_name) for lecturer in lecturers]
