"""Paper pages: the list by theme group (search, Excel), submission on behalf of
the authors, one paper with its authors, reviews, decision and history."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.access import (
    has_permission,
    log_personal_data_export,
    permission_required,
)
from daotao.core.forms import add_service_errors, handle_form
from daotao.core.listing import paginate, query_string_without, xlsx_response
from daotao.core.text import format_number
from daotao.faculty.selectors import school_lecturers
from daotao.research.forms.papers import (
    AuthorFormSet,
    DecisionForm,
    PaperFilterForm,
    PaperForm,
    PlaceForm,
    ReviewAssignForm,
    ReviewForm,
    WithdrawForm,
    author_data,
)
from daotao.research.models import InvitedOrganisation, Paper
from daotao.research.selectors import papers as selectors
from daotao.research.services import papers as services
from daotao.research.services.programme import programme_place

VIEW = "research.view_paper"
MANAGE = "research.manage_paper"
# The conference page itself is for its readers; a reader of papers alone (a
# faculty head) sees no link to it (its delegates and their contacts).
VIEW_CONFERENCE = "research.view_conference"
# A paper is edited while it waits for its decision.
OPEN_STATUSES = (Paper.Status.SUBMITTED, Paper.Status.UNDER_REVIEW)
HISTORY_LABELS = {
    "research.paper_submit": gettext_lazy("Nhập tham luận"),
    "research.paper_update": gettext_lazy("Sửa tham luận"),
    "research.review_assign": gettext_lazy("Phân công phản biện"),
    "research.review_record": gettext_lazy("Phòng nhập phản biện thay người phản biện"),
    "research.review_submit": gettext_lazy("Người phản biện gửi phản biện"),
    "research.paper_status": gettext_lazy("Chuyển trạng thái"),
    "research.programme_place": gettext_lazy("Xếp vào chương trình"),
}


def _organisations(school_id: int) -> Any:
    return InvitedOrganisation.objects.filter(school_id=school_id).order_by(
        "group", "sort_key", "id"
    )


def _lecturers(school_id: int) -> Any:
    return school_lecturers(school_id=school_id)


def _filters(request: HttpRequest, conference: Any):
    form = PaperFilterForm(request.GET or None, themes=conference.themes.all())
    if not form.is_valid():
        return form, selectors.PaperFilter()
    data = form.cleaned_data
    return form, selectors.PaperFilter(
        query=data["q"], theme_group_id=data["theme"], status=data["status"]
    )


@permission_required(VIEW)
def paper_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_papers(request.user, pk)
    form, filters = _filters(request, conference)
    papers = selectors.paper_list(conference=conference, filters=filters)
    return render(
        request,
        "research/paper_list.html",
        {
            "conference": conference,
            "filter_form": form,
            "page": paginate(request, papers),
            "query_without_page": query_string_without(request, "page"),
            "can_manage": has_permission(request.user, MANAGE),
            "can_see_conference": has_permission(request.user, VIEW_CONFERENCE),
            "open_statuses": OPEN_STATUSES,
        },
    )


@permission_required(VIEW)
def paper_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_papers(request.user, pk)
    _form, filters = _filters(request, conference)
    papers = selectors.paper_list(conference=conference, filters=filters)
    rows = (
        (
            number,
            paper.theme_group.name,
            paper.title,
            "; ".join(a.full_name for a in paper.authors.all()),
            "; ".join(dict.fromkeys(a.organisation_label for a in paper.authors.all())),
            paper.get_status_display(),
            paper.reviewed_count,
            paper.session.title if paper.session_id else "",
            paper.position or "",
        )
        for number, paper in enumerate(papers, 1)
    )
    log_personal_data_export(
        actor=request.user,
        object_type="research.paper",
        filters={"conference": conference.pk, **asdict(filters)},
        request=request,
    )
    return xlsx_response(
        filename=f"tham-luan-{conference.slug}",
        title=_("Danh sách tham luận"),
        headers=[
            _("STT"),
            _("Nhóm chủ đề"),
            _("Tên tham luận"),
            _("Tác giả"),
            _("Đơn vị"),
            _("Trạng thái"),
            _("Số phản biện đã nhập"),
            _("Phiên"),
            _("Thứ tự"),
        ],
        rows=rows,
    )


def _paper_forms(request: HttpRequest, conference: Any, paper: Paper | None):
    initial: dict[str, Any] = {}
    authors_initial: list[dict[str, Any]] = []
    if paper is not None:
        initial = {
            "title": paper.title,
            "theme_group": paper.theme_group_id,
            "abstract": paper.abstract,
        }
        authors_initial = [
            {
                "full_name": a.full_name,
                "organisation": a.organisation_id,
                "organisation_name": a.organisation_name,
                "is_presenter": a.is_presenter,
            }
            for a in paper.authors.all()
        ]
    data = request.POST if request.method == "POST" else None
    form = PaperForm(
        data,
        request.FILES if data is not None else None,
        themes=conference.themes.all(),
        initial=initial,
    )
    authors = AuthorFormSet(
        data,
        prefix="tac-gia",
        initial=authors_initial,
        form_kwargs={"organisations": _organisations(conference.school_id)},
    )
    return form, authors


def _save_paper(request: HttpRequest, conference: Any, paper: Paper | None):
    form, authors = _paper_forms(request, conference, paper)
    if request.method == "POST" and form.is_valid() and authors.is_valid():
        data = services.PaperData(
            title=form.cleaned_data["title"],
            theme_group_id=form.cleaned_data["theme_group"],
            abstract=form.cleaned_data["abstract"],
            authors=author_data(authors),
        )
        upload = form.cleaned_data.get("file") or None
        try:
            if paper is None:
                paper = services.paper_submit(
                    actor=request.user, conference=conference, data=data, upload=upload
                )
            else:
                paper = services.paper_update(
                    actor=request.user, paper=paper, data=data, upload=upload
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu tham luận “%s”.") % paper.title)
            return redirect("research:paper-detail", pk=paper.pk)
    return render(
        request,
        "research/paper_form.html",
        {"conference": conference, "paper": paper, "form": form, "authors": authors},
        status=400 if form.errors else 200,
    )


@permission_required(MANAGE)
def paper_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    conference = selectors.get_conference_for_paper_change(request.user, pk)
    return _save_paper(request, conference, None)


@permission_required(MANAGE)
def paper_update_view(request: HttpRequest, pk: int) -> HttpResponse:
    paper = selectors.get_paper_for_change(request.user, pk)
    return _save_paper(request, paper.conference, paper)


def _detail(event: Any) -> str:
    changes = event.changes or {}
    if "status" in changes:
        return str(Paper.Status(changes["status"][1]).label)
    if "reviewer" in changes:
        return str(changes["reviewer"][1])
    return ""


def _render_detail(request: HttpRequest, paper: Paper, **forms_: Any) -> HttpResponse:
    can_manage = has_permission(request.user, MANAGE)
    school_id = paper.school_id
    if can_manage:
        forms_.setdefault(
            "assign_form",
            ReviewAssignForm(
                lecturers=_lecturers(school_id),
                organisations=_organisations(school_id),
            ),
        )
        forms_.setdefault("review_form", ReviewForm())
        forms_.setdefault("decision_form", DecisionForm())
        forms_.setdefault("withdraw_form", WithdrawForm())
        forms_.setdefault(
            "place_form",
            PlaceForm(
                sessions=selectors.sessions_of(conference=paper.conference),
                initial={"session": paper.session_id, "position": paper.position},
            ),
        )
    rule = services.review_rule_for(paper.conference)
    return render(
        request,
        "research/paper_detail.html",
        {
            "paper": paper,
            "conference": paper.conference,
            "reviews": selectors.paper_reviews(paper=paper),
            "history": [
                (event, HISTORY_LABELS.get(event.action, event.action), _detail(event))
                for event in selectors.paper_history(paper=paper)
            ],
            "scale": f"{format_number(rule.score_min.normalize())}–"
            f"{format_number(rule.score_max.normalize())}",
            "can_manage": can_manage,
            "can_see_conference": has_permission(request.user, VIEW_CONFERENCE),
            "is_open": paper.status in OPEN_STATUSES,
            **forms_,
        },
        status=400 if any(f.errors for f in forms_.values()) else 200,
    )


@permission_required(VIEW)
def paper_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, selectors.get_paper_for_view(request.user, pk))


@permission_required(VIEW)
def paper_file_view(request: HttpRequest, pk: int) -> HttpResponse:
    paper = selectors.get_paper_for_view(request.user, pk)
    if not paper.file:
        raise Http404
    return FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=paper.file_name or f"tham-luan-{paper.pk}.{paper.file_kind}",
    )


def _act(request, pk, form_class, form_name, action, done, form_kwargs=None):
    """Run one action of the paper page: back to the paper (or the programme) when
    the service is content; otherwise the page again with the errors."""
    paper = selectors.get_paper_for_change(request.user, pk)
    if request.POST.get("next") == "programme":
        back = reverse("research:programme-edit", args=[paper.conference_id])
    else:
        back = reverse("research:paper-detail", args=[paper.pk])
    return handle_form(
        request,
        form_class(request.POST, **form_kwargs(paper) if form_kwargs else {}),
        action=lambda data: action(paper, data),
        success=done,
        redirect_to=back,
        render=lambda form: _render_detail(request, paper, **{form_name: form}),
    )


@permission_required(MANAGE, methods=("POST",))
def review_assign_view(request: HttpRequest, pk: int) -> HttpResponse:
    def assign(paper: Paper, data: dict[str, Any]) -> None:
        lecturer = None
        if data["lecturer"]:
            lecturer = _lecturers(paper.school_id).filter(pk=data["lecturer"]).first()
        organisation = None
        if data["organisation"]:
            organisation = (
                _organisations(paper.school_id).filter(pk=data["organisation"]).first()
            )
        services.review_assign(
            actor=request.user,
            paper=paper,
            lecturer=lecturer,
            reviewer_name=data["reviewer_name"],
            organisation=organisation,
        )

    return _act(
        request,
        pk,
        ReviewAssignForm,
        "assign_form",
        assign,
        _("Đã phân công phản biện."),
        form_kwargs=lambda paper: {
            "lecturers": _lecturers(paper.school_id),
            "organisations": _organisations(paper.school_id),
        },
    )


@permission_required(MANAGE, methods=("POST",))
def review_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_review_for_change(request.user, pk)
    return _act(
        request,
        review.paper_id,
        ReviewForm,
        "review_form",
        lambda paper, data: services.review_record(
            actor=request.user,
            review=review,
            score=data["score"],
            comments=data["comments"],
            recommendation=data["recommendation"],
        ),
        _("Đã lưu phản biện của %s.") % review.reviewer_name,
    )


@permission_required(MANAGE, methods=("POST",))
def paper_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        DecisionForm,
        "decision_form",
        lambda paper, data: services.paper_decide(
            actor=request.user,
            paper=paper,
            accept=data["decision"] == "accept",
            note=data["note"],
        ),
        _("Đã ghi quyết định."),
    )


@permission_required(MANAGE, methods=("POST",))
def paper_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(
        request,
        pk,
        WithdrawForm,
        "withdraw_form",
        lambda paper, data: services.paper_withdraw(
            actor=request.user, paper=paper, reason=data["reason"]
        ),
        _("Đã rút tham luận."),
    )


@permission_required(MANAGE, methods=("POST",))
def paper_place_view(request: HttpRequest, pk: int) -> HttpResponse:
    def place(paper: Paper, data: dict[str, Any]) -> None:
        session = None
        if data["session"]:
            session = selectors.get_session_for_change(request.user, data["session"])
        programme_place(
            actor=request.user,
            paper=paper,
            session=session,
            position=data["position"],
        )

    return _act(
        request,
        pk,
        PlaceForm,
        "place_form",
        place,
        _("Đã xếp tham luận vào chương trình."),
        form_kwargs=lambda paper: {
            "sessions": selectors.sessions_of(conference=paper.conference)
        },
    )
