"""Who may set a module's exams and enter its scores in a cohort: a
role that reaches the whole school through `assessment.enter_scores` (training
office, administrator, faculty head) may for every module; a lecturer only for a
module they teach in that cohort (a published session) or that the training
office assigned them to examine. Read by services, selectors and views alike."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from daotao.assessment.models import Examiner
from daotao.core.access import lecturer_limit
from daotao.core.actors import Actor

ENTER = "assessment.enter_scores"


def examinable_module_ids(actor: Actor, *, cohort_id: int) -> frozenset[int] | None:
    """The modules of the cohort `actor` may examine, or None for every module."""
    from daotao.teaching.models import TeachingSession

    people = lecturer_limit(actor, ENTER)
    if people is None:
        return None
    if not people:  # no lecturer record: nothing of theirs to examine
        return frozenset()
    taught = (
        TeachingSession.objects.published()
        .filter(cohort_id=cohort_id, lecturer__person_id__in=people)
        .values_list("topic__module_id", flat=True)
    )
    assigned = Examiner.objects.filter(
        cohort_id=cohort_id, lecturer__person_id__in=people
    ).values_list("module_id", flat=True)
    return frozenset(taught) | frozenset(assigned)


def may_examine(actor: Actor, *, cohort_id: int, module_id: int) -> bool:
    modules = examinable_module_ids(actor, cohort_id=cohort_id)
    return modules is None or module_id in modules


def require_examiner(actor: Actor, *, cohort_id: int, module_id: int) -> None:
    """Refuse (PermissionDenied) unless `actor` may examine the module there."""
    if not may_examine(actor, cohort_id=cohort_id, module_id=module_id):
        raise PermissionDenied
