"""Writes of the learning app, in three modules:
attendance (the grid and QR self check-in), leave and classroom (conduct notes, the
class committee, anonymous feedback). Callers use `services.<name>`.

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
from daotao.learning.services.leave import leave_request_decide, leave_request_submit

__all__ = [
    "attendance_record_many",
    "check_in",
    "check_in_code_open",
    "committee_role_set",
    "conduct_note_add",
    "feedback_submit",
    "leave_request_decide",
    "leave_request_submit",
]
