"""Reads for scheduling: terms, runs, and a run's draft against the published
schedule (the diff the training office reviews before publishing)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from daotao.core.actors import Actor
from daotao.enrolment.models import Cohort
from daotao.teaching.models import ScheduleRun, TeachingSession, Term, published_q

VIEW = "teaching.view_schedule"


def term_list(*, actor: Actor) -> QuerySet[Term]:
    """The terms in the actor's scope with their cohort and published-session counts."""
    return (
        Term.objects.visible_to(actor, VIEW)
        .annotate(
            cohort_count=Count("cohorts", distinct=True),
            published_count=Count(
                "sessions", filter=published_q("sessions"), distinct=True
            ),
        )
        .order_by("-starts_on", "id")
    )


def get_term_for_view(actor: Actor, pk: int) -> Term:
    """The term, or 404 when it is outside the actor's scope."""
    term = Term.objects.visible_to(actor, VIEW).filter(pk=pk)
    found = term.first()
    if found is None:
        raise Http404
    return found


def term_in_use(*, term: Term) -> bool:
    """Whether the engine has run for the term or it has sessions: it may then no
    longer be edited or deleted (`services.term_update`, `term_delete`)."""
    return term.runs.exists() or term.sessions.exists()


def term_cohorts(*, term: Term) -> QuerySet[Cohort]:
    return term.cohorts.select_related("site", "program_version__program").order_by(
        "code"
    )


def term_runs(*, term: Term) -> QuerySet[ScheduleRun]:
    return term.runs.select_related("created_by", "published_by").order_by(
        "-created_at", "-id"
    )


def published_counts(*, term: Term) -> dict[str, int]:
    """The size of the term's published schedule: all sessions and fixed ones."""
    return term.sessions.published().aggregate(
        total=Count("id"), fixed=Count("id", filter=Q(is_fixed=True))
    )


def get_run_for_view(actor: Actor, pk: int) -> ScheduleRun:
    """The run with its term, or 404 when it is outside the actor's scope."""
    run = (
        ScheduleRun.objects.visible_to(actor, VIEW)
        .filter(pk=pk)
        .select_related("term", "created_by", "published_by")
        .first()
    )
    if run is None:
        raise Http404
    return run


def is_latest_done_run(run: ScheduleRun) -> bool:
    """True when no later run of the term has produced a draft (or been published)."""
    later = ScheduleRun.objects.filter(
        term_id=run.term_id,
        pk__gt=run.pk,
        status__in=[ScheduleRun.Status.DONE, ScheduleRun.Status.PUBLISHED],
    )
    return not later.exists()


@dataclass(frozen=True)
class SessionLine:
    """One session as the diff shows it."""

    topic_id: int
    index: int
    topic: str
    module: str
    date: Any
    half_day: int
    half_day_label: str
    lecturer: str
    room: str
    is_fixed: bool

    @property
    def placement(self) -> tuple[Any, ...]:
        return (self.date, self.half_day, self.lecturer, self.room)


@dataclass
class CohortDiff:
    """What publishing a draft changes for one cohort."""

    cohort_id: int
    code: str
    added: list[SessionLine] = field(default_factory=list)
    removed: list[SessionLine] = field(default_factory=list)
    moved: list[tuple[SessionLine, SessionLine]] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.removed or self.moved)


def schedule_diff(run: ScheduleRun) -> list[CohortDiff]:
    """Per cohort of the term (by code): the draft's sessions added, removed and
    moved against the published schedule, matched by (cohort, topic, index)."""
    published = _lines(TeachingSession.objects.published().filter(term_id=run.term_id))
    draft = _lines(TeachingSession.objects.filter(run=run))
    codes = dict(
        Cohort.objects.filter(
            Q(terms=run.term_id) | Q(pk__in={key[0] for key in published | draft})
        ).values_list("pk", "code")
    )
    diffs = {pk: CohortDiff(pk, code) for pk, code in codes.items()}
    for key in sorted(draft.keys() | published.keys(), key=_sort_key(draft, published)):
        before, after = published.get(key), draft.get(key)
        entry = diffs[key[0]]
        if before is None:
            entry.added.append(after)
        elif after is None:
            entry.removed.append(before)
        elif before.placement != after.placement:
            entry.moved.append((before, after))
    return sorted(diffs.values(), key=lambda d: d.code)


def _lines(sessions: QuerySet[TeachingSession]) -> dict[tuple, SessionLine]:
    rows = sessions.select_related("topic__module", "lecturer__person", "room")
    result = {}
    for s in rows:
        result[s.cohort_id, s.topic_id, s.index] = SessionLine(
            topic_id=s.topic_id,
            index=s.index,
            topic=s.topic.name,
            module=s.topic.module.name,
            date=s.date,
            half_day=s.half_day,
            half_day_label=s.get_half_day_display(),
            lecturer=s.lecturer.person.full_name if s.lecturer else "",
            room=s.room.name if s.room else "",
            is_fixed=s.is_fixed,
        )
    return result


def _sort_key(draft: dict, published: dict):
    """Diff rows in time order of the draft (of the published session if removed)."""

    def key(k: tuple) -> tuple:
        line = draft.get(k) or published[k]
        return (line.date, line.half_day, k)

    return key
