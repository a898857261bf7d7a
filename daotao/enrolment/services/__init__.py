"""Writes on enrolment, in four modules:
eligibility, nominations, admission and cohort settings. Callers use
`services.<name>`."""

from daotao.enrolment.services.admission import (
    cohort_admit,
    cohort_admit_supplementary,
    cohort_summons_redraft,
    summons_decision_draft,
)
from daotao.enrolment.services.cohorts import cohort_teaching_update, cohort_version
from daotao.enrolment.services.eligibility import (
    Reference,
    Verdict,
    candidate_for,
    evaluate,
    evaluate_candidate,
    evaluate_with,
    is_eligible,
    retirement_rule_set_for,
    rule_set_for,
    rule_set_for_class,
    verdict,
)
from daotao.enrolment.services.nominations import (
    ACTIVE,
    ImportedNominee,
    NominationData,
    nomination_check,
    nomination_override,
    nomination_reject,
    nomination_submit,
    nomination_withdraw,
    nominations_import,
    quota_left,
)

__all__ = [
    "ACTIVE",
    "ImportedNominee",
    "NominationData",
    "Reference",
    "Verdict",
    "candidate_for",
    "cohort_admit",
    "cohort_admit_supplementary",
    "cohort_summons_redraft",
    "cohort_teaching_update",
    "cohort_version",
    "evaluate",
    "evaluate_candidate",
    "evaluate_with",
    "is_eligible",
    "nomination_check",
    "nomination_override",
    "nomination_reject",
    "nomination_submit",
    "nomination_withdraw",
    "nominations_import",
    "quota_left",
    "retirement_rule_set_for",
    "rule_set_for",
    "rule_set_for_class",
    "summons_decision_draft",
    "verdict",
]
