"""Drafting a conference's document through the documents app: who drafts and
signs, and the template's wording for what the caller leaves blank."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from daotao.core.actors import Actor
from daotao.documents import services as documents
from daotao.documents.models import DocumentTemplate

MANAGE = "research.manage_paper"


@dataclass(frozen=True)
class DraftSettings:
    """Who drafts and signs: the issuer, the drafting unit, the signer's title."""

    issuer: Any
    drafting_unit_id: int
    signer_title: str = ""
    signer_authority: str = ""
    signer_name: str = ""


def draft_document(
    actor: Actor, conference: Any, code: str, settings: DraftSettings, **data: Any
) -> Any:
    """A new draft from the template `code`; with neither the signer's title nor the
    authority given, the template's signer (a title alone means no "KT."/"TL.")."""
    template = DocumentTemplate.objects.get(code=code)
    wording = template.wording
    if not (settings.signer_title or settings.signer_authority):
        settings = replace(
            settings,
            signer_title=wording.get("signer_title", ""),
            signer_authority=wording.get("signer_authority", ""),
        )
    return documents.document_draft_create(
        actor=actor,
        school_id=conference.school_id,
        template=template,
        issuer=settings.issuer,
        data=documents.DraftData(
            drafting_unit_id=settings.drafting_unit_id,
            signer_title=settings.signer_title or wording.get("signer_title", ""),
            signer_authority=settings.signer_authority,
            signer_name=settings.signer_name,
            **data,
        ),
    )
