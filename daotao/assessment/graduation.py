"""Writes of graduation consideration: the per-learner graduation exam, essay and
field study marks, and the graduation decision drafted through the documents app
with the list of graduates annexed. Each atomic, permission re-checked, audited.

Issuing the credentials belongs to the credentials app (a higher layer): it reads
the signed decision's list through `selectors.graduates_for_credentials`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.assessment import selectors
from daotao.assessment.models import GraduationDecision, GraduationReview
from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import format_date, format_number
from daotao.documents import drafting as documents_drafting
from daotao.documents.annexes import AnnexTable, RosterLine, roster
from daotao.documents.models import DocumentTemplate
from daotao.enrolment.models import Cohort, Enrollment

MANAGE = "assessment.lock_scores"
REVIEW_FIELDS = ("is_exam_passed", "is_essay_passed", "is_field_study_done")


def graduation_reviews_save(
    *, actor: Actor, cohort: Cohort, marks: Mapping[int, Mapping[str, bool]]
) -> int:
    """Record, per enrollment id, the graduation exam, essay and field study marks;
    refused while the graduation decision exists. Returns the lines changed."""
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        require_scope(actor, MANAGE, school_id=cohort.school_id)
        if GraduationDecision.objects.filter(cohort=cohort).exists():
            raise ValidationError(
                _("Đã soạn quyết định công nhận tốt nghiệp; không sửa được nữa."),
                code="decided",
            )
        ids = set(Enrollment.objects.filter(cohort=cohort).values_list("pk", flat=True))
        changed = 0
        for enrollment_id, values in marks.items():
            if enrollment_id not in ids:
                raise ValidationError(_("Học viên không thuộc lớp này."))
            review, _created = GraduationReview.objects.get_or_create(
                enrollment_id=enrollment_id
            )
            new = {name: bool(values.get(name)) for name in REVIEW_FIELDS}
            old = {name: getattr(review, name) for name in REVIEW_FIELDS}
            if new == old:
                continue
            for name, value in new.items():
                setattr(review, name, value)
            review.save(update_fields=[*REVIEW_FIELDS, "updated_at"])
            changed += 1
            audit_record(
                actor=actor,
                action="assessment.graduation_review",
                instance=review,
                changes={k: [old[k], new[k]] for k in new if old[k] != new[k]},
            )
    return changed


def graduation_decision_draft(
    *,
    actor: Actor,
    cohort: Cohort,
    issuer: Any,
    drafting_unit_id: int,
    signer_title: str,
) -> GraduationDecision:
    """Draft the decision recognising the cohort's graduates, the list annexed, and
    keep that list; refused when nobody graduates or a decision exists."""
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        require_scope(actor, MANAGE, school_id=cohort.school_id)
        if GraduationDecision.objects.filter(cohort=cohort).exists():
            raise ValidationError(
                _("Lớp này đã có quyết định công nhận tốt nghiệp."), code="exists"
            )
        graduates = [
            line
            for line in selectors.graduation_list(cohort=cohort)
            if line.is_graduate
        ]
        if not graduates:
            raise ValidationError(
                _("Chưa có học viên nào đủ điều kiện tốt nghiệp."), code="empty"
            )
        document = _draft(
            actor, cohort, issuer, drafting_unit_id, signer_title, graduates
        )
        decision = GraduationDecision.objects.create(
            cohort=cohort,
            document=document,
            created_by=actor,
            graduates=_graduate_entries(graduates),
        )
        audit_record(
            actor=actor,
            action="assessment.graduation_decision_draft",
            instance=decision,
            changes={
                "graduates": [None, len(graduates)],
                "document": [None, document.pk],
            },
        )
    return decision


def graduation_decision_redraft(*, actor: Actor, cohort: Cohort) -> GraduationDecision:
    """Draft the cohort's unsigned graduation decision again from the current
    results (its list of graduates too), keeping what the office wrote in it."""
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        require_scope(actor, MANAGE, school_id=cohort.school_id)
        decision = (
            GraduationDecision.objects.select_for_update(of=("self",))
            .select_related("document")
            .filter(cohort=cohort)
            .first()
        )
        if decision is None:
            raise ValidationError(
                _("Lớp này chưa có quyết định công nhận."), code="no_document"
            )
        graduates = [
            line
            for line in selectors.graduation_list(cohort=cohort)
            if line.is_graduate
        ]
        if not graduates:
            raise ValidationError(
                _("Chưa có học viên nào đủ điều kiện tốt nghiệp."), code="empty"
            )
        document = decision.document
        _draft(
            actor,
            cohort,
            document.issuer,
            document.drafting_unit_id,
            "",
            graduates,
            document=document,
        )
        old = decision.graduates
        decision.graduates = _graduate_entries(graduates)
        decision.save(update_fields=["graduates"])
        audit_record(
            actor=actor,
            action="assessment.graduation_decision_redraft",
            instance=decision,
            changes={"graduates": [len(old), len(decision.graduates)]},
        )
    return decision


def _graduate_entries(graduates) -> list[dict[str, Any]]:
    return [
        {
            "enrollment_id": line.result.enrollment.pk,
            "classification": line.result.classification,
        }
        for line in graduates
    ]


def _draft(
    actor, cohort, issuer, drafting_unit_id, signer_title, graduates, document=None
) -> Any:
    """The decision of the cohort's graduates: "công nhận tốt nghiệp" for a degree
    course, "hoàn thành chương trình" for a bồi dưỡng course (their templates)."""
    program = cohort.program_version.program
    summons = cohort.summons_document
    signed_summons = summons if summons is not None and summons.number else None
    values = documents_drafting.unit_values(
        school=cohort.school, unit_id=drafting_unit_id
    ) | {
        "class_name": cohort.name,
        "class_name_upper": cohort.name.upper(),
        "program_name": documents_drafting.lower_first(program.name),
        "count": len(graduates),
        "start": format_date(cohort.starts_on),
        "summons_symbol": signed_summons.symbol if signed_summons else "",
        "summons_date": format_date(signed_summons.issued_on) if signed_summons else "",
    }
    return documents_drafting.document_draft_from_data(
        actor=actor,
        school_id=cohort.school_id,
        issuer=issuer,
        draft=documents_drafting.DataDraft(
            template=DocumentTemplate.objects.get(
                code="qd-tot-nghiep" if program.is_degree else "qd-hoan-thanh"
            ),
            values=values,
            drafting_unit_id=drafting_unit_id,
            signer_title=signer_title,
            annex_tables=(_graduates_table(graduates),),
        ),
        document=document,
    )


def _graduates_table(graduates) -> AnnexTable:
    """The graduates: name, date of birth, agency, overall score, classification
    (the columns' words are the template's)."""
    return roster(
        RosterLine(
            full_name=line.result.enrollment.person.full_name,
            date_of_birth=line.result.enrollment.person.date_of_birth,
            cells=(
                line.result.enrollment.agency.name,
                format_number(line.result.overall, decimals=1),
                line.result.classification,
            ),
        )
        for line in graduates
    )
