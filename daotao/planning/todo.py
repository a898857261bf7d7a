"""What waits for someone in the planning app: plans submitted for approval."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core import todo
from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.todo import ToDo
from daotao.planning.models import TrainingPlan

APPROVE = "planning.approve_plan"
REVIEW = "planning.review_plan"


def plans_to_approve(actor: Actor) -> list[ToDo]:
    """The plans submitted for approval in the approver's scope (one query): for
    leadership those of a school that approves its own plans, for the province's
    board those of a school whose plans go to the province."""
    return _submitted(
        actor, APPROVE, by_province=False, group=_("Kế hoạch chờ phê duyệt")
    )


def plans_to_review(actor: Actor) -> list[ToDo]:
    """The plans the province's board has to return or approve (one query)."""
    return _submitted(
        actor, REVIEW, by_province=True, group=_("Kế hoạch trình Ban thẩm định")
    )


def _submitted(
    actor: Actor, permission: str, *, by_province: bool, group: str
) -> list[ToDo]:
    if not has_permission(actor, permission):
        return []
    plans = (
        TrainingPlan.objects.visible_to(actor, permission)
        .filter(
            status=TrainingPlan.Status.SUBMITTED,
            school__plans_approved_by_province=by_province,
        )
        .order_by("year", "id")
        .only("pk", "title", "year", "version")
    )
    key = "planning.review" if by_province else "planning.approve"
    return [
        ToDo(
            key=f"{key}:{plan.pk}.{plan.version}",
            group=group,
            title=plan.title,
            url=reverse("planning:plan-detail", args=[plan.pk]),
            note=_("Năm %(year)s") % {"year": plan.year},
        )
        for plan in plans
    ]


def register() -> None:
    """Install this app's providers (from its AppConfig.ready())."""
    todo.register("planning.approve", plans_to_approve)
    todo.register("planning.review", plans_to_review)
