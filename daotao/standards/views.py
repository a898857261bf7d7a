"""Pages of the standard-school self-assessment: the years, one year's criteria →
indicators, an indicator with its value and evidence, the rule set and its
thresholds, the Excel export and the report's drafting."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, home_school_id, permission_required
from daotao.core.forms import handle_action, handle_form
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.standards import selectors, services
from daotao.standards.display import threshold_text, value_text
from daotao.standards.drafting import report_draft
from daotao.standards.forms import (
    AssessmentForm,
    EnteredValueForm,
    EvidenceForm,
    IndicatorForm,
)

VIEW = selectors.VIEW
MANAGE = services.MANAGE
MANAGE_RULES = services.MANAGE_RULES


@permission_required(VIEW)
def assessment_list_view(request: HttpRequest) -> HttpResponse:
    can_manage = has_permission(request.user, MANAGE)
    form = AssessmentForm(request.POST or None) if can_manage else None
    if request.method == "POST" and form is not None:
        return handle_form(
            request,
            form,
            action=lambda data: services.assessment_create(
                actor=request.user,
                school_id=home_school_id(request.user, MANAGE),
                year=data["year"],
            ),
            success=lambda a: (
                _("Đã lập bản tự đánh giá năm %(year)d.") % {"year": a.year}
            ),
            redirect_to=lambda a: reverse("standards:assessment-detail", args=[a.pk]),
            render=lambda f: _list(request, f, can_manage),
        )
    return _list(request, form, can_manage)


def _list(request: HttpRequest, form, can_manage: bool) -> HttpResponse:
    return render(
        request,
        "standards/assessment_list.html",
        {
            "page": paginate(request, selectors.assessment_list(actor=request.user)),
            "query_without_page": query_string_without(request, "page"),
            "rule_set": selectors.rule_set_in_force(),
            "form": form,
            "can_manage": can_manage,
        },
        status=400 if form is not None and form.errors else 200,
    )


@permission_required(VIEW)
def assessment_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment(request.user, pk)
    rows = selectors.assessment_rows(assessment)
    indicators = [row for c in rows for row in c.rows]
    return render(
        request,
        "standards/assessment_detail.html",
        {
            "assessment": assessment,
            "criteria": rows,
            "total": len(indicators),
            "computed": sum(1 for r in indicators if r.computed is not None),
            "met": sum(c.met for c in rows),
            "above": sum(c.above for c in rows),
            "not_met": sum(c.not_met for c in rows),
            "no_data": sum(c.no_data for c in rows),
            "can_manage": has_permission(request.user, MANAGE),
            "can_view_document": has_permission(
                request.user, "documents.view_document"
            ),
        },
    )


@permission_required(VIEW)
def assessment_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment(request.user, pk)
    rows = [
        (
            row.indicator.code,
            f"{c.criterion.number}. {c.criterion.name}",
            row.indicator.name,
            _("Tính từ số liệu")
            if row.computed is not None
            else _("Nhập, có minh chứng"),
            threshold_text(row.indicator),
            row.indicator.above_threshold,
            row.value,
            row.computed.numerator if row.computed is not None else None,
            row.computed.denominator if row.computed is not None else None,
            row.verdict_label,
            row.how,
            len(row.evidence),
        )
        for c in selectors.assessment_rows(assessment)
        for row in c.rows
    ]
    return xlsx_response(
        filename=f"tu-danh-gia-truong-chuan-{assessment.year}",
        title=_("Tự đánh giá trường chính trị chuẩn năm %(year)d")
        % {"year": assessment.year},
        headers=[
            _("Mã chỉ tiêu"),
            _("Tiêu chí"),
            _("Chỉ tiêu"),
            _("Nguồn số liệu"),
            _("Ngưỡng đạt"),
            _("Ngưỡng vượt chuẩn"),
            _("Giá trị"),
            _("Số đếm"),
            _("Mẫu số"),
            _("Kết quả"),
            _("Cách tính, giải trình"),
            _("Số minh chứng"),
        ],
        rows=rows,
    )


@permission_required(MANAGE, methods=("POST",))
def assessment_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment(request.user, pk, MANAGE)
    return handle_action(
        request,
        lambda: report_draft(actor=request.user, assessment=assessment),
        success=_("Đã soạn báo cáo tự đánh giá; mở văn bản để xem và trình ký."),
        redirect_to=reverse("standards:assessment-detail", args=[assessment.pk]),
    )


def _result_page(request, result, **forms) -> HttpResponse:
    row = selectors.indicator_row(result)
    can_manage = has_permission(request.user, MANAGE)
    indicator = result.indicator
    return render(
        request,
        "standards/result_detail.html",
        {
            "result": result,
            "assessment": result.assessment,
            "row": row,
            "value_text": value_text(row.value, indicator.unit),
            "threshold_text": threshold_text(indicator),
            "above_text": value_text(indicator.above_threshold, indicator.unit)
            if indicator.above_threshold is not None
            else "",
            "value_form": forms.get(
                "value_form",
                EnteredValueForm(
                    initial={
                        "value": result.entered_value,
                        "explanation": result.explanation,
                    }
                ),
            )
            if can_manage and not indicator.is_computed
            else None,
            "evidence_form": forms.get("evidence_form", EvidenceForm())
            if can_manage
            else None,
        },
        status=400 if forms else 200,
    )


@permission_required(VIEW)
def result_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _result_page(request, selectors.get_result(request.user, pk))


@permission_required(MANAGE, methods=("POST",))
def result_enter_view(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.get_result(request.user, pk, MANAGE)
    return handle_form(
        request,
        EnteredValueForm(request.POST),
        action=lambda data: services.entered_value_set(
            actor=request.user,
            result=result,
            value=data["value"],
            explanation=data["explanation"],
        ),
        success=_("Đã ghi giá trị của chỉ tiêu."),
        redirect_to=reverse("standards:result-detail", args=[pk]),
        render=lambda form: _result_page(request, result, value_form=form),
    )


@permission_required(MANAGE, methods=("POST",))
def evidence_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    result = selectors.get_result(request.user, pk, MANAGE)
    return handle_form(
        request,
        EvidenceForm(request.POST, request.FILES),
        action=lambda data: services.evidence_add(
            actor=request.user, result=result, title=data["title"], file=data["file"]
        ),
        success=_("Đã thêm minh chứng."),
        redirect_to=reverse("standards:result-detail", args=[pk]),
        render=lambda form: _result_page(request, result, evidence_form=form),
    )


@permission_required(VIEW)
def evidence_file_view(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = selectors.get_evidence(request.user, pk)
    return FileResponse(
        evidence.file.open("rb"),
        as_attachment=True,
        filename=evidence.file_name or f"minh-chung-{evidence.pk}",
    )


@permission_required(VIEW)
def rule_set_view(request: HttpRequest) -> HttpResponse:
    rule_set = selectors.rule_set_in_force()
    return render(
        request,
        "standards/rule_set.html",
        {
            "rule_set": rule_set,
            "page": paginate(request, selectors.indicator_list(rule_set))
            if rule_set
            else None,
            "query_without_page": query_string_without(request, "page"),
            "can_edit": has_permission(request.user, MANAGE_RULES),
        },
    )


@permission_required(VIEW)
def rule_set_export_view(request: HttpRequest) -> HttpResponse:
    """The indicators of the rule set in force with their thresholds, as Excel."""
    rule_set = selectors.rule_set_in_force()
    rows = [
        (
            indicator.code,
            f"{criterion.number}. {criterion.name}",
            indicator.name,
            indicator.get_source_display() if indicator.source else _("Nhập"),
            indicator.get_unit_display(),
            indicator.get_direction_display(),
            indicator.threshold,
            indicator.above_threshold,
            _("Đã đối chiếu") if indicator.is_confirmed else _("Chưa xác nhận"),
            indicator.note,
        )
        for criterion in (selectors.criteria_of(rule_set) if rule_set else [])
        for indicator in criterion.indicators.all()
    ]
    return xlsx_response(
        filename="bo-tieu-chi-truong-chinh-tri-chuan",
        title=str(rule_set.name)
        if rule_set
        else _("Bộ tiêu chí trường chính trị chuẩn"),
        headers=[
            _("Mã chỉ tiêu"),
            _("Tiêu chí"),
            _("Chỉ tiêu"),
            _("Cách tính"),
            _("Đơn vị"),
            _("Chiều so sánh"),
            _("Ngưỡng đạt"),
            _("Ngưỡng vượt chuẩn"),
            _("Trạng thái"),
            _("Ghi chú"),
        ],
        rows=rows,
    )


@permission_required(MANAGE_RULES)
def indicator_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = selectors.get_indicator(pk)
    initial = {
        "threshold": indicator.threshold,
        "above_threshold": indicator.above_threshold,
        "direction": indicator.direction,
        "is_confirmed": indicator.is_confirmed,
        "note": indicator.note,
    }
    return handle_form(
        request,
        IndicatorForm(request.POST or None, initial=initial),
        action=lambda data: services.indicator_update(
            actor=request.user,
            indicator=indicator,
            data=services.ThresholdData(**data),
        ),
        success=_("Đã sửa ngưỡng của chỉ tiêu %(code)s.") % {"code": indicator.code},
        redirect_to=reverse("standards:rule-set"),
        template="standards/indicator_form.html",
        context={"indicator": indicator},
        error_status=400,
    )
