"""A cohort's teaching settings: homeroom lecturer, study days and status."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.enrolment.models import Cohort

ADMIT = "enrolment.admit"
SETTINGS_FIELDS = ["homeroom_lecturer", "study_weekdays", "status"]
WEEKDAYS = range(7)  # 0 = Monday … 6 = Sunday
Status = Cohort.Status
# A cohort only moves forward: opened, then studying, then finished.
NEXT_STATUS = {Status.OPEN: Status.STUDYING, Status.STUDYING: Status.FINISHED}


def cohort_version(cohort: Cohort) -> str:
    """The stamp a form carries to detect a concurrent change (the cohort has no
    version column, so its last update time serves)."""
    return cohort.updated_at.isoformat()


def _weekdays_error(study_weekdays: Any) -> str | None:
    values = list(study_weekdays or [])
    if not values:
        return _("Chọn ít nhất một ngày học trong tuần.")
    if any(type(day) is not int or day not in WEEKDAYS for day in values):
        return _("Ngày học trong tuần phải là các ngày từ Thứ Hai đến Chủ nhật.")
    return None


def _lecturer_error(cohort: Cohort, lecturer: Any) -> str | None:
    if lecturer is None or lecturer.pk == cohort.homeroom_lecturer_id:
        # Keeping the current one is allowed even if they have since stopped
        # teaching, so the other settings of an old cohort can still be saved.
        return None
    if lecturer.school_id != cohort.school_id:
        return _("Giảng viên %(name)s không thuộc trường của lớp.") % {"name": lecturer}
    if not lecturer.is_active:
        return _("Giảng viên %(name)s đã thôi giảng dạy.") % {"name": lecturer}
    return None


def _status_error(current: str, new: str) -> str | None:
    if new == current:
        return None
    if new not in Status.values:
        return _("Tình trạng lớp không hợp lệ.")
    if current == Status.OPEN and new == Status.FINISHED:
        return _(
            "Lớp chưa học không thể chuyển thẳng sang «Đã kết thúc»; "
            "hãy chuyển sang «Đang học» trước."
        )
    if NEXT_STATUS.get(current) != new:
        return _("Không thể chuyển tình trạng lớp từ «%(old)s» về «%(new)s».") % {
            "old": Status(current).label,
            "new": Status(new).label,
        }
    return None


def _check(cohort: Cohort, lecturer: Any, study_weekdays: Any, status: str) -> None:
    errors = {
        field: [message]
        for field, message in (
            ("homeroom_lecturer", _lecturer_error(cohort, lecturer)),
            ("study_weekdays", _weekdays_error(study_weekdays)),
            ("status", _status_error(cohort.status, status)),
        )
        if message
    }
    if errors:
        raise ValidationError(errors)


def cohort_teaching_update(
    *,
    actor: Actor,
    cohort: Cohort,
    homeroom_lecturer: Any,
    study_weekdays: list[int],
    status: str,
    expected_version: str | None = None,
) -> Cohort:
    """Set the homeroom lecturer, study days and status; status only moves forward
    (open → studying → finished). Nothing is written when nothing changes."""
    require_scope(actor, ADMIT, school_id=cohort.school_id)
    with transaction.atomic():
        current = Cohort.objects.select_for_update().get(pk=cohort.pk)
        if expected_version is not None and expected_version != cohort_version(current):
            raise ValidationError(
                _("Lớp vừa được người khác cập nhật; hãy tải lại trang và thử lại.")
            )
        _check(current, homeroom_lecturer, study_weekdays, status)
        before = snapshot(current, SETTINGS_FIELDS)
        current.homeroom_lecturer = homeroom_lecturer
        current.study_weekdays = sorted(set(study_weekdays))
        current.status = status
        changes = diff(before, snapshot(current, SETTINGS_FIELDS))
        if changes:
            current.save(update_fields=[*SETTINGS_FIELDS, "updated_at"])
            audit_record(
                actor=actor,
                action="enrolment.cohort_teaching_update",
                instance=current,
                changes=changes,
            )
    return current
