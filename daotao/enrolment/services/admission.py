"""Admission: the cohort, its roster in Vietnamese order and the summons decision."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.history import audit_record
from daotao.core.text import format_date
from daotao.documents import services as documents
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


def _roster_blocks(
    enrollments: list[Enrollment], *, signer_title: str, school_name: str, title: str
) -> list[dict[str, Any]]:
    rows = [
        [
            str(e.position),
            e.learner_code,
            e.person.full_name,
            format_date(e.person.date_of_birth) if e.person.date_of_birth else "",
            e.nomination.post,
            e.agency.name,
        ]
        for e in enrollments
    ]
    return [
        {
            "kind": "annex",
            "title": title,
            # NĐ 30: the annex names its decision; the renderer fills in the
            # number and date once the decision is signed.
            "subtitle": _(
                "(Kèm theo Quyết định số [số ký hiệu] [ngày] của %(signer)s %(school)s)"
            )
            % {"signer": signer_title.capitalize(), "school": school_name},
            "blocks": [
                {
                    "kind": "table",
                    "header": [
                        _("STT"),
                        _("Mã học viên"),
                        _("Họ và tên"),
                        _("Ngày sinh"),
                        _("Chức vụ"),
                        _("Cơ quan cử"),
                    ],
                    "rows": rows,
                }
            ],
        }
    ]


def summons_decision_draft(
    *,
    actor: Any,
    cohort: Cohort,
    enrollments: list[Enrollment],
    issuer: Any,
    drafting_unit_id: int,
    signer_title: str,
    supplementary: bool = False,
) -> Any:
    """The draft summons decision of `enrollments` with them as its annex; a
    supplementary one (QĐ bổ sung) names only the learners it adds to the formed
    cohort. The caller holds the transaction."""
    template = DocumentTemplate.objects.get(code="quyet-dinh")
    wording = template.wording
    if supplementary:
        summary = _("Về việc triệu tập bổ sung học viên lớp %(name)s")
        article_1 = _(
            "Điều 1. Triệu tập bổ sung %(count)s học viên có tên trong danh sách kèm "
            "theo tham gia lớp %(name)s, khai giảng ngày %(start)s tại %(site)s."
        )
    else:
        summary = _("Về việc triệu tập học viên lớp %(name)s")
        article_1 = _(
            "Điều 1. Triệu tập %(count)s học viên có tên trong danh sách kèm "
            "theo tham gia lớp %(name)s, khai giảng ngày %(start)s tại "
            "%(site)s."
        )
    return documents.document_draft_create(
        actor=actor,
        school_id=cohort.school_id,
        template=template,
        issuer=issuer,
        data=documents.DraftData(
            summary=summary % {"name": cohort.name},
            body_text=(
                article_1
                + "\n"
                + _(
                    "Điều 2. Cơ quan cử cán bộ đi học tạo điều kiện để học "
                    "viên tham gia đầy đủ khóa học.\nĐiều 3. Trưởng phòng Quản lý đào "
                    "tạo, các cơ quan có liên quan và các học viên có tên tại Điều 1 "
                    "chịu trách nhiệm thi hành Quyết định này./."
                )
            )
            % {
                "count": len(enrollments),
                "name": cohort.name,
                "start": format_date(cohort.starts_on),
                "site": cohort.site.name,
            },
            drafting_unit_id=drafting_unit_id,
            signer_title=signer_title,
            decision_heading=wording.get("decision_heading", ""),
            basis_text="\n".join(wording.get("basis", [])),
            recipients_text=_("Như Điều 3;"),
            extra_blocks=tuple(
                _roster_blocks(
                    enrollments,
                    signer_title=signer_title,
                    school_name=cohort.school.name,
                    title=_("DANH SÁCH HỌC VIÊN TRIỆU TẬP BỔ SUNG")
                    if supplementary
                    else _("DANH SÁCH HỌC VIÊN"),
                )
            ),
        ),
    )


def cohort_admit(
    *,
    actor: Any,
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
            action="cohort_admit",
            instance=cohort,
            changes={
                "admitted": [None, len(enrollments)],
                "decision": [None, decision.pk],
            },
        )
    return cohort


def cohort_admit_supplementary(
    *,
    actor: Any,
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
            action="cohort_admit_supplementary",
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
