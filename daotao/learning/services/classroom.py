"""The homeroom lecturer's records (conduct notes, class committee roles) and the
learners' anonymous feedback on lectures."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.learning.models import (
    CommitteeRole,
    ConductNote,
    FeedbackAnswer,
    FeedbackReceipt,
)
from daotao.learning.policy import (
    FEEDBACK_QUESTIONS,
    RATING_RANGE,
    SINGLE_SEATS,
    own_enrollment,
    require_manager,
)


@transaction.atomic
def conduct_note_add(
    *, actor: Actor, enrollment: Any, date: datetime.date, kind: str, text: str
) -> ConductNote:
    require_manager(actor, enrollment.cohort)
    if kind not in ConductNote.Kind.values:
        raise ValidationError({"kind": _("Loại nhận xét không hợp lệ.")})
    if not text.strip():
        raise ValidationError({"text": _("Cần ghi nội dung nhận xét.")})
    note = ConductNote.objects.create(
        enrollment=enrollment, date=date, kind=kind, text=text, written_by=actor
    )
    audit_record(
        actor=actor,
        action="learning.conduct_note_add",
        instance=note,
        changes={"kind": kind},
    )
    return note


@transaction.atomic
def committee_role_set(
    *, actor: Actor, enrollment: Any, role: str, starts_on: datetime.date
) -> CommitteeRole:
    """Give the learner a seat; a single seat (lớp trưởng, bí thư chi bộ) held by
    someone else in the cohort ends the day the new holder starts."""
    require_manager(actor, enrollment.cohort)
    if role not in CommitteeRole.Role.values:
        raise ValidationError({"role": _("Chức danh không hợp lệ.")})
    if role in SINGLE_SEATS:
        current = CommitteeRole.objects.select_for_update().filter(
            enrollment__cohort_id=enrollment.cohort_id, role=role, ends_on__isnull=True
        )
        for seat in current:
            seat.ends_on = starts_on
            seat.save(update_fields=["ends_on", "updated_at"])
            audit_record(
                actor=actor,
                action="learning.committee_role_end",
                instance=seat,
                changes={"ends_on": str(starts_on)},
            )
    seat = CommitteeRole.objects.create(
        enrollment=enrollment, role=role, starts_on=starts_on
    )
    audit_record(
        actor=actor,
        action="learning.committee_role_set",
        instance=seat,
        changes={"role": role},
    )
    return seat


def _clean_ratings(ratings: dict[str, Any]) -> dict[str, int]:
    keys = [key for key, _label in FEEDBACK_QUESTIONS]
    try:
        cleaned = {key: int(ratings[key]) for key in keys}
    except (KeyError, TypeError, ValueError) as error:
        raise ValidationError(_("Cần chấm đủ các câu hỏi, từ 1 đến 5.")) from error
    if any(value not in RATING_RANGE for value in cleaned.values()):
        raise ValidationError(_("Cần chấm đủ các câu hỏi, từ 1 đến 5."))
    return cleaned


@transaction.atomic
def feedback_submit(
    *, actor: Actor, session: Any, ratings: dict[str, Any], comment: str = ""
) -> None:
    """Once per learner and session: a receipt naming the learner and an answer
    naming no one, written together."""
    enrollment = own_enrollment(actor, session.cohort_id)
    if session.run_id is not None or session.date > timezone.localdate():
        raise ValidationError(_("Buổi học chưa diễn ra."))
    cleaned = _clean_ratings(ratings)
    with transaction.atomic():
        try:
            with transaction.atomic():
                receipt = FeedbackReceipt.objects.create(
                    session=session, enrollment=enrollment
                )
        except IntegrityError as error:
            raise ValidationError(_("Bạn đã gửi phản hồi cho buổi học này.")) from error
        FeedbackAnswer.objects.create(
            session=session, ratings=cleaned, comment=comment.strip()
        )
        # Only the receipt is audited: an audit row on the answer would name its
        # author.
        audit_record(actor=actor, action="learning.feedback_submit", instance=receipt)
