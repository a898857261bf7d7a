"""Learner support pages: the rate sets and communes the office keeps, the cohorts'
payment lists (computed, exported, drafted as a decision)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import (
    has_permission,
    log_personal_data_export,
    permission_required,
)
from daotao.core.forms import add_service_errors, handle_action, handle_posted_form
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.core.text import format_date, format_measure, format_number
from daotao.documents.services import issuer_ensure_default
from daotao.learning import services
from daotao.learning.forms_support import (
    CommuneProfileForm,
    LearnerCommuneForm,
    SupportRateSetForm,
)
from daotao.learning.models import SupportRateSet
from daotao.learning.selectors import support as selectors
from daotao.org.models import NotInForce
from daotao.org.selectors import drafting_unit_for, home_school

VIEW = "learning.view_support"
MANAGE = "learning.manage_support"
POST = ("POST",)
CATEGORY_LABELS = {
    "female": _("nữ"),
    "ethnic_minority": _("dân tộc thiểu số"),
    "remote": _("xã miền núi, vùng sâu, vùng xa"),
}


def _list_context(request: HttpRequest, sort: str) -> dict[str, Any]:
    return {
        "q": request.GET.get("q", ""),
        "sort": sort,
        "query_without_page": query_string_without(request, "page"),
        "query_without_sort": query_string_without(request, "page", "sort"),
    }


# --- Payment lists -------------------------------------------------------------------


def _cohorts(request: HttpRequest) -> Any:
    """Support is paid for a course under way or over: the cohorts not yet started
    only when asked (?sap-mo=1)."""
    upcoming = request.GET.get("sap-mo") == "1"
    return selectors.cohorts_for_support(
        actor=request.user,
        query=request.GET.get("q", ""),
        sort=request.GET.get("sort", "start"),
        started_by=None if upcoming else timezone.localdate(),
    )


@permission_required(VIEW)
def support_cohort_list_view(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "start")
    context = _list_context(request, sort) | {
        "page": paginate(request, _cohorts(request)),
        "upcoming": request.GET.get("sap-mo") == "1",
    }
    return render(request, "learning/support_cohort_list.html", context)


@permission_required(VIEW)
def support_cohort_list_export_view(request: HttpRequest) -> HttpResponse:
    cohorts = _cohorts(request)
    rows = (
        (
            index,
            c.code,
            c.name,
            format_date(c.starts_on),
            format_date(c.ends_on),
            c.learner_count,
            c.support_total if c.support_total is not None else "",
        )
        for index, c in enumerate(cohorts, 1)
    )
    return xlsx_response(
        filename="ho-tro-hoc-vien-cac-lop",
        title=_("Hỗ trợ học viên theo lớp"),
        headers=[
            _("STT"),
            _("Mã lớp"),
            _("Tên lớp"),
            _("Khai giảng"),
            _("Kết thúc"),
            _("Số học viên"),
            _("Tổng tiền hỗ trợ (đồng)"),
        ],
        rows=rows,
    )


def _payment_context(request: HttpRequest, cohort: Any) -> dict[str, Any]:
    payment = getattr(cohort, "support_payment", None)
    lines = list(selectors.payment_lines(payment)) if payment else []
    try:
        rate_set = selectors.rate_set_for(school=cohort.school, on=cohort.starts_on)
    except NotInForce:
        rate_set = None
    enrollments = [line.enrollment for line in lines]
    can_manage = has_permission(request.user, MANAGE)
    return {
        "cohort": cohort,
        "payment": payment,
        "lines": lines,
        "totals": _totals(lines),
        "rate_set": payment.rate_set if payment else rate_set,
        "category_labels": CATEGORY_LABELS,
        "can_manage": can_manage,
        "can_draft": can_manage
        and has_permission(request.user, "documents.draft_document"),
        "commune_form": LearnerCommuneForm(enrollments=enrollments)
        if can_manage and enrollments
        else None,
    }


def _totals(lines: list[Any]) -> dict[str, int]:
    fields = ("meals", "lodging", "travel", "extra", "total")
    return {f: sum(getattr(line, f) for line in lines) for f in fields}


@permission_required(VIEW)
def support_cohort_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_support(request.user, pk)
    return render(
        request, "learning/support_cohort.html", _payment_context(request, cohort)
    )


@permission_required(VIEW)
def support_cohort_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_support(request.user, pk)
    payment = getattr(cohort, "support_payment", None)
    lines = list(selectors.payment_lines(payment)) if payment else []
    log_personal_data_export(
        actor=request.user,
        object_type="learning.supportline",
        filters={"cohort": cohort.pk},
        request=request,
    )
    rows: list[list[Any]] = [
        [
            index,
            line.enrollment.learner_code,
            line.enrollment.person.full_name,
            line.enrollment.agency.name,
            line.commune_name,
            float(line.distance_km) if line.distance_km is not None else "",
            ", ".join(str(CATEGORY_LABELS[c]) for c in line.categories),
            line.days_present,
            line.nights,
            line.meals,
            line.lodging,
            line.travel,
            line.extra,
            line.total,
        ]
        for index, line in enumerate(lines, 1)
    ]
    totals = _totals(lines)
    rows.append(
        ["", "", _("Tổng cộng"), "", "", "", "", "", "", totals["meals"],
         totals["lodging"], totals["travel"], totals["extra"], totals["total"]]
    )  # fmt: skip
    return xlsx_response(
        filename=f"chi-ho-tro-{cohort.code}",
        title=_("Danh sách chi hỗ trợ học viên lớp %(code)s") % {"code": cohort.code},
        headers=[
            _("STT"),
            _("Mã học viên"),
            _("Họ và tên"),
            _("Cơ quan cử"),
            _("Nơi đi (xã, phường)"),
            _("Khoảng cách (km)"),
            _("Đối tượng hỗ trợ thêm"),
            _("Số ngày học"),
            _("Số đêm nghỉ"),
            _("Tiền ăn"),
            _("Tiền nghỉ"),
            _("Tiền đi lại"),
            _("Hỗ trợ thêm"),
            _("Cộng (đồng)"),
        ],
        rows=rows,
    )


@permission_required(MANAGE, methods=POST)
def support_payment_compute_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_support(request.user, pk)
    return handle_action(
        request,
        lambda: services.support_payment_compute(actor=request.user, cohort=cohort),
        success=_("Đã tính danh sách chi hỗ trợ từ kết quả điểm danh."),
        redirect_to=("learning:support-cohort", cohort.pk),
    )


@permission_required(MANAGE, methods=POST)
def support_payment_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_support(request.user, pk)
    return handle_action(
        request,
        lambda: services.support_payment_draft(
            actor=request.user,
            cohort=cohort,
            issuer=issuer_ensure_default(school=cohort.school),
            drafting_unit_id=drafting_unit_for(
                actor=request.user, school_id=cohort.school_id
            ),
        ),
        success=_("Đã soạn dự thảo quyết định chi hỗ trợ."),
        redirect_to=("learning:support-cohort", cohort.pk),
    )


@permission_required(MANAGE, methods=POST)
def learner_commune_set_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_support(request.user, pk)
    enrollments = list(cohort.enrollments.select_related("person"))
    by_id = {e.pk: e for e in enrollments}
    form = LearnerCommuneForm(request.POST, enrollments=enrollments)
    return handle_posted_form(
        request,
        form,
        action=lambda data: services.learner_commune_set(
            actor=request.user,
            enrollment=by_id[data["enrollment"]],
            commune=data["commune"],
        ),
        success=_("Đã ghi nơi cư trú; hãy bấm “Tính lại” để cập nhật số tiền."),
        redirect_to=("learning:support-cohort", cohort.pk),
    )


# --- Rate sets and communes ----------------------------------------------------------


@permission_required(VIEW)
def support_rate_list_view(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "name")
    profiles = selectors.commune_profiles(
        actor=request.user, query=request.GET.get("q", ""), sort=sort
    )
    context = _list_context(request, sort) | {
        "rate_sets": selectors.rate_sets(actor=request.user),
        "page": paginate(request, profiles),
        "can_manage": has_permission(request.user, MANAGE),
        "commune_form": CommuneProfileForm(),
    }
    return render(request, "learning/support_rates.html", context)


def _travel_text(bands: list[dict[str, Any]]) -> str:
    return "; ".join(
        (
            _("xa hơn")
            if band["up_to_km"] is None
            else f"≤ {format_measure(band['up_to_km'])} km"
        )
        + f": {format_number(band['amount'])}"
        for band in bands
    )


@permission_required(VIEW)
def support_rate_export_view(request: HttpRequest) -> HttpResponse:
    """The rate sets as the page lists them, each amount in its own column."""
    rows = []
    for index, rule_set in enumerate(selectors.rate_sets(actor=request.user), 1):
        p = rule_set.parameters
        extra = p.get("extra_per_day", {})
        rows.append(
            (
                index,
                rule_set.name,
                rule_set.province.name if rule_set.province_id else _("Mặc định"),
                rule_set.legal_basis.number,
                format_date(rule_set.valid_from),
                format_date(rule_set.valid_to) if rule_set.valid_to else "",
                p["meal_per_day"],
                p["lodging_per_night"],
                p["lodging_from_km"],
                _travel_text(p["travel_bands"]),
                extra.get("female", 0),
                extra.get("ethnic_minority", 0),
                extra.get("remote", 0),
                _("Đã xác nhận") if rule_set.is_confirmed else _("Chưa xác nhận"),
            )
        )
    return xlsx_response(
        filename="muc-ho-tro-hoc-vien",
        title=_("Mức hỗ trợ học viên"),
        headers=[
            _("STT"),
            _("Tên"),
            _("Tỉnh"),
            _("Căn cứ"),
            _("Hiệu lực từ"),
            _("Hiệu lực đến"),
            _("Tiền ăn/ngày"),
            _("Tiền nghỉ/đêm"),
            _("Nghỉ khi ở xa từ (km)"),
            _("Đi lại theo khoảng cách"),
            _("Hỗ trợ thêm/ngày: nữ"),
            _("Hỗ trợ thêm/ngày: dân tộc thiểu số"),
            _("Hỗ trợ thêm/ngày: xã miền núi, vùng sâu, vùng xa"),
            _("Tình trạng"),
        ],
        rows=rows,
    )


@permission_required(VIEW)
def commune_profile_export_view(request: HttpRequest) -> HttpResponse:
    profiles = selectors.commune_profiles(
        actor=request.user,
        query=request.GET.get("q", ""),
        sort=request.GET.get("sort", "name"),
    )
    rows = (
        (
            index,
            p.commune.name,
            float(p.distance_km),
            _("Có") if p.is_remote else _("Không"),
            p.note,
        )
        for index, p in enumerate(profiles, 1)
    )
    return xlsx_response(
        filename="dia-ban-tinh-ho-tro",
        title=_("Địa bàn tính hỗ trợ học viên"),
        headers=[
            _("STT"),
            _("Xã, phường, đặc khu"),
            _("Khoảng cách đến Trường (km)"),
            _("Miền núi, vùng sâu, vùng xa"),
            _("Ghi chú"),
        ],
        rows=rows,
    )


@permission_required(MANAGE, methods=POST)
def commune_profile_save_view(request: HttpRequest) -> HttpResponse:
    school = home_school(actor=request.user, permission=MANAGE)
    form = CommuneProfileForm(request.POST)
    return handle_posted_form(
        request,
        form,
        action=lambda data: services.commune_profile_save(
            actor=request.user, school=school, **data
        ),
        success=_("Đã lưu khoảng cách của xã, phường."),
        redirect_to="learning:support-rates",
    )


def _rate_form_page(
    request: HttpRequest, rate_set: SupportRateSet | None
) -> HttpResponse:
    school = home_school(actor=request.user, permission=MANAGE)
    if request.method == "POST":
        form = SupportRateSetForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.support_rate_set_save(
                    actor=request.user,
                    school_id=school.pk,
                    rate_set=rate_set,
                    name=data["name"],
                    province=data["province"],
                    legal_basis=data["legal_basis"],
                    valid_from=data["valid_from"],
                    valid_to=data["valid_to"],
                    parameters=form.parameters(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("learning:support-rates")
    elif rate_set is not None:
        form = SupportRateSetForm(
            initial={
                "name": rate_set.name,
                "province": rate_set.province_id,
                "legal_basis": rate_set.legal_basis_id,
                "valid_from": rate_set.valid_from,
                "valid_to": rate_set.valid_to,
            },
            parameters=rate_set.parameters,
        )
    else:
        current = selectors.rate_sets(actor=request.user).first()
        form = SupportRateSetForm(
            initial={"province": school.province_id},
            parameters=current.parameters if current else None,
        )
    return render(
        request,
        "learning/support_rate_form.html",
        {"form": form, "rate_set": rate_set},
        status=400 if form.is_bound else 200,
    )


@permission_required(MANAGE)
def support_rate_create_view(request: HttpRequest) -> HttpResponse:
    return _rate_form_page(request, None)


@permission_required(MANAGE)
def support_rate_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _rate_form_page(request, get_object_or_404(SupportRateSet, pk=pk))
