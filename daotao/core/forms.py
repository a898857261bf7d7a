"""What every form view shares."""

from collections.abc import Callable
from typing import Any

from django import forms, shortcuts
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.utils import flatatt
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
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


# A success message or a redirect target (what django.shortcuts.redirect takes): a
# value, or a function of what the service returned.
Outcome = Any


def _of(value: Outcome, result: Any) -> Any:
    return value(result) if callable(value) else value


def handle_form(
    request: HttpRequest,
    form: forms.Form,
    *,
    action: Callable[[dict[str, Any]], Any],
    success: Outcome | None,
    redirect_to: Outcome,
    render: Callable[[forms.Form], HttpResponse] | None = None,
    template: str = "",
    context: dict[str, Any] | None = None,
    error_status: int = 200,
) -> HttpResponse:
    """A form page: on a GET the page; on a POST with the form valid and the service
    content, a success message and a redirect; otherwise the page again with the
    form's and the service's errors on the form.

    ``action`` gets the cleaned data and calls the service; ``success`` (None for no
    message) and ``redirect_to`` are values or functions of what the action returned.
    The page is
    ``render(form)``, or ``template`` with ``context`` and the form as ``form``
    (answered with ``error_status`` when the form has errors).
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if success:
                messages.success(request, _of(success, result))
            return redirect(_of(redirect_to, result))
    if render is not None:
        return render(form)
    return shortcuts.render(
        request,
        template,
        {**(context or {}), "form": form},
        status=error_status if form.errors else 200,
    )


def show_service_errors(request: HttpRequest, error: ValidationError) -> None:
    """A service's refusal as messages on the next page (for actions without a form)."""
    for message in error.messages:
        messages.error(request, message)


# The box a consequential one-click action (sign, approve, lock, issue, publish)
# carries in its form (templates/partials/confirm_box.html): `required` in the
# browser, checked again here, so the action never happens by one stray click.
CONFIRM_FIELD = "confirm"


def refused_unconfirmed(request: HttpRequest) -> bool:
    """True, with an error message, when the POST lacks the ticked confirmation box;
    the caller then changes nothing."""
    if request.POST.get(CONFIRM_FIELD) == "yes":
        return False
    messages.error(
        request,
        _("Chưa xác nhận: hãy đánh dấu ô xác nhận rồi bấm lại. Chưa có gì thay đổi."),
    )
    return True


def handle_action(
    request: HttpRequest,
    action: Callable[[], Any],
    *,
    success: Outcome,
    redirect_to: Any,
    confirm: bool = False,
) -> HttpResponse:
    """A button without a form (submit, approve, lock): call the service; its refusal
    or the success (a value or a function of the result) as a message; back to
    ``redirect_to`` (what ``django.shortcuts.redirect`` takes) either way. With
    ``confirm``, nothing is called unless the confirmation box was ticked."""
    if confirm and refused_unconfirmed(request):
        return redirect(redirect_to)
    try:
        result = action()
    except ValidationError as error:
        show_service_errors(request, error)
    else:
        messages.success(request, _of(success, result))
    return redirect(redirect_to)


def handle_posted_form(
    request: HttpRequest,
    form: forms.Form,
    *,
    action: Callable[[dict[str, Any]], Any],
    success: Outcome,
    redirect_to: Any,
) -> HttpResponse:
    """A small form posted from a list or a detail page (a decision, a grade): the
    service called with the cleaned data; the form's or the service's refusal, or
    the success, as messages; back to ``redirect_to`` either way."""
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(redirect_to)
    return handle_action(
        request,
        lambda: action(form.cleaned_data),
        success=success,
        redirect_to=redirect_to,
    )


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
