"""Publishing a run's draft as the term's schedule."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.history import audit_record
from daotao.teaching import scheduling as engine
from daotao.teaching.models import ScheduleRun, TeachingSession
from daotao.teaching.selectors.scheduling import is_latest_done_run

from .problem import engine_session, problem_for_term

MANAGE = "teaching.manage_schedule"
RunStatus = ScheduleRun.Status


def schedule_publish(*, actor: Any, run: ScheduleRun) -> ScheduleRun:
    """Make the run's draft the term's published schedule: its non-fixed sessions
    replace the published non-fixed ones, fixed ones stay. Refused (nothing
    changes) unless the run is the term's latest draft and still valid."""
    require_scope(actor, MANAGE, school_id=run.school_id)
    try:
        with transaction.atomic():
            current = (
                ScheduleRun.objects.select_for_update()
                .select_related("term")
                .get(pk=run.pk)
            )
            _check_publishable(current)
            before, after = _replace_published(current)
            current.status = RunStatus.PUBLISHED
            current.published_at = timezone.now()
            current.published_by = actor
            current.save(
                update_fields=["status", "published_at", "published_by", "updated_at"]
            )
            audit_record(
                actor=actor,
                action="schedule_publish",
                instance=current,
                changes={
                    "status": [RunStatus.DONE, RunStatus.PUBLISHED],
                    "published_sessions": [before, after],
                },
            )
    except IntegrityError as error:
        raise ValidationError(
            _(
                "Không công bố được: bản nháp trùng với lịch đã công bố (một giảng "
                "viên, phòng hoặc lớp có hai buổi cùng lúc). Hãy xếp lại."
            ),
            code="double_booked",
        ) from error
    return current


def _check_publishable(run: ScheduleRun) -> None:
    if run.status != RunStatus.DONE:
        message = _("Chỉ công bố được bản nháp đã xếp xong (lần xếp này: %(status)s).")
        raise ValidationError(
            message % {"status": run.get_status_display()}, code="not_done"
        )
    if not is_latest_done_run(run):
        raise ValidationError(
            _("Đã có lần xếp mới hơn cho đợt này; chỉ công bố bản nháp mới nhất."),
            code="superseded",
        )
    draft = [engine_session(s) for s in run.sessions.all()]
    violations = engine.validate(problem_for_term(run.term), draft)
    if violations:
        heading = _("Bản nháp không còn hợp lệ với dữ liệu hiện tại; hãy xếp lại.")
        lines = [heading, *(v.message for v in violations[:5])]
        raise ValidationError([ValidationError(m, code="invalid") for m in lines])


def _replace_published(run: ScheduleRun) -> tuple[int, int]:
    """Swap the published non-fixed sessions for the draft's, keeping the rows
    that do not change (their ids, so references to them survive); number the
    fixed ones as the draft does. Returns the published counts before and after."""
    published = list(TeachingSession.objects.filter(term_id=run.term_id, run=None))
    draft = list(run.sessions.all())
    unchanged = {_row_key(s) for s in draft if not s.is_fixed} & {
        _row_key(s) for s in published if not s.is_fixed
    }
    TeachingSession.objects.filter(
        pk__in=[
            s.pk for s in published if not s.is_fixed and _row_key(s) not in unchanged
        ]
    ).delete()
    draft_index = {_placement(s): s.index for s in draft if s.is_fixed}
    for session in published:
        index = draft_index.get(_placement(session))
        if session.is_fixed and index is not None and index != session.index:
            session.index = index
            session.save(update_fields=["index", "updated_at"])
    TeachingSession.objects.bulk_create(
        [
            _published_copy(s)
            for s in draft
            if not s.is_fixed and _row_key(s) not in unchanged
        ],
        batch_size=1000,
    )
    after = TeachingSession.objects.filter(term_id=run.term_id, run=None).count()
    return len(published), after


def _placement(s: TeachingSession) -> tuple[Any, ...]:
    return (s.cohort_id, s.topic_id, s.date, s.half_day, s.lecturer_id, s.room_id)


def _row_key(s: TeachingSession) -> tuple[Any, ...]:
    return (*_placement(s), s.index, s.kind, s.periods)


def _published_copy(s: TeachingSession) -> TeachingSession:
    return TeachingSession(
        school_id=s.school_id,
        term_id=s.term_id,
        run=None,
        cohort_id=s.cohort_id,
        topic_id=s.topic_id,
        index=s.index,
        kind=s.kind,
        date=s.date,
        half_day=s.half_day,
        periods=s.periods,
        lecturer_id=s.lecturer_id,
        room_id=s.room_id,
    )
