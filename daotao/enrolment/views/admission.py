"""Enrolment pages: quotas and nominations, eligibility review, admission, rosters."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.access import (
    has_permission,
    log_personal_data_export,
    permission_required,
    scope_for,
)
from daotao.core.forms import add_service_errors
from daotao.core.listing import (
    paginate,
    query_string_without,
    xlsx_response,
    year_param,
)
from daotao.core.page_cache import cached_page
from daotao.core.text import format_date
from daotao.documents.services import document_pdf_ensure, issuer_ensure_default
from daotao.enrolment import selectors, services
from daotao.enrolment.forms import (
    WEEKDAY_CHOICES,
    AdmitForm,
    CohortSettingsForm,
    NominationForm,
    OverrideForm,
    RejectForm,
    SupplementaryAdmitForm,
    WithdrawForm,
)
from daotao.enrolment.models import Cohort
from daotao.org.selectors import drafting_unit_for


def _own_agency_id(request: HttpRequest, school_id: int) -> int | None:
    """The coordinator's agency in that school (None for school-wide roles)."""
    scope = scope_for(request.user, "enrolment.nominate")
    agencies = (scope.schools or {}).get(school_id)
    return min(agencies) if agencies else None


@permission_required("enrolment.view_nomination")
def class_list_view(request: HttpRequest) -> HttpResponse:
    year, today = year_param(request), timezone.localdate()
    user = request.user
    cohorts = None
    if has_permission(user, "enrolment.view_cohort"):
        cohorts = paginate(
            request,
            selectors.cohorts_of_year(
                selectors.cohort_list(actor=user), year=year, today=today
            ),
            param="trang",
        )
    return render(
        request,
        "enrolment/class_list.html",
        {
            "classes": paginate(
                request,
                selectors.open_class_list(actor=user, year=year, today=today),
            ),
            "cohorts": cohorts,
            # Each class's week timetable, one click from here (its sessions are
            # moved there), for the roles that may open it.
            "can_view_timetable": has_permission(user, "teaching.view_schedule"),
            "year": year,
            "query_without_page": query_string_without(request, "page"),
            "query_without_cohort_page": query_string_without(request, "trang"),
        },
    )


@permission_required("enrolment.view_nomination")
def class_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    planned = selectors.get_open_class(request.user, pk)
    user = request.user
    agency_id = _own_agency_id(request, planned.school_id)
    form = None
    if has_permission(user, "enrolment.nominate") and agency_id is not None:
        form = NominationForm(
            request.POST or None,
            people=selectors.agency_people(actor=user, agency_id=agency_id),
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.nomination_submit(
                    actor=user,
                    planned_class=planned,
                    agency_id=agency_id,
                    person=form.cleaned_data["person"],
                    data=form.to_data(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Đã gửi đề nghị cử đi học."))
                return redirect("enrolment:class-detail", pk=pk)
    nominations = list(selectors.class_nominations(actor=user, planned_class=planned))
    for nomination in nominations:
        nomination.verdict = services.verdict(nomination)
    used = places = None
    if agency_id is not None:
        used, places = services.quota_left(planned_class=planned, agency_id=agency_id)
    can_review = has_permission(user, "enrolment.review_nomination")
    return render(
        request,
        "enrolment/class_detail.html",
        {
            "planned": planned,
            "nominations": nominations,
            "form": form,
            "used": used,
            "places": places,
            "can_review": can_review,
            "can_import": has_permission(user, "enrolment.nominate"),
            "can_admit": has_permission(user, "enrolment.admit")
            and not hasattr(planned, "cohort"),
            "can_admit_late": has_permission(user, "enrolment.admit")
            and hasattr(planned, "cohort"),
            "admit_form": AdmitForm(),
        },
    )


HISTORY_LABELS = {
    "enrolment.nomination_submit": gettext_lazy("Gửi đề nghị"),
    "enrolment.nomination_import": gettext_lazy("Gửi đề nghị (nhập từ tệp Excel)"),
    "enrolment.nomination_check": gettext_lazy("Xét điều kiện"),
    "enrolment.nomination_override": gettext_lazy("Chấp thuận trường hợp đặc biệt"),
    "enrolment.nomination_reject": gettext_lazy("Không nhận"),
    "enrolment.nomination_withdraw": gettext_lazy("Rút hồ sơ"),
}


@permission_required("enrolment.view_nomination")
def nomination_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.get_nomination(request.user, pk, "enrolment.view_nomination")
    overridden = {o.rule: o for o in nomination.overrides.all()}
    results = [
        {**r, "override": overridden.get(r["rule"])} for r in nomination.eligibility
    ]
    history = list(selectors.nomination_history(nomination=nomination))
    for event in history:
        event.label = HISTORY_LABELS.get(event.action, event.action)
    is_open = nomination.status in ("submitted", "checked")
    checks_retirement = any(r["rule"] == "retirement" for r in results)
    return render(
        request,
        "enrolment/nomination_detail.html",
        {
            "nomination": nomination,
            "results": results,
            "retirement_rule_set": services.retirement_rule_set_for(
                on=nomination.planned_class.starts_on
            )
            if checks_retirement
            else None,
            "history": history,
            "can_review": has_permission(request.user, "enrolment.review_nomination")
            and is_open,
            "can_withdraw": is_open
            and _own_agency_id(request, nomination.school_id)
            in (None, nomination.agency_id)
            and has_permission(request.user, "enrolment.nominate"),
            "reject_form": RejectForm(),
            "withdraw_form": WithdrawForm(),
        },
    )


@permission_required("enrolment.nominate", methods=("POST",))
def nomination_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.get_nomination(request.user, pk, "enrolment.nominate")
    return _after(
        request,
        nomination,
        services.nomination_withdraw,
        _("Đã rút hồ sơ; chỗ trong chỉ tiêu được trả lại."),
        reason=request.POST.get("reason", ""),
    )


def _after(request: HttpRequest, nomination, action, success: str, **kwargs):
    try:
        action(actor=request.user, nomination=nomination, **kwargs)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, success)
    return redirect("enrolment:nomination-detail", pk=nomination.pk)


@permission_required("enrolment.review_nomination", methods=("POST",))
def nomination_check_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.get_nomination(
        request.user, pk, "enrolment.review_nomination"
    )
    return _after(
        request, nomination, services.nomination_check, _("Đã xét điều kiện.")
    )


@permission_required("enrolment.review_nomination", methods=("POST",))
def class_check_all_view(request: HttpRequest, pk: int) -> HttpResponse:
    planned = selectors.get_open_class(request.user, pk)
    checked = 0
    for nomination in selectors.class_nominations(
        actor=request.user, planned_class=planned
    ):
        if nomination.status == "submitted":
            services.nomination_check(actor=request.user, nomination=nomination)
            checked += 1
    if checked:
        messages.success(request, _("Đã xét điều kiện %(n)s hồ sơ.") % {"n": checked})
    else:
        messages.info(request, _("Không có hồ sơ nào chờ xét điều kiện."))
    return redirect("enrolment:class-detail", pk=pk)


@permission_required("enrolment.review_nomination", methods=("POST",))
def nomination_override_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.get_nomination(
        request.user, pk, "enrolment.review_nomination"
    )
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy ghi lý do chấp thuận trường hợp đặc biệt."))
        return redirect("enrolment:nomination-detail", pk=pk)
    return _after(
        request,
        nomination,
        services.nomination_override,
        _("Đã chấp thuận trường hợp đặc biệt."),
        rule=form.cleaned_data["rule"],
        reason=form.cleaned_data["reason"],
    )


@permission_required("enrolment.review_nomination", methods=("POST",))
def nomination_reject_view(request: HttpRequest, pk: int) -> HttpResponse:
    nomination = selectors.get_nomination(
        request.user, pk, "enrolment.review_nomination"
    )
    form = RejectForm(request.POST)
    reason = form.data.get("reason", "")
    return _after(
        request,
        nomination,
        services.nomination_reject,
        _("Đã ghi không nhận."),
        reason=reason,
    )


@permission_required("enrolment.admit", methods=("POST",))
def class_admit_view(request: HttpRequest, pk: int) -> HttpResponse:
    planned = selectors.get_open_class(request.user, pk)
    form = AdmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập mã lớp học."))
        return redirect("enrolment:class-detail", pk=pk)
    try:
        cohort = services.cohort_admit(
            actor=request.user,
            planned_class=planned,
            code=form.cleaned_data["code"].strip(),
            issuer=issuer_ensure_default(school=planned.school),
            drafting_unit_id=drafting_unit_for(
                actor=request.user, school_id=planned.school_id
            ),
            signer_title=form.cleaned_data["signer_title"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("enrolment:class-detail", pk=pk)
    messages.success(
        request,
        _("Đã lập lớp %(code)s và soạn quyết định triệu tập.") % {"code": cohort.code},
    )
    return redirect("enrolment:cohort-detail", pk=cohort.pk)


def _render_cohort(
    request: HttpRequest, cohort: Cohort, form: CohortSettingsForm | None = None
) -> HttpResponse:
    user = request.user
    can_edit = has_permission(user, "enrolment.admit")
    weekday_names = dict(WEEKDAY_CHOICES)
    late = selectors.late_admission_candidates(cohort=cohort) if can_edit else []
    return render(
        request,
        "enrolment/cohort_detail.html",
        {
            "cohort": cohort,
            "roster": selectors.cohort_roster(actor=user, cohort=cohort),
            "study_days": [
                weekday_names[day]
                for day in sorted(cohort.study_weekdays)
                if day in weekday_names
            ],
            "can_open_document": has_permission(user, "documents.view_document"),
            "can_redraft_decision": can_edit
            and cohort.summons_document is not None
            and cohort.summons_document.status == "draft",
            "can_view_timetable": has_permission(user, "teaching.view_schedule"),
            "settings_form": form
            or (CohortSettingsForm(cohort=cohort) if can_edit else None),
            "late_nominations": late,
            "late_form": SupplementaryAdmitForm() if late else None,
            "supplementary_decisions": selectors.cohort_supplementary_decisions(
                cohort=cohort
            ),
        },
    )


@permission_required("enrolment.view_cohort")
@cached_page
def cohort_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_cohort(request, selectors.get_cohort(request.user, pk))


@permission_required("enrolment.admit", methods=("POST",))
def cohort_settings_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort(request.user, pk)
    form = CohortSettingsForm(request.POST, cohort=cohort)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.cohort_teaching_update(
                actor=request.user,
                cohort=cohort,
                homeroom_lecturer=data["homeroom_lecturer"],
                study_weekdays=data["study_weekdays"],
                status=data["status"],
                expected_version=data["version"] or None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu cài đặt giảng dạy của lớp."))
            return redirect("enrolment:cohort-detail", pk=cohort.pk)
    return _render_cohort(request, cohort, form)


@permission_required("enrolment.admit", methods=("POST",))
def cohort_admit_late_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The training office adds the nominees accepted after the cohort was formed,
    through a supplementary summons decision for leadership to sign."""
    cohort = selectors.get_cohort(request.user, pk)
    form = SupplementaryAdmitForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập chức vụ người ký quyết định."))
        return redirect("enrolment:cohort-detail", pk=pk)
    try:
        services.cohort_admit_supplementary(
            actor=request.user,
            cohort=cohort,
            issuer=issuer_ensure_default(school=cohort.school),
            drafting_unit_id=drafting_unit_for(
                actor=request.user, school_id=cohort.school_id
            ),
            signer_title=form.cleaned_data["signer_title"],
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Đã bổ sung học viên vào lớp và soạn quyết định triệu tập bổ sung."),
        )
    return redirect("enrolment:cohort-detail", pk=pk)


@permission_required("enrolment.view_nomination")
def class_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The class's nominations as the office keeps them: each nominee, the sending
    agency and document, each rule's result and the status."""
    planned = selectors.get_open_class(request.user, pk)
    nominations = list(
        selectors.class_nominations(actor=request.user, planned_class=planned)
    )
    log_personal_data_export(
        actor=request.user,
        object_type="enrolment.nomination",
        filters={"planned_class": planned.pk},
        request=request,
    )
    rows = (
        (
            index,
            n.person.full_name,
            format_date(n.person.date_of_birth) if n.person.date_of_birth else "",
            n.person.get_sex_display(),
            n.person.citizen_id,
            n.post,
            n.agency.name,
            " ".join(
                filter(
                    None,
                    [
                        n.sending_document_number,
                        format_date(n.sending_document_date)
                        if n.sending_document_date
                        else "",
                    ],
                )
            ),
            "; ".join(r["label"] for r in n.eligibility if not r["passed"]),
            services.verdict(n).label,
            n.get_status_display(),
        )
        for index, n in enumerate(nominations, 1)
    )
    return xlsx_response(
        filename=f"de-nghi-cu-di-hoc-{planned.code}",
        title=_("Danh sách đề nghị cử đi học lớp %(code)s") % {"code": planned.code},
        headers=[
            _("STT"),
            _("Họ và tên"),
            _("Ngày sinh"),
            _("Giới tính"),
            _("Số CCCD"),
            _("Chức vụ"),
            _("Cơ quan cử"),
            _("Văn bản cử"),
            _("Tiêu chuẩn chưa đạt"),
            _("Điều kiện"),
            _("Trạng thái"),
        ],
        rows=rows,
    )


@permission_required("enrolment.view_cohort")
def cohort_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort(request.user, pk)
    log_personal_data_export(
        actor=request.user,
        object_type="enrolment.enrollment",
        filters={"cohort": cohort.pk},
        request=request,
    )
    rows = (
        (
            e.position,
            e.learner_code,
            e.person.family_name,
            e.person.middle_name,
            e.person.given_name,
            format_date(e.person.date_of_birth) if e.person.date_of_birth else "",
            e.person.get_sex_display(),
            e.nomination.post,
            e.agency.name,
        )
        for e in selectors.cohort_roster(actor=request.user, cohort=cohort)
    )
    return xlsx_response(
        filename=f"danh-sach-lop-{cohort.code}",
        title=_("Danh sách học viên lớp %(code)s") % {"code": cohort.code},
        headers=[
            _("STT"),
            _("Mã học viên"),
            _("Họ"),
            _("Tên đệm"),
            _("Tên"),
            _("Ngày sinh"),
            _("Giới tính"),
            _("Chức vụ"),
            _("Cơ quan cử"),
        ],
        rows=rows,
    )


@permission_required("enrolment.admit", methods=("POST",))
def cohort_summons_redraft_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort(request.user, pk)
    try:
        services.cohort_summons_redraft(actor=request.user, cohort=cohort)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Đã soạn lại dự thảo quyết định triệu tập từ danh sách lớp.")
        )
    return redirect("enrolment:cohort-detail", pk=pk)


@permission_required("enrolment.view_cohort")
def cohort_decision_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed summons decision, for everyone who sees the cohort (the agencies
    that sent learners included); a draft is not shown."""
    cohort = selectors.get_cohort(request.user, pk)
    decision = cohort.summons_document
    if decision is None or not decision.is_numbered:
        raise Http404
    decision = document_pdf_ensure(document_id=decision.pk)
    if not decision.pdf_file:
        return HttpResponse(
            _("Chưa tạo được bản PDF; hãy thử lại sau ít phút."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    return FileResponse(
        decision.pdf_file.open("rb"),
        content_type="application/pdf",
        filename=f"quyet-dinh-trieu-tap-{cohort.code}.pdf",
    )
