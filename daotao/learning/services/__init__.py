"""Writes of the learning app, in five modules:
attendance (the grid and QR self check-in), leave, classroom (conduct notes, the
class committee, anonymous feedback), support (rates, payment lists) and conduct
(rewards, discipline, the end-of-course classification). Callers use `services.<name>`.

Every service re-checks permission, runs in one transaction and writes its audit
rows in it. Refusals are PermissionDenied (who) or ValidationError (what, in
Vietnamese); a refused call writes nothing.
"""

from daotao.learning.services.attendance import (
    attendance_record_many,
    check_in,
    check_in_code_open,
)
from daotao.learning.services.classroom import (
    committee_role_set,
    conduct_note_add,
    feedback_submit,
)
from daotao.learning.services.conduct import (
    conduct_classify,
    conduct_decision_draft,
    conduct_decision_propose,
    conduct_rule_set_update,
)
from daotao.learning.services.leave import leave_request_decide, leave_request_submit
from daotao.learning.services.support import (
    commune_profile_save,
    learner_commune_set,
    support_payment_compute,
    support_payment_draft,
    support_rate_set_save,
)

__all__ = [
    "attendance_record_many",
    "check_in",
    "check_in_code_open",
    "committee_role_set",
    "commune_profile_save",
    "conduct_classify",
    "conduct_decision_draft",
    "conduct_decision_propose",
    "conduct_note_add",
    "conduct_rule_set_update",
    "feedback_submit",
    "learner_commune_set",
    "leave_request_decide",
    "leave_request_submit",
    "support_payment_compute",
    "support_payment_draft",
    "support_rate_set_save",
]
