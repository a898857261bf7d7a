"""Publishing a run's draft as the term's schedule."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import format_date
from daotao.teaching import scheduling as engine
from daotao.teaching.models import ScheduleRun, TeachingSession
from daotao.teaching.selectors.scheduling import is_latest_done_run

from .engine_input import engine_session, problem_for_term

MANAGE = "teaching.manage_schedule"
RunStatus = ScheduleRun.Status
_WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


@dataclass(frozen=True)
class Clash:
    """A published session that a draft session would collide with."""

    message: str
    session_id: int
    cohort_id: int
    date: datetime.date


class PublishClash(ValidationError):
    """Publishing refused: sessions published since the run (or fixed by hand)
    take a half-day the draft gives the same cohort, lecturer or room. Each
    message names one; `clashes` lets a page link to them."""

    def __init__(self, clashes: list[Clash]) -> None:
        super().__init__([ValidationError(c.message, code="clash") for c in clashes])
        self.clashes = clashes


def schedule_publish(*, actor: Actor, run: ScheduleRun) -> ScheduleRun:
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
                action="teaching.schedule_publish",
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
    clashes = draft_clashes(run)
    if clashes:
        raise PublishClash(clashes)
    draft = [engine_session(s) for s in run.sessions.all()]
    problem = problem_for_term(run.term)
    violations = [
        v.message
        for v in engine.validate(problem, draft)
        if v.kind != engine.ViolationKind.SESSION_COUNT
    ]
    violations += _count_problems(problem, draft, run.unplaced)
    if violations:
        heading = _("Bản nháp không còn hợp lệ với dữ liệu hiện tại; hãy xếp lại.")
        lines = [heading, *violations[:5]]
        raise ValidationError([ValidationError(m, code="invalid") for m in lines])


def _count_problems(
    problem: engine.Problem, draft: list[engine.Session], unplaced: list[dict]
) -> list[str]:
    """Each cohort-topic's sessions: what the programme needs, less what the run
    reported it could not place (and is still unplaced), must be in the draft."""
    left = defaultdict(int)
    for item in unplaced:
        left[item["cohort_id"], item["topic_id"]] += item["count"]
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for session in draft:
        counts[session.cohort_id, session.topic_id] += 1
    found = []
    for cohort in problem.cohorts:
        for _module, demand in cohort.demands():
            key = cohort.id, demand.topic_id
            expected = demand.sessions - left[key]
            if counts[key] != expected:
                message = _(
                    "Lớp %(cohort)s, chuyên đề %(topic)s: cần %(needed)d buổi, "
                    "lịch có %(scheduled)d buổi."
                ) % {
                    "cohort": cohort.code,
                    "topic": problem.topic_name(demand.topic_id),
                    "needed": expected,
                    "scheduled": counts[key],
                }
                found.append(message)
    return found


def draft_clashes(run: ScheduleRun) -> list[Clash]:
    """The published sessions that would stay beside the draft (other terms', and
    this term's fixed ones) and share a half-day with a session the draft adds,
    for the same cohort, lecturer or room: one Clash per pair, in time order."""
    added = list(run.sessions.filter(is_fixed=False).select_related("cohort", "topic"))
    if not added:
        return []
    staying = (
        TeachingSession.objects.published()
        .filter(
            date__range=(min(s.date for s in added), max(s.date for s in added)),
        )
        .exclude(term_id=run.term_id, is_fixed=False)
        .select_related("cohort", "topic", "term", "room", "lecturer__person")
    )
    by_slot: dict[tuple, list[TeachingSession]] = defaultdict(list)
    for other in staying:
        by_slot[other.date, other.half_day].append(other)
    clashes = []
    for mine in sorted(added, key=lambda s: (s.date, s.half_day, s.cohort_id)):
        for other in by_slot.get((mine.date, mine.half_day), ()):
            shared = _shared(mine, other)
            if shared:
                clashes.append(_clash(mine, other, shared))
    return clashes


def _shared(mine: TeachingSession, other: TeachingSession) -> str:
    """What the two sessions both need, as the message names it ("" if nothing)."""
    if other.cohort_id == mine.cohort_id:
        return _("lớp %(cohort)s") % {"cohort": other.cohort.code}
    if other.lecturer_id is not None and other.lecturer_id == mine.lecturer_id:
        return _("giảng viên %(name)s") % {"name": other.lecturer.person.full_name}
    if other.room_id is not None and other.room_id == mine.room_id:
        return _("phòng %(room)s") % {"room": other.room.name}
    return ""


def _clash(mine: TeachingSession, other: TeachingSession, shared: str) -> Clash:
    half = (
        _("Sáng") if other.half_day == TeachingSession.HalfDay.MORNING else _("Chiều")
    )
    message = _(
        "%(half)s %(weekday)s %(day)s: %(shared)s đã có buổi học của lớp %(cohort)s "
        "(chuyên đề %(topic)s, đợt %(term)s) trong lịch đã công bố; bản nháp lại "
        "xếp vào đó buổi %(index)d chuyên đề %(my_topic)s của lớp %(my_cohort)s."
    ) % {
        "half": half,
        "weekday": _WEEKDAYS[other.date.weekday()],
        "day": format_date(other.date),
        "shared": shared,
        "cohort": other.cohort.code,
        "topic": other.topic.name,
        "term": other.term.name,
        "index": mine.index,
        "my_topic": mine.topic.name,
        "my_cohort": mine.cohort.code,
    }
    return Clash(message, other.pk, other.cohort_id, other.date)


def _replace_published(run: ScheduleRun) -> tuple[int, int]:
    """Swap the published non-fixed sessions for the draft's, keeping the rows
    that do not change (their ids, so references to them survive); number the
    fixed ones as the draft does. Returns the published counts before and after."""
    published = list(TeachingSession.objects.published().filter(term_id=run.term_id))
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
    after = TeachingSession.objects.published().filter(term_id=run.term_id).count()
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
