"""Class observation pages (dự giờ, thao giảng): the list, one observation, the
form that records one."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, home_school_id, permission_required
from daotao.core.forms import handle_action, handle_form
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.core.text import format_date
from daotao.faculty.development.selectors import rules_in_force
from daotao.faculty.selectors import school_lecturers
from daotao.teaching.forms.observations import ObservationFilterForm, ObservationForm
from daotao.teaching.selectors import observations as selectors
from daotao.teaching.services import observations as services

VIEW = selectors.VIEW
MANAGE = selectors.MANAGE


def _filters(request: HttpRequest):
    form = ObservationFilterForm(request.GET or None)
    if not form.is_valid():
        return form, selectors.ObservationFilter()
    d = form.cleaned_data
    return form, selectors.ObservationFilter(
        query=d["q"], year=d["nam"], kind=d["kind"], sort=d["sort"] or "date"
    )


@permission_required(VIEW)
def observation_list_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    items = selectors.observation_list(actor=request.user, filters=filters)
    return render(
        request,
        "teaching/observation_list.html",
        {
            "filter_form": form,
            "page": paginate(request, items),
            "is_filtered": filters != selectors.ObservationFilter(),
            "query_without_page": query_string_without(request, "page"),
            "can_manage": has_permission(request.user, MANAGE),
        },
    )


@permission_required(VIEW)
def observation_export_view(request: HttpRequest) -> HttpResponse:
    _form, filters = _filters(request)
    items = selectors.observation_list(actor=request.user, filters=filters)
    return xlsx_response(
        filename="du-gio-thao-giang",
        title=_("Danh sách dự giờ, thao giảng"),
        headers=[
            _("STT"),
            _("Ngày"),
            _("Hình thức"),
            _("Giảng viên"),
            _("Bài giảng"),
            _("Người dự giờ"),
            _("Điểm bình quân"),
            _("Xếp loại"),
        ],
        rows=(
            (
                index,
                format_date(item.observed_on),
                item.get_kind_display(),
                item.lecturer.person.full_name,
                item.lesson,
                ", ".join(o.person.full_name for o in item.observers.all()),
                item.score,
                item.band,
            )
            for index, item in enumerate(items, 1)
        ),
    )


@permission_required(VIEW)
def observation_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_observation(request.user, pk)
    criteria = item.rule_set.parameters["observation_criteria"]
    return render(
        request,
        "teaching/observation_detail.html",
        {
            "item": item,
            "scores": [(c["label"], item.scores.get(c["key"], "")) for c in criteria],
            "can_manage": has_permission(request.user, MANAGE),
        },
    )


@permission_required(MANAGE)
def observation_create_view(request: HttpRequest) -> HttpResponse:
    school_id = home_school_id(request.user, MANAGE)
    if school_id is None:
        raise Http404
    rules = rules_in_force(actor=request.user, day=timezone.localdate())
    if rules.rule_set is None:
        # The form's criteria and scale are the rule set's: none, no form.
        return render(request, "teaching/observation_form.html", {"rules": rules})
    form = ObservationForm(
        request.POST or None,
        lecturers=list(school_lecturers(school_id=school_id)),
        parameters=rules.rule_set.parameters,
        initial={"observed_on": timezone.localdate()},
    )
    return handle_form(
        request,
        form,
        action=lambda _data: services.observation_record(
            actor=request.user, school_id=school_id, data=form.to_data()
        ),
        success=lambda item: (
            _("Đã ghi phiếu dự giờ: %(score)s điểm, %(band)s.")
            % {"score": item.score, "band": item.band}
        ),
        redirect_to=lambda item: reverse("teaching:observation-detail", args=[item.pk]),
        template="teaching/observation_form.html",
        context={"rules": rules},
    )


@permission_required(MANAGE, methods=("POST",))
def observation_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_observation(request.user, pk, MANAGE)
    return handle_action(
        request,
        lambda: services.observation_delete(actor=request.user, observation=item),
        success=_("Đã xóa phiếu dự giờ."),
        redirect_to=reverse("teaching:observation-list"),
    )
