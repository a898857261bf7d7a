"""Roles without the permission are refused and nothing changes; the right role
of another school is refused too (scope is the school for now)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from daotao.assessment import services
from daotao.assessment.models import Exam, ScoreAmendment, ScoreSheet
from daotao.assessment.tests.conftest import EXAM_DAY, fill
from daotao.core.access import PERMISSIONS, Role
from daotao.core.models import AuditEvent
from daotao.org.tests.factories import SchoolFactory


def without(permission):
    return sorted(set(Role) - PERMISSIONS[permission])


def test_permission_table_rows():
    staff = {Role.ADMINISTRATOR, Role.LEADERSHIP, Role.TRAINING_OFFICE}
    assert PERMISSIONS["assessment.view_scores"] == staff | {
        Role.FACULTY_HEAD,
        Role.LECTURER,
        Role.HOMEROOM_LECTURER,
        Role.SUPERVISOR,
    }
    assert PERMISSIONS["assessment.enter_scores"] == {
        Role.LECTURER,
        Role.FACULTY_HEAD,
        Role.TRAINING_OFFICE,
        Role.ADMINISTRATOR,
    }
    for permission in ("assessment.lock_scores", "assessment.amend_scores"):
        assert PERMISSIONS[permission] == {Role.TRAINING_OFFICE, Role.ADMINISTRATOR}


@pytest.mark.parametrize("role", without("assessment.enter_scores"))
def test_entering_refused(world, sheet, make_user, role):
    actor = make_user(role)
    score = sheet.scores.first()
    with pytest.raises(PermissionDenied):
        services.score_enter(
            actor=actor, score=score, values={"exam": "9"}, expected_version=1
        )
    with pytest.raises(PermissionDenied):
        services.exam_create(
            actor=actor,
            cohort=world["cohort"],
            module=world["modules"][1],
            held_on=EXAM_DAY,
        )
    score.refresh_from_db()
    assert (score.exam, score.version) == (None, 1)
    assert Exam.objects.count() == 1
    assert not AuditEvent.objects.filter(actor=actor).exists()


@pytest.mark.parametrize("role", without("assessment.lock_scores"))
def test_locking_and_returning_refused(sheet, office, make_user, role):
    fill(sheet, office)
    services.score_sheet_submit(actor=office, sheet=sheet)
    actor = make_user(role)
    with pytest.raises(PermissionDenied):
        services.score_sheet_lock(actor=actor, sheet=sheet)
    with pytest.raises(PermissionDenied):
        services.score_sheet_return(actor=actor, sheet=sheet, reason="Sai điểm")
    sheet.refresh_from_db()
    assert (sheet.status, sheet.locked_by) == (ScoreSheet.Status.SUBMITTED, None)


@pytest.mark.parametrize("role", without("assessment.amend_scores"))
def test_amending_refused(locked_sheet, make_user, role):
    score = locked_sheet.scores.first()
    with pytest.raises(PermissionDenied):
        services.score_amend(
            actor=make_user(role),
            score=score,
            values={"exam": "9"},
            reason="Phúc khảo",
            decision_number="15/QĐ-TrCT",
            decision_date=datetime.date(2027, 5, 2),
        )
    score.refresh_from_db()
    assert str(score.exam) == "6.0"
    assert ScoreAmendment.objects.count() == 0


def test_training_office_of_another_school_refused(locked_sheet, make_user):
    stranger = make_user(Role.TRAINING_OFFICE, school=SchoolFactory())
    with pytest.raises(PermissionDenied):
        services.score_amend(
            actor=stranger,
            score=locked_sheet.scores.first(),
            values={"exam": "9"},
            reason="Phúc khảo",
            decision_number="15/QĐ-TrCT",
            decision_date=datetime.date(2027, 5, 2),
        )
    assert ScoreAmendment.objects.count() == 0
