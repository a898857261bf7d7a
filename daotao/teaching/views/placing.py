"""Placing by hand what the engine left unplaced: the draft's week grid for one
cohort, a form for the chosen half-day, and the live conflict check it posts to."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.forms import handle_form
from daotao.teaching.forms.placing import PlaceForm
from daotao.teaching.models import ScheduleRun
from daotao.teaching.selectors import scheduling as selectors
from daotao.teaching.selectors import timetables
from daotao.teaching.services import scheduling as services

MANAGE = "teaching.manage_schedule"


def _chosen(request: HttpRequest, run: ScheduleRun) -> dict | None:
    """The unplaced entry the page is about (?lop=&chuyen-de=), else the first;
    None when nothing is left to place."""
    left = services.unplaced_left(run)
    if not left:
        return None
    cohort, topic = request.GET.get("lop", ""), request.GET.get("chuyen-de", "")
    for item in left:
        if (str(item["cohort_id"]), str(item["topic_id"])) == (cohort, topic):
            return item
    return left[0]


def _page_url(run: ScheduleRun, item: dict, day: datetime.date, **extra: Any) -> str:
    query = f"lop={item['cohort_id']}&chuyen-de={item['topic_id']}&tuan={day}"
    for key, value in extra.items():
        query += f"&{key}={value}"
    return f"{reverse('teaching:run-place', args=[run.pk])}?{query}"


@permission_required(MANAGE)
def run_place_view(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.get_run_for_view(request.user, pk)
    item = _chosen(request, run)
    if item is None:
        return render(request, "teaching/run_place.html", {"run": run, "item": None})
    session = services.draft_session_candidate(
        run, cohort_id=item["cohort_id"], topic_id=item["topic_id"]
    )
    week = timetables.week_of(request.GET.get("tuan"), today=run.term.starts_on)
    initial = {"date": request.GET.get("ngay"), "half_day": request.GET.get("buoi")}
    form = PlaceForm(request.POST or None, session=session, initial=initial)

    def next_url(placed: Any) -> str:
        run.refresh_from_db()
        if not services.unplaced_left(run):
            return reverse("teaching:run-detail", args=[run.pk])
        return _page_url(run, item, placed.date)

    def page(form: PlaceForm) -> HttpResponse:
        draft = run.sessions.filter(cohort_id=item["cohort_id"]).select_related(
            "topic", "lecturer__person", "room"
        )
        context = {
            "run": run,
            "item": item,
            "left": services.unplaced_left(run),
            "grid": _grid(run, item, session, week, draft),
            "week": week,
            "previous_url": _page_url(run, item, week.previous),
            "next_url": _page_url(run, item, week.next),
            "form": form,
            "chosen": bool(request.GET.get("ngay")) or request.method == "POST",
            "action": request.get_full_path(),
        }
        return render(request, "teaching/run_place.html", context)

    return handle_form(
        request,
        form,
        action=lambda data: services.draft_session_place(
            actor=request.user,
            run=run,
            cohort_id=item["cohort_id"],
            topic_id=item["topic_id"],
            **form.placement(),
        ),
        success=_("Đã xếp buổi học vào bản nháp."),
        redirect_to=next_url,
        render=page,
    )


def _grid(run, item, session, week, draft) -> dict[str, Any]:
    """The week's days and, per half-day row, each cell's draft sessions and,
    when the cohort is free then (inside the term, a study day), the URL that
    chooses that half-day."""
    grid = timetables.week_grid(draft, week)
    cohort, term = session.cohort, run.term
    rows = []
    for row in grid.rows:
        cells = []
        for day, sessions in zip(week.days, row.cells, strict=True):
            is_open = (
                term.starts_on <= day <= term.ends_on
                and day.weekday() in cohort.study_weekdays
                and not sessions
            )
            url = (
                _page_url(run, item, week.monday, ngay=day, buoi=row.half_day)
                if is_open
                else ""
            )
            cells.append({"sessions": sessions, "choose_url": url})
        rows.append({"label": row.label, "cells": cells})
    return {"days": grid.days, "rows": rows}


@permission_required(MANAGE, methods=("POST",))
def run_place_check_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The conflicts of the placement as the form stands, as an HTML fragment."""
    run = selectors.get_run_for_view(request.user, pk)
    item = _chosen(request, run)
    if item is None:
        return render(request, "teaching/edit_conflicts.html", {"checked": False})
    session = services.draft_session_candidate(
        run, cohort_id=item["cohort_id"], topic_id=item["topic_id"]
    )
    form = PlaceForm(request.POST, session=session)
    conflicts = []
    if form.is_valid():
        conflicts = services.placement_conflicts(run, session, **form.placement())
    return render(
        request,
        "teaching/edit_conflicts.html",
        {"form": form, "conflicts": conflicts, "checked": form.is_valid()},
    )
