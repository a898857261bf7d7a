"""Placing by hand, in a run's draft, the sessions the engine left unplaced.

The run keeps what is left (`ScheduleRun.unplaced`: per cohort and topic the
count and the reason); the office picks a free half-day, a lecturer and a room on
the draft's week grid, the live conflict check of moves (services.editing) runs
against the draft and what stays published beside it, and each placement adds
one draft session and takes one off the count in the same transaction."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.enrolment.models import Cohort
from daotao.faculty.models import Lecturer
from daotao.org.models import Room
from daotao.programs.models import Topic
from daotao.teaching import scheduling as engine
from daotao.teaching.models import ScheduleRun, TeachingSession
from daotao.teaching.selectors.scheduling import is_latest_done_run
from daotao.teaching.services.editing import session_conflicts

from .engine_input import (
    engine_session,
    problem_for_term,
    session_kind,
    sessions_needed,
)

MANAGE = "teaching.manage_schedule"


def unplaced_left(run: ScheduleRun) -> list[dict]:
    """The run's unplaced entries that still have sessions to place."""
    return [item for item in run.unplaced if item.get("count", 0) > 0]


def draft_session_candidate(
    run: ScheduleRun, *, cohort_id: int, topic_id: int
) -> TeachingSession:
    """An unsaved draft session of the cohort's topic, for the conflict check."""
    return TeachingSession(
        school_id=run.school_id,
        term=run.term,
        run=run,
        cohort=Cohort.objects.select_related("site", "planned_class").get(pk=cohort_id),
        topic=Topic.objects.get(pk=topic_id),
    )


def placement_conflicts(
    run: ScheduleRun,
    session: TeachingSession,
    *,
    date: datetime.date,
    half_day: int,
    lecturer: Lecturer | None,
    room: Room | None,
) -> list[str]:
    """Everything the placement would break, in Vietnamese: the move's checks
    against the draft (services.editing), then the programme's module order
    against the whole draft (the engine's own check)."""
    found = session_conflicts(
        session=session, date=date, half_day=half_day, lecturer=lecturer, room=room
    )
    placed = TeachingSession(
        cohort_id=session.cohort_id,
        topic_id=session.topic_id,
        index=run.sessions.filter(
            cohort_id=session.cohort_id, topic_id=session.topic_id
        ).count()
        + 1,
        date=date,
        half_day=half_day,
        lecturer=lecturer,
        room=room,
    )
    draft = [engine_session(s) for s in run.sessions.all()]
    order = engine.conflicts_for(
        problem_for_term(run.term), draft, engine_session(placed)
    )
    return found + [v.message for v in order if v.kind == engine.ViolationKind.ORDER]


def draft_session_place(
    *,
    actor: Actor,
    run: ScheduleRun,
    cohort_id: int,
    topic_id: int,
    date: datetime.date,
    half_day: int,
    lecturer: Lecturer,
    room: Room,
) -> TeachingSession:
    """Add to the run's draft one session of an unplaced cohort-topic. Refused
    (nothing written) unless the run is the term's latest draft, the cohort-topic
    has sessions left, and the half-day, lecturer and room are free and fit."""
    require_scope(actor, MANAGE, school_id=run.school_id)
    with transaction.atomic():
        locked = ScheduleRun.objects.select_for_update().select_related("term")
        run = locked.get(pk=run.pk)
        if run.status != ScheduleRun.Status.DONE or not is_latest_done_run(run):
            raise ValidationError(
                _("Chỉ xếp tay được vào bản nháp mới nhất chưa công bố."),
                code="not_draft",
            )
        entry = _entry(run, cohort_id, topic_id)
        session = draft_session_candidate(run, cohort_id=cohort_id, topic_id=topic_id)
        conflicts = placement_conflicts(
            run, session, date=date, half_day=half_day, lecturer=lecturer, room=room
        )
        if conflicts:
            raise ValidationError(conflicts, code="conflict")
        in_draft = run.sessions.filter(cohort_id=cohort_id, topic_id=topic_id).count()
        done_before = sessions_needed(session.topic) - in_draft - entry["count"]
        session.kind, session.periods = session_kind(
            session.topic, done_before + in_draft + 1
        )
        session.index = in_draft + 1
        session.date, session.half_day = date, half_day
        session.lecturer, session.room = lecturer, room
        session.save()
        entry["count"] -= 1
        run.save(update_fields=["unplaced", "updated_at"])
        audit_record(
            actor=actor,
            action="teaching.draft_session_place",
            instance=run,
            changes={
                "session": [
                    None,
                    {
                        "cohort": entry["cohort"],
                        "topic": entry["topic"],
                        "date": date.isoformat(),
                        "half_day": half_day,
                        "lecturer": lecturer.pk,
                        "room": room.pk,
                    },
                ]
            },
        )
    return session


def _entry(run: ScheduleRun, cohort_id: int, topic_id: int) -> dict:
    for item in run.unplaced:
        same = (item["cohort_id"], item["topic_id"]) == (cohort_id, topic_id)
        if same and item.get("count", 0) > 0:
            return item
    raise ValidationError(
        _("Chuyên đề này của lớp không còn buổi nào chờ xếp."), code="nothing_left"
    )
