"""Scheduling pages: terms, running the engine, a run's draft against the published
schedule, publishing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_htmx.http import HttpResponseClientRefresh

from daotao.core.access import has_permission, home_school_id, permission_required
from daotao.core.forms import (
    handle_form,
    refused_unconfirmed,
    show_service_errors,
)
from daotao.teaching.forms.scheduling import RunForm, TermForm
from daotao.teaching.models import ScheduleRun
from daotao.teaching.selectors import scheduling as selectors
from daotao.teaching.services import scheduling as services
from daotao.teaching.services.scheduling.publish import Clash, PublishClash

VIEW, MANAGE = "teaching.view_schedule", "teaching.manage_schedule"
ACTIVE = (ScheduleRun.Status.QUEUED, ScheduleRun.Status.RUNNING)
PENALTY_LABELS = {
    "split_topics": gettext_lazy("Chuyên đề bị ngắt quãng"),
    "overload": gettext_lazy("Buổi vượt định mức"),
    "load_deviation": gettext_lazy("Chênh lệch so với phần việc chia đều"),
    "site_changes": gettext_lazy("Lần đổi địa điểm của giảng viên"),
    "preferences": gettext_lazy("Buổi trái nguyện vọng giảng viên"),
}


@permission_required(VIEW)
def term_list_view(request: HttpRequest) -> HttpResponse:
    can_manage = has_permission(request.user, MANAGE)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied
    school_id = home_school_id(request.user, MANAGE) if can_manage else None
    return handle_form(
        request,
        TermForm(request.POST or None, school_id=school_id),
        action=lambda data: services.term_create(
            actor=request.user, school_id=school_id, **data
        ),
        success=None,
        redirect_to=lambda term: reverse("teaching:term-detail", args=[term.pk]),
        template="teaching/term_list.html",
        context={
            "terms": selectors.term_list(actor=request.user),
            "can_manage": can_manage,
        },
    )


@permission_required(VIEW)
def term_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    term = selectors.get_term_for_view(request.user, pk)
    services.schedule_runs_recover(term=term)  # a dead run shows failed at once
    context = {
        "term": term,
        "cohorts": selectors.term_cohorts(term=term),
        "published": selectors.published_counts(term=term),
        "runs": selectors.term_runs(term=term),
        "run_form": RunForm(),
        "in_use": selectors.term_in_use(term=term),
        "can_manage": has_permission(request.user, MANAGE),
    }
    return render(request, "teaching/term_detail.html", context)


@permission_required(MANAGE)
def term_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a term made by mistake, or delete it (the page is the confirmation),
    while nothing uses it; otherwise the page says why it is kept."""
    term = selectors.get_term_for_view(request.user, pk)
    in_use = selectors.term_in_use(term=term)
    initial = {
        "name": term.name,
        "starts_on": term.starts_on,
        "ends_on": term.ends_on,
        "cohorts": list(term.cohorts.all()),
    }
    form = TermForm(
        request.POST or None, initial=initial, school_id=term.school_id, term=term
    )
    return handle_form(
        request,
        form,
        action=lambda data: services.term_update(actor=request.user, term=term, **data),
        success=_("Đã sửa đợt xếp lịch."),
        redirect_to=reverse("teaching:term-detail", args=[pk]),
        template="teaching/term_form.html",
        context={"term": term, "in_use": in_use},
    )


@permission_required(MANAGE, methods=("POST",))
def term_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    term = selectors.get_term_for_view(request.user, pk)
    try:
        services.term_delete(actor=request.user, term=term)
    except ValidationError as error:
        show_service_errors(request, error)
        return redirect("teaching:term-update", pk=pk)
    messages.success(request, _("Đã xóa đợt “%s”.") % term.name)
    return redirect("teaching:term-list")


@permission_required(MANAGE, methods=("POST",))
def term_schedule_view(request: HttpRequest, pk: int) -> HttpResponse:
    term = selectors.get_term_for_view(request.user, pk)
    form = RunForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["time_limit_seconds"]))
        return redirect("teaching:term-detail", pk=pk)
    try:
        run = services.schedule_run_start(
            actor=request.user, term=term, **form.cleaned_data
        )
    except ValidationError as error:
        show_service_errors(request, error)
        return redirect("teaching:term-detail", pk=pk)
    return redirect("teaching:run-detail", pk=run.pk)


@permission_required(VIEW)
def run_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.get_run_for_view(request.user, pk)
    if run.status in ACTIVE and services.schedule_runs_recover(term=run.term):
        run.refresh_from_db()
    is_active = run.status in ACTIVE
    if request.htmx:
        # The progress poll: a fragment while the engine runs, then a full reload.
        if is_active:
            return render(request, "teaching/run_progress.html", {"run": run})
        return HttpResponseClientRefresh()
    is_latest = selectors.is_latest_done_run(run)
    diff = [] if is_active else selectors.schedule_diff(run)
    context = {
        "run": run,
        "is_active": is_active,
        "is_latest": is_latest,
        "explanations": run.explanation.splitlines(),
        "penalty_parts": [
            (label, run.penalty_parts.get(name, 0))
            for name, label in PENALTY_LABELS.items()
        ],
        "diff": diff,
        "changed": [cohort for cohort in diff if cohort.has_changes],
        "unplaced": services.unplaced_left(run),
        "can_place": run.status == ScheduleRun.Status.DONE
        and is_latest
        and has_permission(request.user, MANAGE),
        "can_publish": run.status == ScheduleRun.Status.DONE
        and is_latest
        and has_permission(request.user, MANAGE),
    }
    return render(request, "teaching/run_detail.html", context)


@permission_required(MANAGE, methods=("POST",))
def run_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.get_run_for_view(request.user, pk)
    if refused_unconfirmed(request):
        return redirect("teaching:run-detail", pk=pk)
    try:
        services.schedule_publish(actor=request.user, run=run)
    except PublishClash as refused:
        messages.error(
            request,
            _(
                "Không công bố được: từ lúc xếp đến nay lịch đã công bố có buổi "
                "trùng với bản nháp. Hãy xếp lại, hoặc đổi các buổi sau:"
            ),
        )
        for clash in refused.clashes:
            messages.error(request, _clash_line(clash))
    except ValidationError as error:
        show_service_errors(request, error)
    else:
        messages.success(request, _("Đã công bố lịch giảng của đợt."))
    return redirect("teaching:run-detail", pk=pk)


def _clash_line(clash: Clash) -> str:
    """The clash's sentence with a link to the clashing session: its move page."""
    url = reverse("teaching:session-move", args=[clash.session_id])
    return format_html('{} <a href="{}">{}</a>', clash.message, url, _("Xem buổi này"))
