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
from daotao.core.history import audit_record
from daotao.core.text import format_date, format_number
from daotao.documents import services as documents
from daotao.documents.models import DocumentTemplate
from daotao.enrolment.models import Cohort, Enrollment

MANAGE = "assessment.lock_scores"
REVIEW_FIELDS = ("is_exam_passed", "is_essay_passed", "is_field_study_done")


def graduation_reviews_save(
    *, actor: Any, cohort: Cohort, marks: Mapping[int, Mapping[str, bool]]
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
    actor: Any,
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
            graduates=[
                {
                    "enrollment_id": line.result.enrollment.pk,
                    "classification": line.result.classification,
                }
                for line in graduates
            ],
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


def _draft(actor, cohort, issuer, drafting_unit_id, signer_title, graduates) -> Any:
    template = DocumentTemplate.objects.get(code="quyet-dinh")
    wording = template.wording
    return documents.document_draft_create(
        actor=actor,
        school_id=cohort.school_id,
        template=template,
        issuer=issuer,
        data=documents.DraftData(
            summary=_("Về việc công nhận tốt nghiệp lớp %(name)s")
            % {"name": cohort.name},
            body_text=_(
                "Điều 1. Công nhận tốt nghiệp cho %(count)s học viên lớp %(name)s "
                "(khai giảng ngày %(start)s) có tên trong danh sách kèm theo.\n"
                "Điều 2. Phòng Quản lý đào tạo cấp văn bằng, chứng chỉ cho các học "
                "viên có tên tại Điều 1.\nĐiều 3. Trưởng phòng Quản lý đào tạo, các "
                "cơ quan có liên quan và các học viên có tên tại Điều 1 chịu trách "
                "nhiệm thi hành Quyết định này./."
            )
            % {
                "count": len(graduates),
                "name": cohort.name,
                "start": format_date(cohort.starts_on),
            },
            drafting_unit_id=drafting_unit_id,
            signer_title=signer_title,
            decision_heading=wording.get("decision_heading", ""),
            basis_text="\n".join(wording.get("basis", [])),
            recipients_text=_("Như Điều 3;"),
            extra_blocks=tuple(_annex(graduates, signer_title, cohort.school.name)),
        ),
    )


def _annex(graduates, signer_title: str, school_name: str) -> list[dict[str, Any]]:
    rows = [
        [
            str(number),
            line.result.enrollment.learner_code,
            line.result.enrollment.person.full_name,
            format_date(line.result.enrollment.person.date_of_birth)
            if line.result.enrollment.person.date_of_birth
            else "",
            format_number(line.result.overall, decimals=1),
            line.result.classification,
        ]
        for number, line in enumerate(graduates, 1)
    ]
    return [
        {
            "kind": "annex",
            "title": _("DANH SÁCH HỌC VIÊN TỐT NGHIỆP"),
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
                        _("Điểm trung bình"),
                        _("Xếp loại"),
                    ],
                    "rows": rows,
                }
            ],
        }
    ]
