"""Assessment pages: a cohort's modules, exams and sheets; the eligibility list; the
entry grid (saved whole, all or nothing); transitions; amendments; import; results
and their export; the graduation list and decision; a learner's own scores.

Issuing credentials from the signed decision is a credentials page: that app sits
above this one (`selectors.graduates_for_credentials` gives it the list).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.assessment import examiners, graduation, policy, rules, selectors, services
from daotao.assessment.forms import (
    AmendForm,
    DecisionForm,
    ExamForm,
    ExaminerForm,
    ImportForm,
    ReturnForm,
    RuleSetAmendForm,
)
from daotao.assessment.importing import scores_import_run
from daotao.assessment.models import ScoreSheet
from daotao.core.access import (
    has_permission,
    log_personal_data_export,
    permission_required,
)
from daotao.core.forms import handle_action, handle_form, show_service_errors
from daotao.core.listing import (
    int_param,
    paginate,
    query_string_without,
    xlsx_response,
    year_param,
)
from daotao.core.page_cache import cached_page
from daotao.core.text import format_number
from daotao.documents.services import issuer_ensure_default
from daotao.enrolment.selectors import cohorts_of_year
from daotao.org.selectors import drafting_unit_for

VIEW, ENTER = "assessment.view_scores", "assessment.enter_scores"
LOCK, AMEND = "assessment.lock_scores", "assessment.amend_scores"


def _sheet_url(sheet: ScoreSheet) -> str:
    return reverse("assessment:sheet-detail", args=[sheet.pk])


def _graduation_url(cohort: Any) -> str:
    return reverse("assessment:graduation-list", args=[cohort.pk])


# --- Cohorts -------------------------------------------------------------------------


@permission_required(VIEW)
def cohort_list_view(request: HttpRequest) -> HttpResponse:
    year = year_param(request)
    cohorts = cohorts_of_year(
        selectors.cohort_list(actor=request.user),
        year=year,
        today=timezone.localdate(),
    )
    return render(
        request,
        "assessment/cohort_list.html",
        {
            "cohorts": paginate(request, cohorts),
            "year": year,
            "query_without_page": query_string_without(request, "page"),
        },
    )


def _examinable(user: Any, cohort: Any, modules: list[Any]) -> list[Any]:
    """The modules `user` may set exams for in `cohort` (none without the right)."""
    if not has_permission(user, ENTER):
        return []
    allowed = policy.examinable_module_ids(user, cohort_id=cohort.pk)
    return [m for m in modules if allowed is None or m.pk in allowed]


def _render_cohort(request, cohort, form: ExamForm | None = None) -> HttpResponse:
    modules = selectors.cohort_modules(cohort=cohort)
    examinable = _examinable(request.user, cohort, modules)
    user = request.user
    return render(
        request,
        "assessment/cohort_detail.html",
        {
            "cohort": cohort,
            "modules": modules,
            "form": form or (ExamForm(modules=examinable) if examinable else None),
            # The modules whose open sheets the user may fill in (from Excel too).
            "examinable_ids": {module.pk for module in examinable},
            "can_assign_examiners": has_permission(request.user, LOCK),
            # The class's admission file and timetable, for the roles that may
            # open them (a faculty head reaches the class only from here).
            "can_view_admission": has_permission(user, "enrolment.view_cohort"),
            "can_view_timetable": has_permission(user, "teaching.view_schedule"),
        },
    )


@permission_required(VIEW)
def cohort_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_cohort(request, selectors.get_cohort_for_scores(request.user, pk))


@permission_required(ENTER, methods=("POST",))
def exam_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_scores(request.user, pk)
    modules = selectors.cohort_modules(cohort=cohort)
    examinable = _examinable(request.user, cohort, modules)
    posted = int_param_of(request.POST.get("module"))
    if posted not in {m.pk for m in examinable}:
        raise Http404  # a module of another lecturer is out of the user's scope
    return handle_form(
        request,
        ExamForm(request.POST, modules=examinable),
        action=lambda data: services.create_exam_with_sheet(
            actor=request.user,
            cohort=cohort,
            module=next(m for m in modules if m.pk == data["module"]),
            held_on=data["held_on"],
            kind=data["kind"],
        ),
        success=_("Đã tạo kỳ thi và bảng điểm."),
        redirect_to=_sheet_url,
        render=lambda form: _render_cohort(request, cohort, form),
    )


def _render_examiners(request, cohort, form: ExaminerForm | None = None, status=200):
    modules = selectors.cohort_modules(cohort=cohort)
    return render(
        request,
        "assessment/examiners.html",
        {
            "cohort": cohort,
            "examiners": selectors.cohort_examiners(cohort=cohort),
            "form": form
            or ExaminerForm(
                modules=modules,
                lecturers=selectors.school_lecturers(school_id=cohort.school_id),
            ),
        },
        status=status,
    )


@permission_required(LOCK)
def examiner_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The cohort's examiners; the office assigns one with the form."""
    cohort = selectors.get_cohort_for_scores(request.user, pk)
    if request.method != "POST":
        return _render_examiners(request, cohort)
    modules = selectors.cohort_modules(cohort=cohort)
    lecturers = list(selectors.school_lecturers(school_id=cohort.school_id))
    return handle_form(
        request,
        ExaminerForm(request.POST, modules=modules, lecturers=lecturers),
        action=lambda data: examiners.examiner_assign(
            actor=request.user,
            cohort=cohort,
            module=next(m for m in modules if m.pk == data["module"]),
            lecturer=next(x for x in lecturers if x.pk == data["lecturer"]),
        ),
        success=_("Đã phân công cán bộ chấm thi."),
        redirect_to=reverse("assessment:examiner-list", args=[pk]),
        render=lambda form: _render_examiners(request, cohort, form, status=400),
    )


@permission_required(LOCK, methods=("POST",))
def examiner_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    examiner = selectors.get_examiner_for_scores(request.user, pk)
    examiners.examiner_remove(actor=request.user, examiner=examiner)
    messages.success(request, _("Đã bỏ phân công cán bộ chấm thi."))
    return redirect("assessment:examiner-list", pk=examiner.cohort_id)


# --- Sheets --------------------------------------------------------------------------


COLUMNS = (
    ("attendance", gettext_lazy("Chuyên cần")),
    ("test", gettext_lazy("Kiểm tra")),
    ("exam", gettext_lazy("Thi")),
)


def _bars(sheet: ScoreSheet, lines: list[Any]) -> dict[int, str]:
    """Line → why the learner is barred: from attendance as it stands while the
    sheet is open, as recorded on the line once it is submitted."""
    if sheet.status == ScoreSheet.Status.OPEN:
        live = selectors.barred_learners(exam=sheet.exam)
        return {
            line.pk: live[line.enrollment_id]
            for line in lines
            if line.enrollment_id in live
        }
    return {line.pk: line.note for line in lines if line.is_barred}


def _grid_rows(sheet, lines, posted, cells) -> list[dict[str, Any]]:
    bars = _bars(sheet, lines)
    rows = []
    for line in lines:
        values = (posted or {}).get(line.pk) or {
            "attendance": _number(line.attendance),
            "test": _number(line.test),
            "exam": _number(line.exam),
            "is_absent": line.is_absent,
            "version": line.version,
        }
        errors = (cells or {}).get(line.pk, {})
        rows.append(
            {
                "line": line,
                "values": values,
                "errors": errors,
                "bar": bars.get(line.pk, ""),
                "cells": [
                    (f"s{line.pk}-{key}", key, label, values[key], errors.get(key))
                    for key, label in COLUMNS
                ],
            }
        )
    return rows


def _cell_errors(rows: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(cell id, message naming the learner and the column) for the summary."""
    return [
        (
            cell_id,
            _("%(name)s, cột %(column)s: %(message)s")
            % {
                "name": row["line"].enrollment.person.full_name,
                "column": label,
                "message": error,
            },
        )
        for row in rows
        for cell_id, _key, label, _value, error in row["cells"]
        if error
    ]


def _render_sheet(
    request: HttpRequest,
    sheet: ScoreSheet,
    *,
    posted: dict[int, dict[str, Any]] | None = None,
    cells: dict[int, dict[str, str]] | None = None,
    amend_form: AmendForm | None = None,
    rule_set_form: RuleSetAmendForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    lines = list(selectors.sheet_lines(sheet=sheet))
    rows = _grid_rows(sheet, lines, posted, cells)
    is_open = sheet.status == ScoreSheet.Status.OPEN
    can_amend = sheet.is_locked and has_permission(user, AMEND)
    return render(
        request,
        "assessment/sheet_detail.html",
        {
            "sheet": sheet,
            "exam": sheet.exam,
            "rows": rows,
            "cell_errors": _cell_errors(rows),
            "bar": rules.exam_bar(sheet.exam.rule_set.parameters),
            "can_enter": is_open and _may_enter(user, sheet),
            "can_decide": sheet.status == ScoreSheet.Status.SUBMITTED
            and has_permission(user, LOCK),
            "return_form": ReturnForm(),
            "amend_form": amend_form or (AmendForm(lines=lines) if can_amend else None),
            "rule_set_form": rule_set_form
            or (_rule_set_form(sheet) if can_amend else None),
            "amendments": [
                (amendment, _amendment_changes(amendment))
                for amendment in selectors.sheet_amendments(sheet=sheet)
            ],
        },
        status=status,
    )


def _rule_set_form(sheet: ScoreSheet, data: Any = None) -> RuleSetAmendForm | None:
    rule_sets = selectors.other_rule_sets(exam=sheet.exam)
    return RuleSetAmendForm(data, rule_sets=rule_sets) if rule_sets else None


def _may_enter(user: Any, sheet: ScoreSheet) -> bool:
    return has_permission(user, ENTER) and policy.may_examine(
        user, cohort_id=sheet.exam.cohort_id, module_id=sheet.exam.module_id
    )


def _number(value: Any) -> str:
    return "" if value is None else format_number(value)


AMENDED_FIELDS = {
    "attendance": gettext_lazy("Chuyên cần"),
    "test": gettext_lazy("Kiểm tra"),
    "exam": gettext_lazy("Thi"),
    "result": gettext_lazy("Điểm học phần"),
    "is_absent": gettext_lazy("Vắng thi"),
    "note": gettext_lazy("Ghi chú"),
}


def _amended_value(value: Any) -> str:
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if value is None or value == "":
        return "—"
    try:
        return format_number(Decimal(str(value)))
    except InvalidOperation:
        return str(value)


def _amendment_changes(amendment: Any) -> list[tuple[str, str, str]]:
    """(field label, before, after) of an amendment, in the grid's column order."""
    return [
        (
            str(label),
            _amended_value(amendment.old_values.get(name)),
            _amended_value(amendment.new_values.get(name)),
        )
        for name, label in AMENDED_FIELDS.items()
        if name in amendment.new_values
    ]


@permission_required(VIEW)
@cached_page
def sheet_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_sheet(request, selectors.get_sheet_for_scores(request.user, pk))


def _posted_grid(request: HttpRequest) -> dict[int, dict[str, Any]]:
    grid = {}
    for score_id in request.POST.getlist("line"):
        if not score_id.isdigit():
            continue
        prefix = f"s{score_id}-"
        grid[int(score_id)] = {
            "attendance": request.POST.get(prefix + "attendance", ""),
            "test": request.POST.get(prefix + "test", ""),
            "exam": request.POST.get(prefix + "exam", ""),
            "is_absent": request.POST.get(prefix + "is_absent") == "on",
            "version": int_param_of(request.POST.get(prefix + "version")),
        }
    return grid


def int_param_of(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


@permission_required(ENTER, methods=("POST",))
def sheet_save_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = selectors.get_sheet_for_scores(request.user, pk)
    grid = _posted_grid(request)
    rows = [
        services.GridRow(
            score_id=score_id, values=values, expected_version=values["version"]
        )
        for score_id, values in grid.items()
    ]
    try:
        count = services.scores_enter_grid(actor=request.user, sheet=sheet, rows=rows)
    except services.GridError as error:
        show_service_errors(request, error)
        return _render_sheet(request, sheet, posted=grid, cells=error.cells, status=400)
    except ValidationError as error:
        show_service_errors(request, error)
        return redirect("assessment:sheet-detail", pk=pk)
    messages.success(
        request, _("Đã lưu điểm của %(count)s học viên.") % {"count": count}
    )
    return redirect("assessment:sheet-detail", pk=pk)


def _transition(
    request: HttpRequest,
    pk: int,
    action,
    success: str,
    *,
    confirm: bool = False,
    **kwargs,
):
    sheet = selectors.get_sheet_for_scores(request.user, pk)
    return handle_action(
        request,
        lambda: action(actor=request.user, sheet=sheet, **kwargs),
        success=success,
        redirect_to=_sheet_url(sheet),
        confirm=confirm,
    )


@permission_required(ENTER, methods=("POST",))
def sheet_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(request, pk, services.score_sheet_submit, _("Đã nộp bảng điểm."))


@permission_required(LOCK, methods=("POST",))
def sheet_return_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        services.score_sheet_return,
        _("Đã trả lại bảng điểm."),
        reason=request.POST.get("reason", ""),
    )


@permission_required(LOCK, methods=("POST",))
def sheet_lock_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request, pk, services.score_sheet_lock, _("Đã khóa bảng điểm."), confirm=True
    )


def _amended_values(data: dict[str, Any]) -> dict[str, Any]:
    """The components typed in the amendment form; a blank one keeps its value
    (a blank sent on would erase the mark and with it the module's result)."""
    values = {k: data[k] for k in ("attendance", "test", "exam") if data[k].strip()}
    return {**values, "is_absent": data["is_absent"]}


@permission_required(AMEND, methods=("POST",))
def sheet_amend_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = selectors.get_sheet_for_scores(request.user, pk)
    lines = list(selectors.sheet_lines(sheet=sheet))
    return handle_form(
        request,
        AmendForm(request.POST, lines=lines),
        action=lambda data: services.score_amend(
            actor=request.user,
            score=next(line for line in lines if line.pk == data["score"]),
            values=_amended_values(data),
            reason=data["reason"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
        ),
        success=_("Đã điều chỉnh điểm."),
        redirect_to=_sheet_url(sheet),
        render=lambda form: _render_sheet(request, sheet, amend_form=form, status=400),
    )


@permission_required(AMEND, methods=("POST",))
def sheet_rule_set_amend_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a locked sheet's exam to another rule set, by decision."""
    sheet = selectors.get_sheet_for_scores(request.user, pk)
    form = _rule_set_form(sheet, request.POST)
    if form is None:
        raise Http404
    return handle_form(
        request,
        form,
        action=lambda data: services.exam_rule_set_amend(
            actor=request.user,
            exam=sheet.exam,
            rule_set=next(
                r
                for r in selectors.other_rule_sets(exam=sheet.exam)
                if r.pk == data["rule_set"]
            ),
            reason=data["reason"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
        ),
        success=_("Đã đổi quy chế áp dụng của kỳ thi."),
        redirect_to=_sheet_url(sheet),
        render=lambda form: _render_sheet(
            request, sheet, rule_set_form=form, status=400
        ),
    )


@permission_required(VIEW)
def sheet_eligibility_view(request: HttpRequest, pk: int) -> HttpResponse:
    sheet = selectors.get_sheet_for_scores(request.user, pk)
    return render(
        request,
        "assessment/eligibility.html",
        {
            "sheet": sheet,
            "rows": selectors.exam_eligibility(exam=sheet.exam),
            "sessions": selectors.module_sessions(exam=sheet.exam),
            "can_see_attendance": has_permission(
                request.user, "learning.view_attendance"
            ),
        },
    )


@permission_required(ENTER)
def sheet_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload: a dry run; "Ghi" re-sends the same file with `commit`."""
    sheet = selectors.get_sheet_for_scores(request.user, pk)
    if not _may_enter(request.user, sheet):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = scores_import_run(
            upload=upload.read(),
            filename=upload.name,
            actor=request.user,
            sheet=sheet,
            dry_run="commit" not in request.POST,
        )
        if report.is_committed:
            messages.success(
                request,
                _("Đã nhập điểm của %(count)s học viên.") % {"count": len(report.rows)},
            )
            return redirect("assessment:sheet-detail", pk=pk)
    return render(
        request,
        "assessment/sheet_import.html",
        {"sheet": sheet, "form": form, "report": report},
    )


# --- Results and graduation ----------------------------------------------------------


@permission_required(VIEW)
def cohort_results_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_scores(request.user, pk)
    return render(
        request,
        "assessment/cohort_results.html",
        {"cohort": cohort, "results": selectors.cohort_results(cohort=cohort)},
    )


@permission_required(VIEW)
def cohort_results_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_scores(request.user, pk)
    results = selectors.cohort_results(cohort=cohort)
    log_personal_data_export(
        actor=request.user,
        object_type="assessment.result",
        filters={"cohort": cohort.pk},
        request=request,
    )
    rows = (
        (
            number,
            learner.enrollment.learner_code,
            learner.enrollment.person.full_name,
            *(_number(result) for result in learner.modules),
            _number(learner.overall),
            learner.classification,
        )
        for number, learner in enumerate(results.learners, 1)
    )
    return xlsx_response(
        filename=f"ket-qua-hoc-tap-{cohort.code}",
        title=_("Kết quả học tập lớp %(code)s") % {"code": cohort.code},
        headers=[
            _("STT"),
            _("Mã học viên"),
            _("Họ và tên"),
            *(column.name for column in results.columns),
            _("Điểm trung bình"),
            _("Xếp loại"),
        ],
        rows=rows,
    )


def _graduation_columns(cohort) -> dict[str, bool]:
    """Which of the review's marks the cohort's rule set asks for (all of them
    while no exam says which rule set applies)."""
    rule_set = selectors.cohort_rule_set(cohort=cohort)
    if rule_set is None:
        return {"exam": True, "essay": True, "field_study": True}
    route = rule_set.parameters["graduation_route"]
    return {
        "exam": route in ("exam", "both"),
        "essay": route in ("essay", "both"),
        "field_study": bool(rule_set.parameters["field_study_required"]),
    }


REVIEW_COLUMNS = {
    "exam": "is_exam_passed",
    "essay": "is_essay_passed",
    "field_study": "is_field_study_done",
}


def _all_asked_marks(cohort) -> dict[int, dict[str, bool]]:
    """“Đánh dấu đạt cho mọi học viên đủ điều kiện”: every mark the rule set asks
    for, ticked, for each learner who passed every module (the others keep theirs)."""
    asked = [
        REVIEW_COLUMNS[column]
        for column, on in _graduation_columns(cohort).items()
        if on
    ]
    marks = {}
    for line in selectors.graduation_list(cohort=cohort):
        if line.has_passed_modules:
            review = line.review
            kept = {
                n: bool(review and getattr(review, n)) for n in REVIEW_COLUMNS.values()
            }
            marks[line.result.enrollment.pk] = {**kept, **dict.fromkeys(asked, True)}
    return marks


def _render_graduation(request, cohort, form: DecisionForm | None = None):
    return render(
        request,
        "assessment/graduation.html",
        {
            "cohort": cohort,
            "asks": _graduation_columns(cohort),
            "lines": selectors.graduation_list(cohort=cohort),
            "decision": selectors.graduation_decision(cohort=cohort),
            "can_manage": has_permission(request.user, LOCK),
            "form": form or DecisionForm(),
        },
    )


@permission_required(VIEW)
def graduation_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_graduation(
        request, selectors.get_cohort_for_scores(request.user, pk)
    )


@permission_required(LOCK, methods=("POST",))
def graduation_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_scores(request.user, pk)
    marks = {
        int(enrollment_id): {
            name: request.POST.get(f"e{enrollment_id}-{name}") == "on"
            for name in graduation.REVIEW_FIELDS
        }
        for enrollment_id in request.POST.getlist("learner")
        if enrollment_id.isdigit()
    }
    if request.POST.get("tick") == "eligible":
        marks.update(_all_asked_marks(cohort))
    return handle_action(
        request,
        lambda: graduation.graduation_reviews_save(
            actor=request.user, cohort=cohort, marks=marks
        ),
        success=_("Đã lưu kết quả xét tốt nghiệp."),
        redirect_to=_graduation_url(cohort),
    )


@permission_required(LOCK, methods=("POST",))
def graduation_decision_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_scores(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _render_graduation(request, cohort, form)
    return handle_action(
        request,
        lambda: graduation.graduation_decision_draft(
            actor=request.user,
            cohort=cohort,
            issuer=issuer_ensure_default(school=cohort.school),
            drafting_unit_id=drafting_unit_for(
                actor=request.user, school_id=cohort.school_id
            ),
            signer_title=form.cleaned_data["signer_title"],
        ),
        success=_("Đã soạn quyết định công nhận tốt nghiệp.")
        if cohort.program_version.program.is_degree
        else _("Đã soạn quyết định công nhận hoàn thành chương trình."),
        redirect_to=_graduation_url(cohort),
    )


@permission_required(LOCK, methods=("POST",))
def graduation_redraft_view(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = selectors.get_cohort_for_scores(request.user, pk)
    return handle_action(
        request,
        lambda: graduation.graduation_decision_redraft(
            actor=request.user, cohort=cohort
        ),
        success=_("Đã soạn lại dự thảo quyết định từ kết quả học tập."),
        redirect_to=_graduation_url(cohort),
    )


# --- One's own scores ----------------------------------------------------------------


@permission_required("assessment.view_own_scores")
def my_scores_view(request: HttpRequest) -> HttpResponse:
    """The learner's module results and classification; `?hoc_vien=` picks one of
    their enrolments, anybody else's answers 404."""
    chosen = int_param(request, "hoc_vien")
    enrollments = list(selectors.own_enrollments(actor=request.user))
    if chosen is not None:
        enrollments = [selectors.get_own_enrollment(request.user, chosen)]
    sections = []
    for enrollment in enrollments:
        results = selectors.cohort_results(
            cohort=enrollment.cohort, enrollments=[enrollment]
        )
        learner = results.learners[0]
        sections.append(
            {
                "enrollment": enrollment,
                "modules": list(zip(results.columns, learner.modules, strict=True)),
                "learner": learner,
            }
        )
    if chosen is not None and not sections:
        raise Http404
    return render(request, "assessment/my_scores.html", {"sections": sections})
