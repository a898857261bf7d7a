"""The self-assessment report (Báo cáo tự đánh giá), drafted as an NĐ 30 document
through the documents app: the wording is the template's data
(`bao-cao-tu-danh-gia-truong-chuan`, migration 0003); the numbers and the annex
tables come from the assessment."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.text import format_number
from daotao.documents import services as documents
from daotao.documents.annexes import AnnexTable
from daotao.documents.drafting import (
    DataDraft,
    document_draft_from_data,
    fill,
    unit_values,
)
from daotao.documents.models import DocumentTemplate
from daotao.org.selectors import drafting_unit_for
from daotao.standards.display import threshold_text, value_text
from daotao.standards.models import SelfAssessment, Verdict
from daotao.standards.selectors import CriterionRow, IndicatorRow, assessment_rows
from daotao.standards.services import MANAGE, assessment_attach_document

TEMPLATE_CODE = "bao-cao-tu-danh-gia-truong-chuan"


def _evidence_text(row: IndicatorRow, wording: dict[str, Any]) -> str:
    """The evidence column: the template's words for a computed value
    ("evidence_computed") and for none yet ("evidence_none")."""
    if row.computed is not None:
        return wording.get("evidence_computed", "")
    return "; ".join(e.title for e in row.evidence) or wording.get("evidence_none", "")


def _annex(rows: list[CriterionRow], wording: dict[str, Any]) -> tuple[AnnexTable, ...]:
    summary = tuple(
        (
            f"{c.criterion.number}. {c.criterion.name}",
            str(len(c.rows)),
            str(c.met),
            str(c.above),
            str(c.not_met),
            str(c.no_data),
        )
        for c in rows
    )
    total = tuple(
        str(sum(getattr(c, name) if name else len(c.rows) for c in rows))
        for name in ("", "met", "above", "not_met", "no_data")
    )
    details = tuple(
        (
            row.indicator.code,
            row.indicator.name,
            threshold_text(row.indicator),
            value_text(row.value, row.indicator.unit),
            row.verdict_label,
            _evidence_text(row, wording),
        )
        for c in rows
        for row in c.rows
    )
    return (
        AnnexTable(rows=summary, total=total),
        AnnexTable(rows=details, numbered=False),
    )


def report_values(
    assessment: SelfAssessment, rows: list[CriterionRow], line: str
) -> dict[str, Any]:
    """What the template's wording names; `line` is its per-criterion line."""
    indicators = [row for c in rows for row in c.rows]
    met = sum(1 for r in indicators if r.verdict in (Verdict.MET, Verdict.ABOVE))
    return {
        "year": assessment.year,
        "level": assessment.rule_set.level,
        "rule_set_name": assessment.rule_set.name,
        "count": len(indicators),
        "rule_count": assessment.rule_set.parameters.get("indicator_count", 55),
        "computed": sum(1 for r in indicators if r.computed is not None),
        "met": met,
        "above": sum(1 for r in indicators if r.verdict == Verdict.ABOVE),
        "not_met": sum(1 for r in indicators if r.verdict == Verdict.NOT_MET),
        "no_data": sum(1 for r in indicators if r.verdict == Verdict.NO_DATA),
    } | {
        # One line per criterion, in the template's words ("criterion_line").
        f"criterion_{c.criterion.number}": fill(
            line,
            {
                "number": c.criterion.number,
                "name": c.criterion.name,
                "met": c.met,
                "count": len(c.rows),
                "above": c.above,
                "not_met": c.not_met,
                "no_data": c.no_data,
            },
        )
        for c in rows
    }


def report_draft(*, actor: Actor, assessment: SelfAssessment) -> Any:
    """Draft the year's report, or draft its unsigned document again from the
    current values (the office's own lines are kept: documents.drafting)."""
    require_scope(actor, MANAGE, school_id=assessment.school_id)
    assessment = SelfAssessment.objects.select_related(
        "school", "document", "rule_set"
    ).get(pk=assessment.pk)
    rows = assessment_rows(assessment)
    existing = assessment.document
    template = DocumentTemplate.objects.get(code=TEMPLATE_CODE)
    unit_id = (
        existing.drafting_unit_id
        if existing
        else drafting_unit_for(actor=actor, school_id=assessment.school_id)
    )
    values = unit_values(school=assessment.school, unit_id=unit_id) | report_values(
        assessment, rows, (template.wording or {}).get("criterion_line", "")
    )
    values["count_text"] = format_number(values["count"])
    draft = DataDraft(
        template=template,
        values=values,
        drafting_unit_id=unit_id,
        annex_tables=_annex(rows, template.wording or {}),
    )
    with transaction.atomic():
        document = document_draft_from_data(
            actor=actor,
            school_id=assessment.school_id,
            issuer=existing.issuer
            if existing
            else documents.issuer_ensure_default(school=assessment.school),
            draft=draft,
            document=existing,
        )
        if existing is None:
            assessment_attach_document(
                actor=actor, assessment=assessment, document_id=document.pk
            )
    return document
