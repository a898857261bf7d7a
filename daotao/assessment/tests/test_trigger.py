"""The database refuses changes to a locked sheet's scores on every write path,
except inside `score_amend`. Runs on SQLite and on PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from daotao.assessment import services
from daotao.assessment.models import (
    AmendmentGate,
    AssessmentRuleSet,
    Exam,
    Score,
    ScoreSheet,
)
from daotao.assessment.tests.conftest import EXAM_DAY
from daotao.core.models import AuditEvent
from daotao.enrolment.models import Enrollment

REFUSAL = "Bảng điểm đã khóa"
EXAM_REFUSAL = "Kỳ thi đã có bảng điểm khóa: quy chế và điểm đạt chỉ đổi bằng"


def refused(write, match=REFUSAL):
    """Run `write` in a savepoint; it must be refused by the trigger."""
    with pytest.raises(IntegrityError, match=match), transaction.atomic():
        write()


def stored(score):
    return Score.objects.values_list("exam", "result", "version").get(pk=score.pk)


@pytest.fixture
def score(locked_sheet):
    return locked_sheet.scores.first()


def test_orm_save_is_refused(score):
    score.exam = Decimal("9.0")
    refused(score.save)
    assert stored(score) == (Decimal("6.0"), Decimal("6.6"), 2)


def test_queryset_update_is_refused(score):
    refused(lambda: Score.objects.filter(pk=score.pk).update(exam=Decimal("9.0")))
    assert stored(score) == (Decimal("6.0"), Decimal("6.6"), 2)


def test_raw_sql_update_is_refused(score):
    def write():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE assessment_score SET exam = %s, result = %s WHERE id = %s",
                [Decimal("9.0"), Decimal("9.0"), score.pk],
            )

    refused(write)
    assert stored(score) == (Decimal("6.0"), Decimal("6.6"), 2)


def test_raw_sql_delete_is_refused(score):
    def write():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM assessment_score WHERE id = %s", [score.pk])

    refused(write)
    assert Score.objects.filter(sheet=score.sheet).count() == 3


def test_reopening_a_locked_sheet_directly_is_refused(locked_sheet):
    refused(lambda: ScoreSheet.objects.filter(pk=locked_sheet.pk).update(status="open"))
    assert ScoreSheet.objects.get(pk=locked_sheet.pk).status == "locked"


def test_amendment_passes_and_closes_the_gate_behind_it(score, office):
    with transaction.atomic():
        services.score_amend(
            actor=office,
            score=score,
            values={"exam": "9.0"},
            reason="Phúc khảo",
            decision_number="15/QĐ-TrCT",
            decision_date=datetime.date(2027, 5, 2),
        )
        # Later writes in the same transaction meet the closed gate again.
        refused(lambda: Score.objects.filter(pk=score.pk).update(exam=Decimal(1)))
    assert stored(score) == (Decimal("9.0"), Decimal("8.4"), 3)
    assert AmendmentGate.objects.count() == 0


def test_open_sheet_scores_are_not_guarded(sheet):
    score = sheet.scores.first()
    Score.objects.filter(pk=score.pk).update(exam=Decimal("4.0"))
    assert stored(score) == (Decimal("4.0"), None, 1)


def test_trigger_exists_for_this_database(db):
    """The suite runs on both vendors; each must have the trigger installed."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT count(*) FROM pg_trigger "
                "WHERE tgname LIKE 'assessment_locked_%%' AND NOT tgisinternal"
            )
            assert cursor.fetchone()[0] == 4
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'assessment_locked_%'"
            )
            assert cursor.fetchone()[0] == 8


def newcomer(world):
    """A fourth learner of the cohort, on no sheet yet."""
    from daotao.enrolment.models import Nomination

    first = world["enrollments"][0]
    person = first.person.__class__.objects.create(
        school=world["cohort"].school,
        family_name="Đỗ",
        middle_name="Văn",
        given_name="Bình",
    )
    nomination = Nomination.objects.create(
        school=world["cohort"].school,
        person=person,
        agency=first.agency,
        planned_class=first.nomination.planned_class,
        created_by=first.nomination.created_by,
        status="admitted",
    )
    return Enrollment.objects.create(
        cohort=world["cohort"],
        person=person,
        nomination=nomination,
        agency=first.agency,
        learner_code="K63A-004",
        position=4,
    )


def test_raw_insert_into_a_locked_sheet_is_refused(world, locked_sheet):
    learner = newcomer(world)

    def write():
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO assessment_score (sheet_id, enrollment_id, exam, "
                "result, is_absent, is_barred, note, version, created_at, "
                "updated_at) VALUES (%s, %s, 9, 9, %s, %s, '', 1, %s, %s)",
                [
                    locked_sheet.pk,
                    learner.pk,
                    False,
                    False,
                    datetime.datetime(2027, 5, 1, tzinfo=datetime.UTC),
                    datetime.datetime(2027, 5, 1, tzinfo=datetime.UTC),
                ],
            )

    refused(write)
    refused(lambda: Score.objects.create(sheet=locked_sheet, enrollment=learner))
    assert Score.objects.filter(sheet=locked_sheet).count() == 3


def test_moving_a_line_into_a_locked_sheet_is_refused(world, locked_sheet, office):
    learner = newcomer(world)
    other = services.create_exam_with_sheet(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][1],
        held_on=EXAM_DAY,
    )
    line = other.scores.get(enrollment=learner)

    def write():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE assessment_score SET sheet_id = %s WHERE id = %s",
                [locked_sheet.pk, line.pk],
            )

    refused(write)
    refused(lambda: Score.objects.filter(pk=line.pk).update(sheet_id=locked_sheet.pk))
    assert Score.objects.get(pk=line.pk).sheet_id == other.pk
    assert Score.objects.filter(sheet=locked_sheet).count() == 3


@pytest.fixture
def another_rule_set(exam):
    original = exam.rule_set
    return AssessmentRuleSet.objects.create(
        name="Quy chế khác",
        legal_basis=original.legal_basis,
        valid_from=original.valid_from,
        parameters={**original.parameters, "pass_mark": "4.0"},
        program_kinds=original.program_kinds,
    )


def test_the_rule_set_of_a_locked_exam_is_frozen(locked_sheet, another_rule_set):
    exam = locked_sheet.exam
    refused(
        lambda: Exam.objects.filter(pk=exam.pk).update(rule_set=another_rule_set),
        EXAM_REFUSAL,
    )

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE assessment_exam SET rule_set_id = %s WHERE id = %s",
                [another_rule_set.pk, exam.pk],
            )

    refused(raw, EXAM_REFUSAL)
    assert Exam.objects.get(pk=exam.pk).rule_set_id != another_rule_set.pk


def test_the_pass_mark_of_a_rule_set_in_a_locked_exam_is_frozen(locked_sheet):
    rule_set = locked_sheet.exam.rule_set
    changed = {**rule_set.parameters, "pass_mark": "4.0"}
    refused(
        lambda: AssessmentRuleSet.objects.filter(pk=rule_set.pk).update(
            parameters=changed
        ),
        EXAM_REFUSAL,
    )
    assert AssessmentRuleSet.objects.get(pk=rule_set.pk).parameters["pass_mark"] == (
        "5.0"
    )
    # What does not change a number stays editable (confirming it, ending it).
    AssessmentRuleSet.objects.filter(pk=rule_set.pk).update(
        is_confirmed=True, valid_to=datetime.date(2030, 1, 1)
    )


def test_an_open_exam_may_change_its_rule_set(sheet, another_rule_set):
    Exam.objects.filter(pk=sheet.exam.pk).update(rule_set=another_rule_set)
    assert Exam.objects.get(pk=sheet.exam.pk).rule_set_id == another_rule_set.pk


def test_the_rule_set_changes_by_amendment_decision(
    locked_sheet, office, another_rule_set
):
    exam = services.exam_rule_set_amend(
        actor=office,
        exam=locked_sheet.exam,
        rule_set=another_rule_set,
        reason="Áp dụng quy chế mới theo quyết định",
        decision_number="20/QĐ-TrCT",
        decision_date=datetime.date(2027, 6, 1),
    )
    assert Exam.objects.get(pk=exam.pk).rule_set_id == another_rule_set.pk
    event = AuditEvent.objects.get(action="assessment.exam_rule_set_amend")
    assert (event.reason, event.changes["decision"]) == (
        "Áp dụng quy chế mới theo quyết định",
        [None, "20/QĐ-TrCT"],
    )
    assert AmendmentGate.objects.count() == 0


def test_rule_set_amendment_needs_a_decision(locked_sheet, office, another_rule_set):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.exam_rule_set_amend(
            actor=office,
            exam=locked_sheet.exam,
            rule_set=another_rule_set,
            reason="",
            decision_number="",
            decision_date=datetime.date(2027, 6, 1),
        )
    assert Exam.objects.get(pk=locked_sheet.exam.pk).rule_set_id != (
        another_rule_set.pk
    )
