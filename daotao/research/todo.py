"""What waits for someone in the research app: conference papers to send to
reviewers, and papers whose reviews are all in and wait for a decision."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core import todo
from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.todo import ToDo
from daotao.research.models import Paper, Review

MANAGE = "research.manage_paper"


def papers_to_review(actor: Actor) -> list[ToDo]:
    """Papers submitted with no reviewer yet, and papers under review whose every
    review is in (one query)."""
    if not has_permission(actor, MANAGE):
        return []
    reviews = Review.objects.filter(paper=OuterRef("pk"))
    pending = reviews.filter(recommendation="")
    papers = (
        Paper.objects.visible_to(actor, MANAGE)
        .filter(status__in=(Paper.Status.SUBMITTED, Paper.Status.UNDER_REVIEW))
        .annotate(has_reviews=Exists(reviews), has_pending=Exists(pending))
        .select_related("conference")
        .order_by("conference_id", "id")
    )
    items = []
    for paper in papers:
        if not paper.has_reviews:
            group, kind = _("Tham luận chờ phân công phản biện"), "assign"
        elif not paper.has_pending:
            group, kind = _("Tham luận đã đủ phản biện, chờ quyết định"), "decide"
        else:
            continue
        items.append(
            ToDo(
                key=f"research.paper_{kind}:{paper.pk}",
                group=group,
                title=paper.title,
                url=reverse("research:paper-detail", args=[paper.pk]),
                note=str(paper.conference),
            )
        )
    return items


def register() -> None:
    """Install this app's providers (from its AppConfig.ready())."""
    todo.register("research.papers", papers_to_review)
