"""Eligibility of nominees: the rule set in force at the class start, evaluated
with lookups fetched once per batch."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Q

from daotao.enrolment.models import (
    EligibilityRuleSet,
    Nomination,
)
from daotao.enrolment.rules import Candidate, check_eligibility
from daotao.org.models import EducationLevel, Ethnicity
from daotao.planning.models import PlannedClass


def rule_set_for(*, program_kind: str, on: datetime.date) -> EligibilityRuleSet | None:
    """The rule set in force on `on` (the class start) for that kind of programme."""
    candidates = EligibilityRuleSet.objects.filter(valid_from__lte=on).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    )
    for rule_set in candidates.order_by("-valid_from", "-id"):
        if not rule_set.program_kinds or program_kind in rule_set.program_kinds:
            return rule_set
    return None


def candidate_for(
    person: Any,
    *,
    ratings: tuple[str, str],
    is_post_qualifying: bool,
    ranks_by_id: dict[int, int],
    minority_ids: set[int],
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
    )


@dataclass(frozen=True)
class Reference:
    """The lookups every evaluation needs, fetched once per batch."""

    ranks_by_code: dict[str, int]
    ranks_by_id: dict[int, int]
    minority_ids: set[int]

    @classmethod
    def load(cls) -> Reference:
        levels = list(EducationLevel.objects.values_list("pk", "code", "position"))
        return cls(
            ranks_by_code={code: position for _pk, code, position in levels},
            ranks_by_id={pk: position for pk, _code, position in levels},
            minority_ids=set(
                Ethnicity.objects.filter(is_minority=True).values_list("pk", flat=True)
            ),
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
    planned = nomination.planned_class
    candidate = candidate_for(
        nomination.person,
        ratings=(nomination.rating_previous_year, nomination.rating_year_before),
        is_post_qualifying=nomination.is_post_qualifying,
        ranks_by_id=reference.ranks_by_id,
        minority_ids=reference.minority_ids,
    )
    results = check_eligibility(
        candidate,
        parameters=rule_set.parameters,
        mode=planned.mode,
        class_starts_on=planned.starts_on,
        education_ranks=reference.ranks_by_code,
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


def is_eligible(nomination: Nomination) -> bool:
    """Every rule passed, or the office accepted the failure with a reason."""
    overridden = set(nomination.overrides.values_list("rule", flat=True))
    return all(r["passed"] or r["rule"] in overridden for r in nomination.eligibility)
