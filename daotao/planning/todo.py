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


def plans_to_approve(actor: Actor) -> list[ToDo]:
    """The plans submitted for approval in the approver's scope (one query)."""
    if not has_permission(actor, APPROVE):
        return []
    plans = (
        TrainingPlan.objects.visible_to(actor, APPROVE)
        .filter(status=TrainingPlan.Status.SUBMITTED)
        .order_by("year", "id")
        .only("pk", "title", "year", "version")
    )
    return [
        ToDo(
            key=f"planning.approve:{plan.pk}.{plan.version}",
            group=_("Kế hoạch chờ phê duyệt"),
            title=plan.title,
            url=reverse("planning:plan-detail", args=[plan.pk]),
            note=_("Năm %(year)s") % {"year": plan.year},
        )
        for plan in plans
    ]


def register() -> None:
    """Install this app's providers (from its AppConfig.ready())."""
    todo.register("planning.approve", plans_to_approve)
