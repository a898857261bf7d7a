"""Admission: the cohort, its roster in Vietnamese order and the summons decision."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import format_date
from daotao.documents import drafting as documents_drafting
from daotao.documents.annexes import AnnexTable, RosterLine, roster
from daotao.documents.models import DocumentTemplate
from daotao.enrolment.models import (
    Cohort,
    Enrollment,
    Nomination,
)
from daotao.enrolment.selectors import late_admission_candidates
from daotao.enrolment.services.eligibility import is_eligible
from daotao.enrolment.signals import learners_added
from daotao.planning.models import PlannedClass

Status = Nomination.Status


def roster_table(enrollments: list[Enrollment]) -> AnnexTable:
    """The learners of a summons decision, in roster order: name, date of birth,
    post, sending agency (the columns' words are the template's)."""
    return roster(
        RosterLine(
            full_name=e.person.full_name,
            date_of_birth=e.person.date_of_birth,
            cells=(e.nomination.post, e.agency.name),
        )
        for e in enrollments
    )


def summons_decision_draft(
    *,
    actor: Actor,
    cohort: Cohort,
    enrollments: list[Enrollment],
    issuer: Any,
    drafting_unit_id: int,
    signer_title: str = "",
    supplementary: bool = False,
    document: Any = None,
) -> Any:
    """The summons decision of `enrollments` with them as its annex, drafted from
    the template's wording; a supplementary one (QĐ bổ sung) names only the
    learners it adds to the formed cohort and cites the first decision once
    signed. Given `document` (an unsigned draft), that draft is drafted again from
    the current data. The caller holds the transaction."""
    planned = cohort.planned_class
    plan_document = planned.plan.document if planned else None
    signed_plan = plan_document if plan_document and plan_document.number else None
    values = documents_drafting.unit_values(
        school=cohort.school, unit_id=drafting_unit_id
    ) | {
        "class_name": cohort.name,
        "class_name_upper": cohort.name.upper(),
        "count": len(enrollments),
        "start": format_date(cohort.starts_on),
        "site": cohort.site.name,
        "plan_year": planned.plan.year if planned else "",
        "plan_symbol": signed_plan.symbol if signed_plan else "",
        "plan_date": format_date(signed_plan.issued_on) if signed_plan else "",
    }
    first = cohort.summons_document if supplementary else None
    if first is not None and first.number:
        values |= {
            "summons_symbol": first.symbol,
            "summons_date": format_date(first.issued_on),
        }
    return documents_drafting.document_draft_from_data(
        actor=actor,
        school_id=cohort.school_id,
        issuer=issuer,
        draft=documents_drafting.DataDraft(
            template=DocumentTemplate.objects.get(
                code="qd-trieu-tap-bo-sung" if supplementary else "qd-trieu-tap"
            ),
            values=values,
            drafting_unit_id=drafting_unit_id,
            signer_title=signer_title,
            annex_tables=(roster_table(enrollments),),
        ),
        document=document,
    )


def cohort_summons_redraft(*, actor: Actor, cohort: Cohort) -> Any:
    """Draft the cohort's unsigned summons decision again from its current roster,
    keeping what the office wrote in it."""
    require_scope(actor, "enrolment.admit", school_id=cohort.school_id)
    with transaction.atomic():
        cohort = (
            Cohort.objects.select_for_update(of=("self",))
            .select_related("school", "site", "planned_class__plan__document")
            .get(pk=cohort.pk)
        )
        document = cohort.summons_document
        if document is None:
            raise ValidationError(
                _("Lớp chưa có quyết định triệu tập."), code="no_document"
            )
        # Learners admitted late have their own supplementary decision.
        enrollments = list(
            Enrollment.objects.filter(cohort=cohort, summons_document__isnull=True)
            .select_related("person", "agency", "nomination")
            .order_by("position")
        )
        return summons_decision_draft(
            actor=actor,
            cohort=cohort,
            enrollments=enrollments,
            issuer=document.issuer,
            drafting_unit_id=document.drafting_unit_id,
            document=document,
        )


def cohort_admit(
    *,
    actor: Actor,
    planned_class: PlannedClass,
    code: str,
    issuer: Any,
    drafting_unit_id: int,
    signer_title: str,
) -> Cohort:
    """Admit every checked, eligible nominee of the class: the cohort, its roster in
    Vietnamese order with learner codes, and the draft summons decision with the
    roster as its annex. Nothing is written if any step fails."""
    require_scope(actor, "enrolment.admit", school_id=planned_class.school_id)
    with transaction.atomic():
        planned = PlannedClass.objects.select_for_update().get(pk=planned_class.pk)
        if Cohort.objects.filter(planned_class=planned).exists():
            raise ValidationError(_("Lớp này đã được lập."), code="exists")
        checked = list(
            Nomination.objects.filter(planned_class=planned, status=Status.CHECKED)
            .select_related("person", "agency")
            .prefetch_related("overrides")
            .order_by("person__sort_key", "person_id")
        )
        admitted = [n for n in checked if is_eligible(n)]
        if not admitted:
            raise ValidationError(
                _("Chưa có học viên nào đủ điều kiện để lập lớp."), code="empty"
            )
        cohort = Cohort.objects.create(
            school_id=planned.school_id,
            code=code,
            name=planned.name,
            planned_class=planned,
            program_version_id=planned.program_version_id,
            mode=planned.mode,
            site_id=planned.site_id,
            starts_on=planned.starts_on,
            ends_on=planned.ends_on,
            # Part-time cohorts study at weekends unless the office chooses days.
            study_weekdays=[5, 6]
            if planned.mode == PlannedClass.Mode.PART_TIME
            else [0, 1, 2, 3, 4],
        )
        enrollments = []
        for position, nomination in enumerate(admitted, 1):
            nomination.status = Status.ADMITTED
            nomination.version += 1
            nomination.save(update_fields=["status", "version", "updated_at"])
            enrollments.append(
                Enrollment.objects.create(
                    cohort=cohort,
                    person=nomination.person,
                    nomination=nomination,
                    agency=nomination.agency,
                    learner_code=f"{code}-{position:03d}",
                    position=position,
                )
            )
        decision = summons_decision_draft(
            actor=actor,
            cohort=cohort,
            enrollments=enrollments,
            issuer=issuer,
            drafting_unit_id=drafting_unit_id,
            signer_title=signer_title,
        )
        cohort.summons_document = decision
        cohort.save(update_fields=["summons_document", "updated_at"])
        audit_record(
            actor=actor,
            action="enrolment.cohort_admit",
            instance=cohort,
            changes={
                "admitted": [None, len(enrollments)],
                "decision": [None, decision.pk],
            },
        )
    return cohort


def cohort_admit_supplementary(
    *,
    actor: Actor,
    cohort: Cohort,
    issuer: Any,
    drafting_unit_id: int,
    signer_title: str,
) -> Any:
    """Admit late into a formed cohort every checked, eligible nominee of its class:
    the next positions and learner codes, and a draft supplementary summons
    decision (QĐ bổ sung) with them as its annex. Nothing is written if any step
    fails. Returns the decision."""
    require_scope(actor, "enrolment.admit", school_id=cohort.school_id)
    with transaction.atomic():
        current = Cohort.objects.select_for_update().get(pk=cohort.pk)
        admitted = late_admission_candidates(cohort=current)
        if not admitted:
            raise ValidationError(
                _("Chưa có hồ sơ nào đã xét và đủ điều kiện để triệu tập bổ sung."),
                code="empty",
            )
        before = current.enrollments.count()
        last = current.enrollments.aggregate(last=Max("position"))["last"] or 0
        enrollments = _enrol(current, admitted, first_position=last + 1)
        decision = summons_decision_draft(
            actor=actor,
            cohort=current,
            enrollments=enrollments,
            issuer=issuer,
            drafting_unit_id=drafting_unit_id,
            signer_title=signer_title,
            supplementary=True,
        )
        Enrollment.objects.filter(pk__in=[e.pk for e in enrollments]).update(
            summons_document=decision
        )
        learners_added.send(
            sender=Cohort,
            cohort=current,
            enrollment_ids=[e.pk for e in enrollments],
        )
        audit_record(
            actor=actor,
            action="enrolment.cohort_admit_supplementary",
            instance=current,
            changes={
                "admitted": [before, before + len(enrollments)],
                "decision": [None, decision.pk],
            },
        )
    return decision


def _enrol(
    cohort: Cohort, nominations: list[Nomination], *, first_position: int
) -> list[Enrollment]:
    """Each nomination admitted and enrolled in order, numbered from
    `first_position`; learner codes are the cohort code and the position."""
    enrollments = []
    for position, nomination in enumerate(nominations, first_position):
        nomination.status = Status.ADMITTED
        nomination.version += 1
        nomination.save(update_fields=["status", "version", "updated_at"])
        enrollments.append(
            Enrollment.objects.create(
                cohort=cohort,
                person=nomination.person,
                nomination=nomination,
                agency=nomination.agency,
                learner_code=f"{cohort.code}-{position:03d}",
                position=position,
            )
        )
    return enrollments
