"""What waits for someone in the documents app: documents submitted for signature."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from daotao.core import todo
from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.todo import ToDo
from daotao.documents.models import OutgoingDocument

SIGN = "documents.sign_document"


def documents_to_sign(actor: Actor) -> list[ToDo]:
    """The documents submitted for signature in the signer's scope (one query)."""
    if not has_permission(actor, SIGN):
        return []
    documents = (
        OutgoingDocument.objects.visible_to(actor, SIGN)
        .filter(status=OutgoingDocument.Status.SUBMITTED)
        .order_by("updated_at", "id")
        .only("pk", "summary", "version")
    )
    return [
        ToDo(
            key=f"documents.sign:{document.pk}.{document.version}",
            group=_("Văn bản chờ ký"),
            title=document.summary,
            url=reverse("documents:document-detail", args=[document.pk]),
        )
        for document in documents
    ]


def register() -> None:
    """Install this app's providers (from its AppConfig.ready())."""
    todo.register("documents.sign", documents_to_sign)
