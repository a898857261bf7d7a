"""The reviewer's own pages ("Bài cần phản biện"): a lecturer assigned as reviewer
reads the papers assigned to them and submits their review on the conference's
scale; the other reviewers' scores are shown only after their own is submitted."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from daotao.core.access import permission_required
from daotao.core.forms import show_service_errors
from daotao.core.text import format_number
from daotao.research.forms.papers import ReviewForm
from daotao.research.selectors import papers as selectors
from daotao.research.services import papers as services

REVIEW = "research.review_paper"


def _scale(conference) -> str:
    rule = services.review_rule_for(conference)
    return _("%(low)s đến %(high)s, bước %(step)s") % {
        "low": format_number(rule.score_min.normalize()),
        "high": format_number(rule.score_max.normalize()),
        "step": format_number(rule.score_step.normalize()),
    }


@permission_required(REVIEW)
def my_reviews_view(request: HttpRequest) -> HttpResponse:
    rows = selectors.own_review_list(actor=request.user)
    scales: dict[int, str] = {}
    for row in rows:
        conference = row.review.paper.conference
        if conference.pk not in scales:
            scales[conference.pk] = _scale(conference)
        row.scale = scales[conference.pk]
    context = {
        "rows": rows,
        "open_count": sum(1 for row in rows if row.is_open),
        "recommendations": ReviewForm.base_fields["recommendation"].choices,
    }
    return render(request, "research/my_reviews.html", context)


@permission_required(REVIEW, methods=("POST",))
def my_review_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    review = selectors.get_own_review(request.user, pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Hãy nhập điểm và chọn đề nghị."))
        return redirect("research:my-reviews")
    try:
        services.review_submit(
            actor=request.user,
            review=review,
            score=form.cleaned_data["score"],
            comments=form.cleaned_data["comments"],
            recommendation=form.cleaned_data["recommendation"],
        )
    except ValidationError as error:
        show_service_errors(request, error)
    else:
        messages.success(
            request, _("Đã gửi phản biện tham luận “%s”.") % review.paper.title
        )
    return redirect("research:my-reviews")


@permission_required(REVIEW)
def my_review_file_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The file of a paper assigned to the reviewer."""
    paper = selectors.get_own_review(request.user, pk).paper
    if not paper.file:
        raise Http404
    return FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=paper.file_name or f"tham-luan-{paper.pk}.{paper.file_kind}",
    )
