"""Reads of documents and the outgoing register, narrowed to the actor's school."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from daotao.core.actors import Actor
from daotao.core.models import AuditEvent
from daotao.core.text import search_key
from daotao.documents.models import DocumentTemplate, Issuer, OutgoingDocument

_RELATED = ("issuer", "document_type", "drafting_unit", "template", "created_by")


@dataclass(frozen=True)
class RegisterFilter:
    query: str = ""
    document_type_id: int | None = None
    year: int | None = None
    status: str = ""
    numbered_only: bool = False


def _in_scope(actor: Actor, permission: str) -> QuerySet[OutgoingDocument]:
    return OutgoingDocument.objects.visible_to(actor, permission)


def document_register(
    *,
    actor: Actor,
    filters: RegisterFilter,
    permission: str = "documents.view_document",
) -> QuerySet[OutgoingDocument]:
    """Documents in the register order: newest year first, then by number."""
    documents = _in_scope(actor, permission)
    if filters.numbered_only:
        documents = documents.filter(number__isnull=False)
    if filters.query:
        documents = documents.filter(search_key__contains=search_key(filters.query))
    if filters.document_type_id:
        documents = documents.filter(document_type_id=filters.document_type_id)
    if filters.year:
        documents = documents.filter(year=filters.year)
    if filters.status:
        documents = documents.filter(status=filters.status)
    return documents.select_related(*_RELATED).order_by(
        "-year", "issuer_id", "-number", "-id"
    )


def register_years(*, actor: Actor) -> list[int]:
    years = (
        _in_scope(actor, "documents.view_document")
        .exclude(year__isnull=True)
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(years, reverse=True)


def get_document_for_view(actor: Actor, pk: int) -> OutgoingDocument:
    document = (
        _in_scope(actor, "documents.view_document")
        .select_related(*_RELATED)
        .filter(pk=pk)
        .first()
    )
    if document is None:
        raise Http404
    return document


def document_history(*, document: OutgoingDocument) -> QuerySet[AuditEvent]:
    return (
        AuditEvent.objects.filter(
            object_type="documents.outgoingdocument", object_id=str(document.pk)
        )
        .select_related("actor")
        .order_by("occurred_at", "id")
    )


def template_choices() -> QuerySet[DocumentTemplate]:
    """The templates an office types from; those the domain apps draft from their
    data (the plan, the decisions of admission and graduation) are left out."""
    return (
        DocumentTemplate.objects.filter(is_active=True)
        .exclude(wording__has_key="from_data")
        .select_related("document_type")
    )


def issuer_choices(*, actor: Actor) -> QuerySet[Issuer]:
    return Issuer.objects.visible_to(actor, "documents.draft_document").filter(
        is_active=True
    )
