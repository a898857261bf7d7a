"""Learning pages: attendance (grid and QR), the learner's portal, the homeroom
lecturer's class page and lecturers' feedback summaries."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from daotao.core import panels
from daotao.core.access import permission_required
from daotao.core.forms import add_service_errors, handle_posted_form
from daotao.core.listing import int_param
from daotao.core.page_cache import cached_page
from daotao.core.qr import qr_svg
from daotao.learning import policy, selectors, services
from daotao.learning.forms import (
    CheckInCodeForm,
    CommitteeRoleForm,
    ConductNoteForm,
    FeedbackForm,
    LeaveDecisionForm,
    LeaveRequestForm,
)
from daotao.learning.models import Attendance
from daotao.teaching.selectors.timetables import (
    get_lecturer_for_timetable,
    own_lecturer,
)

VIEW = "learning.view_attendance"
RECORD = "learning.record_attendance"
MANAGE = "learning.manage_class"
PORTAL = "learning.use_portal"
POST = ("POST",)


def _service_error(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Attendance ----------------------------------------------------------------------


@permission_required(VIEW)
def session_list_view(request: HttpRequest) -> HttpResponse:
    day = _date_param(request, "ngay") or timezone.localdate()
    monday = day - datetime.timedelta(days=day.weekday())
    sessions = selectors.sessions_for_attendance(
        request.user, starts_on=monday, ends_on=monday + datetime.timedelta(days=6)
    )
    context = {
        "sessions": sessions,
        "monday": monday,
        "previous": monday - datetime.timedelta(days=7),
        "next": monday + datetime.timedelta(days=7),
    }
    return render(request, "learning/session_list.html", context)


def _date_param(request: HttpRequest, name: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(request.GET.get(name, ""))
    except ValueError:
        return None


@permission_required(VIEW)
@cached_page
def attendance_grid_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_attendance(request.user, pk)
    context = {
        "session": session,
        "rows": selectors.attendance_grid(session),
        "statuses": Attendance.Status.choices,
        "can_record": policy.can_record_attendance(request.user, session),
    }
    return render(request, "learning/attendance_grid.html", context)


@permission_required(RECORD, methods=POST)
def attendance_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_attendance(request.user, pk)
    statuses = {
        row.enrollment.pk: request.POST.get(f"hv-{row.enrollment.pk}", "")
        for row in selectors.attendance_grid(session)
    }
    try:
        changed = services.attendance_record_many(
            actor=request.user, session=session, statuses=statuses
        )
    except ValidationError as error:
        _service_error(request, error)
        return redirect("learning:attendance-grid", pk=session.pk)
    if changed:
        messages.success(
            request, _("Đã ghi điểm danh (%(n)s thay đổi).") % {"n": changed}
        )
    else:
        messages.info(request, _("Điểm danh không thay đổi; không có gì để ghi."))
    return redirect("learning:attendance-grid", pk=session.pk)


@permission_required(RECORD)
def check_in_screen_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_attendance(request.user, pk)
    code = selectors.open_check_in_code(session)
    url = (
        request.build_absolute_uri(reverse("learning:check-in", args=[code.token]))
        if code
        else ""
    )
    context = {
        "session": session,
        "code": code,
        "url": url,
        # segno's own SVG of a URL we built: no user text reaches it.
        "qr": mark_safe(qr_svg(url, scale=6, inline=True).decode()) if code else "",  # noqa: S308
        "form": CheckInCodeForm(),
        "can_record": policy.can_record_attendance(request.user, session),
    }
    return render(request, "learning/check_in_screen.html", context)


@permission_required(RECORD, methods=POST)
def check_in_code_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_attendance(request.user, pk)
    form = CheckInCodeForm(request.POST)
    if form.is_valid():
        try:
            services.check_in_code_open(
                actor=request.user,
                session=session,
                minutes=form.cleaned_data["minutes"],
            )
        except ValidationError as error:
            _service_error(request, error)
    else:
        messages.error(request, _("Số phút không hợp lệ."))
    return redirect("learning:check-in-screen", pk=session.pk)


@permission_required(PORTAL)
def check_in_view(request: HttpRequest, token: str) -> HttpResponse:
    code = selectors.code_for_check_in(token)
    result = None
    if request.method == "POST":
        try:
            created = services.check_in(actor=request.user, token=token)
        except ValidationError as error:
            result = ("error", " ".join(error.messages))
        else:
            result = (
                ("success", _("Đã ghi bạn có mặt."))
                if created
                else ("info", _("Bạn đã điểm danh buổi này rồi."))
            )
    context = {"code": code, "token": token, "result": result}
    return render(request, "learning/check_in.html", context)


# --- The learner's portal ------------------------------------------------------------


def _render_portal(
    request: HttpRequest, *, leave_form: LeaveRequestForm | None = None
) -> HttpResponse:
    enrollment = selectors.own_enrollment(
        request.user, cohort_pk=int_param(request, "lop")
    )
    context: dict[str, Any] = {
        "enrollment": enrollment,
        "enrollments": selectors.own_enrollments(request.user),
    }
    if enrollment is not None:
        context |= {
            "attendance": selectors.attendance_by_topic(enrollment),
            "statuses": Attendance.Status.choices,
            "leave_requests": enrollment.leave_requests.all(),
            "leave_form": leave_form or LeaveRequestForm(),
            "awaiting_feedback": [
                (session, FeedbackForm(prefix=f"s{session.pk}"))
                for session in selectors.sessions_awaiting_feedback(enrollment)
            ],
            # What higher apps show the learner about this enrollment (the
            # research task the agency set): learning does not read them.
            "panels": panels.panels_for("learning.portal", enrollment),
        }
    return render(request, "learning/portal.html", context)


@permission_required(PORTAL)
def portal_view(request: HttpRequest) -> HttpResponse:
    return _render_portal(request)


@permission_required(PORTAL, methods=POST)
def leave_request_submit_view(request: HttpRequest) -> HttpResponse:
    enrollment = selectors.own_enrollment(
        request.user, cohort_pk=int_param(request, "lop")
    )
    form = LeaveRequestForm(request.POST)
    if enrollment is not None and form.is_valid():
        try:
            services.leave_request_submit(
                actor=request.user, enrollment=enrollment, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã gửi đơn xin nghỉ học."))
            return redirect(_portal_url(enrollment))
    return _render_portal(request, leave_form=form)


def _portal_url(enrollment: Any) -> str:
    return f"{reverse('learning:portal')}?lop={enrollment.cohort_id}"


@permission_required(PORTAL, methods=POST)
def feedback_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_feedback(request.user, pk)
    form = FeedbackForm(request.POST, prefix=f"s{session.pk}")
    if not form.is_valid():
        messages.error(request, _("Cần chấm đủ các câu hỏi, từ 1 đến 5."))
    else:
        try:
            services.feedback_submit(
                actor=request.user,
                session=session,
                ratings=form.ratings(),
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            _service_error(request, error)
        else:
            messages.success(request, _("Cảm ơn bạn đã góp ý."))
    return redirect(f"{reverse('learning:portal')}?lop={session.cohort_id}#phan-hoi")


# --- The homeroom lecturer's class ---------------------------------------------------


@permission_required(MANAGE)
def class_view(request: HttpRequest) -> HttpResponse:
    cohorts = selectors.cohorts_to_manage(request.user)
    chosen = int_param(request, "lop")
    cohort = (
        selectors.get_cohort_to_manage(request.user, chosen)
        if chosen is not None
        else (cohorts[0] if cohorts else None)
    )
    context: dict[str, Any] = {"cohorts": cohorts, "cohort": cohort}
    if cohort is not None:
        records = selectors.class_records(cohort)
        context |= {
            "records": records,
            "decision_form": LeaveDecisionForm(),
            "note_form": ConductNoteForm(enrollments=records.enrollments),
            "role_form": CommitteeRoleForm(enrollments=records.enrollments),
        }
    return render(request, "learning/class.html", context)


def _class_url(cohort_id: int) -> str:
    return f"{reverse('learning:class')}?lop={cohort_id}"


@permission_required(MANAGE, methods=POST)
def leave_request_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    leave = selectors.get_leave_request_to_decide(request.user, pk)
    return handle_posted_form(
        request,
        LeaveDecisionForm(request.POST),
        action=lambda data: services.leave_request_decide(
            actor=request.user, leave_request=leave, **data
        ),
        success=_("Đã ghi quyết định về đơn xin nghỉ."),
        redirect_to=_class_url(leave.enrollment.cohort_id),
    )


def _class_form_post(request: HttpRequest, pk: int, form_class: Any, action: Any):
    cohort = selectors.get_cohort_to_manage(request.user, pk)
    enrollments = selectors.class_records(cohort).enrollments
    form = form_class(request.POST, enrollments=enrollments)
    if form.is_valid():
        data = dict(form.cleaned_data)
        enrollment = next(e for e in enrollments if e.pk == data.pop("enrollment"))
        try:
            action(actor=request.user, enrollment=enrollment, **data)
        except ValidationError as error:
            _service_error(request, error)
        else:
            messages.success(request, _("Đã ghi."))
    else:
        messages.error(request, _("Thông tin chưa hợp lệ, vui lòng kiểm tra lại."))
    return redirect(_class_url(cohort.pk))


@permission_required(MANAGE, methods=POST)
def conduct_note_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _class_form_post(request, pk, ConductNoteForm, services.conduct_note_add)


@permission_required(MANAGE, methods=POST)
def committee_role_set_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _class_form_post(request, pk, CommitteeRoleForm, services.committee_role_set)


# --- Feedback summaries --------------------------------------------------------------


# The lecturers' own-records permission: whoever has their own teaching ledger
# sees the feedback on their own lectures.
@permission_required("ledger.view_own_ledger")
def own_feedback_view(request: HttpRequest) -> HttpResponse:
    lecturer = own_lecturer(request.user)
    summary = selectors.feedback_summary(lecturer) if lecturer else None
    return _render_feedback(request, lecturer, summary)


@permission_required("teaching.view_schedule")
def lecturer_feedback_view(request: HttpRequest, pk: int) -> HttpResponse:
    lecturer = get_lecturer_for_timetable(request.user, pk)
    return _render_feedback(request, lecturer, selectors.feedback_summary(lecturer))


def _render_feedback(request: HttpRequest, lecturer: Any, summary: Any) -> HttpResponse:
    context = {
        "lecturer": lecturer,
        "summary": summary,
        "questions": policy.FEEDBACK_QUESTIONS,
        "minimum": selectors.FEEDBACK_MIN_ANSWERS,
    }
    return render(request, "learning/feedback_summary.html", context)
