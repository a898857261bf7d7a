"""Pages of the agency pages: the agency's cadres in courses, each cadre's
progress with the research task and placements, the school's evaluation (PDF,
XLSX), "where are they now" for the school, and the lecturer's grading list."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import (
    has_permission,
    log_personal_data_export,
    permission_required,
)
from daotao.core.forms import handle_form, handle_posted_form
from daotao.core.listing import (
    export_response,
    int_param,
    options_html,
    paginate,
    query_string_without,
)
from daotao.documents.rendering import render_pdf
from daotao.enrolment.models import Enrollment
from daotao.learning.selectors.conduct import conduct_of
from daotao.outcomes import exports, selectors, services
from daotao.outcomes.evaluation import evaluation_spec
from daotao.outcomes.forms import GradeForm, PlacementForm, ResearchTaskForm

VIEW = "outcomes.view_agency_progress"


@permission_required(VIEW)
def agency_cadres_view(request: HttpRequest) -> HttpResponse:
    cohort_id = int_param(request, "cohort")
    # A coordinator follows their own agency's cadres over the years, so sees
    # finished cohorts too; the school's staff, who reach the whole province,
    # see the running cohorts unless they ask (?ket-thuc=1).
    default = "1" if selectors.reaches_own_agencies_only(request.user) else "0"
    current_only = request.GET.get("ket-thuc", default) != "1"
    page = paginate(
        request,
        selectors.agency_cadre_rows(
            actor=request.user, cohort_id=cohort_id, current_only=current_only
        ),
    )
    page.object_list = exports.with_progress(list(page.object_list))
    return render(
        request,
        "outcomes/cadre_list.html",
        {
            "page": page,
            "cohort_options": options_html(
                selectors.cohorts_in_reach(
                    actor=request.user, current_only=current_only, chosen=cohort_id
                ),
                cohort_id,
            ),
            "cohort_id": cohort_id,
            "current_only": current_only,
            "query_without_page": query_string_without(request, "page"),
        },
    )


def _detail(request: HttpRequest, enrollment: Enrollment, **forms: Any) -> HttpResponse:
    user = request.user
    exports.with_progress([enrollment], attendance=False)
    attendance, enrollment.attendance_share = selectors.attendance_by_topic(enrollment)
    can_assign = has_permission(user, "outcomes.assign_research")
    can_place = has_permission(user, "outcomes.record_placement")
    return render(
        request,
        "outcomes/cadre_detail.html",
        {
            "enrollment": enrollment,
            "attendance": attendance,
            "placements": enrollment.placements.all(),
            "conduct": conduct_of(enrollment),
            "task_form": forms.get("task_form", ResearchTaskForm())
            if can_assign and enrollment.task is None
            else None,
            "placement_form": forms.get("placement_form", PlacementForm())
            if can_place
            else None,
        },
        status=400 if forms else 200,
    )


@permission_required(VIEW)
def cadre_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.get_enrollment_for_progress(request.user, pk))


def _cadre_form_post(request, pk, permission, form_class, form_name, service, done):
    """A form of the cadre's page: back to the page with `done`, or the page again
    with the form's errors."""
    enrollment = selectors.get_enrollment_for_progress(request.user, pk, permission)
    return handle_form(
        request,
        form_class(request.POST),
        action=lambda data: service(actor=request.user, enrollment=enrollment, **data),
        success=done,
        redirect_to=reverse("outcomes:cadre-detail", args=[pk]),
        render=lambda form: _detail(request, enrollment, **{form_name: form}),
    )


@permission_required("outcomes.assign_research", methods=("POST",))
def research_task_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _cadre_form_post(
        request,
        pk,
        "outcomes.assign_research",
        ResearchTaskForm,
        "task_form",
        services.research_task_assign,
        _("Đã giao nhiệm vụ nghiên cứu."),
    )


@permission_required("outcomes.record_placement", methods=("POST",))
def placement_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _cadre_form_post(
        request,
        pk,
        "outcomes.record_placement",
        PlacementForm,
        "placement_form",
        services.placement_record,
        _("Đã ghi nhận việc sử dụng cán bộ."),
    )


@permission_required(VIEW)
def cadre_evaluation_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The school's end-of-course evaluation of the cadre as PDF."""
    enrollment = selectors.get_enrollment_for_progress(request.user, pk)
    exports.with_progress([enrollment])
    spec = evaluation_spec(
        enrollment=enrollment,
        evaluation=enrollment.evaluation,
        attendance=enrollment.attendance_share,
        conduct_count=enrollment.conduct_count,
    )
    log_personal_data_export(
        actor=request.user,
        object_type="outcomes.evaluation",
        filters={"enrollment": pk},
        request=request,
    )
    response = HttpResponse(render_pdf(spec), content_type="application/pdf")
    filename = f"danh-gia-{enrollment.learner_code}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@permission_required(VIEW)
def evaluation_export_view(request: HttpRequest) -> HttpResponse:
    """The evaluation of every cadre in reach (one cohort with ?cohort=)."""
    params = request.GET.dict()
    log_personal_data_export(
        actor=request.user,
        object_type="outcomes.evaluation",
        filters={"cohort": exports.cohort_param(params)},
        request=request,
    )
    return export_response(request, export=exports.EVALUATION_EXPORT, params=params)


@permission_required(VIEW)
def where_now_view(request: HttpRequest) -> HttpResponse:
    cohort_id, program_id = int_param(request, "cohort"), int_param(request, "program")
    rows = selectors.placements(
        actor=request.user, cohort_id=cohort_id, program_id=program_id
    )
    return render(
        request,
        "outcomes/where_now.html",
        {
            "counts": selectors.placement_counts(rows),
            "page": paginate(request, rows),
            "cohorts": selectors.cohorts_in_reach(actor=request.user),
            "cohort_id": cohort_id,
            "program_id": program_id,
            "query": request.GET.urlencode(),
            "query_without_page": query_string_without(request, "page"),
        },
    )


@permission_required(VIEW)
def where_now_export_view(request: HttpRequest) -> HttpResponse:
    params = request.GET.dict()
    log_personal_data_export(
        actor=request.user,
        object_type="outcomes.placement",
        filters={
            "cohort": exports.cohort_param(params),
            "program": exports.program_param(params),
        },
        request=request,
    )
    return export_response(request, export=exports.WHERE_NOW_EXPORT, params=params)


@permission_required("outcomes.grade_research")
def research_task_list_view(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.gradable_tasks(actor=request.user))
    return render(
        request,
        "outcomes/research_task_list.html",
        {
            "page": page,
            "form": GradeForm(),
            "query_without_page": query_string_without(request, "page"),
        },
    )


@permission_required("outcomes.grade_research", methods=("POST",))
def research_task_grade_view(request: HttpRequest, pk: int) -> HttpResponse:
    task = selectors.get_task_for_grading(request.user, pk)
    return handle_posted_form(
        request,
        GradeForm(request.POST),
        action=lambda data: services.research_task_grade(
            actor=request.user, task=task, **data
        ),
        success=_("Đã chấm điểm nhiệm vụ nghiên cứu."),
        redirect_to="outcomes:research-task-list",
    )
