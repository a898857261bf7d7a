"""Moving a published session by hand: the form, and the live conflict check the
form posts to (HTMX) whenever a field changes."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.forms import handle_form
from daotao.teaching.forms.editing import SessionMoveForm
from daotao.teaching.models import TeachingSession
from daotao.teaching.selectors import timetables as selectors
from daotao.teaching.services import editing as services


def _back_url(session: TeachingSession) -> str:
    url = reverse("teaching:cohort-timetable", args=[session.cohort_id])
    return f"{url}?tuan={session.date.isoformat()}"


@permission_required("teaching.manage_schedule")
def session_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_editing(request.user, pk)
    form = SessionMoveForm(request.POST or None, session=session)
    return handle_form(
        request,
        form,
        action=lambda data: services.session_move(
            actor=request.user,
            session=session,
            expected_version=data["version"],
            **form.placement(),
        ),
        success=_("Đã đổi lịch buổi học."),
        redirect_to=_back_url,
        template="teaching/edit_session_move.html",
        context={"session": session, "back_url": _back_url(session)},
    )


@permission_required("teaching.manage_schedule", methods=("POST",))
def session_check_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The conflicts of the move as the form stands, as an HTML fragment."""
    session = selectors.get_session_for_editing(request.user, pk)
    form = SessionMoveForm(request.POST, session=session)
    conflicts = []
    if form.is_valid():
        conflicts = services.session_conflicts(session=session, **form.placement())
        if form.cleaned_data["version"] != session.version:
            conflicts.insert(
                0, _("Buổi học vừa được người khác đổi lịch. Hãy tải lại trang.")
            )
    return render(
        request,
        "teaching/edit_conflicts.html",
        {"form": form, "conflicts": conflicts, "checked": form.is_valid()},
    )
