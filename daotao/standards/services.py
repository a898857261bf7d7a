"""Writes of the standard-school self-assessment: open a year's assessment, enter a
value, attach evidence, change an indicator's thresholds, draft the report.
Each is keyword-only, atomic and audited, and refuses changing nothing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.core.pdf_safety import validate_pdf_is_passive
from daotao.standards.models import (
    Evidence,
    Indicator,
    IndicatorResult,
    SelfAssessment,
    StandardRuleSet,
)

MANAGE = "standards.manage_assessment"
MANAGE_RULES = "standards.manage_rule_set"
EVIDENCE_EXTENSIONS = ("pdf", "docx", "xlsx", "jpg", "jpeg", "png")
THRESHOLD_FIELDS = ["threshold", "above_threshold", "direction", "is_confirmed", "note"]


def assessment_create(*, actor: Actor, school_id: int, year: int) -> SelfAssessment:
    """The school's self-assessment of `year` against the rule set in force on the
    year's last day; refused if the year has one already or no rule set is in
    force then."""
    require_scope(actor, MANAGE, school_id=school_id)
    if not 2021 <= year <= 2100:
        raise ValidationError(
            {
                "year": _(
                    "Năm tự đánh giá phải từ 2021 (năm ban hành Quy định 11-QĐ/TW)."
                )
            }
        )
    if SelfAssessment.objects.filter(school_id=school_id, year=year).exists():
        raise ValidationError(
            {"year": _("Năm %(year)d đã có bản tự đánh giá.") % {"year": year}}
        )
    rule_set = StandardRuleSet.objects.for_date(datetime.date(year, 12, 31))
    with transaction.atomic():
        assessment = SelfAssessment.objects.create(
            school_id=school_id, year=year, rule_set=rule_set, created_by=actor
        )
        IndicatorResult.objects.bulk_create(
            IndicatorResult(assessment=assessment, indicator=indicator)
            for indicator in Indicator.objects.filter(criterion__rule_set=rule_set)
        )
        audit_record(
            actor=actor,
            action="standards.assessment_create",
            instance=assessment,
            changes={"year": [None, year], "rule_set": [None, str(rule_set)]},
        )
    return assessment


def entered_value_set(
    *,
    actor: Actor,
    result: IndicatorResult,
    value: Decimal,
    explanation: str = "",
) -> IndicatorResult:
    """Enter (or correct) the value of an indicator the system does not compute."""
    assessment = result.assessment
    require_scope(actor, MANAGE, school_id=assessment.school_id)
    indicator = result.indicator
    if indicator.is_computed:
        raise ValidationError(
            _("Chỉ tiêu này được tính từ số liệu của hệ thống; không nhập tay.")
        )
    if value < 0:
        raise ValidationError({"value": _("Giá trị không được âm.")})
    if indicator.unit == Indicator.Unit.YES_NO and value not in (0, 1):
        raise ValidationError(
            {"value": _("Chỉ tiêu có / không: nhập 1 (có) hoặc 0 (không).")}
        )
    if indicator.unit == Indicator.Unit.PERCENT and value > 100:
        raise ValidationError({"value": _("Tỷ lệ không quá 100%.")})
    fields = ["entered_value", "explanation"]
    with transaction.atomic():
        current = IndicatorResult.objects.select_for_update().get(pk=result.pk)
        before = snapshot(current, fields)
        current.entered_value = value
        current.explanation = explanation.strip()
        current.entered_by = actor
        current.save()
        audit_record(
            actor=actor,
            action="standards.result_enter",
            instance=current,
            changes=diff(before, snapshot(current, fields)),
            school_id=assessment.school_id,
        )
    return current


def evidence_add(
    *,
    actor: Actor,
    result: IndicatorResult,
    title: str,
    file: UploadedFile,
) -> Evidence:
    """Attach a file that backs an indicator (PDF, Word, Excel or a picture)."""
    assessment = result.assessment
    require_scope(actor, MANAGE, school_id=assessment.school_id)
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Chưa nhập tên minh chứng.")})
    name = PurePath(file.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EVIDENCE_EXTENSIONS:
        raise ValidationError(
            {"file": _("Minh chứng là tệp PDF, Word, Excel hoặc ảnh (JPG, PNG).")}
        )
    if extension == "pdf":
        data = file.read()
        file.seek(0)
        validate_pdf_is_passive(data, filename=name, field="file")
    with transaction.atomic():
        evidence = Evidence(
            result=result, title=title, file_name=name[:255], uploaded_by=actor
        )
        evidence.file.save(name, file, save=False)
        evidence.save()
        audit_record(
            actor=actor,
            action="standards.evidence_add",
            instance=evidence,
            changes={"title": [None, title], "file": [None, name]},
            school_id=assessment.school_id,
        )
    return evidence


@dataclass(frozen=True)
class ThresholdData:
    threshold: Decimal
    above_threshold: Decimal | None
    direction: str
    is_confirmed: bool
    note: str = ""


def indicator_update(
    *, actor: Actor, indicator: Indicator, data: ThresholdData
) -> Indicator:
    """Change an indicator's thresholds (the rule set is shared by every school).
    The mark above standard must lie beyond the threshold in the indicator's
    direction."""
    if not has_permission(actor, MANAGE_RULES):
        raise PermissionDenied
    if data.threshold < 0 or (
        data.above_threshold is not None and data.above_threshold < 0
    ):
        raise ValidationError({"threshold": _("Ngưỡng không được âm.")})
    if data.direction not in Indicator.Direction.values:
        raise ValidationError({"direction": _("Chiều so sánh không hợp lệ.")})
    if data.above_threshold is not None:
        beyond = (
            data.above_threshold >= data.threshold
            if data.direction == Indicator.Direction.AT_LEAST
            else data.above_threshold <= data.threshold
        )
        if not beyond:
            raise ValidationError(
                {
                    "above_threshold": _(
                        "Ngưỡng vượt chuẩn phải vượt ngưỡng đạt theo chiều so sánh."
                    )
                }
            )
    with transaction.atomic():
        current = Indicator.objects.select_for_update().get(pk=indicator.pk)
        before = snapshot(current, THRESHOLD_FIELDS)
        current.threshold = data.threshold
        current.above_threshold = data.above_threshold
        current.direction = data.direction
        current.is_confirmed = data.is_confirmed
        current.note = data.note.strip()
        current.save()
        audit_record(
            actor=actor,
            action="standards.indicator_update",
            instance=current,
            changes=diff(before, snapshot(current, THRESHOLD_FIELDS)),
        )
    return current


def assessment_attach_document(
    *, actor: Actor, assessment: SelfAssessment, document_id: int
) -> None:
    require_scope(actor, MANAGE, school_id=assessment.school_id)
    SelfAssessment.objects.filter(pk=assessment.pk).update(document_id=document_id)
    assessment.document_id = document_id
    audit_record(
        actor=actor,
        action="standards.assessment_draft",
        instance=assessment,
        changes={"document": [None, document_id]},
    )
