"""Writes on outgoing documents: drafting, the signing workflow and numbering.

The number is assigned at signing, in the same transaction that renders the DOCX:
a failure anywhere leaves the document unsigned and the number unused. The PDF is
made from the stored DOCX the first time someone opens it (LibreOffice takes
seconds; a signing should not wait for it, nor hold the number series meanwhile).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.core.pdf_safety import validate_pdf_is_passive
from daotao.core.text import normalize
from daotao.documents.markup import parse_body
from daotao.documents.models import (
    DocumentTemplate,
    Issuer,
    NumberSeries,
    OutgoingDocument,
)
from daotao.documents.rendering import (
    DocumentSpec,
    docx_to_pdf,
    number_text,
    render_docx,
)
from daotao.documents.rendering.spec import Block, block_to_dict

logger = logging.getLogger(__name__)
Status = OutgoingDocument.Status

TRACKED = [
    "summary",
    "body_text",
    "basis",
    "decision_heading",
    "signer_authority",
    "signer_title",
    "signer_name",
    "recipients",
    "archive_units",
    "place",
    "drafting_unit",
    "issuer",
    "status",
    "number",
    "symbol",
    "issued_on",
]


@dataclass(frozen=True)
class DraftData:
    """What the drafting form gives: texts as typed, one item a line."""

    summary: str
    body_text: str
    drafting_unit_id: int
    signer_title: str
    signer_authority: str = ""
    signer_name: str = ""
    decision_heading: str = ""
    basis_text: str = ""
    recipients_text: str = ""
    archive_units_text: str = ""
    # Blocks a domain app builds itself (tables, annexes) after the typed body.
    extra_blocks: tuple[Block, ...] = ()


def _lines(text: str) -> list[str]:
    return [normalize(line) for line in text.splitlines() if line.strip()]


def summary_without_type_name(summary: str, document_type: Any) -> str:
    """The trích yếu without the type name the title already prints: "Kế hoạch đào
    tạo … năm 2026" under "KẾ HOẠCH" becomes "Đào tạo … năm 2026"."""
    summary = normalize(summary)
    if document_type is None:
        return summary
    name = document_type.title_name
    if summary.lower().startswith(name.lower() + " "):
        rest = summary[len(name) + 1 :].lstrip()
        return rest[:1].upper() + rest[1:]
    return summary


def _apply(document: OutgoingDocument, data: DraftData) -> None:
    errors = {}
    if not normalize(data.summary):
        errors["summary"] = [_("Chưa nhập trích yếu.")]
    if not data.body_text.strip():
        errors["body_text"] = [_("Chưa nhập nội dung văn bản.")]
    if not normalize(data.signer_title):
        errors["signer_title"] = [_("Chưa nhập chức vụ người ký.")]
    if errors:
        raise ValidationError(errors)
    document.summary = summary_without_type_name(data.summary, document.document_type)
    document.body_text = data.body_text.strip()
    # Tables and annexes a domain app generated stay when the office edits the text.
    generated = [block_to_dict(b) for b in data.extra_blocks] or [
        b for b in document.body if b.get("kind") in ("table", "annex")
    ]
    document.body = parse_body(data.body_text) + generated
    document.drafting_unit_id = data.drafting_unit_id
    document.signer_authority = normalize(data.signer_authority).upper()
    document.signer_title = normalize(data.signer_title).upper()
    document.signer_name = normalize(data.signer_name)
    document.decision_heading = normalize(data.decision_heading).upper()
    document.basis = _lines(data.basis_text)
    document.recipients = _lines(data.recipients_text)
    archive = [u.strip() for u in data.archive_units_text.split(",") if u.strip()]
    document.archive_units = archive or [document.drafting_unit.abbreviation]


def issuer_ensure_default(*, school: Any) -> Issuer:
    """The school's own issuer (its abbreviation, e.g. TrCT), created on first use."""
    issuer, _created = Issuer.objects.get_or_create(
        school=school,
        abbreviation=school.abbreviation,
        defaults={
            "name": school.name,
            "governing_body": school.governing_body,
            "header_name": school.short_name,
        },
    )
    return issuer


def issuer_default_follow_school(*, actor: Actor, school: Any) -> Issuer:
    """The school's own issuer, created if missing, with the header lines the
    school's identity page gives (name, governing body, short name); audited."""
    require_scope(actor, "core.use_admin", school_id=school.pk)
    fields = ["name", "governing_body", "header_name"]
    with transaction.atomic():
        issuer = issuer_ensure_default(school=school)
        before = snapshot(issuer, fields)
        issuer.name = school.name
        issuer.governing_body = school.governing_body
        issuer.header_name = school.short_name
        changes = diff(before, snapshot(issuer, fields))
        if changes:
            issuer.save(update_fields=[*fields, "updated_at"])
            audit_record(
                actor=actor,
                action="documents.issuer_update",
                instance=issuer,
                changes=changes,
            )
    return issuer


def document_draft_create(
    *,
    actor: Actor,
    school_id: int,
    template: DocumentTemplate,
    issuer: Issuer,
    data: DraftData,
) -> OutgoingDocument:
    """A new draft from a template; nothing is saved if a field is wrong."""
    require_scope(actor, "documents.draft_document", school_id=school_id)
    if issuer.school_id != school_id:
        raise PermissionDenied
    school = issuer.school
    document = OutgoingDocument(
        school_id=school_id,
        issuer=issuer,
        template=template,
        document_type=template.document_type,
        place=school.place_name,
        created_by=actor,
    )
    document.drafting_unit_id = data.drafting_unit_id
    _apply(document, data)
    with transaction.atomic():
        document.save()
        audit_record(
            actor=actor,
            action="documents.document_create",
            instance=document,
            changes={k: [None, v] for k, v in snapshot(document, TRACKED).items() if v},
        )
    return document


def document_draft_update(
    *, actor: Actor, document: OutgoingDocument, data: DraftData, expected_version: int
) -> OutgoingDocument:
    """Save an edit of a draft made on `expected_version`; signed ones never change."""
    require_scope(actor, "documents.draft_document", school_id=document.school_id)
    with transaction.atomic():
        current = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        if current.status != Status.DRAFT:
            raise ValidationError(
                _("Chỉ sửa được văn bản đang là dự thảo."), code="not_draft"
            )
        if current.version != expected_version:
            raise ValidationError(
                _("Dự thảo vừa được người khác sửa. Hãy tải lại trang rồi sửa tiếp."),
                code="conflict",
            )
        before = snapshot(current, TRACKED)
        _apply(current, data)
        changes = diff(before, snapshot(current, TRACKED))
        if changes:
            current.version += 1
            current.save()
            audit_record(
                actor=actor,
                action="documents.document_update",
                instance=current,
                changes=changes,
            )
    return current


@dataclass(frozen=True)
class _Step:
    """One move of a document's status: who may make it, from where to where, and
    the verb a refusal names ("không thể trình ký")."""

    permission: str
    source: str
    target: str
    action: str


SUBMIT = _Step(
    "documents.draft_document", Status.DRAFT, Status.SUBMITTED, N_("trình ký")
)
RETURN = _Step("documents.sign_document", Status.SUBMITTED, Status.DRAFT, N_("trả lại"))
PUBLISH = _Step(
    "documents.publish_document", Status.SIGNED, Status.PUBLISHED, N_("công bố")
)


def _transition(
    *, actor: Actor, document: OutgoingDocument, step: _Step, reason: str = ""
) -> OutgoingDocument:
    permission, source, target = step.permission, step.source, step.target
    action = _(step.action)
    require_scope(actor, permission, school_id=document.school_id)
    with transaction.atomic():
        current = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        if current.status != source:
            raise ValidationError(
                _("Văn bản đang ở trạng thái “%(status)s”, không thể %(action)s.")
                % {"status": current.get_status_display(), "action": action},
                code="invalid_transition",
            )
        current.status = target
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at"])
        audit_record(
            actor=actor,
            action=f"documents.document_{target}",
            instance=current,
            changes={"status": [source, target]},
            reason=reason,
        )
    return current


def document_submit(*, actor: Actor, document: OutgoingDocument) -> OutgoingDocument:
    return _transition(actor=actor, document=document, step=SUBMIT)


def document_return(
    *, actor: Actor, document: OutgoingDocument, reason: str
) -> OutgoingDocument:
    """Send a submitted document back to its drafter, with the reason."""
    if not normalize(reason):
        raise ValidationError({"reason": [_("Hãy ghi lý do trả lại.")]})
    return _transition(
        actor=actor, document=document, step=RETURN, reason=normalize(reason)
    )


def document_publish(*, actor: Actor, document: OutgoingDocument) -> OutgoingDocument:
    return _transition(actor=actor, document=document, step=PUBLISH)


def format_symbol(*, number: int | None, document: OutgoingDocument) -> str:
    """ "104/BC-TrCT"; a công văn "15/TrCT-QLĐT"; a Party document "12-NQ/ĐU"."""
    issuer = document.issuer.abbreviation
    shown = number_text(number) if number is not None else ""
    if document.document_type is None:
        return f"{shown}/{issuer}-{document.drafting_unit.abbreviation}"
    kind = document.document_type.abbreviation
    if document.issuer.format == "party":
        return f"{shown}-{kind}/{issuer}"
    return f"{shown}/{kind}-{issuer}"


ADDRESSEE_LABEL = "Kính gửi:"


def _addressees(body: list[dict[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """A công văn's "Kính gửi: …" typed as its first line (with a "- …" list under
    it for several) becomes the addressee block the header lays out; the rest is
    the text."""
    first = body[0] if body else {}
    text = first.get("text", "") if first.get("kind") == "paragraph" else ""
    if not text.startswith(ADDRESSEE_LABEL):
        return [], body
    addressees = [text[len(ADDRESSEE_LABEL) :].strip()]
    rest = body[1:]
    if rest and rest[0].get("kind") == "list":
        addressees += rest[0]["items"]
        rest = rest[1:]
    return [a for a in addressees if a], rest


def document_spec(document: OutgoingDocument) -> dict[str, Any]:
    """The plain data the renderer takes (see documents.rendering.spec)."""
    issuer = document.issuer
    document_type = document.document_type
    addressees, body = (
        _addressees(list(document.body)) if document_type is None else ([], None)
    )
    return {
        "format": issuer.format,
        "governing_body": issuer.governing_body,
        "issuer_name": issuer.header_name,
        "number": document.number,
        "type_abbreviation": document_type.abbreviation if document_type else None,
        "issuer_abbreviation": issuer.abbreviation,
        "unit_abbreviation": document.drafting_unit.abbreviation,
        "type_name": document_type.title_name.upper() if document_type else None,
        "place": document.place,
        "date": (document.issued_on or timezone.localdate()).isoformat(),
        "summary": document.summary,
        "decision_heading": document.decision_heading or None,
        "basis": list(document.basis),
        "addressees": addressees,
        "body": body if body is not None else list(document.body),
        "signer": {
            "authority": document.signer_authority or None,
            "title": document.signer_title,
            "name": document.signer_name,
        },
        "recipients": list(document.recipients),
        "archive_units": list(document.archive_units),
    }


def document_docx(document: OutgoingDocument) -> bytes:
    """The document laid out as DOCX from its current data (no file is stored)."""
    return render_docx(DocumentSpec.from_dict(document_spec(document)))


def _full_name(user: Any) -> str:
    person = getattr(user, "person", None)
    if person is not None and getattr(person, "full_name", ""):
        return person.full_name
    return normalize(getattr(user, "display_name", "") or "")


def _next_number(*, issuer: Issuer, year: int) -> int:
    """Take the next number of the issuer's series for `year`; the row stays locked
    until the caller's transaction ends, so numbers never repeat or skip."""
    try:
        with transaction.atomic():
            NumberSeries.objects.get_or_create(issuer=issuer, year=year)
    except IntegrityError:
        pass  # another signer created the year's series first
    series = NumberSeries.objects.select_for_update().get(issuer=issuer, year=year)
    series.last_number += 1
    series.save(update_fields=["last_number"])
    return series.last_number


def document_sign(
    *,
    actor: Actor,
    document: OutgoingDocument,
    signed_on: datetime.date | None = None,
) -> OutgoingDocument:
    """Record the signature: assign the next number, render and store the DOCX."""
    require_scope(actor, "documents.sign_document", school_id=document.school_id)
    signed_on = signed_on or timezone.localdate()
    with transaction.atomic():
        current = (
            OutgoingDocument.objects.select_for_update(of=("self",))
            .select_related("issuer", "document_type", "drafting_unit")
            .get(pk=document.pk)
        )
        if current.status != Status.SUBMITTED:
            raise ValidationError(
                _("Chỉ ký được văn bản đã trình ký (hiện là “%(status)s”).")
                % {"status": current.get_status_display()},
                code="invalid_transition",
            )
        number = _next_number(issuer=current.issuer, year=signed_on.year)
        current.number, current.year, current.issued_on = (
            number,
            signed_on.year,
            signed_on,
        )
        current.symbol = format_symbol(number=number, document=current)
        # The signer's full name goes under the signature: the one typed in the
        # draft, or else the name of whoever records the signature.
        old_signer_name = current.signer_name
        current.signer_name = current.signer_name or _full_name(actor)
        docx = document_docx(current)
        stem = f"{current.year}-{number_text(number)}-{current.issuer.abbreviation}"
        current.docx_file.save(f"{stem}.docx", ContentFile(docx), save=False)
        current.status = Status.SIGNED
        current.version += 1
        current.save()
        audit_record(
            actor=actor,
            action="documents.document_sign",
            instance=current,
            changes={
                "status": [Status.SUBMITTED, Status.SIGNED],
                "number": [None, number],
                "symbol": ["", current.symbol],
                "issued_on": [None, signed_on.isoformat()],
                "signer_name": [old_signer_name, current.signer_name],
            },
        )
    return current


def document_pdf_ensure(*, document_id: int) -> OutgoingDocument:
    """The signed document's PDF, made from its stored DOCX if it is missing."""
    document = OutgoingDocument.objects.get(pk=document_id)
    if document.pdf_file or not document.docx_file:
        return document
    try:
        with document.docx_file.open("rb") as handle:
            pdf = docx_to_pdf(handle.read())
    except Exception:
        logger.exception("PDF rendering failed for document %s", document_id)
        return document
    document.pdf_file.save(
        document.docx_file.name.rsplit("/", 1)[-1].replace(".docx", ".pdf"),
        ContentFile(pdf),
        save=False,
    )
    document.save(update_fields=["pdf_file", "updated_at"])
    return document


def document_attach_scan(
    *, actor: Actor, document: OutgoingDocument, upload: Any
) -> OutgoingDocument:
    """Attach the signed and sealed scan (a PDF) to a numbered document."""
    require_scope(actor, "documents.draft_document", school_id=document.school_id)
    head = upload.read(5)
    upload.seek(0)
    if not upload.name.lower().endswith(".pdf") or head != b"%PDF-":
        raise ValidationError({"scan": [_("Bản quét phải là tệp PDF.")]})
    validate_pdf_is_passive(upload.read(), filename=upload.name, field="scan")
    upload.seek(0)
    with transaction.atomic():
        current = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
        if not current.is_numbered:
            raise ValidationError(
                {"scan": [_("Chỉ đính kèm bản quét cho văn bản đã ký, cấp số.")]}
            )
        current.signed_scan.save(
            f"{current.year}-{number_text(current.number)}-scan.pdf", upload, save=False
        )
        current.save(update_fields=["signed_scan", "updated_at"])
        audit_record(
            actor=actor,
            action="documents.document_attach_scan",
            instance=current,
            changes={"signed_scan": ["", current.signed_scan.name]},
        )
    return current
