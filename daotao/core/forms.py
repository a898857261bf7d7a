"""What every form view shares."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

# The widest integer column (PostgreSQL bigint, SQLite's INTEGER) and the narrowest
# (smallint: display orders and the like). A number past its column's range reaches
# the database as an overflow (a 500), so forms refuse it first.
INTEGER_LIMIT = 2**63 - 1
SMALL_INTEGER_LIMIT = 2**15 - 1


def bound_integer_fields() -> None:
    """Give every form's number field (integer, decimal, float) the widest column's
    range as a floor of checking; fields with a narrower column set ``max_value``.

    Set once at start-up (CoreConfig.ready) so no form can forget it: without it a
    budget of 10^23 crashed the conference and topic forms.
    """
    message = _("Số quá lớn hoặc quá nhỏ để lưu.")
    forms.IntegerField.default_validators = [
        MinValueValidator(-INTEGER_LIMIT - 1, message=message),
        MaxValueValidator(INTEGER_LIMIT, message=message),
    ]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: field errors next to their
    field, the rest in the summary on top."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


# Dates as offices write them (dd/mm/yyyy, or with dashes), and ISO (what a browser's
# date picker or a hand-typed URL sends). Shown back as dd/mm/yyyy whatever the
# browser's language, which a type="date" input would not do.
DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_INPUT = forms.DateInput(
    format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}
)


class PlainSelect(forms.Select):
    """A <select> whose options are written in Python rather than through one
    template per option: the same HTML, for lists of hundreds of options (the
    roster's 300 lecturers were two thirds of its page's time)."""

    def render(
        self, name: str, value: Any, attrs: Any = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"], flatatt(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
                if group_name
                else rendered
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            SafeString("".join(groups)),
        )
