"""Who may act on which learning object, and the fixed parts of the forms: the
permission names, the roles that act school-wide, the feedback questions, the class
committee seats held alone. Read by services, selectors, forms and views alike."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from daotao.core.access import Role, has_permission, require_scope
from daotao.core.actors import Actor
from daotao.enrolment.models import Enrollment
from daotao.learning.models import CommitteeRole

RECORD = "learning.record_attendance"
MANAGE = "learning.manage_class"
PORTAL = "learning.use_portal"
MANAGE_CONDUCT = "learning.manage_conduct"

# Roles that act for the whole school rather than for the sessions or cohorts
# they are tied to.
OFFICE_ROLES = frozenset({Role.ADMINISTRATOR, Role.TRAINING_OFFICE})

# The feedback form's questions; each is rated 1–5 (the form's scale).
FEEDBACK_QUESTIONS: tuple[tuple[str, Any], ...] = (
    ("content", gettext_lazy("Nội dung bài giảng")),
    ("method", gettext_lazy("Phương pháp truyền đạt")),
    ("practice", gettext_lazy("Liên hệ thực tiễn")),
)
RATING_RANGE = range(1, 6)

# Seats held by one learner at a time; the others may be shared.
SINGLE_SEATS = frozenset({CommitteeRole.Role.MONITOR, CommitteeRole.Role.PARTY_CELL})


def _is_office_in(user: Any, permission: str, school_id: int) -> bool:
    if not has_permission(user, permission):
        return False
    return any(
        role in OFFICE_ROLES and sid in (None, school_id)
        for role, sid, _unit, _agency in user.membership_scopes()
    )


def _is_person_of(user: Any, lecturer: Any) -> bool:
    person_id = getattr(user, "person_id", None)
    return (
        lecturer is not None
        and person_id is not None
        and (lecturer.person_id == person_id)
    )


def can_manage_cohort(user: Any, cohort: Any) -> bool:
    """The training office of the school or the cohort's homeroom lecturer."""
    if not has_permission(user, MANAGE):
        return False
    return _is_office_in(user, MANAGE, cohort.school_id) or _is_person_of(
        user, cohort.homeroom_lecturer
    )


def can_manage_cohort_conduct(user: Any, cohort: Any) -> bool:
    """Rewards, discipline and conduct: the office or the homeroom lecturer."""
    if not has_permission(user, MANAGE_CONDUCT):
        return False
    return _is_office_in(user, MANAGE_CONDUCT, cohort.school_id) or _is_person_of(
        user, cohort.homeroom_lecturer
    )


def can_record_attendance(user: Any, session: Any) -> bool:
    """The session's lecturer, the cohort's homeroom lecturer or the office."""
    if not has_permission(user, RECORD):
        return False
    return (
        _is_office_in(user, RECORD, session.school_id)
        or _is_person_of(user, session.lecturer)
        or _is_person_of(user, session.cohort.homeroom_lecturer)
    )


def require_recorder(actor: Actor, session: Any) -> None:
    require_scope(actor, RECORD, school_id=session.school_id)
    if not can_record_attendance(actor, session):
        raise PermissionDenied(_("Bạn không dạy buổi học này."))
    if session.run_id is not None:
        raise ValidationError(_("Buổi học chưa được công bố trên lịch."))


def require_manager(actor: Actor, cohort: Any) -> None:
    require_scope(actor, MANAGE, school_id=cohort.school_id)
    if not can_manage_cohort(actor, cohort):
        raise PermissionDenied(_("Bạn không phải giảng viên chủ nhiệm của lớp này."))


def own_enrollment(actor: Actor, cohort_id: int) -> Any:
    """The actor's enrollment in the cohort; refused for anyone else."""

    if not has_permission(actor, PORTAL) or actor.person_id is None:
        raise PermissionDenied
    enrollment = Enrollment.objects.filter(
        cohort_id=cohort_id, person_id=actor.person_id
    ).first()
    if enrollment is None:
        raise PermissionDenied(_("Bạn không phải học viên của lớp này."))
    return enrollment
