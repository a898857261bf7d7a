"""Receivers of what lower apps tell assessment."""

from typing import Any

from django.dispatch import receiver

from daotao.assessment.services import score_sheets_add_learners
from daotao.enrolment.signals import learners_added


@receiver(learners_added)
def on_learners_added(
    sender: Any, cohort: Any, enrollment_ids: list[int], **kwargs: Any
) -> None:
    score_sheets_add_learners(cohort_id=cohort.pk, enrollment_ids=enrollment_ids)
