"""People pages: thin views over the person selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, home_school_id, permission_required
from daotao.core.forms import add_service_errors
from daotao.core.listing import export_response, paginate, query_string_without
from daotao.core.page_cache import cached_page
from daotao.org.selectors import agency_choices
from daotao.people import selectors, services
from daotao.people.exports import PERSON_EXPORT, person_filter
from daotao.people.forms import PersonFilterForm, PersonForm, initial_from_person


def _filters(request: HttpRequest) -> tuple[PersonFilterForm, selectors.PersonFilter]:
    form = PersonFilterForm(request.GET or None)
    if form.is_valid():
        data = form.cleaned_data
        return form, selectors.PersonFilter(
            query=data["q"],
            agency_id=data["agency"],
            sex=data["sex"],
            sort=request.GET.get("sort", "name"),
        )
    return form, selectors.PersonFilter(sort=request.GET.get("sort", "name"))


def _agency_options(request: HttpRequest, selected: int | None) -> str:
    """The agency filter's <option>s, joined in Python: two hundred of them through
    the template engine cost more than the rest of the page."""
    agencies = agency_choices(actor=request.user, permission="people.view_person")
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (pk, mark_safe(" selected") if pk == selected else "", name)
            for pk, name in agencies.values_list("id", "name")
        ),
    )


@permission_required("people.view_person")
@cached_page
def person_list_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    people = selectors.person_list(actor=request.user, filters=filters)
    context = {
        "filter_form": form,
        "agency_options": _agency_options(request, filters.agency_id),
        "page": paginate(request, people),
        "sort": filters.sort,
        "query_without_page": query_string_without(request, "page"),
        "query_without_sort": query_string_without(request, "page", "sort"),
        "can_add": has_permission(request.user, "people.add_person"),
        "can_export": has_permission(request.user, "people.export_person"),
        "can_import": has_permission(request.user, "people.import_person"),
    }
    template = (
        "people/_person_table.html" if request.htmx else "people/person_list.html"
    )
    return render(request, template, context)


@permission_required("people.export_person")
def person_export_view(request: HttpRequest) -> HttpResponse:
    params = request.GET.dict()
    services.person_export_record(
        actor=request.user, filters=person_filter(params), request=request
    )
    return export_response(request, export=PERSON_EXPORT, params=params)


@permission_required("people.view_person")
def person_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for_view(request.user, pk)
    can_change = has_permission(request.user, "people.change_person")
    if can_change:
        try:
            selectors.get_person_for_change(request.user, pk)
        except Http404:
            can_change = False
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "history": selectors.person_post_history(person=person),
            "can_change": can_change,
        },
    )


@permission_required("people.add_person")
def person_create_view(request: HttpRequest) -> HttpResponse:
    agencies = agency_choices(actor=request.user, permission="people.add_person")
    form = PersonForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        school_id = home_school_id(request.user, "people.add_person")
        try:
            person = services.person_create(
                actor=request.user, school_id=school_id, data=form.to_data()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã thêm cán bộ %s.") % person.full_name)
            back = request.GET.get("next", "")
            if url_has_allowed_host_and_scheme(
                back, allowed_hosts={request.get_host()}, require_https=False
            ) and back.startswith("/"):
                return redirect(back)
            return redirect("people:person-detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": None})


@permission_required("people.change_person")
def person_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for_change(request.user, pk)
    agencies = agency_choices(actor=request.user, permission="people.change_person")
    form = PersonForm(
        request.POST or None, initial=initial_from_person(person), agencies=agencies
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_update(
                actor=request.user,
                person=person,
                data=form.to_data(),
                expected_version=form.cleaned_data["version"] or 0,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu hồ sơ %s.") % person.full_name)
            return redirect("people:person-detail", pk=person.pk)
    return render(request, "people/person_form.html", {"form": form, "person": person})
