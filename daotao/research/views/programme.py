"""Programme pages: the editor (sessions in the parts, accepted papers ordered in
them), the printable programme, the proceedings PDF; and the conference's
documents: invitations and the post-event report drafted from the data."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, permission_required
from daotao.core.forms import add_service_errors, handle_form
from daotao.core.generated import generated_file_request
from daotao.core.text import search_key
from daotao.documents.rendering.pdf import RenderError
from daotao.documents.services import issuer_ensure_default
from daotao.org.models import Unit
from daotao.research import print_jobs
from daotao.research.forms.papers import DraftSettingsForm, PlaceForm, SessionForm
from daotao.research.proceedings import proceedings_pdf
from daotao.research.selectors import papers as selectors
from daotao.research.services import invitations, reporting
from daotao.research.services import programme as services

logger = logging.getLogger(__name__)
VIEW = "research.view_paper"
MANAGE = "research.manage_paper"
VIEW_CONFERENCE = "research.view_conference"


def _session_data(data: dict[str, Any]) -> services.SessionData:
    return services.SessionData(
        part_id=data["part"],
        title=data["title"],
        starts_at=data["starts_at"],
        ends_at=data["ends_at"],
        venue=data["venue"],
        chairs=data["chairs"],
        speakers=data["speakers"],
    )


@permission_required(MANAGE)
def programme_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_paper_change(request.user, pk)
    parts = conference.parts.order_by("order", "starts_at", "id")

    def page(form: SessionForm) -> HttpResponse:
        sessions = selectors.sessions_of(conference=conference)
        return render(
            request,
            "research/programme_edit.html",
            {
                "conference": conference,
                "programme": selectors.programme(conference=conference),
                "unplaced": selectors.unplaced_accepted(conference=conference),
                "session_form": form,
                "place_form": PlaceForm(sessions=sessions),
            },
            status=400 if form.errors else 200,
        )

    return handle_form(
        request,
        SessionForm(request.POST or None, parts=parts),
        action=lambda data: services.session_create(
            actor=request.user, conference=conference, data=_session_data(data)
        ),
        success=_("Đã thêm phiên."),
        redirect_to=reverse("research:programme-edit", args=[conference.pk]),
        render=page,
    )


@permission_required(MANAGE)
def session_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_change(request.user, pk)
    conference = session.part.conference
    parts = conference.parts.order_by("order", "starts_at", "id")
    initial = {
        "part": session.part_id,
        "title": session.title,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "venue": session.venue,
        "chairs": session.chairs,
        "speakers": session.speakers,
    }
    return handle_form(
        request,
        SessionForm(request.POST or None, parts=parts, initial=initial),
        action=lambda data: services.session_update(
            actor=request.user, session=session, data=_session_data(data)
        ),
        success=_("Đã lưu phiên."),
        redirect_to=reverse("research:programme-edit", args=[conference.pk]),
        template="research/programme_session_form.html",
        context={"conference": conference, "session": session},
        error_status=400,
    )


@permission_required(MANAGE, methods=("POST",))
def session_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_change(request.user, pk)
    conference_id = session.part.conference_id
    services.session_delete(actor=request.user, session=session)
    messages.success(request, _("Đã xóa phiên; các tham luận của phiên chưa được xếp."))
    return redirect("research:programme-edit", pk=conference_id)


@permission_required(VIEW)
def programme_print_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_papers(request.user, pk)
    return render(
        request,
        "research/programme_print.html",
        {
            "conference": conference,
            "programme": selectors.programme(conference=conference),
            "can_see_conference": has_permission(request.user, VIEW_CONFERENCE),
        },
    )


@permission_required(MANAGE, methods=("POST",))
def proceedings_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_paper_change(request.user, pk)
    papers = selectors.papers_in_programme_order(conference=conference)
    if sum(1 for p in papers if p.file) > print_jobs.PROCEEDINGS_SYNC_PAPERS:
        job = generated_file_request(
            actor=request.user,
            kind=print_jobs.PROCEEDINGS,
            title=print_jobs.proceedings_title(conference),
            params={"conference": conference.pk},
            school_id=conference.school_id,
        )
        return redirect("core:generated-file-detail", pk=job.pk)
    try:
        pdf = proceedings_pdf(conference, papers)
    except RenderError as error:
        logger.warning("proceedings of conference %s: %s", conference.pk, error)
        messages.error(request, str(error))
        return redirect("research:programme-edit", pk=conference.pk)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = print_jobs.proceedings_filename(conference)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- The conference's documents -------------------------------------------------------


def _draft_form(request: HttpRequest, conference: Any) -> DraftSettingsForm:
    units = Unit.objects.filter(school_id=conference.school_id).order_by(
        "position", "name"
    )
    # The research office drafts; its unit first when the school has one.
    office = next(
        (u.pk for u in units if "nghien cuu khoa hoc" in search_key(u.name)), None
    )
    return DraftSettingsForm(
        request.POST or None, units=units, initial={"drafting_unit": office}
    )


def _settings(conference: Any, data: dict[str, Any]) -> reporting.DraftSettings:
    return reporting.DraftSettings(
        issuer=issuer_ensure_default(school=conference.school),
        drafting_unit_id=data["drafting_unit"],
        signer_title=data["signer_title"],
        signer_authority=data["signer_authority"],
        signer_name=data["signer_name"],
    )


def _documents_page(request, conference, form, status=200) -> HttpResponse:
    return render(
        request,
        "research/report_documents.html",
        {
            "conference": conference,
            "figures": reporting.conference_figures(conference=conference),
            "documents": selectors.conference_documents(conference=conference),
            "has_report": selectors.conference_report(conference=conference)
            is not None,
            "form": form,
            "can_manage": has_permission(request.user, MANAGE),
            "can_see_conference": has_permission(request.user, VIEW_CONFERENCE),
        },
        status=status,
    )


@permission_required(VIEW)
def conference_documents_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_papers(request.user, pk)
    return _documents_page(request, conference, _draft_form(request, conference))


def _draft(request: HttpRequest, pk: int, action: Any) -> HttpResponse:
    conference = selectors.get_conference_for_paper_change(request.user, pk)
    form = _draft_form(request, conference)
    if form.is_valid():
        try:
            return action(conference, _settings(conference, form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
    return _documents_page(request, conference, form, status=400)


@permission_required(MANAGE, methods=("POST",))
def report_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    def draft(conference: Any, settings: reporting.DraftSettings) -> HttpResponse:
        existing = selectors.conference_report(conference=conference)
        if existing is None:
            record = reporting.report_draft(
                actor=request.user, conference=conference, settings=settings
            )
            done = _("Đã soạn dự thảo báo cáo từ số liệu; hãy viết các phần nhận định.")
        else:
            record = reporting.report_refresh(actor=request.user, record=existing)
            done = _(
                "Đã cập nhật dự thảo báo cáo theo số liệu mới; phần đã viết được giữ."
            )
        messages.success(request, done)
        return redirect("documents:document-detail", pk=record.document_id)

    return _draft(request, pk, draft)


@permission_required(MANAGE, methods=("POST",))
def invitations_draft_view(request: HttpRequest, pk: int) -> HttpResponse:
    def draft(conference: Any, settings: reporting.DraftSettings) -> HttpResponse:
        result = invitations.invitations_draft(
            actor=request.user, conference=conference, settings=settings
        )
        messages.success(
            request, _("Đã soạn %(count)s giấy mời.") % {"count": len(result.created)}
        )
        for warning in result.warnings:
            messages.warning(request, warning)
        return redirect("research:conference-documents", pk=conference.pk)

    return _draft(request, pk, draft)
