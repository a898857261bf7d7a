"""Records the assessment pages are walked with by other apps' tests."""

import datetime

from daotao.assessment.models import AssessmentRuleSet, Exam, Examiner, ScoreSheet
from daotao.enrolment.models import Cohort
from daotao.programs.tests.factories import BlockFactory, ModuleFactory, TopicFactory


def sheet_routes(cohort_pk):
    """An exam of a new module of the cohort with its open sheet, examined by the
    lecturers who teach the cohort; the sheet's pk for each assessment route keyed
    by a sheet, the examiner's for its removal."""
    from daotao.accounts.tests.factories import UserFactory
    from daotao.teaching.models import TeachingSession

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
    assigned_by = UserFactory()
    examiners = [
        Examiner.objects.create(
            school_id=cohort.school_id,
            cohort=cohort,
            module=module,
            lecturer_id=lecturer_id,
            assigned_by=assigned_by,
        )
        for lecturer_id in TeachingSession.objects.filter(cohort=cohort)
        .values_list("lecturer_id", flat=True)
        .distinct()
    ]
    routes = {
        f"assessment:{name}": sheet.pk
        for name in (
            "sheet-detail",
            "sheet-eligibility",
            "sheet-import",
            "sheet-rule-set-amend",
        )
    }
    if examiners:
        routes["assessment:examiner-remove"] = examiners[0].pk
    return routes
