"""Admission: the cohort, its roster in Vietnamese order and the summons decision."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
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
from daotao.enrolment.services.eligibility import is_eligible
from daotao.planning.models import PlannedClass

Status = Nomination.Status


def _roster_blocks(
    enrollments: list[Enrollment], *, signer_title: str, school_name: str
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
            "title": _("DANH SÁCH HỌC VIÊN"),
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
        template = DocumentTemplate.objects.get(code="quyet-dinh")
        wording = template.wording
        decision = documents.document_draft_create(
            actor=actor,
            school_id=planned.school_id,
            template=template,
            issuer=issuer,
            data=documents.DraftData(
                summary=_("Về việc triệu tập học viên lớp %(name)s")
                % {"name": planned.name},
                body_text=_(
                    "Điều 1. Triệu tập %(count)s học viên có tên trong danh sách kèm "
                    "theo tham gia lớp %(name)s, khai giảng ngày %(start)s tại "
                    "%(site)s.\nĐiều 2. Cơ quan cử cán bộ đi học tạo điều kiện để học "
                    "viên tham gia đầy đủ khóa học.\nĐiều 3. Trưởng phòng Quản lý đào "
                    "tạo, các cơ quan có liên quan và các học viên có tên tại Điều 1 "
                    "chịu trách nhiệm thi hành Quyết định này./."
                )
                % {
                    "count": len(enrollments),
                    "name": planned.name,
                    "start": format_date(planned.starts_on),
                    "site": planned.site.name,
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
                        school_name=planned.school.name,
                    )
                ),
            ),
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
