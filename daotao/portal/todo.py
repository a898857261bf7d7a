"""What waits for the editor in the portal app: drafts not yet published."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core import todo
from daotao.core.access import Role, has_permission, user_roles
from daotao.core.actors import Actor
from daotao.core.todo import ToDo
from daotao.portal.models import Article

MANAGE = "portal.manage_content"


def drafts_to_publish(actor: Actor) -> list[ToDo]:
    """The articles still in draft (one query); for the editor, whose work it is."""
    if Role.COMMUNICATIONS not in user_roles(actor) or not has_permission(
        actor, MANAGE
    ):
        return []
    drafts = (
        Article.objects.visible_to(actor, MANAGE)
        .filter(status=Article.Status.DRAFT)
        .order_by("-updated_at", "-id")
        .only("pk", "title")
    )
    return [
        ToDo(
            key=f"portal.draft:{article.pk}",
            group=_("Tin bài nháp chưa đăng"),
            title=article.title,
            url=reverse("portal:article-update", args=[article.pk]),
        )
        for article in drafts
    ]


def register() -> None:
    """Install this app's providers (from its AppConfig.ready())."""
    todo.register("portal.drafts", drafts_to_publish)
