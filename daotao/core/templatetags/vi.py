"""Vietnamese formatting in templates: {{ value|vi_date }}, {{ value|vi_number }}."""

from typing import Any

from django import template

from daotao.core.text import format_date, format_number

register = template.Library()


@register.filter
def vi_date(value: Any) -> str:
    return format_date(value) if value else ""


@register.filter
def vi_number(value: Any) -> str:
    return format_number(value) if value is not None and value != "" else ""
