"""Documents drafted from a domain app's data, and re-drafted when the data changes.

A domain app (planning, enrolment, assessment) names a template and hands over the
values its wording needs ({class_name}, {count}…) and the blocks of its annex; the
wording itself (summary, authority line, căn cứ, articles, annex titles, recipients)
lives in the template, which an administrator edits without code.

Re-drafting (docs/adr/0015-redrafting-documents-from-data.md): every part drafted
from data is remembered as it was drafted (`OutgoingDocument.generated`). A part the
office has not touched since is drafted again from the current data; a part the
office changed is kept as the office wrote it. Lines (căn cứ, paragraphs of the
text, recipients) are compared one by one: a line still as drafted is replaced by
its new wording, a line the office wrote or changed stays where it is, a drafted
line the office deleted stays deleted. Annexes are always drafted again: they are
the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.core.text import format_date, normalize
from daotao.documents.annexes import AnnexTable, annex_of
from daotao.documents.models import DocumentTemplate, Issuer, OutgoingDocument
from daotao.documents.rendering.spec import Annex
from daotao.documents.services import (
    TRACKED,
    DraftData,
    _apply,
    document_draft_create,
    summary_without_type_name,
)
from daotao.documents.wording import fill, head_of, lower_first
from daotao.org.models import LegalBasis, Unit

__all__ = [
    "DataDraft",
    "document_draft_from_data",
    "fill",
    "head_of",
    "keyed_lines",
    "lower_first",
    "merge_lines",
    "unit_values",
]

UNKNOWN_DATE = "…/…/……"


@dataclass(frozen=True)
class DataDraft:
    """What a domain app gives to draft one document from its data."""

    template: DocumentTemplate
    values: Mapping[str, Any]
    drafting_unit_id: int
    # The rows of the annex's tables; their words are the template's "annex_tables".
    annex_tables: tuple[AnnexTable, ...] = ()
    # "" takes the template's signer; the office's choice at admission or
    # graduation overrides it.
    signer_title: str = ""
    signer_authority: str | None = None
    on: Any = None  # the day the legal bases must be in force (today by default)


def _legal_basis_values(number: str, on: Any) -> dict[str, str]:
    """Number, date, issuer and title of the basis in force: a superseded one is
    cited by its successor."""
    basis = LegalBasis.objects.filter(number=number).first()
    seen = set()
    while basis is not None and basis.superseded_by_id and basis.pk not in seen:
        seen.add(basis.pk)
        if basis.valid_to is None or basis.valid_to >= on:
            break
        basis = basis.superseded_by
    if basis is None:
        return {"number": number, "issued_on": f"ngày {UNKNOWN_DATE}"}
    issued = format_date(basis.issued_on) if basis.issued_on else UNKNOWN_DATE
    return {
        "number": basis.number,
        "issued_on": f"ngày {issued}",
        "issuer": basis.issuer,
        "title": basis.title,
    }


def keyed_lines(
    entries: list[Any], values: Mapping[str, Any], on: Any
) -> list[list[Any]]:
    """[[key, line], …]: the template's entries filled; an entry {"when": k} only
    when the data has k, {"legal_basis": n} with that basis from the registry."""
    lines = []
    for key, entry in enumerate(entries):
        if isinstance(entry, Mapping):
            if entry.get("when") and not values.get(entry["when"]):
                continue
            line_values = dict(values)
            if entry.get("legal_basis"):
                line_values.update(_legal_basis_values(entry["legal_basis"], on))
            text = fill(entry.get("text", ""), line_values)
        else:
            text = fill(str(entry), values)
        if text:
            lines.append([key, text])
    return lines


def _generated_parts(draft: DataDraft) -> dict[str, Any]:
    wording = draft.template.wording or {}
    values = dict(draft.values)
    on = draft.on or timezone.localdate()
    body_lines = [
        [key, fill(line, values)]
        for key, line in enumerate((wording.get("body") or "").splitlines())
        if line.strip()
    ]
    authority = (
        draft.signer_authority
        if draft.signer_authority is not None
        else wording.get("signer_authority", "")
    )
    return {
        "summary": summary_without_type_name(
            fill(wording.get("summary", ""), values), draft.template.document_type
        ),
        "decision_heading": fill(wording.get("decision_heading", ""), values).upper(),
        "basis": keyed_lines(list(wording.get("basis", [])), values, on),
        "body": body_lines,
        "recipients": keyed_lines(list(wording.get("recipients", [])), values, on),
        "signer_authority": normalize(authority).upper(),
        "signer_title": normalize(
            draft.signer_title or wording.get("signer_title", "")
        ).upper(),
    }


def _annex(draft: DataDraft) -> tuple[Annex, ...]:
    annex = annex_of(
        draft.template.wording or {},
        draft.annex_tables,
        draft.values,
        default_title=_("PHỤ LỤC"),
    )
    return () if annex is None else (annex,)


def _texts(lines: list[list[Any]]) -> list[str]:
    return [text for _key, text in lines]


def _draft_data(
    parts: Mapping[str, Any], draft: DataDraft, *, signer_name: str = ""
) -> DraftData:
    return DraftData(
        summary=parts["summary"],
        body_text="\n".join(_texts(parts["body"])),
        drafting_unit_id=draft.drafting_unit_id,
        signer_title=parts["signer_title"],
        signer_authority=parts["signer_authority"],
        signer_name=signer_name,
        decision_heading=parts["decision_heading"],
        basis_text="\n".join(_texts(parts["basis"])),
        recipients_text="\n".join(_texts(parts["recipients"])),
        extra_blocks=_annex(draft),
    )


# --- Re-drafting -----------------------------------------------------------------


def merge_lines(
    previous: list[list[Any]], current: list[str], fresh: list[list[Any]]
) -> list[str]:
    """The office's lines with every line still as drafted (`previous`) replaced by
    its new wording (`fresh`, matched by the template's key); lines the office wrote
    stay in place; lines new in `fresh` go after the drafted line before them."""
    fresh_by_key = {key: text for key, text in fresh}
    unused = [list(item) for item in previous]
    merged: list[tuple[Any, str]] = []
    for line in current:
        match = next((item for item in unused if item[1] == line), None)
        if match is None:
            merged.append((None, line))
            continue
        unused.remove(match)
        if match[0] in fresh_by_key:
            merged.append((match[0], fresh_by_key[match[0]]))
    known = {key for key, _text in previous}
    for key, text in fresh:
        if key in known:
            continue
        after = [i for i, (k, _t) in enumerate(merged) if k is not None and k < key]
        position = after[-1] + 1 if after else 0
        merged.insert(position, (key, text))
    return [text for _key, text in merged]


def _lines_of(text: str) -> list[str]:
    return [normalize(line) for line in text.splitlines() if line.strip()]


def _merged_parts(
    document: OutgoingDocument, previous: Mapping[str, Any], fresh: Mapping[str, Any]
) -> dict[str, Any]:
    """The parts of a re-draft: see the module docstring for the rule."""
    merged: dict[str, Any] = {}
    for name in ("summary", "decision_heading", "signer_authority", "signer_title"):
        current = getattr(document, name)
        untouched = normalize(current) == normalize(previous.get(name, ""))
        merged[name] = fresh[name] if untouched else current
    for name, current in (
        ("basis", list(document.basis)),
        ("body", _lines_of(document.body_text)),
        ("recipients", list(document.recipients)),
    ):
        lines = merge_lines(previous.get(name, []), current, fresh[name])
        merged[name] = [[None, line] for line in lines]
    return merged


def _redraft(
    *, actor: Actor, document: OutgoingDocument, draft: DataDraft
) -> OutgoingDocument:
    require_scope(actor, "documents.draft_document", school_id=document.school_id)
    current = OutgoingDocument.objects.select_for_update().get(pk=document.pk)
    if current.status != OutgoingDocument.Status.DRAFT:
        raise ValidationError(
            _(
                "Văn bản đang ở trạng thái “%(status)s”: chỉ soạn lại được dự thảo "
                "chưa trình ký."
            )
            % {"status": current.get_status_display()},
            code="not_draft",
        )
    previous = current.generated or {}
    fresh = _generated_parts(draft)
    # A re-draft that names no signer keeps the one chosen when it was drafted.
    if not draft.signer_title and "signer_title" in previous:
        fresh["signer_title"] = previous["signer_title"]
    if draft.signer_authority is None and "signer_authority" in previous:
        fresh["signer_authority"] = previous["signer_authority"]
    parts = _merged_parts(current, previous, fresh)
    before = snapshot(current, TRACKED)
    _apply(current, _draft_data(parts, draft, signer_name=current.signer_name))
    current.generated = fresh
    changes = diff(before, snapshot(current, TRACKED))
    current.version += 1
    current.save()
    audit_record(
        actor=actor,
        action="documents.document_redraft",
        instance=current,
        changes=changes or {"annex": ["", "soạn lại"]},
    )
    return current


def document_draft_from_data(
    *,
    actor: Actor,
    school_id: int,
    issuer: Issuer,
    draft: DataDraft,
    document: OutgoingDocument | None = None,
) -> OutgoingDocument:
    """A new draft from the template and the data, or, given `document` (a draft
    not yet submitted), that draft drafted again from the current data with the
    office's own changes kept."""
    if issuer.school_id != school_id:
        raise PermissionDenied
    if document is not None:
        with transaction.atomic():
            return _redraft(actor=actor, document=document, draft=draft)
    parts = _generated_parts(draft)
    with transaction.atomic():
        created = document_draft_create(
            actor=actor,
            school_id=school_id,
            template=draft.template,
            issuer=issuer,
            data=_draft_data(parts, draft),
        )
        created.generated = parts
        created.save(update_fields=["generated", "updated_at"])
    return created


def unit_values(*, school: Any, unit_id: int) -> dict[str, str]:
    """The values every template may use: the school's full name, the drafting
    office's name and its head, as their records spell them."""
    unit = Unit.objects.get(pk=unit_id)
    return {
        "school_name": school.name,
        "office_name": unit.name,
        "office_head": head_of(unit.name),
    }
