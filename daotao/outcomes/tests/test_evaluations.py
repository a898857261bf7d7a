"""`selectors.evaluations` reads the scores once: the same queries for the
enrollments of one cohort as for twenty, and each cadre's own results."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from daotao.assessment.models import Score
from daotao.demo import scale
from daotao.enrolment.models import Enrollment
from daotao.org.models import Site
from daotao.outcomes import selectors
from daotao.programs.tests.factories import (
    BlockFactory,
    ModuleFactory,
    ProgramVersionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(school):
    Site.objects.create(school=school, name="Cơ sở chính")
    version = ProgramVersionFactory(program__school=school, program__kind="tc_llct")
    block = BlockFactory(version=version, position=1, name="Phần I")
    for position in range(1, 11):
        module = ModuleFactory(block=block, position=position, name=f"HP {position}")
        TopicFactory(module=module, lecture_periods=20)
    return school


def _evaluate(school, office, factor: float) -> tuple[int, dict]:
    with transaction.atomic():
        scale.build(school=school, office=office, scale=factor)
        enrollments = list(Enrollment.objects.select_related("cohort"))
        with CaptureQueriesContext(connection) as queries:
            found = selectors.evaluations(enrollments)
        first = enrollments[0]
        expected = {
            score.sheet.exam.module_id: score.result
            for score in Score.objects.filter(enrollment=first).select_related(
                "sheet__exam"
            )
        }
        transaction.set_rollback(True)
    return len(queries), {"found": found, "first": first.pk, "expected": expected}


def test_the_same_queries_for_twenty_cohorts_as_for_one(school, make_user):
    office = make_user("training_office")

    small, _ = _evaluate(school, office, 0.0005)
    large, seen = _evaluate(school, office, 0.01)

    assert small == large == 3
    assert len(seen["found"]) == 20 * 50
    evaluation = seen["found"][seen["first"]]
    assert {m.module_id: m.result for m in evaluation.modules} == seen["expected"]
    assert len(evaluation.modules) == 10
    assert evaluation.overall is not None
    assert all(isinstance(m.result, Decimal) for m in evaluation.modules)
