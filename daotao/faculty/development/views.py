"""Lecturer development pages: dossiers, field practice, rotation, who is due
what, the annual evaluation and its rule set. Thin views over the development
selectors and services."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.access import has_permission, home_school_id, permission_required
from daotao.core.forms import handle_action, handle_form, handle_posted_form
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.core.text import format_date
from daotao.documents.services import issuer_ensure_default
from daotao.faculty import rules
from daotao.faculty.development import selectors, services
from daotao.faculty.development.forms import (
    ContestForm,
    DevelopmentFilterForm,
    EvaluationDecideForm,
    FieldPracticeForm,
    QualificationForm,
    ReportForm,
    RotationForm,
    RuleSetForm,
)
from daotao.faculty.models import Lecturer
from daotao.org.models import School
from daotao.org.selectors import drafting_unit_for

VIEW = selectors.VIEW
MANAGE = selectors.MANAGE
EVALUATE = selectors.EVALUATE
MANAGE_RULES = services.MANAGE_RULES
OWN = "faculty.view_own_dossier"


def _today():
    return timezone.localdate()


def _rules(request: HttpRequest, day: Any = None) -> selectors.RulesInForce:
    return selectors.rules_in_force(actor=request.user, day=day or _today())


def _can_manage(request: HttpRequest, lecturer: Lecturer) -> bool:
    return (
        has_permission(request.user, MANAGE)
        and Lecturer.objects.visible_to(request.user, MANAGE)
        .filter(pk=lecturer.pk)
        .exists()
    )


def _dossier_page(
    request: HttpRequest, lecturer: Lecturer, *, own: bool = False
) -> HttpResponse:
    can_manage = not own and _can_manage(request, lecturer)
    return render(
        request,
        "faculty/development/dossier.html",
        {
            "dossier": selectors.dossier(lecturer=lecturer, today=_today()),
            "rules": _rules(request),
            "lecturer": lecturer,
            "own": own,
            "can_manage": can_manage,
            "can_view_evidence": not own,
            "can_draft": can_manage
            and has_permission(request.user, "documents.draft_document"),
            "observations": _observations(lecturer),
            "qualification_form": QualificationForm() if can_manage else None,
            "field_practice_form": FieldPracticeForm() if can_manage else None,
            "rotation_form": RotationForm() if can_manage else None,
            "contest_form": ContestForm(initial={"year": _today().year})
            if can_manage
            else None,
            "report_form": ReportForm(initial={"submitted_on": _today()})
            if can_manage
            else None,
        },
    )


def _observations(lecturer: Lecturer) -> list:
    return list(lecturer.observations.order_by("-observed_on", "id"))


@permission_required(VIEW)
def dossier_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _dossier_page(request, selectors.get_lecturer(request.user, pk))


@permission_required(OWN)
def my_dossier_view(request: HttpRequest) -> HttpResponse:
    lecturer = selectors.own_lecturer(request.user)
    if lecturer is None:
        return render(request, "faculty/development/no_dossier.html")
    return _dossier_page(request, lecturer, own=True)


def _back(lecturer_id: int) -> str:
    return reverse("faculty:dossier", args=[lecturer_id])


def _posted_form_errors(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else message)


@permission_required(MANAGE, methods=("POST",))
def qualification_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    lecturer = selectors.get_lecturer(request.user, pk, MANAGE)
    form = QualificationForm(request.POST, request.FILES)
    if not form.is_valid():
        _posted_form_errors(request, form)
        return redirect(_back(lecturer.pk))
    return handle_action(
        request,
        lambda: services.qualification_add(
            actor=request.user,
            lecturer=lecturer,
            data=form.to_data(),
            evidence=form.cleaned_data["evidence"],
        ),
        success=_("Đã thêm văn bằng, chứng chỉ vào hồ sơ."),
        redirect_to=_back(lecturer.pk),
    )


@permission_required(MANAGE, methods=("POST",))
def qualification_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_qualification(request.user, pk)
    return handle_action(
        request,
        lambda: services.qualification_delete(actor=request.user, qualification=item),
        success=_("Đã xóa văn bằng, chứng chỉ khỏi hồ sơ."),
        redirect_to=_back(item.lecturer_id),
    )


@permission_required(VIEW)
def qualification_evidence_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_qualification(request.user, pk, VIEW)
    if not item.evidence:
        raise Http404
    return FileResponse(
        item.evidence.open("rb"),
        as_attachment=True,
        filename=os.path.basename(item.evidence.name),
    )


@dataclass(frozen=True)
class PlannedActivity:
    """A field practice or a rotation as the dossier handles it: planned with its
    form, its report recorded, deleted; each back to the dossier with the service's
    refusal or the success as a message."""

    form: type[Any]
    get: Callable[[Any, int], Any]
    plan: Callable[..., Any]  # (actor=, lecturer=, data=)
    report: Callable[[Any, Any, Any, str], Any]  # (actor, item, submitted_on, text)
    delete: Callable[[Any, Any], Any]  # (actor, item)
    planned: Any
    reported: Any
    deleted: Any

    def add(self, request: HttpRequest, pk: int) -> HttpResponse:
        lecturer = selectors.get_lecturer(request.user, pk, MANAGE)
        form = self.form(request.POST)
        return handle_posted_form(
            request,
            form,
            action=lambda _data: self.plan(
                actor=request.user, lecturer=lecturer, data=form.to_data()
            ),
            success=str(self.planned),
            redirect_to=_back(lecturer.pk),
        )

    def record_report(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = self.get(request.user, pk)
        return handle_posted_form(
            request,
            ReportForm(request.POST),
            action=lambda data: self.report(
                request.user, item, data["submitted_on"], data["text"]
            ),
            success=str(self.reported),
            redirect_to=_back(item.lecturer_id),
        )

    def remove(self, request: HttpRequest, pk: int) -> HttpResponse:
        item = self.get(request.user, pk)
        return handle_action(
            request,
            lambda: self.delete(request.user, item),
            success=str(self.deleted),
            redirect_to=_back(item.lecturer_id),
        )


FIELD_PRACTICE = PlannedActivity(
    form=FieldPracticeForm,
    get=selectors.get_field_practice,
    plan=services.field_practice_plan,
    report=lambda actor, item, on, text: services.field_practice_report(
        actor=actor, field_practice=item, submitted_on=on, summary=text
    ),
    delete=lambda actor, item: services.field_practice_delete(
        actor=actor, field_practice=item
    ),
    planned=gettext_lazy(
        "Đã lập kế hoạch đi thực tế; những ngày này giảng viên không "
        "được xếp lịch giảng."
    ),
    reported=gettext_lazy("Đã ghi báo cáo đi thực tế."),
    deleted=gettext_lazy("Đã hủy đợt đi thực tế."),
)
ROTATION = PlannedActivity(
    form=RotationForm,
    get=selectors.get_rotation,
    plan=services.rotation_create,
    report=lambda actor, item, on, text: services.rotation_report(
        actor=actor, rotation=item, submitted_on=on, report=text
    ),
    delete=lambda actor, item: services.rotation_delete(actor=actor, rotation=item),
    planned=gettext_lazy(
        "Đã ghi đợt luân chuyển; trong thời gian này giảng viên không "
        "được xếp lịch giảng."
    ),
    reported=gettext_lazy("Đã ghi báo cáo kết quả luân chuyển."),
    deleted=gettext_lazy("Đã xóa đợt luân chuyển."),
)


@permission_required(MANAGE, methods=("POST",))
def field_practice_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return FIELD_PRACTICE.add(request, pk)


@permission_required(MANAGE, methods=("POST",))
def field_practice_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    return FIELD_PRACTICE.record_report(request, pk)


@permission_required(MANAGE, methods=("POST",))
def field_practice_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    return FIELD_PRACTICE.remove(request, pk)


@permission_required(MANAGE, methods=("POST",))
def rotation_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return ROTATION.add(request, pk)


@permission_required(MANAGE, methods=("POST",))
def rotation_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    return ROTATION.record_report(request, pk)


@permission_required(MANAGE, methods=("POST",))
def rotation_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    return ROTATION.remove(request, pk)


@permission_required(MANAGE, methods=("POST",))
def rotation_proposal_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_rotation(request.user, pk)
    school = item.lecturer.school
    return handle_action(
        request,
        lambda: services.rotation_proposal_draft(
            actor=request.user,
            rotation=item,
            issuer=issuer_ensure_default(school=school),
            drafting_unit_id=drafting_unit_for(actor=request.user, school_id=school.pk),
        ),
        success=_("Đã soạn dự thảo tờ trình đề nghị luân chuyển giảng viên."),
        redirect_to=_back(item.lecturer_id),
    )


@permission_required(MANAGE, methods=("POST",))
def contest_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    lecturer = selectors.get_lecturer(request.user, pk, MANAGE)
    return handle_posted_form(
        request,
        ContestForm(request.POST),
        action=lambda data: services.contest_add(
            actor=request.user, lecturer=lecturer, **data
        ),
        success=_("Đã ghi kết quả hội thi giảng viên dạy giỏi."),
        redirect_to=_back(lecturer.pk),
    )


@permission_required(MANAGE, methods=("POST",))
def contest_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_contest(request.user, pk)
    return handle_action(
        request,
        lambda: services.contest_delete(actor=request.user, contest=item),
        success=_("Đã xóa kết quả hội thi."),
        redirect_to=_back(item.lecturer_id),
    )


# --- Lists --------------------------------------------------------------------------


def _filters(request: HttpRequest) -> tuple[DevelopmentFilterForm, Any]:
    form = DevelopmentFilterForm(request.GET or None)
    if not form.is_valid():
        return form, selectors.DevelopmentFilter()
    d = form.cleaned_data
    return form, selectors.DevelopmentFilter(
        query=d["q"], year=d["nam"], sort=d["sort"] or "date"
    )


def _list_page(request, template, items, filters, form, **extra) -> HttpResponse:
    page = paginate(request, items)
    if extra.pop("priced", False):
        rule_set_on = selectors.rule_sets_by_day()
        for item in page.object_list:
            item.hours = _hours(item, rule_set_on(item.starts_on))
    return render(
        request,
        template,
        {
            "filter_form": form,
            "page": page,
            "is_filtered": filters != selectors.DevelopmentFilter(),
            "query_without_page": query_string_without(request, "page"),
            **extra,
        },
    )


@permission_required(VIEW)
def field_practice_list_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    items = selectors.field_practice_list(actor=request.user, filters=filters)
    in_force = _rules(request)
    return _list_page(
        request,
        "faculty/development/field_practice_list.html",
        items,
        filters,
        form,
        rules=in_force,
        priced=True,
    )


def _hours(item: Any, rule_set: Any) -> Any:
    """The giờ chuẩn the days count for by the rule set in force on the first day (as
    the ledger counts them); None without one."""
    if rule_set is None:
        return None
    return rules.field_practice_hours(item.days, rule_set.parameters)


@permission_required(VIEW)
def field_practice_export_view(request: HttpRequest) -> HttpResponse:
    _form, filters = _filters(request)
    items = selectors.field_practice_list(actor=request.user, filters=filters)
    rule_set_on = selectors.rule_sets_by_day()
    rows = (
        (
            index,
            item.lecturer.person.full_name,
            item.lecturer.unit.name if item.lecturer.unit else "",
            item.place,
            item.topic,
            format_date(item.starts_on),
            format_date(item.ends_on),
            item.days,
            _hours(item, rule_set_on(item.starts_on)) or "",
            format_date(item.report_submitted_on) if item.report_submitted_on else "",
        )
        for index, item in enumerate(items, 1)
    )
    return xlsx_response(
        filename="di-thuc-te-giang-vien",
        title=_("Danh sách giảng viên đi thực tế"),
        headers=[
            _("STT"),
            _("Họ và tên"),
            _("Khoa, phòng"),
            _("Địa điểm"),
            _("Nội dung"),
            _("Từ ngày"),
            _("Đến ngày"),
            _("Số ngày"),
            _("Giờ chuẩn tính"),
            _("Ngày nộp báo cáo"),
        ],
        rows=rows,
    )


@permission_required(VIEW)
def rotation_list_view(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    items = selectors.rotation_list(actor=request.user, filters=filters)
    return _list_page(
        request,
        "faculty/development/rotation_list.html",
        items,
        filters,
        form,
        today=_today(),
    )


@permission_required(VIEW)
def rotation_export_view(request: HttpRequest) -> HttpResponse:
    _form, filters = _filters(request)
    items = selectors.rotation_list(actor=request.user, filters=filters)
    rows = (
        (
            index,
            item.lecturer.person.full_name,
            item.post,
            item.host,
            item.get_level_display(),
            format_date(item.starts_on),
            format_date(item.ends_on),
            item.decision_number,
            format_date(item.decision_on) if item.decision_on else "",
            format_date(item.return_report_on) if item.return_report_on else "",
        )
        for index, item in enumerate(items, 1)
    )
    return xlsx_response(
        filename="luan-chuyen-giang-vien",
        title=_("Danh sách giảng viên luân chuyển"),
        headers=[
            _("STT"),
            _("Họ và tên"),
            _("Chức vụ đảm nhiệm"),
            _("Nơi đến"),
            _("Cấp"),
            _("Từ ngày"),
            _("Đến ngày"),
            _("Số quyết định"),
            _("Ngày quyết định"),
            _("Ngày nộp báo cáo khi về"),
        ],
        rows=rows,
    )


def _due(request: HttpRequest) -> tuple[list, str, bool]:
    query = request.GET.get("q", "").strip()
    everyone = request.GET.get("tat_ca") == "1"
    rows = selectors.due_list(
        actor=request.user, today=_today(), query=query, only_due=not everyone
    )
    return rows, query, everyone


@permission_required(VIEW)
def due_list_view(request: HttpRequest) -> HttpResponse:
    rows, query, everyone = _due(request)
    return render(
        request,
        "faculty/development/due_list.html",
        {
            "page": paginate(request, rows),
            "query": query,
            "everyone": everyone,
            "today": _today(),
            "rules": _rules(request),
            "query_without_page": query_string_without(request, "page"),
        },
    )


@permission_required(VIEW)
def due_export_view(request: HttpRequest) -> HttpResponse:
    in_force = _rules(request)
    if in_force.rule_set is None:
        messages.error(request, in_force.missing)
        return redirect("faculty:due-list")
    rows, _query, _everyone = _due(request)
    return xlsx_response(
        filename="giang-vien-can-hoan-thanh",
        title=_("Giảng viên cần hoàn thành (ngày %s)") % format_date(_today()),
        headers=[
            _("STT"),
            _("Họ và tên"),
            _("Khoa, phòng"),
            _("Số ngày đi thực tế trong năm"),
            _("Số ngày còn thiếu"),
            _("Chứng chỉ hết hạn, sắp hết hạn"),
            _("Báo cáo luân chuyển chưa nộp"),
            _("Đang luân chuyển"),
        ],
        rows=(
            (
                index,
                row.lecturer.person.full_name,
                row.lecturer.unit.name if row.lecturer.unit else "",
                row.practice_days,
                row.practice_due,
                "; ".join(
                    f"{c.item.name} ({format_date(c.item.expires_on)})"
                    for c in row.certificates
                ),
                "; ".join(str(r) for r in row.rotation_report_due),
                str(row.on_rotation) if row.on_rotation else "",
            )
            for index, row in enumerate(rows, 1)
        ),
    )


# --- Annual evaluation -----------------------------------------------------------


def _year(request: HttpRequest) -> int:
    value = request.GET.get("nam", "")
    return (
        int(value)
        if value.isdigit() and 1990 <= int(value) <= 2100
        else (_today().year)
    )


@permission_required(VIEW)
def evaluation_list_view(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    query = request.GET.get("q", "").strip()
    sort = request.GET.get("sort", "name")
    items = selectors.evaluation_list(
        actor=request.user, year=year, query=query, sort=sort
    )
    in_force = _rules(request, _today().replace(year=year, month=12, day=31))
    rule_set = in_force.rule_set
    can_evaluate = has_permission(request.user, EVALUATE)
    hours_year = (
        rules.hours_school_year(year, rule_set.parameters) if rule_set else None
    )
    return render(
        request,
        "faculty/development/evaluation_list.html",
        {
            "year": year,
            "hours_year": hours_year,
            "hours_year_end": hours_year + 1 if hours_year else None,
            "years": range(_today().year, _today().year - 6, -1),
            "query": query,
            "sort": sort,
            "page": paginate(request, items),
            "rule_set": rule_set,
            "rules": in_force,
            "can_compute": rule_set is not None
            and has_permission(request.user, MANAGE),
            "can_draft_decision": has_permission(request.user, MANAGE)
            and has_permission(request.user, "documents.draft_document"),
            "decision": selectors.evaluation_decision(actor=request.user, year=year),
            "can_evaluate": can_evaluate,
            "decide_form": EvaluationDecideForm(
                bands=rule_set.parameters["evaluation_bands"]
            )
            if can_evaluate and rule_set
            else None,
            "query_without_page": query_string_without(request, "page"),
        },
    )


@permission_required(VIEW)
def evaluation_export_view(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    items = selectors.evaluation_list(
        actor=request.user,
        year=year,
        query=request.GET.get("q", "").strip(),
        sort=request.GET.get("sort", "name"),
    )

    def label(item: Any, code: str) -> str:
        return rules.band_label(code, item.rule_set.parameters) if code else ""

    return xlsx_response(
        filename=f"danh-gia-xep-loai-giang-vien-{year}",
        title=_("Đánh giá, xếp loại giảng viên năm %s") % year,
        headers=[
            _("STT"),
            _("Họ và tên"),
            _("Khoa, phòng"),
            _("Giờ chuẩn thực hiện"),
            _("Định mức"),
            _("Tỷ lệ so định mức (%)"),
            _("Số công trình NCKH"),
            _("Điểm dự giờ bình quân"),
            _("Số ngày đi thực tế"),
            _("Mức đề xuất"),
            _("Mức xếp loại"),
            _("Nhận xét"),
        ],
        rows=(
            (
                index,
                item.lecturer.person.full_name,
                item.lecturer.unit.name if item.lecturer.unit else "",
                _("Chưa có giờ chuẩn trong sổ năm học %s") % item.hours_school_year
                if item.is_without_hours
                else item.inputs.get("hours") or "",
                item.inputs.get("norm") or "",
                item.inputs.get("hours_percent") or "",
                item.inputs.get("research", 0),
                item.inputs.get("observation") or "",
                item.inputs.get("field_practice_days", 0),
                label(item, item.proposed_band) or _("Chưa đề xuất"),
                label(item, item.band),
                item.note,
            )
            for index, item in enumerate(items, 1)
        ),
    )


@permission_required(MANAGE, methods=("POST",))
def evaluation_compute_view(request: HttpRequest) -> HttpResponse:
    posted = request.POST.get("nam", "")
    year = int(posted) if posted.isdigit() else _today().year
    school_id = home_school_id(request.user, MANAGE)
    back = f"{reverse('faculty:evaluation-list')}?nam={year}"
    if school_id is None:
        raise Http404
    return handle_action(
        request,
        lambda: services.evaluation_compute(
            actor=request.user, school_id=school_id, year=year
        ),
        success=lambda count: (
            _("Đã tính số liệu và mức đề xuất cho %(n)s giảng viên.") % {"n": count}
        ),
        redirect_to=back,
    )


@permission_required(MANAGE, methods=("POST",))
def evaluation_decision_draft_view(request: HttpRequest) -> HttpResponse:
    posted = request.POST.get("nam", "")
    year = int(posted) if posted.isdigit() else _today().year
    school_id = home_school_id(request.user, MANAGE)
    if school_id is None:
        raise Http404
    school = School.objects.get(pk=school_id)
    return handle_action(
        request,
        lambda: services.evaluation_decision_draft(
            actor=request.user,
            school=school,
            year=year,
            issuer=issuer_ensure_default(school=school),
            drafting_unit_id=drafting_unit_for(actor=request.user, school_id=school_id),
        ),
        success=_("Đã soạn dự thảo quyết định công nhận kết quả đánh giá, xếp loại."),
        redirect_to=f"{reverse('faculty:evaluation-list')}?nam={year}",
    )


@permission_required(EVALUATE, methods=("POST",))
def evaluation_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_evaluation(request.user, pk)
    return handle_posted_form(
        request,
        EvaluationDecideForm(
            request.POST, bands=item.rule_set.parameters["evaluation_bands"]
        ),
        action=lambda data: services.evaluation_decide(
            actor=request.user,
            evaluation=item,
            band=data["band"],
            note=data["note"],
            decided_on=_today(),
        ),
        success=_("Đã ghi mức xếp loại."),
        redirect_to=f"{reverse('faculty:evaluation-list')}?nam={item.year}",
    )


# --- The rule set -------------------------------------------------------------------


@permission_required(VIEW)
def rule_set_list_view(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "faculty/development/rule_set_list.html",
        {
            "rule_sets": selectors.rule_set_list(),
            "can_edit": has_permission(request.user, MANAGE_RULES),
        },
    )


@permission_required(MANAGE_RULES)
def rule_set_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    rule_set = selectors.get_rule_set(pk)
    form = RuleSetForm(
        request.POST or None,
        initial={
            "parameters": json.dumps(rule_set.parameters, ensure_ascii=False, indent=2),
            "is_confirmed": rule_set.is_confirmed,
        },
    )
    return handle_form(
        request,
        form,
        action=lambda data: services.rule_set_update(
            actor=request.user,
            rule_set=rule_set,
            parameters=data["parameters"],
            is_confirmed=data["is_confirmed"],
        ),
        success=_("Đã lưu bộ quy định."),
        redirect_to=reverse("faculty:development-rules"),
        template="faculty/development/rule_set_form.html",
        context={"rule_set": rule_set},
    )
