"""Vietnamese formatting in templates: {{ value|vi_date }}, {{ value|vi_number }},
{{ value|vi_measure }} (no zero fraction: "20 km", not "20,0 km")."""

from typing import Any

from django import template

from daotao.core.text import format_date, format_measure, format_number

register = template.Library()


@register.filter
def vi_date(value: Any) -> str:
    return format_date(value) if value else ""


@register.filter
def vi_number(value: Any) -> str:
    return format_number(value) if value is not None and value != "" else ""


@register.filter
def vi_measure(value: Any) -> str:
    return format_measure(value) if value is not None and value != "" else ""
