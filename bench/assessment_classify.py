"""Classification of 5,000 learners through the assessment selectors.

100 cohorts of 50 learners study one TC LLCT version of 15 modules; every module
has a locked sheet of random scores, and about one learner in twenty sat a locked
retake of it. Reported: the time to compute every learner's module results,
overall result and classification (`selectors.cohort_results` per cohort) against
the goal (≤ 2 s), and its query count (a fixed number per cohort).
Run alone: `.venv/bin/python bench/assessment_classify.py`.
"""

from __future__ import annotations

import datetime
import random
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

COHORTS = 100
PER_COHORT = 50
MODULES = 15
RETAKE_SHARE = 0.05
GOAL_SECONDS = 2.0
STARTS_ON = datetime.date(2027, 3, 1)


def _scores(rng: random.Random, parameters: dict[str, Any]) -> dict[str, Any]:
    from daotao.assessment import rules

    values = {
        key: Decimal(rng.randint(30, 100)) / 10
        for key in ("attendance", "test", "exam")
    }
    return values | {"result": rules.module_score(values, parameters)}


def _version(school: Any) -> tuple[Any, list[Any]]:
    from daotao.programs.tests.factories import (
        BlockFactory,
        ModuleFactory,
        ProgramVersionFactory,
        TopicFactory,
    )

    version = ProgramVersionFactory(program__school=school, program__kind="tc_llct")
    block = BlockFactory(version=version, position=1, name="Phần I")
    modules = []
    for position in range(1, MODULES + 1):
        module = ModuleFactory(
            block=block, position=position, name=f"Học phần {position}"
        )
        TopicFactory(module=module, lecture_periods=rng_periods(position))
        modules.append(module)
    return version, modules


def rng_periods(position: int) -> int:
    return 20 + 5 * (position % 4)


def _cohort(school, version, site, agency, user, plan, number, rng) -> Any:
    from daotao.demo.planning import random_name
    from daotao.enrolment.models import Cohort, Enrollment, Nomination
    from daotao.people.models import Person
    from daotao.planning.models import PlannedClass

    code = f"K{number:03d}"
    planned = PlannedClass.objects.create(
        school=school,
        plan=plan,
        code=code,
        name=f"Trung cấp lý luận chính trị {code}",
        program_version=version,
        mode=PlannedClass.Mode.FULL_TIME,
        site=site,
        planned_size=PER_COHORT,
        starts_on=STARTS_ON,
        ends_on=STARTS_ON + datetime.timedelta(days=180),
    )
    cohort = Cohort.objects.create(
        school=school,
        code=code,
        name=planned.name,
        planned_class=planned,
        program_version=version,
        mode=planned.mode,
        site=site,
        starts_on=planned.starts_on,
        ends_on=planned.ends_on,
    )
    persons = []
    for _ in range(PER_COHORT):
        sex = "female" if rng.random() < 0.42 else "male"
        family, middle, given = random_name(rng, sex=sex)
        person = Person(
            school=school,
            family_name=family,
            middle_name=middle,
            given_name=given,
            sex=sex,
            agency=agency,
        )
        person.derive_keys()
        persons.append(person)
    Person.objects.bulk_create(persons)
    nominations = Nomination.objects.bulk_create(
        Nomination(
            school=school,
            person=person,
            agency=agency,
            planned_class=planned,
            created_by=user,
            status="admitted",
        )
        for person in persons
    )
    Enrollment.objects.bulk_create(
        Enrollment(
            cohort=cohort,
            person=n.person,
            nomination=n,
            agency=agency,
            learner_code=f"{code}-{i:03d}",
            position=i,
        )
        for i, n in enumerate(nominations, 1)
    )
    return cohort


def _sheets(cohort, modules, rule_set, rng) -> int:
    from daotao.assessment.models import Exam, Score, ScoreSheet

    enrollments = list(cohort.enrollments.values_list("pk", flat=True))
    lines = 0
    for module in modules:
        retakers = [e for e in enrollments if rng.random() < RETAKE_SHARE]
        for attempt, sitting in ((1, enrollments), (2, retakers)):
            if not sitting:
                continue
            exam = Exam.objects.create(
                school_id=cohort.school_id,
                cohort=cohort,
                module=module,
                rule_set=rule_set,
                kind="regular" if attempt == 1 else "retake",
                held_on=STARTS_ON + datetime.timedelta(days=10 * attempt),
                attempt=attempt,
            )
            # Lines are written while open, then the sheet is locked (the trigger
            # guards locked lines).
            sheet = ScoreSheet.objects.create(exam=exam)
            Score.objects.bulk_create(
                Score(sheet=sheet, enrollment_id=e, **_scores(rng, rule_set.parameters))
                for e in sitting
            )
            ScoreSheet.objects.filter(pk=sheet.pk).update(status="locked")
            lines += len(sitting)
    return lines


def generate() -> tuple[list[Any], int]:
    from daotao.accounts.models import User
    from daotao.assessment.services import rule_set_for
    from daotao.org.models import Site
    from daotao.org.tests.factories import AgencyFactory, SchoolFactory
    from daotao.planning.models import TrainingPlan

    rng = random.Random(20270301)
    school = SchoolFactory()
    version, modules = _version(school)
    site = Site.objects.create(school=school, name="Cơ sở chính")
    agency = AgencyFactory(school=school)
    user = User.objects.create_user(username="bench", password=None)
    plan = TrainingPlan.objects.create(
        school=school, year=2027, title="Kế hoạch 2027", status="approved"
    )
    # The rule set the service would choose for the programme's kind (more than
    # one assessment rule set is seeded since assessment's migration 0005).
    rule_set = rule_set_for(program_kind="tc_llct", on=STARTS_ON)
    cohorts, lines = [], 0
    for number in range(1, COHORTS + 1):
        cohort = _cohort(school, version, site, agency, user, plan, number, rng)
        lines += _sheets(cohort, modules, rule_set, rng)
        cohorts.append(cohort)
    return cohorts, lines


def run() -> list[dict[str, Any]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench import figure, throwaway_database
    from daotao.assessment import selectors

    figures = []
    with throwaway_database():
        started = time.perf_counter()
        cohorts, lines = generate()
        figures.append(
            figure("assessment_classify.generate", time.perf_counter() - started, "s")
        )
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            learners = [
                learner
                for cohort in cohorts
                for learner in selectors.cohort_results(cohort=cohort).learners
            ]
            elapsed = time.perf_counter() - started
        classified = sum(1 for learner in learners if learner.classification)
        assert len(learners) == COHORTS * PER_COHORT, len(learners)
        assert classified == len(learners), classified
        figures += [
            figure(
                "assessment_classify.classify",
                elapsed,
                "s",
                goal=GOAL_SECONDS,
                passed=elapsed <= GOAL_SECONDS,
            ),
            figure("assessment_classify.queries", len(queries), "queries"),
            figure("assessment_classify.learners", len(learners), "learners"),
            figure("assessment_classify.score_lines", lines, "lines"),
        ]
    return figures


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import bench

    bench.configure()
    for row in run():
        print(f"{row['name']:<40} {row['value']:>12,.2f} {row['unit']}")
