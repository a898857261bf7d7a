"""The database refuses changes to a locked sheet's scores on every write path,
except inside `score_amend` (quality I2). Runs on SQLite and on PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction

from daotao.assessment import services
from daotao.assessment.models import AmendmentGate, Score, ScoreSheet

REFUSAL = "Bảng điểm đã khóa"


def refused(write):
    """Run `write` in a savepoint; it must be refused by the trigger."""
    with pytest.raises(IntegrityError, match=REFUSAL), transaction.atomic():
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
            assert cursor.fetchone()[0] == 2
        else:
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'assessment_locked_%'"
            )
            assert cursor.fetchone()[0] == 4
