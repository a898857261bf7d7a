"""Eligibility of nominees: the rule set in force at the class start, evaluated
with lookups fetched once per batch, and the verdict shown per nominee."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from daotao.enrolment.models import (
    EligibilityRuleSet,
    Nomination,
    RetirementRuleSet,
)
from daotao.enrolment.rules import Candidate, check_eligibility
from daotao.org.models import EducationLevel, Ethnicity, NotInForce, TheoryLevel
from daotao.planning.models import PlannedClass


def rule_set_for(*, program_kind: str, on: datetime.date) -> EligibilityRuleSet | None:
    """The rule set in force on `on` (the class start) for that kind of programme;
    None when there is none (the office's own check then decides)."""
    try:
        return EligibilityRuleSet.objects.for_date(on, program_kind=program_kind)
    except NotInForce:
        return None


def retirement_rule_set_for(*, on: datetime.date) -> RetirementRuleSet | None:
    """The retirement-age roadmap in force on `on` (None: no roadmap covers it)."""
    try:
        return RetirementRuleSet.objects.select_related("legal_basis").for_date(on)
    except NotInForce:
        return None


def candidate_for(
    person: Any,
    *,
    ratings: tuple[str, str],
    is_post_qualifying: bool,
    ranks_by_id: dict[int, int],
    minority_ids: set[int],
    theory_codes_by_id: dict[int, str] | None = None,
) -> Candidate:
    """The plain values the eligibility rules look at, from a person and the
    agency's statements (ratings, post)."""
    return Candidate(
        sex=person.sex,
        date_of_birth=person.date_of_birth,
        is_party_member=person.party_joined_on is not None,
        education_rank=ranks_by_id.get(person.education_level_id),
        is_ethnic_minority=person.ethnicity_id in minority_ids,
        ratings=ratings,
        is_post_qualifying=is_post_qualifying,
        theory_level=(theory_codes_by_id or {}).get(person.theory_level_id, ""),
    )


@dataclass(frozen=True)
class Reference:
    """The lookups every evaluation needs, fetched once per batch."""

    ranks_by_code: dict[str, int]
    ranks_by_id: dict[int, int]
    minority_ids: set[int]
    theory_levels: dict[str, tuple[int, str]]
    theory_codes_by_id: dict[int, str]
    retirement_rule_sets: tuple[RetirementRuleSet, ...] = ()

    @classmethod
    def load(cls) -> Reference:
        levels = list(EducationLevel.objects.values_list("pk", "code", "position"))
        theory = list(TheoryLevel.objects.values_list("pk", "code", "position", "name"))
        return cls(
            ranks_by_code={code: position for _pk, code, position in levels},
            ranks_by_id={pk: position for pk, _code, position in levels},
            minority_ids=set(
                Ethnicity.objects.filter(is_minority=True).values_list("pk", flat=True)
            ),
            theory_levels={code: (rank, name) for _pk, code, rank, name in theory},
            theory_codes_by_id={pk: code for pk, code, _rank, _name in theory},
            retirement_rule_sets=tuple(RetirementRuleSet.objects.newest_first()),
        )

    def retirement_on(self, day: datetime.date) -> dict[str, Any] | None:
        """The roadmap in force on `day` (None: no rule set covers it)."""
        try:
            return RetirementRuleSet.in_force_among(
                self.retirement_rule_sets, day
            ).parameters
        except NotInForce:
            return None


def evaluate_candidate(
    candidate: Candidate,
    *,
    rule_set: EligibilityRuleSet,
    planned: PlannedClass,
    reference: Reference,
) -> list[Any]:
    """Each rule's result (`rules.RuleResult`) for a candidate of the class."""
    return check_eligibility(
        candidate,
        parameters=rule_set.parameters,
        mode=planned.mode,
        class_starts_on=planned.starts_on,
        class_ends_on=planned.ends_on,
        education_ranks=reference.ranks_by_code,
        theory_levels=reference.theory_levels,
        retirement=reference.retirement_on(planned.starts_on),
    )


def evaluate_with(
    nomination: Nomination,
    *,
    rule_set: EligibilityRuleSet | None,
    reference: Reference,
) -> list[dict]:
    """Each rule's result for the nominee under `rule_set` (none: no rules)."""
    if rule_set is None:
        return []
    candidate = candidate_for(
        nomination.person,
        ratings=(nomination.rating_previous_year, nomination.rating_year_before),
        is_post_qualifying=nomination.is_post_qualifying,
        ranks_by_id=reference.ranks_by_id,
        minority_ids=reference.minority_ids,
        theory_codes_by_id=reference.theory_codes_by_id,
    )
    results = evaluate_candidate(
        candidate,
        rule_set=rule_set,
        planned=nomination.planned_class,
        reference=reference,
    )
    return [r.as_dict() for r in results]


def rule_set_for_class(planned: PlannedClass) -> EligibilityRuleSet | None:
    return rule_set_for(
        program_kind=planned.program_version.program.kind, on=planned.starts_on
    )


def evaluate(nomination: Nomination) -> tuple[EligibilityRuleSet | None, list[dict]]:
    """Each rule's result for the nominee, from the rule set in force at the start."""
    rule_set = rule_set_for_class(nomination.planned_class)
    return rule_set, evaluate_with(
        nomination, rule_set=rule_set, reference=Reference.load()
    )


def _overridden(nomination: Nomination) -> set[str]:
    # .all() so a list page's prefetch of the overrides is used.
    return {override.rule for override in nomination.overrides.all()}


def is_eligible(nomination: Nomination) -> bool:
    """Every rule passed, or the office accepted the failure with a reason. With no
    rule set for the programme kind, the office's own check decides."""
    overridden = _overridden(nomination)
    return all(r["passed"] or r["rule"] in overridden for r in nomination.eligibility)


PASSED, OVERRIDDEN, FAILED = "passed", "overridden", "failed"


@dataclass(frozen=True)
class RuleLine:
    rule: str
    label: str
    detail: str
    state: str  # passed | overridden | failed


@dataclass(frozen=True)
class Verdict:
    """What the nominee's row says: each rule's line and one overall verdict that
    follows them (a failed rule is never shown beside "Đủ điều kiện")."""

    state: str  # eligible | eligible_by_exception | not_eligible | no_rules
    label: str
    lines: tuple[RuleLine, ...]


def verdict(nomination: Nomination) -> Verdict:
    overridden = _overridden(nomination)
    lines = tuple(
        RuleLine(
            rule=r["rule"],
            label=r["label"],
            detail=r["detail"],
            state=PASSED
            if r["passed"]
            else OVERRIDDEN
            if r["rule"] in overridden
            else FAILED,
        )
        for r in nomination.eligibility
    )
    states = {line.state for line in lines}
    if nomination.rule_set_id is None and not lines:
        return Verdict("no_rules", _("Chưa có quy định"), lines)
    if FAILED in states:
        return Verdict("not_eligible", _("Chưa đủ điều kiện"), lines)
    if OVERRIDDEN in states:
        return Verdict(
            "eligible_by_exception", _("Đủ điều kiện (trường hợp đặc biệt)"), lines
        )
    return Verdict("eligible", _("Đủ điều kiện"), lines)
