"""Reads of lecturer development, narrowed to the acting user's scope."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from daotao.core.access import has_permission
from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.faculty import rules
from daotao.faculty.models import (
    AnnualEvaluation,
    DevelopmentRuleSet,
    EvaluationDecision,
    FieldPractice,
    Lecturer,
    Qualification,
    Rotation,
    TeachingContest,
)
from daotao.org.models import NotInForce

VIEW = "faculty.view_development"
MANAGE = "faculty.manage_development"
EVALUATE = "faculty.evaluate_lecturer"
MANAGE_RULES = "faculty.manage_rules"


# --- The rule set in force ------------------------------------------------------
# Every number comes from the rule set in force on the day; with none, services
# refuse (`NotInForce`) and pages say so (`RulesInForce.missing`) and show no figure
# that would need one. Nothing falls back on numbers written in code.


def rule_set_in_force(day: datetime.date) -> DevelopmentRuleSet:
    """The rule set in force on `day`; `NotInForce` (a ValidationError saying "Chưa
    có bộ quy định phát triển giảng viên có hiệu lực vào ngày …") if none."""
    return DevelopmentRuleSet.objects.select_related("legal_basis").for_date(day)


def rule_set_on(day: datetime.date) -> DevelopmentRuleSet | None:
    """The rule set in force on `day`, or None."""
    try:
        return rule_set_in_force(day)
    except NotInForce:
        return None


def rule_sets_by_day() -> Callable[[datetime.date], DevelopmentRuleSet | None]:
    """The rule set in force on a day, for many days from one query: what a list of
    field practices prices each one with (the rule set of its first day, as the
    giờ chuẩn ledger does)."""
    rule_sets = list(DevelopmentRuleSet.objects.newest_first())

    def on(day: datetime.date) -> DevelopmentRuleSet | None:
        try:
            return DevelopmentRuleSet.in_force_among(rule_sets, day)
        except NotInForce:
            return None

    return on


@dataclass(frozen=True)
class RulesInForce:
    """What a page computes with: the rule set in force on `day`, or, when there is
    none, the sentence saying so (`missing`) and whether the user may go and edit
    the rule sets (`may_edit`)."""

    day: datetime.date
    rule_set: DevelopmentRuleSet | None
    may_edit: bool = False

    @property
    def parameters(self) -> dict[str, Any] | None:
        return self.rule_set.parameters if self.rule_set else None

    @property
    def missing(self) -> str:
        if self.rule_set is not None:
            return ""
        return str(NotInForce(DevelopmentRuleSet, self.day).messages[0])


def rules_in_force(*, actor: Actor, day: datetime.date) -> RulesInForce:
    return RulesInForce(
        day=day, rule_set=rule_set_on(day), may_edit=has_permission(actor, MANAGE_RULES)
    )


def rule_set_list() -> QuerySet[DevelopmentRuleSet]:
    return DevelopmentRuleSet.objects.select_related("legal_basis").newest_first()


def get_rule_set(pk: int) -> DevelopmentRuleSet:
    item = DevelopmentRuleSet.objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    return item


def get_lecturer(actor: Actor, pk: int, permission: str = VIEW) -> Lecturer:
    lecturer = (
        Lecturer.objects.visible_to(actor, permission)
        .filter(pk=pk)
        .select_related("person__education_level", "person__theory_level", "unit")
        .first()
    )
    if lecturer is None:
        raise Http404
    return lecturer


def own_lecturer(user: Any) -> Lecturer | None:
    """The signed-in user's own lecturer record, or None."""
    person_id = getattr(user, "person_id", None)
    if person_id is None:
        return None
    return (
        Lecturer.objects.filter(person_id=person_id)
        .select_related("person__education_level", "person__theory_level", "unit")
        .first()
    )


def _get(model: Any, actor: Actor, pk: int, permission: str = MANAGE) -> Any:
    item = (
        model.objects.visible_to(actor, permission)
        .filter(pk=pk)
        .select_related("lecturer__person")
        .first()
    )
    if item is None:
        raise Http404
    return item


def get_qualification(actor: Actor, pk: int, permission: str = MANAGE) -> Qualification:
    return _get(Qualification, actor, pk, permission)


def get_field_practice(actor: Actor, pk: int) -> FieldPractice:
    return _get(FieldPractice, actor, pk)


def get_rotation(actor: Actor, pk: int) -> Rotation:
    return _get(Rotation, actor, pk)


def get_contest(actor: Actor, pk: int) -> TeachingContest:
    return _get(TeachingContest, actor, pk)


def get_evaluation(actor: Actor, pk: int) -> AnnualEvaluation:
    item = (
        AnnualEvaluation.objects.visible_to(actor, EVALUATE)
        .filter(pk=pk)
        .select_related("lecturer__person", "rule_set")
        .first()
    )
    if item is None:
        raise Http404
    return item


# --- The dossier ------------------------------------------------------------------


@dataclass
class QualificationRow:
    item: Qualification
    state: str  # "" when no rule set is in force to say how near expiry is


@dataclass
class Dossier:
    lecturer: Lecturer
    rule_set: DevelopmentRuleSet | None
    qualifications: list[QualificationRow]
    field_practices: list[FieldPractice]
    rotations: list[Rotation]
    contests: list[TeachingContest]
    evaluations: list[AnnualEvaluation]
    year: int
    practice_days: int = 0
    practice_due: int | None = None  # None: no rule set in force to say
    kinds_missing: list[str] = field(default_factory=list)


# What the lecturer standards ask every lecturer to show (domain.md §4): a degree,
# a teaching-skills certificate (unless the degree is in education), a foreign
# language and IT at level B or above, and a theory level.
STANDARD_KINDS = (
    Qualification.Kind.DEGREE,
    Qualification.Kind.THEORY,
    Qualification.Kind.PEDAGOGY,
    Qualification.Kind.LANGUAGE,
    Qualification.Kind.IT,
)


def _certificate_state(
    expires_on: datetime.date | None,
    today: datetime.date,
    parameters: dict[str, Any] | None,
) -> str:
    if parameters is None:
        return ""
    return rules.certificate_state(expires_on, today, parameters)


def dossier(*, lecturer: Lecturer, today: datetime.date) -> Dossier:
    """The lecturer's record; the states and days owed only when a rule set is in
    force on `today` (empty and None otherwise)."""
    rule_set = rule_set_on(today)
    parameters = rule_set.parameters if rule_set else None
    quals = list(lecturer.qualifications.all())
    practices = list(lecturer.field_practices.all())
    days = sum(
        rules.days_in_year(p.starts_on, p.ends_on, today.year)
        for p in practices
        if p.report_submitted_on
    )
    present = {q.kind for q in quals}
    return Dossier(
        lecturer=lecturer,
        rule_set=rule_set,
        qualifications=[
            QualificationRow(q, _certificate_state(q.expires_on, today, parameters))
            for q in quals
        ],
        field_practices=practices,
        rotations=list(lecturer.rotations.select_related("proposal_document")),
        contests=list(lecturer.contests.all()),
        evaluations=list(lecturer.evaluations.select_related("rule_set")),
        year=today.year,
        practice_days=days,
        practice_due=rules.field_practice_due(days, parameters) if parameters else None,
        kinds_missing=[
            Qualification.Kind(k).label for k in STANDARD_KINDS if k not in present
        ],
    )


# --- Lists ------------------------------------------------------------------------


@dataclass(frozen=True)
class DevelopmentFilter:
    query: str = ""
    year: int | None = None
    sort: str = "date"


def _named(qs: QuerySet, query: str) -> QuerySet:
    if query:
        qs = qs.filter(lecturer__person__search_key__contains=search_key(query))
    return qs


SORTS = {
    "date": ("-starts_on", "lecturer__person__sort_key", "id"),
    "name": ("lecturer__person__sort_key", "-starts_on", "id"),
}


def field_practice_list(
    *, actor: Actor, filters: DevelopmentFilter
) -> QuerySet[FieldPractice]:
    items = _named(FieldPractice.objects.visible_to(actor, VIEW), filters.query)
    if filters.year:
        items = items.filter(
            starts_on__lte=datetime.date(filters.year, 12, 31),
            ends_on__gte=datetime.date(filters.year, 1, 1),
        )
    return items.select_related("lecturer__person", "lecturer__unit").order_by(
        *SORTS.get(filters.sort, SORTS["date"])
    )


def rotation_list(*, actor: Actor, filters: DevelopmentFilter) -> QuerySet[Rotation]:
    items = _named(Rotation.objects.visible_to(actor, VIEW), filters.query)
    if filters.year:
        items = items.filter(
            starts_on__lte=datetime.date(filters.year, 12, 31),
            ends_on__gte=datetime.date(filters.year, 1, 1),
        )
    return items.select_related("lecturer__person", "lecturer__unit").order_by(
        *SORTS.get(filters.sort, SORTS["date"])
    )


def evaluation_list(
    *, actor: Actor, year: int, query: str = "", sort: str = "name"
) -> QuerySet[AnnualEvaluation]:
    items = _named(
        AnnualEvaluation.objects.visible_to(actor, VIEW).filter(year=year), query
    )
    order = {
        "name": ("lecturer__person__sort_key", "id"),
        "band": ("band", "proposed_band", "lecturer__person__sort_key", "id"),
        "unit": ("lecturer__unit__name", "lecturer__person__sort_key", "id"),
    }
    return items.select_related(
        "lecturer__person", "lecturer__unit", "rule_set"
    ).order_by(*order.get(sort, order["name"]))


def evaluation_decision(*, actor: Actor, year: int) -> EvaluationDecision | None:
    """The year's decision recognising the results, with its document, if drafted."""
    return (
        EvaluationDecision.objects.visible_to(actor, VIEW)
        .filter(year=year)
        .select_related("document")
        .order_by("school_id")
        .first()
    )


# --- Who is due what ------------------------------------------------------------


@dataclass
class DueRow:
    lecturer: Lecturer
    practice_days: int
    practice_due: int
    on_rotation: Rotation | None
    certificates: list[QualificationRow]
    rotation_report_due: list[Rotation]

    @property
    def is_due(self) -> bool:
        return bool(self.practice_due or self.certificates or self.rotation_report_due)


def due_list(
    *, actor: Actor, today: datetime.date, query: str = "", only_due: bool = True
) -> list[DueRow]:
    """Every active lecturer in scope with what they owe: field practice days still
    to do this year, certificates expired or expiring within the rule set's warning,
    a rotation's report on return not yet in. Four queries. Nobody (an empty list)
    when no rule set is in force on `today`: the page says so."""
    rule_set = rule_set_on(today)
    if rule_set is None:
        return []
    parameters = rule_set.parameters
    lecturers = list(
        _lecturers_named(
            Lecturer.objects.visible_to(actor, VIEW).filter(
                is_active=True, is_visiting=False
            ),
            query,
        )
        .select_related("person", "unit")
        .order_by("person__sort_key", "id")
    )
    ids = [lecturer.pk for lecturer in lecturers]
    days: dict[int, int] = defaultdict(int)
    for item in FieldPractice.objects.filter(
        lecturer_id__in=ids,
        report_submitted_on__isnull=False,
        starts_on__lte=datetime.date(today.year, 12, 31),
        ends_on__gte=datetime.date(today.year, 1, 1),
    ):
        days[item.lecturer_id] += rules.days_in_year(
            item.starts_on, item.ends_on, today.year
        )
    warning = datetime.timedelta(days=int(parameters["certificate_warning_days"]))
    certificates: dict[int, list[QualificationRow]] = defaultdict(list)
    for item in Qualification.objects.filter(
        lecturer_id__in=ids, expires_on__lte=today + warning
    ).order_by("expires_on"):
        certificates[item.lecturer_id].append(
            QualificationRow(
                item, rules.certificate_state(item.expires_on, today, parameters)
            )
        )
    current: dict[int, Rotation] = {}
    unreported: dict[int, list[Rotation]] = defaultdict(list)
    for item in Rotation.objects.filter(lecturer_id__in=ids).filter(
        Q(starts_on__lte=today, ends_on__gte=today)
        | Q(ends_on__lt=today, return_report_on__isnull=True)
    ):
        if item.starts_on <= today <= item.ends_on:
            current[item.lecturer_id] = item
        else:
            unreported[item.lecturer_id].append(item)
    rows = [
        DueRow(
            lecturer=lecturer,
            practice_days=days[lecturer.pk],
            practice_due=rules.field_practice_due(days[lecturer.pk], parameters),
            on_rotation=current.get(lecturer.pk),
            certificates=certificates[lecturer.pk],
            rotation_report_due=unreported[lecturer.pk],
        )
        for lecturer in lecturers
    ]
    return [row for row in rows if row.is_due] if only_due else rows


def _lecturers_named(qs: QuerySet, query: str) -> QuerySet:
    if query:
        qs = qs.filter(person__search_key__contains=search_key(query))
    return qs
