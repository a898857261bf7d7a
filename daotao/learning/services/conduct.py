"""Rewards and discipline of learners (khen thưởng, kỷ luật), each decision drafted
through the documents app, and the end-of-course conduct classification (rèn
luyện) by the dated rule set (docs/adr/0034)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import format_date
from daotao.documents import drafting as documents_drafting
from daotao.documents.models import DocumentTemplate, OutgoingDocument
from daotao.enrolment.models import Cohort, Enrollment
from daotao.learning import rules
from daotao.learning.models import ConductDecision, ConductResult, ConductRuleSet
from daotao.learning.policy import can_manage_cohort_conduct
from daotao.learning.selectors import conduct as conduct_selectors

MANAGE = "learning.manage_conduct"
MANAGE_RULES = "learning.manage_conduct_rules"
DRAFT = "documents.draft_document"
Kind = ConductDecision.Kind
Form = ConductDecision.Form
FORMS_OF = {
    Kind.REWARD: frozenset({Form.COMMENDATION, Form.PRAISE}),
    Kind.DISCIPLINE: frozenset(
        {Form.REPRIMAND, Form.WARNING, Form.SUSPENSION, Form.EXPULSION}
    ),
}
TEMPLATES = {
    Kind.REWARD: "qd-khen-thuong-hoc-vien",
    Kind.DISCIPLINE: "qd-ky-luat-hoc-vien",
}


def require_conduct_manager(actor: Actor, cohort: Cohort) -> None:
    """The training office of the school or the cohort's homeroom lecturer."""
    require_scope(actor, MANAGE, school_id=cohort.school_id)
    if not can_manage_cohort_conduct(actor, cohort):
        raise PermissionDenied(_("Bạn không phải giảng viên chủ nhiệm của lớp này."))


@transaction.atomic
def conduct_decision_propose(
    *,
    actor: Actor,
    enrollment: Enrollment,
    kind: str,
    form: str,
    reason: str,
    decided_on: datetime.date,
) -> ConductDecision:
    """A reward or a discipline proposed for one learner of the cohort."""
    require_conduct_manager(actor, enrollment.cohort)
    if form not in FORMS_OF.get(kind, ()):
        raise ValidationError(
            {"form": _("Hình thức này không thuộc loại đã chọn.")}, code="form"
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Cần ghi thành tích hoặc vi phạm.")})
    decision = ConductDecision.objects.create(
        enrollment=enrollment,
        kind=kind,
        form=form,
        reason=reason.strip(),
        decided_on=decided_on,
        proposed_by=actor,
    )
    audit_record(
        actor=actor,
        action="learning.conduct_decision_propose",
        instance=decision,
        changes={"kind": [None, kind], "form": [None, form]},
        school_id=enrollment.cohort.school_id,
    )
    return decision


def conduct_decision_draft(
    *, actor: Actor, decision: ConductDecision, issuer: Any, drafting_unit_id: int
) -> ConductDecision:
    """The decision's document drafted (or drafted again while a draft)."""
    with transaction.atomic():
        current = (
            ConductDecision.objects.select_for_update(of=("self",))
            .select_related(
                "enrollment__cohort__school", "enrollment__person", "document"
            )
            .get(pk=decision.pk)
        )
        cohort = current.enrollment.cohort
        require_scope(actor, DRAFT, school_id=cohort.school_id)
        require_scope(actor, MANAGE, school_id=cohort.school_id)
        document = current.document
        if document is not None and document.status != OutgoingDocument.Status.DRAFT:
            raise ValidationError(
                _("Quyết định đã trình ký; không soạn lại được."), code="signed"
            )
        document = documents_drafting.document_draft_from_data(
            actor=actor,
            school_id=cohort.school_id,
            issuer=issuer,
            draft=_decision_draft(current, drafting_unit_id),
            document=document,
        )
        created = current.document_id is None
        current.document = document
        current.save(update_fields=["document", "updated_at"])
        audit_record(
            actor=actor,
            action="learning.conduct_decision_draft",
            instance=current,
            changes={"document": [None if created else document.pk, document.pk]},
            school_id=cohort.school_id,
        )
    return current


def _decision_draft(decision: ConductDecision, drafting_unit_id: int) -> Any:
    enrollment = decision.enrollment
    cohort = enrollment.cohort
    person = enrollment.person
    values = documents_drafting.unit_values(
        school=cohort.school, unit_id=drafting_unit_id
    ) | {
        "class_name": cohort.name,
        "learner_name": person.full_name,
        "birth_date": format_date(person.date_of_birth)
        if person.date_of_birth
        else "…/…/……",
        "agency_name": enrollment.agency.name,
        "form": decision.get_form_display().lower()
        if decision.kind == Kind.DISCIPLINE
        else decision.get_form_display(),
        "reason": decision.reason.rstrip("."),
    }
    return documents_drafting.DataDraft(
        template=DocumentTemplate.objects.get(code=TEMPLATES[decision.kind]),
        values=values,
        drafting_unit_id=drafting_unit_id,
    )


def conduct_classify(
    *, actor: Actor, cohort: Cohort, on: datetime.date | None = None
) -> list[ConductResult]:
    """Every learner's conduct classified at the end of the course by the rule set
    in force on its last day; refused before that day."""
    require_conduct_manager(actor, cohort)
    today = on or timezone.localdate()
    if today < cohort.ends_on:
        raise ValidationError(
            _("Lớp chưa kết thúc khóa học (ngày %(day)s); chưa xếp loại rèn luyện.")
            % {"day": format_date(cohort.ends_on)},
            code="not_finished",
        )
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        rule_set = ConductRuleSet.objects.for_date(cohort.ends_on)
        counts = conduct_selectors.conduct_counts(cohort)
        results = []
        for enrollment_id, tally in counts.items():
            outcome = rules.conduct_outcome(rule_set.parameters, tally)
            result, _created = ConductResult.objects.update_or_create(
                enrollment_id=enrollment_id,
                defaults={
                    "rule_set": rule_set,
                    "score": outcome.score,
                    "label": outcome.label,
                    "counts": tally,
                    "classified_by": actor,
                },
            )
            results.append(result)
        audit_record(
            actor=actor,
            action="learning.conduct_classify",
            instance=cohort,
            changes={"results": [None, len(results)], "rule_set": [None, rule_set.pk]},
        )
    return results


def conduct_rule_set_update(
    *, actor: Actor, school_id: int, rule_set: ConductRuleSet, parameters: dict
) -> ConductRuleSet:
    """The office's change of the conduct bands and points: in place while no
    classification used them, otherwise as a new version in force from today (the
    old one ends yesterday), so classifications keep the rules they were made by."""
    require_scope(actor, MANAGE_RULES, school_id=school_id)
    today = timezone.localdate()
    with transaction.atomic():
        current = ConductRuleSet.objects.select_for_update().get(pk=rule_set.pk)
        old = current.parameters
        if ConductResult.objects.filter(rule_set=current).exists():
            if current.valid_from >= today:
                raise ValidationError(
                    _("Quy định này đã được dùng để xếp loại; không sửa được."),
                    code="in_use",
                )
            current.valid_to = today - datetime.timedelta(days=1)
            current.save(update_fields=["valid_to", "updated_at"])
            current = ConductRuleSet.objects.create(
                name=current.name,
                legal_basis=current.legal_basis,
                valid_from=today,
                parameters=parameters,
                is_confirmed=False,
            )
        else:
            current.parameters = parameters
            current.is_confirmed = False
            current.save(update_fields=["parameters", "is_confirmed", "updated_at"])
        audit_record(
            actor=actor,
            action="learning.conduct_rule_set_update",
            instance=current,
            changes={"parameters": [old, parameters]},
            school_id=school_id,
        )
    return current
