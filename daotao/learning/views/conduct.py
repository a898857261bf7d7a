"""Rewards, discipline and conduct pages: the list of decisions (proposed, drafted,
signed), the conduct classification per learner, and the conduct rule set."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import (
    has_permission,
    home_school_id,
    log_personal_data_export,
    permission_required,
)
from daotao.core.forms import add_service_errors, handle_action, handle_posted_form
from daotao.core.listing import (
    int_param,
    options_html,
    paginate,
    query_string_without,
    xlsx_response,
)
from daotao.core.text import format_date
from daotao.documents.services import issuer_ensure_default
from daotao.learning import services
from daotao.learning.forms_support import ConductDecisionForm, ConductRuleSetForm
from daotao.learning.models import ConductDecision, ConductRuleSet
from daotao.learning.policy import can_manage_cohort_conduct
from daotao.learning.selectors import conduct as selectors
from daotao.org.models import NotInForce
from daotao.org.selectors import drafting_unit_for

VIEW = "learning.view_conduct"
MANAGE = "learning.manage_conduct"
MANAGE_RULES = "learning.manage_conduct_rules"
DRAFT = "documents.draft_document"
POST = ("POST",)


def _list_context(request: HttpRequest, sort: str) -> dict[str, Any]:
    return {
        "q": request.GET.get("q", ""),
        "sort": sort,
        "query_without_page": query_string_without(request, "page"),
        "query_without_sort": query_string_without(request, "page", "sort"),
    }


# --- Rewards and discipline ----------------------------------------------------------


def _decisions(request: HttpRequest) -> Any:
    return selectors.decisions(
        actor=request.user,
        query=request.GET.get("q", ""),
        kind=request.GET.get("loai", ""),
        sort=request.GET.get("sort", "date"),
    )


@permission_required(VIEW)
def decision_list_view(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "date")
    cohorts = list(selectors.cohorts_for_conduct(actor=request.user))
    manageable = [c for c in cohorts if can_manage_cohort_conduct(request.user, c)]
    cohort_id = int_param(request, "lop")
    cohort = next((c for c in manageable if c.pk == cohort_id), None)
    context = _list_context(request, sort) | {
        "page": paginate(request, _decisions(request)),
        "kind": request.GET.get("loai", ""),
        "kinds": ConductDecision.Kind.choices,
        "cohort_options": options_html(
            ((c.pk, f"{c.code} — {c.name}") for c in manageable), cohort_id
        ),
        "cohort": cohort,
        "form": ConductDecisionForm(
            enrollments=list(selectors.enrollments_for_conduct(cohort))
        )
        if cohort
        else None,
        "can_draft": has_permission(request.user, DRAFT)
        and has_permission(request.user, MANAGE),
    }
    return render(request, "learning/conduct_decision_list.html", context)


@permission_required(VIEW)
def decision_export_view(request: HttpRequest) -> HttpResponse:
    log_personal_data_export(
        actor=request.user,
        object_type="learning.conductdecision",
        filters={"q": request.GET.get("q", ""), "loai": request.GET.get("loai", "")},
        request=request,
    )
    rows = (
        (
            index,
            d.enrollment.person.full_name,
            d.enrollment.cohort.code,
            d.enrollment.agency.name,
            d.get_kind_display(),
            d.get_form_display(),
            d.reason,
            format_date(d.decided_on),
            d.document.symbol if d.document and d.document.number else "",
            d.document.get_status_display() if d.document else _("Chưa soạn"),
        )
        for index, d in enumerate(_decisions(request), 1)
    )
    return xlsx_response(
        filename="khen-thuong-ky-luat-hoc-vien",
        title=_("Khen thưởng, kỷ luật học viên"),
        headers=[
            _("STT"),
            _("Họ và tên"),
            _("Lớp"),
            _("Cơ quan cử"),
            _("Loại"),
            _("Hình thức"),
            _("Thành tích, vi phạm"),
            _("Ngày đề nghị"),
            _("Số quyết định"),
            _("Tình trạng"),
        ],
        rows=rows,
    )


@permission_required(MANAGE, methods=POST)
def decision_propose_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_conduct(request.user, pk)
    enrollments = list(selectors.enrollments_for_conduct(cohort))
    by_id = {e.pk: e for e in enrollments}
    form = ConductDecisionForm(request.POST, enrollments=enrollments)
    return handle_posted_form(
        request,
        form,
        action=lambda data: services.conduct_decision_propose(
            actor=request.user,
            enrollment=by_id[data["enrollment"]],
            kind=data["kind"],
            form=data["form"],
            reason=data["reason"],
            decided_on=data["decided_on"],
        ),
        success=_("Đã ghi đề nghị; Phòng Quản lý đào tạo soạn quyết định."),
        redirect_to=f"{reverse('learning:decision-list')}?lop={cohort.pk}",
    )


@permission_required(MANAGE, methods=POST)
def decision_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    decision = selectors.get_decision_for_conduct(request.user, pk)
    school = decision.enrollment.cohort.school
    return handle_action(
        request,
        lambda: services.conduct_decision_draft(
            actor=request.user,
            decision=decision,
            issuer=issuer_ensure_default(school=school),
            drafting_unit_id=drafting_unit_for(actor=request.user, school_id=school.pk),
        ),
        success=_("Đã soạn dự thảo quyết định; trình lãnh đạo ký ở mục Văn bản đi."),
        redirect_to="learning:decision-list",
    )


# --- Conduct classification ----------------------------------------------------------


def _results(request: HttpRequest) -> Any:
    return selectors.results(
        actor=request.user,
        query=request.GET.get("q", ""),
        cohort_id=int_param(request, "lop"),
        sort=request.GET.get("sort", "name"),
    )


def _rule_set() -> ConductRuleSet | None:
    try:
        return ConductRuleSet.objects.select_related("legal_basis").for_date(
            timezone.localdate()
        )
    except NotInForce:
        return None


@permission_required(VIEW)
def conduct_list_view(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "name")
    cohorts = list(selectors.cohorts_for_conduct(actor=request.user))
    cohort_id = int_param(request, "lop")
    context = _list_context(request, sort) | {
        "page": paginate(request, _results(request)),
        "cohort_options": options_html(
            ((c.pk, f"{c.code} — {c.name}") for c in cohorts), cohort_id
        ),
        "classifiable": [
            c for c in cohorts if can_manage_cohort_conduct(request.user, c)
        ],
        "rule_set": _rule_set(),
        "can_edit_rules": has_permission(request.user, MANAGE_RULES),
    }
    return render(request, "learning/conduct_list.html", context)


@permission_required(VIEW)
def conduct_export_view(request: HttpRequest) -> HttpResponse:
    log_personal_data_export(
        actor=request.user,
        object_type="learning.conductresult",
        filters={"q": request.GET.get("q", ""), "lop": int_param(request, "lop")},
        request=request,
    )
    rows = (
        (
            index,
            r.enrollment.learner_code,
            r.enrollment.person.full_name,
            r.enrollment.cohort.code,
            r.enrollment.agency.name,
            r.score,
            r.label,
        )
        for index, r in enumerate(_results(request), 1)
    )
    return xlsx_response(
        filename="xep-loai-ren-luyen",
        title=_("Xếp loại rèn luyện học viên"),
        headers=[
            _("STT"),
            _("Mã học viên"),
            _("Họ và tên"),
            _("Lớp"),
            _("Cơ quan cử"),
            _("Điểm rèn luyện"),
            _("Xếp loại"),
        ],
        rows=rows,
    )


@permission_required(MANAGE, methods=POST)
def conduct_classify_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_conduct(request.user, pk)
    return handle_action(
        request,
        lambda: services.conduct_classify(actor=request.user, cohort=cohort),
        success=lambda results: (
            _("Đã xếp loại rèn luyện %(n)s học viên.") % {"n": len(results)}
        ),
        redirect_to=f"{reverse('learning:conduct-list')}?lop={cohort.pk}",
    )


@permission_required(MANAGE_RULES)
def conduct_rule_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    rule_set = get_object_or_404(ConductRuleSet, pk=pk)
    if request.method == "POST":
        form = ConductRuleSetForm(request.POST, parameters=rule_set.parameters)
        if form.is_valid():
            try:
                services.conduct_rule_set_update(
                    actor=request.user,
                    school_id=home_school_id(request.user, MANAGE_RULES) or 0,
                    rule_set=rule_set,
                    parameters=form.parameters(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("learning:conduct-list")
    else:
        form = ConductRuleSetForm(parameters=rule_set.parameters)
    return render(
        request,
        "learning/conduct_rule_form.html",
        {"form": form, "rule_set": rule_set},
        status=400 if form.is_bound else 200,
    )
