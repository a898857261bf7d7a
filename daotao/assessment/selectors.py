"""Reads of assessment: cohorts and sheets in the reader's scope, the eligibility
to sit, module results, the overall result and classification, the graduation
list. Results are computed from locked sheets through `rules.py`, never stored.

The results of a cohort come from four queries (modules, topic periods, exams,
locked score lines) whatever the number of learners.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.http import Http404
from django.utils.translation import gettext as _

from daotao.assessment import rules
from daotao.assessment.models import (
    AssessmentRuleSet,
    Exam,
    Examiner,
    GraduationDecision,
    GraduationReview,
    Score,
    ScoreSheet,
)
from daotao.core.actors import Actor
from daotao.enrolment.models import Cohort, Enrollment
from daotao.learning.selectors import attendance_shares
from daotao.programs.models import Module, Topic

VIEW = "assessment.view_scores"


# --- Scope ---------------------------------------------------------------------------


def cohort_list(*, actor: Actor) -> QuerySet[Cohort]:
    """The cohorts of the schools the reader sees scores in, newest first; for a
    lecturer, only their own (`Cohort.scope_path`: taught, examined, homeroom)."""
    cohorts = Cohort.objects.visible_to(actor, VIEW)
    return cohorts.select_related("program_version__program").order_by(
        "-starts_on", "code"
    )


def get_cohort_for_scores(actor: Actor, pk: int) -> Cohort:
    cohort = cohort_list(actor=actor).filter(pk=pk).first()
    if cohort is None:
        raise Http404
    return cohort


def get_sheet_for_scores(actor: Actor, pk: int) -> ScoreSheet:
    sheet = (
        ScoreSheet.objects.visible_to(actor, VIEW)
        .filter(pk=pk)
        .select_related("exam__cohort", "exam__module", "exam__rule_set")
        .first()
    )
    if sheet is None:
        raise Http404
    return sheet


def cohort_modules(*, cohort: Cohort) -> list[Module]:
    """The assessed modules of the cohort's programme, each with its exams (and
    their sheets) in attempt order as `cohort_exams`."""
    exams = Exam.objects.filter(cohort=cohort).select_related("sheet")
    modules = Module.objects.filter(
        block__version_id=cohort.program_version_id, is_assessed=True
    ).order_by("block__position", "position")
    return _with_exams(modules, exams)


def _with_exams(modules: QuerySet[Module], exams: QuerySet[Exam]) -> list[Module]:
    by_module: dict[int, list[Exam]] = defaultdict(list)
    for exam in exams.order_by("attempt"):
        by_module[exam.module_id].append(exam)
    result = list(modules)
    for module in result:
        module.cohort_exams = by_module.get(module.pk, [])  # type: ignore[attr-defined]
    return result


def sheet_lines(*, sheet: ScoreSheet) -> QuerySet[Score]:
    """The sheet's lines in Vietnamese name order with the learner."""
    return sheet.scores.select_related("enrollment__person__agency").order_by(
        "enrollment__person__sort_key", "id"
    )


def barred_learners(*, exam: Exam) -> dict[int, str]:
    """Enrollment id → the reason, for each learner barred from `exam`."""
    return {
        row.enrollment.pk: row.reason
        for row in exam_eligibility(exam=exam)
        if not row.is_eligible
    }


def cohort_examiners(*, cohort: Cohort) -> QuerySet[Examiner]:
    return (
        Examiner.objects.filter(cohort=cohort)
        .select_related("module", "lecturer__person", "assigned_by")
        .order_by("module__block__position", "module__position", "id")
    )


def other_rule_sets(*, exam: Exam) -> list[AssessmentRuleSet]:
    """The rule sets for the exam's kind of programme other than its own, newest
    first (what an amendment decision may move the exam to)."""
    kind = exam.cohort.program_version.program.kind
    return [
        rule_set
        for rule_set in AssessmentRuleSet.objects.exclude(pk=exam.rule_set_id)
        if rule_set.applies_to(kind)
    ]


def get_examiner_for_scores(actor: Actor, pk: int) -> Examiner:
    examiner = Examiner.objects.filter(
        cohort__in=cohort_list(actor=actor).values("pk"), pk=pk
    ).first()
    if examiner is None:
        raise Http404
    return examiner


def school_lecturers(*, school_id: int) -> QuerySet[Any]:
    """The school's lecturers in Vietnamese name order (the examiner form)."""
    from daotao.faculty.models import Lecturer

    return (
        Lecturer.objects.filter(school_id=school_id)
        .select_related("person")
        .order_by("person__sort_key", "id")
    )


def sheet_amendments(*, sheet: ScoreSheet) -> QuerySet[Any]:
    from daotao.assessment.models import ScoreAmendment

    return (
        ScoreAmendment.objects.filter(score__sheet=sheet)
        .select_related("score__enrollment__person", "actor")
        .order_by("-at", "-id")
    )


# --- Eligibility to sit --------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    enrollment: Enrollment
    share: Decimal
    is_eligible: bool
    reason: str


def percent(share: Decimal) -> str:
    """0.875 → "87,5%" (Vietnamese decimal comma, no trailing zeros)."""
    value = (share * 100).quantize(Decimal("0.1")).normalize()
    text = format(value, "f")
    return text.replace(".", ",") + "%"


def exam_eligibility(*, exam: Exam) -> list[Eligibility]:
    """Each learner of the cohort, in Vietnamese order, with whether the attended
    share of the module's sessions reaches the rule set's minimum, and why. A
    module with no published session bars nobody: there is no attendance to count
    (a module taught before the schedule was kept here), and the reason says so."""
    if not module_sessions(exam=exam).exists():
        reason = _(
            "Học phần chưa có buổi học nào trên lịch đã công bố: chưa tính tỷ lệ "
            "dự học."
        )
        return [
            Eligibility(enrollment, Decimal(0), True, reason)
            for enrollment in _roster(exam.cohort_id)
        ]
    parameters = exam.rule_set.parameters
    minimum = rules.minimum_attendance_share(parameters)
    topic_ids = Topic.objects.filter(module_id=exam.module_id).values_list(
        "pk", flat=True
    )
    shares = attendance_shares(cohort_id=exam.cohort_id, topic_ids=topic_ids)
    rows = []
    for enrollment in _roster(exam.cohort_id):
        share = shares.get(enrollment.pk, Decimal(0))
        eligible = rules.may_sit_with_share(share, parameters)
        words = {"share": percent(share), "minimum": percent(minimum)}
        reason = (
            _("Dự %(share)s số buổi, đạt mức tối thiểu %(minimum)s.") % words
            if eligible
            else _("Dự %(share)s số buổi, dưới mức tối thiểu %(minimum)s.") % words
        )
        rows.append(Eligibility(enrollment, share, eligible, reason))
    return rows


def module_sessions(*, exam: Exam) -> QuerySet[Any]:
    """The published sessions of the exam's module for its cohort, in date order:
    the attendance the eligibility list counts."""
    from daotao.teaching.models import TeachingSession

    return (
        TeachingSession.objects.published()
        .filter(cohort_id=exam.cohort_id, topic__module_id=exam.module_id)
        .select_related("lecturer__person")
        .order_by("date", "half_day", "id")
    )


def _roster(cohort_id: int) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(cohort_id=cohort_id)
        .select_related("person", "agency")
        .order_by("person__sort_key", "id")
    )


# --- Results -------------------------------------------------------------------------


@dataclass
class ModuleColumn:
    module_id: int
    name: str
    periods: int


@dataclass
class LearnerResult:
    enrollment: Enrollment
    modules: list[Decimal | None] = field(default_factory=list)
    passed: list[bool] = field(default_factory=list)
    overall: Decimal | None = None
    classification: str = ""


@dataclass
class CohortResults:
    columns: list[ModuleColumn]
    learners: list[LearnerResult]
    parameters: dict[str, Any]


def cohort_rule_set(*, cohort: Cohort) -> AssessmentRuleSet | None:
    """The rule set of the cohort's latest exam (the one its results follow)."""
    exam = (
        Exam.objects.filter(cohort=cohort)
        .select_related("rule_set")
        .order_by("-held_on", "-id")
        .first()
    )
    return exam.rule_set if exam else None


def cohort_results(
    *, cohort: Cohort, enrollments: list[Enrollment] | None = None
) -> CohortResults:
    """Module results (locked sheets only), the overall result and the
    classification of each learner; a learner with a failed module is classified
    with the fail label, one with a module still pending is not classified."""
    rule_set = cohort_rule_set(cohort=cohort)
    columns = module_columns(program_version_id=cohort.program_version_id)
    if enrollments is None:
        enrollments = list(_roster(cohort.pk))
    if rule_set is None:
        return CohortResults(
            columns, [LearnerResult(e, [None] * len(columns)) for e in enrollments], {}
        )
    attempts = locked_attempts(cohort_ids=[cohort.pk])
    learners = [
        learner_result(e, columns, attempts, rule_set.parameters) for e in enrollments
    ]
    return CohortResults(columns, learners, rule_set.parameters)


def module_columns(*, program_version_id: int) -> list[ModuleColumn]:
    periods = dict(
        Topic.objects.filter(module__block__version_id=program_version_id)
        .values("module_id")
        .annotate(
            total=Sum("lecture_periods")
            + Sum("discussion_periods")
            + Sum("practice_periods")
            + Sum("field_study_periods")
        )
        .values_list("module_id", "total")
    )
    modules = Module.objects.filter(
        block__version_id=program_version_id, is_assessed=True
    ).order_by("block__position", "position")
    return [ModuleColumn(m.pk, m.name, periods.get(m.pk) or 0) for m in modules]


Attempts = dict[tuple[int, int], list[tuple[int, Decimal | None, dict[str, Any]]]]


def locked_attempts(*, cohort_ids: list[int]) -> Attempts:
    """(enrollment, module) → [(attempt, result, parameters)] from locked sheets."""
    lines = (
        Score.objects.filter(
            sheet__exam__cohort_id__in=cohort_ids,
            sheet__status=ScoreSheet.Status.LOCKED,
        )
        .values_list(
            "enrollment_id",
            "sheet__exam__module_id",
            "sheet__exam__attempt",
            "result",
            "sheet__exam__rule_set_id",
        )
        .order_by("sheet__exam__attempt")
    )
    parameters = dict(AssessmentRuleSet.objects.values_list("pk", "parameters"))
    attempts: Attempts = defaultdict(list)
    for enrollment_id, module_id, attempt, result, rule_set_id in lines:
        attempts[(enrollment_id, module_id)].append(
            (attempt, result, parameters[rule_set_id])
        )
    return attempts


def learner_result(
    enrollment: Enrollment,
    columns: list[ModuleColumn],
    attempts: Attempts,
    parameters: dict[str, Any],
) -> LearnerResult:
    learner = LearnerResult(enrollment)
    for column in columns:
        tries = attempts.get((enrollment.pk, column.module_id), [])
        result = (
            rules.module_result([r for _a, r, _p in tries], tries[-1][2])
            if tries
            else None
        )
        learner.modules.append(result)
        learner.passed.append(rules.is_passed(result, parameters))
    learner.overall = rules.overall_result(
        [(r, c.periods) for r, c in zip(learner.modules, columns, strict=True)],
        parameters,
    )
    if learner.overall is not None:
        learner.classification = (
            rules.classify(learner.overall, parameters).label
            if all(learner.passed)
            else parameters["fail_label"]
        )
    return learner


# --- Graduation ----------------------------------------------------------------------


@dataclass(frozen=True)
class GraduationLine:
    result: LearnerResult
    review: GraduationReview | None
    is_graduate: bool
    reasons: tuple[str, ...]

    @property
    def has_passed_modules(self) -> bool:
        """Every module passed: only the review's marks can still stand in the way."""
        return bool(self.result.passed) and all(self.result.passed)


def graduation_list(*, cohort: Cohort) -> list[GraduationLine]:
    """Each learner in Vietnamese order: graduates or not, and the reasons."""
    results = cohort_results(cohort=cohort)
    reviews = {
        r.enrollment_id: r
        for r in GraduationReview.objects.filter(enrollment__cohort=cohort)
    }
    lines = []
    for learner in results.learners:
        review = reviews.get(learner.enrollment.pk)
        if not results.parameters:
            lines.append(
                GraduationLine(learner, review, False, (_("Chưa có kỳ thi nào."),))
            )
            continue
        verdict = rules.graduation(
            modules_passed=learner.passed,
            exam_passed=bool(review and review.is_exam_passed),
            essay_passed=bool(review and review.is_essay_passed),
            field_study_done=bool(review and review.is_field_study_done),
            parameters=results.parameters,
        )
        lines.append(
            GraduationLine(learner, review, verdict.is_eligible, verdict.reasons)
        )
    return lines


def graduation_decision(*, cohort: Cohort) -> GraduationDecision | None:
    return (
        GraduationDecision.objects.filter(cohort=cohort)
        .select_related("document")
        .first()
    )


def graduates_for_credentials(*, cohort: Cohort) -> list[tuple[int, str]]:
    """(enrollment id, classification) of the signed graduation decision's list;
    refused (ValidationError) while the decision is missing or unsigned."""
    from django.core.exceptions import ValidationError

    decision = graduation_decision(cohort=cohort)
    if decision is None or not decision.document.is_numbered:
        raise ValidationError(
            _("Quyết định công nhận tốt nghiệp chưa được ký, chưa cấp văn bằng được."),
            code="unsigned",
        )
    return [(g["enrollment_id"], g["classification"]) for g in decision.graduates]


# --- One's own scores ----------------------------------------------------------------


def own_enrollments(*, actor: Actor) -> QuerySet[Enrollment]:
    person_id = getattr(actor, "person_id", None)
    return (
        Enrollment.objects.filter(person_id=person_id)
        .exclude(person_id__isnull=True)
        .select_related("cohort__program_version__program", "person")
        .order_by("-cohort__starts_on")
    )


def get_own_enrollment(actor: Actor, pk: int) -> Enrollment:
    enrollment = own_enrollments(actor=actor).filter(pk=pk).first()
    if enrollment is None:
        raise Http404
    return enrollment


# Programmes that end in a chứng chỉ (the standard bồi dưỡng programmes of a civil
# service grade or a post); the other non-degree ones end in a giấy chứng nhận.
# UNCONFIRMED (domain.md §3): the school's practice may differ.
CERTIFICATE_PROGRAMME_KINDS = frozenset(
    {"chuyen_vien", "chuyen_vien_chinh", "lanh_dao_phong"}
)


def credential_kind(*, cohort: Cohort) -> str:
    """The credential the cohort's programme ends in (the credentials app's `Kind`
    values): a TC/CC LLCT diploma, a chứng chỉ for a grade or post programme, a
    giấy chứng nhận for the other courses."""
    program = cohort.program_version.program
    if program.is_degree:
        return "diploma"
    if program.kind in CERTIFICATE_PROGRAMME_KINDS:
        return "certificate"
    return "completion"


# --- The school's figures (reports:figures) --------------------------------------


def first_sitting_counts(*, cohorts: QuerySet) -> list[dict[str, Any]]:
    """The first sitting of every module by `cohorts` (a queryset the caller
    scoped), on locked sheets, per cohort and module (cohort_ref, module_ref):
    score lines and lines passed (result at or above the pass mark of the exam's
    rule set, as `rules.is_passed`). Two queries: the rule sets' pass marks, then
    one count grouped by the two ids."""
    passed = Q(pk__isnull=True)  # never: the OR of the rule sets below
    for rule_set in AssessmentRuleSet.objects.only("id", "parameters"):
        mark = rules.decimal_of(rule_set.parameters["pass_mark"])
        passed |= Q(sheet__exam__rule_set_id=rule_set.pk, result__gte=mark)
    return list(
        Score.objects.filter(
            sheet__status=ScoreSheet.Status.LOCKED,
            sheet__exam__attempt=1,
            sheet__exam__cohort__in=cohorts,
        )
        .values(
            cohort_ref=F("sheet__exam__cohort_id"),
            module_ref=F("sheet__exam__module_id"),
        )
        .annotate(sat=Count("id"), passed=Count("id", filter=passed))
        .order_by()
    )


def graduation_by_school(
    *, actor: Actor, starts: datetime.date, ends: datetime.date
) -> dict[int, dict[str, int]]:
    """The cohorts in reach finished with an end date between `starts` and `ends`,
    per school: learners on their rosters ("learners"), those on the graduation
    decision's list ("graduates") and those per classification of that list
    (its labels, e.g. "Giỏi", "Khá"). Two queries, whatever the number of schools
    and learners: the rosters counted per school, the decisions' lists."""
    cohorts = Cohort.objects.visible_to(actor, VIEW).filter(
        status=Cohort.Status.FINISHED, ends_on__range=(starts, ends)
    )
    figures: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in (
        Enrollment.objects.filter(cohort__in=cohorts)
        .values(school_ref=F("cohort__school_id"))
        .annotate(learners=Count("id"))
        .order_by()
    ):
        figures[row["school_ref"]]["learners"] = row["learners"]
    for school_id, graduates in GraduationDecision.objects.filter(
        cohort__in=cohorts
    ).values_list("cohort__school_id", "graduates"):
        counts = figures[school_id]
        for graduate in graduates:
            counts["graduates"] += 1
            counts[graduate.get("classification") or ""] += 1
    return {school: dict(counts) for school, counts in figures.items()}


def classification_labels() -> tuple[list[str], str]:
    """The classification labels of the rule sets, highest first (one query), and
    the label of a learner who did not pass."""
    labels: list[str] = []
    fail = ""
    for parameters in AssessmentRuleSet.objects.order_by("pk").values_list(
        "parameters", flat=True
    ):
        for band in parameters.get("bands", []):
            if band["label"] not in labels:
                labels.append(band["label"])
        fail = fail or parameters.get("fail_label", "")
    return labels, fail
