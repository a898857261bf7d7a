"""Plan pages: the yearly plan, its classes and quotas, approval, export."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, home_school_id, permission_required
from daotao.core.forms import (
    handle_action,
    handle_form,
    handle_posted_form,
    show_service_errors,
)
from daotao.core.listing import xlsx_response
from daotao.core.text import format_date
from daotao.org.selectors import agency_choices, site_choices
from daotao.planning import selectors, services
from daotao.planning.forms import (
    ApproveForm,
    PlanForm,
    PlannedClassForm,
    QuotaAdjustForm,
    QuotaForm,
    ReturnForm,
    SupplementForm,
)
from daotao.programs.selectors import version_choices


@permission_required("planning.view_plan")
def plan_list_view(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.POST or None)
    can_manage = has_permission(request.user, "planning.manage_plan")
    context = {
        "plans": selectors.plan_list(actor=request.user),
        "can_manage": can_manage,
    }
    if not can_manage:
        return render(request, "planning/plan_list.html", {**context, "form": form})
    return handle_form(
        request,
        form,
        action=lambda data: services.plan_create(
            actor=request.user,
            school_id=home_school_id(request.user, "planning.manage_plan"),
            year=data["year"],
            title=data["title"],
        ),
        success=None,
        redirect_to=lambda plan: reverse("planning:plan-detail", args=[plan.pk]),
        template="planning/plan_list.html",
        context=context,
    )


@permission_required("planning.view_plan")
def plan_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_view(request.user, pk)
    user = request.user
    is_draft = plan.status == plan.Status.DRAFT
    can_manage = has_permission(user, "planning.manage_plan") and is_draft
    class_form = PlannedClassForm(
        request.POST or None,
        versions=version_choices(actor=user),
        sites=site_choices(actor=user, permission="planning.view_plan"),
    )
    if not can_manage:
        return _render_detail(request, plan, class_form, can_manage=False)
    return handle_form(
        request,
        class_form,
        action=lambda data: services.planned_class_add(
            actor=user, plan=plan, data=class_form.to_data()
        ),
        success=_("Đã thêm lớp vào kế hoạch."),
        redirect_to=reverse("planning:plan-detail", args=[pk]),
        render=lambda form: _render_detail(request, plan, form, can_manage=True),
    )


def _render_detail(
    request: HttpRequest, plan: Any, class_form: PlannedClassForm, *, can_manage: bool
) -> HttpResponse:
    user = request.user
    classes = list(selectors.plan_classes(plan=plan))
    submitted = plan.status == plan.Status.SUBMITTED
    by_province = plan.school.plans_approved_by_province
    approver = services.approving_permission(plan)
    can_review = submitted and by_province and has_permission(user, approver)
    agencies = agency_choices(actor=user, permission="planning.view_plan")
    if can_review:
        # One labelled form per class, each with its own field ids.
        for planned in classes:
            planned.adjust_form = QuotaAdjustForm(
                agencies=agencies, auto_id=f"id_adjust_{planned.pk}_%s"
            )
    steps = selectors.plan_review_steps(plan=plan)
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "classes": classes,
            "total_size": sum(c.planned_size for c in classes),
            "total_quota": sum(c.quota_total for c in classes),
            "by_program": selectors.plan_totals_by_program(classes),
            "by_agency": selectors.plan_totals_by_agency(plan=plan),
            "class_form": class_form,
            "quota_form": QuotaForm(agencies=agencies),
            "steps": steps,
            "approval": next(
                (st for st in reversed(steps) if st.kind == st.Kind.APPROVED), None
            ),
            "last_return": selectors.plan_last_return(plan=plan),
            "by_province": by_province,
            "can_review": can_review,
            "return_form": ReturnForm(),
            "approve_form": ApproveForm(),
            "can_manage": can_manage,
            "main_plan": plan.main_plan if plan.is_supplementary else None,
            "supplements": selectors.plan_supplements(plan=plan),
            "can_supplement": not plan.is_supplementary
            and plan.status == plan.Status.APPROVED
            and has_permission(user, "planning.manage_plan"),
            "supplement_form": SupplementForm(),
            # The Kế hoạch document may be drafted at any stage, and drafted
            # again from the data while it is an unsigned draft.
            "can_draft_document": bool(classes)
            and has_permission(user, "planning.manage_plan")
            and (plan.document is None or plan.document.status == "draft"),
            "can_submit": can_manage and bool(classes),
            # Leadership's buttons, on a school whose plans it approves.
            "can_approve": submitted
            and not by_province
            and has_permission(user, "planning.approve_plan"),
        },
    )


@permission_required("planning.manage_plan", methods=("POST",))
def plan_supplement_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Open a supplementary plan (kế hoạch bổ sung) of an approved plan of the year."""
    plan = selectors.get_plan_for_view(request.user, pk)
    form = SupplementForm(request.POST)
    title = form.cleaned_data["title"] if form.is_valid() else ""
    try:
        supplement = services.plan_supplement_create(
            actor=request.user, main_plan=plan, title=title
        )
    except ValidationError as error:
        show_service_errors(request, error)
        return redirect("planning:plan-detail", pk=pk)
    messages.success(
        request,
        _("Đã lập %s; thêm các lớp bổ sung rồi trình duyệt.") % supplement.label,
    )
    return redirect("planning:plan-detail", pk=supplement.pk)


@permission_required("planning.manage_plan")
def planned_class_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a class of a draft plan, or take it out of the plan (the page is the
    confirmation of the deletion)."""
    planned = selectors.get_planned_class(request.user, pk, "planning.manage_plan")
    user = request.user
    form = PlannedClassForm(
        request.POST or None,
        initial=PlannedClassForm.initial_of(planned),
        versions=version_choices(actor=user),
        sites=site_choices(actor=user, permission="planning.manage_plan"),
    )
    is_draft = planned.plan.status == planned.plan.Status.DRAFT
    if request.method == "POST" and not is_draft:
        messages.error(request, _("Kế hoạch đã trình duyệt; không sửa được nữa."))
        return redirect("planning:plan-detail", pk=planned.plan_id)
    return handle_form(
        request,
        form,
        action=lambda data: services.planned_class_update(
            actor=user, planned_class=planned, data=form.to_data()
        ),
        success=_("Đã sửa lớp trong kế hoạch."),
        redirect_to=reverse("planning:plan-detail", args=[planned.plan_id]),
        template="planning/planned_class_form.html",
        context={"planned": planned, "plan": planned.plan, "is_draft": is_draft},
    )


@permission_required("planning.manage_plan", methods=("POST",))
def planned_class_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    planned = selectors.get_planned_class(request.user, pk, "planning.manage_plan")
    try:
        services.planned_class_delete(actor=request.user, planned_class=planned)
    except ValidationError as error:
        show_service_errors(request, error)
        return redirect("planning:planned-class-update", pk=pk)
    messages.success(
        request, _("Đã xóa lớp %(code)s khỏi kế hoạch.") % {"code": planned.code}
    )
    return redirect("planning:plan-detail", pk=planned.plan_id)


@permission_required("planning.manage_plan", methods=("POST",))
def quota_set_view(request: HttpRequest, pk: int) -> HttpResponse:
    planned = selectors.get_planned_class(request.user, pk, "planning.manage_plan")
    form = QuotaForm(
        request.POST,
        agencies=agency_choices(actor=request.user, permission="planning.manage_plan"),
    )
    back = reverse("planning:plan-detail", args=[planned.plan_id])
    if not form.is_valid():
        messages.error(request, _("Hãy chọn cơ quan và nhập chỉ tiêu (số không âm)."))
        return redirect(back)
    return handle_action(
        request,
        lambda: services.quota_set(
            actor=request.user,
            planned_class=planned,
            agency_id=form.cleaned_data["agency"].pk,
            places=form.cleaned_data["places"],
        ),
        success=_("Đã ghi chỉ tiêu."),
        redirect_to=back,
    )


def _transition(
    request: HttpRequest, pk: int, action, success: str, *, confirm: bool = False
) -> HttpResponse:
    plan = selectors.get_plan_for_view(request.user, pk)
    return handle_action(
        request,
        lambda: action(actor=request.user, plan=plan),
        success=success,
        redirect_to=reverse("planning:plan-detail", args=[pk]),
        confirm=confirm,
    )


@permission_required("planning.manage_plan", methods=("POST",))
def plan_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.plan_submit, _("Đã trình duyệt kế hoạch."))


@permission_required("planning.approve_plan", methods=("POST",))
def plan_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request, pk, services.plan_approve, _("Đã phê duyệt kế hoạch."), confirm=True
    )


@permission_required("planning.approve_plan", methods=("POST",))
def plan_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_view(request.user, pk)
    comment = request.POST.get("comment", "")
    return handle_action(
        request,
        lambda: services.plan_return(
            actor=request.user, plan=plan, comment=comment[:2000]
        ),
        success=_("Đã trả lại kế hoạch."),
        redirect_to=reverse("planning:plan-detail", args=[pk]),
    )


@permission_required("planning.review_plan", methods=("POST",))
def plan_review_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The province's board sends the plan back with its comment."""
    plan = selectors.get_plan_for_view(request.user, pk)
    return handle_posted_form(
        request,
        ReturnForm(request.POST),
        action=lambda data: services.plan_return(
            actor=request.user, plan=plan, comment=data["comment"]
        ),
        success=_("Đã trả lại kế hoạch cho Trường kèm ý kiến của Ban."),
        redirect_to=reverse("planning:plan-detail", args=[pk]),
    )


@permission_required("planning.review_plan", methods=("POST",))
def plan_review_approve_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The province's board approves the plan, with its Công văn if any."""
    plan = selectors.get_plan_for_view(request.user, pk)
    back = reverse("planning:plan-detail", args=[pk])
    form = ApproveForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return redirect(back)
    return handle_action(
        request,
        lambda: services.plan_approve(
            actor=request.user,
            plan=plan,
            approval_number=form.cleaned_data["approval_number"],
            approval_date=form.cleaned_data["approval_date"],
        ),
        success=_("Đã phê duyệt kế hoạch."),
        redirect_to=back,
        confirm=True,
    )


@permission_required("planning.review_plan", methods=("POST",))
def quota_adjust_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The province's board changes an agency's places in a submitted plan."""
    planned = selectors.get_planned_class(request.user, pk, "planning.review_plan")
    form = QuotaAdjustForm(
        request.POST,
        agencies=agency_choices(actor=request.user, permission="planning.view_plan"),
    )
    return handle_posted_form(
        request,
        form,
        action=lambda data: services.plan_quota_adjust(
            actor=request.user,
            planned_class=planned,
            agency_id=data["agency"].pk,
            places=data["places"],
            reason=data["reason"],
        ),
        success=_("Đã điều chỉnh chỉ tiêu."),
        redirect_to=reverse("planning:plan-detail", args=[planned.plan_id]),
    )


@permission_required("planning.manage_plan", methods=("POST",))
def plan_document_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_view(request.user, pk)
    try:
        document = services.plan_document_draft(actor=request.user, plan=plan)
    except ValidationError as error:
        show_service_errors(request, error)
        return redirect("planning:plan-detail", pk=pk)
    messages.success(request, _("Đã soạn dự thảo văn bản Kế hoạch từ dữ liệu."))
    return redirect("documents:document-detail", pk=document.pk)


@permission_required("planning.view_plan")
def plan_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's classes, then its way to approval (one row per step)."""
    plan = selectors.get_plan_for_view(request.user, pk)
    rows: list[tuple[Any, ...]] = [
        (
            index,
            c.name,
            c.target_group,
            c.planned_size,
            f"{format_date(c.starts_on)} - {format_date(c.ends_on)}",
            c.site.name,
            c.get_mode_display(),
            c.program_version.program.name,
        )
        for index, c in enumerate(selectors.plan_classes(plan=plan), 1)
    ]
    steps = selectors.plan_review_steps(plan=plan)
    if steps:
        rows += [(), ("", _("Quá trình trình duyệt"))]
        for index, step in enumerate(steps, 1):
            who = str(step.actor)
            if step.by_province:
                who = f"{who} ({_('Ban Tổ chức Tỉnh ủy')})"
            content = " ".join(
                part
                for part in (step.detail, step.comment, str(step.approval_reference))
                if part
            )
            at = timezone.localtime(step.at)
            rows.append(
                (
                    index,
                    str(step.get_kind_display()),
                    who,
                    "",
                    f"{format_date(at.date())} {at:%H:%M}",
                    content,
                )
            )
    return xlsx_response(
        filename=f"ke-hoach-dao-tao-{plan.year}",
        title=plan.title,
        headers=[
            _("STT"),
            _("Tên lớp"),
            _("Đối tượng"),
            _("Số lượng"),
            _("Thời gian"),
            _("Địa điểm"),
            _("Hệ"),
            _("Chương trình"),
        ],
        rows=rows,
    )
