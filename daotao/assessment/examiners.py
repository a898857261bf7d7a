"""The training office's assignment of examiners (cán bộ chấm thi): a lecturer who
may set a module's exams and enter its scores in one cohort without teaching it
there (`policy`). Each write is atomic, re-checks permission and is audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.assessment.models import Examiner
from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.enrolment.models import Cohort
from daotao.programs.models import Module

ASSIGN = "assessment.lock_scores"


def examiner_assign(
    *, actor: Actor, cohort: Cohort, module: Module, lecturer: Any
) -> Examiner:
    """`lecturer` examines `module` in `cohort`; refused for a module outside the
    cohort's programme, a lecturer of another school or a repeated assignment."""
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        require_scope(actor, ASSIGN, school_id=cohort.school_id)
        if module.block.version_id != cohort.program_version_id:
            raise ValidationError(
                {"module": _("Học phần không thuộc chương trình của lớp.")}
            )
        if lecturer.school_id != cohort.school_id:
            raise ValidationError({"lecturer": _("Giảng viên không thuộc trường.")})
        if Examiner.objects.filter(
            cohort=cohort, module=module, lecturer=lecturer
        ).exists():
            raise ValidationError(
                {"lecturer": _("Giảng viên này đã được phân công chấm học phần này.")}
            )
        examiner = Examiner.objects.create(
            school_id=cohort.school_id,
            cohort=cohort,
            module=module,
            lecturer=lecturer,
            assigned_by=actor,
        )
        audit_record(
            actor=actor,
            action="assessment.examiner_assign",
            instance=examiner,
            changes={
                "module": [None, module.pk],
                "lecturer": [None, lecturer.pk],
            },
        )
    return examiner


def examiner_remove(*, actor: Actor, examiner: Examiner) -> None:
    """The assignment ends; exams and scores already entered stay."""
    with transaction.atomic():
        locked = Examiner.objects.select_for_update().get(pk=examiner.pk)
        require_scope(actor, ASSIGN, school_id=locked.school_id)
        audit_record(
            actor=actor,
            action="assessment.examiner_remove",
            instance=locked,
            changes={
                "module": [locked.module_id, None],
                "lecturer": [locked.lecturer_id, None],
            },
        )
        locked.delete()
