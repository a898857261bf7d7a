"""Reads of the agency pages, narrowed to the actor's scope: a coordinator
reaches only their agency's cadres (404 for any other).

Module results and the classification are computed here with
`daotao.assessment.rules` over scores of locked sheets, as assessment does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from daotao.assessment import rules
from daotao.assessment.models import AssessmentRuleSet, Score, ScoreSheet
from daotao.core.access import Role, scope_for, user_roles
from daotao.core.actors import Actor
from daotao.core.text import format_number
from daotao.enrolment.models import Cohort, Enrollment
from daotao.learning.models import ConductNote
from daotao.learning.selectors import (
    attendance_counts_by_topic,
    programme_attendance_shares,
)
from daotao.outcomes.models import Placement, ResearchTask
from daotao.programs.models import Module, Topic
from daotao.teaching.models import TeachingSession
from daotao.teaching.selectors.timetables import own_lecturer

__all__ = ["own_lecturer"]

VIEW = "outcomes.view_agency_progress"


def reaches_own_agencies_only(actor: Actor) -> bool:
    """Whether the actor follows cadres only of the agencies of their memberships."""
    scope = scope_for(actor, VIEW)
    return (
        not scope.all_schools
        and bool(scope.schools)
        and all(agencies is not None for agencies in scope.schools.values())
    )


def agency_cadres(
    *, actor: Actor, cohort_id: int | None = None, current_only: bool = False
) -> QuerySet[Enrollment]:
    """The enrollments in the actor's reach, with what the list shows joined;
    with `current_only` (and no cohort named) those of cohorts not finished."""
    cadres = Enrollment.objects.visible_to(actor, VIEW)
    if cohort_id:
        cadres = cadres.filter(cohort_id=cohort_id)
    elif current_only:
        cadres = cadres.exclude(cohort__status=Cohort.Status.FINISHED)
    return cadres.select_related(
        "person", "agency", "cohort__program_version__program", "research_task"
    ).order_by("-cohort__starts_on", "cohort__code", "person__sort_key", "id")


def agency_cadre_rows(
    *, actor: Actor, cohort_id: int | None = None, current_only: bool = False
) -> QuerySet[Enrollment]:
    """`agency_cadres` reading only what the list shows (name, cohort, agency,
    task) and its evaluations need: fewer columns parsed and models built."""
    return (
        agency_cadres(actor=actor, cohort_id=cohort_id, current_only=current_only)
        .select_related(None)
        .select_related("person", "agency", "cohort", "research_task")
        .only(
            "cohort_id",
            "person_id",
            "agency_id",
            "person__full_name",
            "agency__name",
            "cohort__code",
            "cohort__program_version_id",
            "research_task__status",
            "research_task__grade",
        )
    )


def get_enrollment_for_progress(actor: Actor, pk: int, permission: str = VIEW):
    """The cadre's enrollment if the actor reaches it through `permission`."""
    enrollment = agency_cadres(actor=actor).visible_to(actor, permission)
    found = enrollment.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def cohorts_in_reach(
    *, actor: Actor, current_only: bool = False, chosen: int | None = None
) -> list[tuple[int, str]]:
    """(id, code) of the cohorts with enrollments in the actor's reach; with
    `current_only` those not finished, and the `chosen` one."""
    cohorts = Cohort.objects.filter(
        pk__in=Enrollment.objects.visible_to(actor, VIEW).values("cohort_id")
    )
    if current_only:
        cohorts = cohorts.filter(~Q(status=Cohort.Status.FINISHED) | Q(pk=chosen))
    return list(cohorts.order_by("code").values_list("pk", "code"))


# --- Attendance --------------------------------------------------------------------


def attendance_overall(enrollments: Iterable[Enrollment]) -> dict[int, Decimal]:
    """Share of the published sessions attended, per enrollment id (grouped
    queries, whatever the number of rows or cohorts)."""
    return programme_attendance_shares(enrollments)


def attendance_by_topic(
    enrollment: Enrollment,
) -> tuple[list[tuple[Topic, Decimal]], Decimal]:
    """(topic, share) for each topic with published sessions for the cohort, and
    the share of the programme's sessions attended (`attendance_overall`'s
    figure, from the same counts: three queries for the cadre's page)."""
    counts = attendance_counts_by_topic(enrollment)
    topics = (
        Topic.objects.filter(pk__in=list(counts))
        .select_related("module__block")
        .order_by("module__block__position", "module__position", "position")
    )
    rows, attended, total = [], 0, 0
    for topic in topics:
        done, held = counts[topic.pk]
        rows.append((topic, Decimal(done) / Decimal(held)))
        if topic.module.block.version_id == enrollment.cohort.program_version_id:
            attended, total = attended + done, total + held
    return rows, Decimal(attended) / Decimal(total) if total else Decimal(0)


def conduct_counts(enrollments: Iterable[Enrollment]) -> dict[int, int]:
    """Conduct notes per enrollment id, in one grouped query."""
    ids = [e.pk for e in enrollments]
    counted = dict(
        ConductNote.objects.filter(enrollment_id__in=ids)
        .values("enrollment_id")
        .annotate(n=Count("id"))
        .values_list("enrollment_id", "n")
    )
    return {pk: counted.get(pk, 0) for pk in ids}


# --- Results -----------------------------------------------------------------------


@dataclass(frozen=True)
class ModuleResult:
    module_id: int
    name: str
    result: Decimal | None
    is_passed: bool


@dataclass
class Evaluation:
    """A cadre's results so far; overall and classification once every assessed
    module of the programme has a result."""

    modules: list[ModuleResult] = field(default_factory=list)
    overall: Decimal | None = None
    classification: str = ""

    @property
    def results_text(self) -> str:
        """ "Module: 8,5; …" as the list shows it, built here rather than by a
        template loop per module and row (most of the list's rendering time)."""
        return "; ".join(
            f"{m.name}: {format_number(m.result) if m.result is not None else '—'}"
            for m in self.modules
        )


def evaluations(enrollments: Iterable[Enrollment]) -> dict[int, Evaluation]:
    """Evaluation per enrollment id, from scores of locked sheets: one pass over
    the score lines (linear in them), in three queries whatever the number of
    enrollments (scores, rule sets, modules with their topics' periods summed)."""
    enrollments = list(enrollments)
    # enrollment id -> module id -> results in the order of the sittings
    attempts: dict[int, dict[int, list[Decimal | None]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rule_set_of: dict[int, int] = {}
    scores = (
        Score.objects.filter(
            enrollment_id__in=[e.pk for e in enrollments],
            sheet__status=ScoreSheet.Status.LOCKED,
        )
        .order_by("enrollment_id", "sheet__exam__held_on", "sheet__exam__attempt")
        .values_list(
            "enrollment_id",
            "sheet__exam__module_id",
            "result",
            "sheet__exam__rule_set_id",
        )
    )
    for enrollment_id, module_id, result, rule_set_id in scores:
        attempts[enrollment_id][module_id].append(result)
        rule_set_of[enrollment_id] = rule_set_id
    parameters = dict(
        AssessmentRuleSet.objects.filter(pk__in=set(rule_set_of.values())).values_list(
            "pk", "parameters"
        )
    )
    modules = _assessed_modules({e.cohort.program_version_id for e in enrollments})
    found = {}
    for enrollment in enrollments:
        rule_set_id = rule_set_of.get(enrollment.pk)
        found[enrollment.pk] = _evaluation(
            modules[enrollment.cohort.program_version_id],
            attempts.get(enrollment.pk, {}),
            parameters[rule_set_id] if rule_set_id is not None else None,
        )
    return found


def _assessed_modules(version_ids: set[int]) -> dict[int, list[tuple[Module, int]]]:
    """(module, periods) of each version's assessed modules, in programme order."""
    found: dict[int, list[tuple[Module, int]]] = defaultdict(list)
    # The periods summed in the same query (Topic.total_periods' four parts).
    periods = Coalesce(
        Sum(
            F("topics__lecture_periods")
            + F("topics__discussion_periods")
            + F("topics__practice_periods")
            + F("topics__field_study_periods")
        ),
        0,
    )
    modules = (
        Module.objects.filter(block__version_id__in=version_ids, is_assessed=True)
        .select_related("block")
        .annotate(periods=periods)
        .order_by("block__position", "position")
    )
    for module in modules:
        found[module.block.version_id].append((module, module.periods))
    return found


def _evaluation(
    modules: list[tuple[Module, int]],
    attempts: dict[int, list[Decimal | None]],
    parameters: dict[str, Any] | None,
) -> Evaluation:
    if parameters is None:
        return Evaluation()
    results = []
    for module, _periods in modules:
        if module.pk not in attempts:
            continue
        result = rules.module_result(attempts[module.pk], parameters)
        results.append(
            ModuleResult(
                module.pk, module.name, result, rules.is_passed(result, parameters)
            )
        )
    overall = None
    if len(results) == len(modules):
        overall = rules.overall_result(
            [
                (r.result, periods)
                for r, (_m, periods) in zip(results, modules, strict=True)
            ],
            parameters,
        )
    label = rules.classify(overall, parameters).label if overall is not None else ""
    return Evaluation(results, overall, label)


# --- Research tasks ----------------------------------------------------------------


def own_research_task(enrollment: Enrollment) -> dict[str, Any]:
    """The learner's own page panel (core.panels, slot "learning.portal"): the
    research task the agency set for `enrollment`, the learner's own enrollment
    that the portal already narrowed to, or None when none is set yet."""
    return {"task": ResearchTask.objects.filter(enrollment=enrollment).first()}


def gradable_tasks(*, actor: Actor) -> QuerySet[ResearchTask]:
    """Tasks the actor may grade: of cohorts they teach or lead as homeroom
    lecturer; every task of the school for the training office."""
    tasks = ResearchTask.objects.visible_to(
        actor, "outcomes.grade_research"
    ).select_related("enrollment__person", "enrollment__cohort", "enrollment__agency")
    if Role.TRAINING_OFFICE not in user_roles(actor):
        lecturer = own_lecturer(actor)
        if lecturer is None:
            return tasks.none()
        taught = TeachingSession.objects.filter(lecturer=lecturer).values("cohort_id")
        tasks = tasks.filter(
            Q(enrollment__cohort_id__in=taught)
            | Q(enrollment__cohort__homeroom_lecturer=lecturer)
        )
    return tasks.order_by("enrollment__cohort__code", "enrollment__person__sort_key")


def get_task_for_grading(actor: Actor, pk: int) -> ResearchTask:
    task = gradable_tasks(actor=actor).filter(pk=pk).first()
    if task is None:
        raise Http404
    return task


# --- Where are they now ------------------------------------------------------------


def placements(
    *, actor: Actor, cohort_id: int | None = None, program_id: int | None = None
) -> QuerySet[Placement]:
    """Placements of cadres in the actor's reach, filtered by cohort or programme."""
    rows = Placement.objects.visible_to(actor, VIEW)
    if cohort_id:
        rows = rows.filter(enrollment__cohort_id=cohort_id)
    if program_id:
        rows = rows.filter(enrollment__cohort__program_version__program_id=program_id)
    return rows.select_related(
        "enrollment__person",
        "enrollment__agency",
        "enrollment__cohort__program_version__program",
    ).order_by("enrollment__cohort__code", "enrollment__person__sort_key", "-id")


def placement_counts(queryset: QuerySet[Placement]) -> list[tuple[str, str, int]]:
    """(kind, label, count) for every kind, zero included, in the choices' order."""
    counts = dict(
        queryset.order_by()
        .values("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    return [
        (kind, label, counts.get(kind, 0)) for kind, label in Placement.Kind.choices
    ]
