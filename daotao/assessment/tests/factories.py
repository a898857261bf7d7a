"""Records the assessment pages are walked with by other apps' tests."""

import datetime

from daotao.assessment.models import AssessmentRuleSet, Exam, ScoreSheet
from daotao.enrolment.models import Cohort
from daotao.programs.tests.factories import BlockFactory, ModuleFactory, TopicFactory


def sheet_routes(cohort_pk):
    """An exam of a new module of the cohort with its open sheet; the sheet's pk
    for each assessment route keyed by a sheet."""
    cohort = Cohort.objects.get(pk=cohort_pk)
    block = BlockFactory(version=cohort.program_version, position=90)
    module = ModuleFactory(block=block, position=1, name="Học phần thử")
    TopicFactory(module=module)
    exam = Exam.objects.create(
        school_id=cohort.school_id,
        cohort=cohort,
        module=module,
        rule_set=AssessmentRuleSet.objects.order_by("pk").first(),
        held_on=datetime.date(2026, 6, 1),
    )
    sheet = ScoreSheet.objects.create(exam=exam)
    return {
        f"assessment:{name}": sheet.pk
        for name in ("sheet-detail", "sheet-eligibility", "sheet-import")
    }
