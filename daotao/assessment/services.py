"""Writes of assessment: exams, score sheets and their transitions, score entry
and amendments. Each service is atomic, re-checks permission and records history.

Who may enter which sheet: the school through `assessment.enter_scores`, and for a
lecturer only the modules they teach in the cohort or examine (`policy`). A
learner the rule set bars from the exam (attendance below its minimum) takes no
score: the entry refuses one, and a sheet holding one is neither submitted nor
locked; what their line records instead is the rule set's (`rules.exam_bar`).

Lock order is sheet, then score, everywhere, so entries, transitions and
amendments on one sheet never deadlock.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.assessment import bars, policy, rules, selectors
from daotao.assessment.models import (
    SCORE_DIGITS,
    AmendmentGate,
    AssessmentRuleSet,
    Exam,
    Score,
    ScoreAmendment,
    ScoreSheet,
)
from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.enrolment.models import Cohort, Enrollment
from daotao.programs.models import Module

SCORE_PLACES = Decimal(1).scaleb(-SCORE_DIGITS["decimal_places"])
SCORE_FIELDS = ["attendance", "test", "exam", "result", "is_absent", "note"]
SHEET_FIELDS = ["status", "submitted_by", "locked_by", "return_reason", "version"]


def rule_set_for(*, program_kind: str, on: datetime.date) -> AssessmentRuleSet:
    """The rule set for that kind of programme in force on `on` (the exam day);
    `org.models.NotInForce` (a ValidationError) when there is none."""
    return AssessmentRuleSet.objects.for_date(on, program_kind=program_kind)


def exam_create(
    *,
    actor: Actor,
    cohort: Cohort,
    module: Module,
    held_on: datetime.date,
    kind: str = Exam.Kind.REGULAR,
) -> Exam:
    """A first sitting, or a retake while the rule set allows one more attempt."""
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        require_scope(actor, "assessment.enter_scores", school_id=cohort.school_id)
        policy.require_examiner(actor, cohort_id=cohort.pk, module_id=module.pk)
        if module.block.version_id != cohort.program_version_id:
            raise ValidationError(
                _("Học phần không thuộc chương trình của lớp."), code="module"
            )
        rule_set = rule_set_for(
            program_kind=cohort.program_version.program.kind, on=held_on
        )
        taken = Exam.objects.filter(cohort=cohort, module=module).aggregate(
            last=Max("attempt")
        )["last"]
        _check_attempt(kind, taken or 0, rule_set)
        exam = Exam.objects.create(
            school_id=cohort.school_id,
            cohort=cohort,
            module=module,
            rule_set=rule_set,
            kind=kind,
            held_on=held_on,
            attempt=(taken or 0) + 1,
        )
        audit_record(actor=actor, action="assessment.exam_create", instance=exam)
    return exam


def _check_attempt(kind: str, taken: int, rule_set: AssessmentRuleSet) -> None:
    if kind == Exam.Kind.REGULAR and taken:
        raise ValidationError(
            _("Học phần này đã có kỳ thi lần đầu; hãy tạo kỳ thi lại."), code="exists"
        )
    if kind == Exam.Kind.RETAKE and not taken:
        raise ValidationError(
            _("Chưa có kỳ thi lần đầu của học phần này."), code="no_first"
        )
    if kind == Exam.Kind.RETAKE and not rules.retake_allowed(
        attempts_taken=taken, parameters=rule_set.parameters
    ):
        raise ValidationError(
            _("Đã hết số lần thi lại quy chế cho phép."), code="retakes"
        )


def score_sheet_create(*, actor: Actor, exam: Exam) -> ScoreSheet:
    """The exam's sheet with one empty line per learner in Vietnamese name order;
    a retake lists only the learners without a pass in an earlier locked sheet."""
    with transaction.atomic():
        exam = (
            Exam.objects.select_for_update().select_related("rule_set").get(pk=exam.pk)
        )
        _require_examiner(actor, exam)
        if ScoreSheet.objects.filter(exam=exam).exists():
            raise ValidationError(_("Kỳ thi này đã có bảng điểm."), code="exists")
        sheet = ScoreSheet.objects.create(exam=exam)
        Score.objects.bulk_create(
            Score(sheet=sheet, enrollment=enrollment)
            for enrollment in _learners_sitting(exam)
        )
        audit_record(actor=actor, action="assessment.sheet_create", instance=sheet)
    return sheet


def score_sheets_add_learners(*, cohort_id: int, enrollment_ids: list[int]) -> int:
    """Learners admitted late get an empty line on each open first-attempt sheet
    of their cohort; submitted and locked sheets are left as they are. Runs in
    the admitting transaction (no actor of its own: the admission is audited)."""
    sheets = ScoreSheet.objects.select_for_update().filter(
        exam__cohort_id=cohort_id, exam__attempt=1, status=ScoreSheet.Status.OPEN
    )
    lines = [
        Score(sheet=sheet, enrollment_id=enrollment_id)
        for sheet in sheets
        for enrollment_id in enrollment_ids
    ]
    Score.objects.bulk_create(lines, ignore_conflicts=True)
    return len(lines)


def _require_examiner(actor: Actor, exam: Exam) -> None:
    require_scope(actor, "assessment.enter_scores", school_id=exam.school_id)
    policy.require_examiner(actor, cohort_id=exam.cohort_id, module_id=exam.module_id)


def _learners_sitting(exam: Exam) -> list[Enrollment]:
    enrollments = Enrollment.objects.filter(cohort_id=exam.cohort_id).order_by(
        "person__sort_key", "id"
    )
    if exam.attempt == 1:
        return list(enrollments)
    earlier = Score.objects.filter(
        sheet__exam__cohort_id=exam.cohort_id,
        sheet__exam__module_id=exam.module_id,
        sheet__exam__attempt__lt=exam.attempt,
        sheet__status=ScoreSheet.Status.LOCKED,
    ).values_list("enrollment_id", "result", "is_barred")
    parameters = exam.rule_set.parameters
    # Whether a learner barred from an earlier sitting sits this one is the rule
    # set's to say; else they study the module again first.
    barred_stay_off = not rules.exam_bar(parameters)["may_retake"]
    left_off = {
        enrollment_id
        for enrollment_id, result, is_barred in earlier
        if rules.is_passed(result, parameters) or (is_barred and barred_stay_off)
    }
    return [e for e in enrollments if e.pk not in left_off]


def score_enter(
    *,
    actor: Actor,
    score: Score,
    values: Mapping[str, Any],
    expected_version: int,
) -> Score:
    """Record one learner's components while the sheet is open; refused when the
    line changed since `expected_version` was read (nothing written)."""
    with transaction.atomic():
        sheet = _lock_sheet(score.sheet_id)
        _require_examiner(actor, sheet.exam)
        if sheet.status != ScoreSheet.Status.OPEN:
            raise ValidationError(
                _("Bảng điểm đã nộp hoặc đã khóa, không nhập điểm được nữa."),
                code="not_open",
            )
        locked = (
            Score.objects.select_for_update(of=("self",))
            .select_related("enrollment__person")
            .get(pk=score.pk)
        )
        if locked.version != expected_version:
            raise ValidationError(
                _(
                    "Điểm của học viên này vừa được người khác sửa. Hãy tải lại "
                    "trang để xem điểm mới rồi nhập lại."
                ),
                code="stale",
            )
        bar = selectors.barred_learners(exam=sheet.exam).get(locked.enrollment_id)
        changes = _apply_values(locked, values, sheet.exam.rule_set.parameters, bar=bar)
        audit_record(
            actor=actor,
            action="assessment.score_enter",
            instance=locked,
            changes=changes,
        )
    return locked


def _lock_sheet(sheet_id: int) -> ScoreSheet:
    return (
        ScoreSheet.objects.select_for_update()
        .select_related("exam__rule_set")
        .get(pk=sheet_id)
    )


def _apply_values(
    score: Score,
    values: Mapping[str, Any],
    parameters: Mapping[str, Any],
    *,
    bar: str | None = None,
) -> dict[str, list[Any]]:
    """Validate, compute the result, save; the changed fields as [old, new]. `bar`
    is the reason the learner is barred from the exam (no score then)."""
    before = snapshot(score, SCORE_FIELDS)
    components = {
        key: _parse_score(key, values.get(key, getattr(score, key)))
        for key in rules.COMPONENTS
    }
    errors = rules.component_errors(components, parameters)
    if bar is not None:
        errors = bars.mark_errors(score, components, bar)
    if errors:
        raise ValidationError(errors, code="invalid")
    for key, value in components.items():
        # Stored with the column's places, so "8" and "8.0" are the same value.
        setattr(score, key, None if value is None else value.quantize(SCORE_PLACES))
    score.is_absent = bool(values.get("is_absent", score.is_absent))
    score.note = str(values.get("note", score.note))
    result = rules.module_score(components, parameters, is_absent=score.is_absent)
    score.result = None if result is None else result.quantize(SCORE_PLACES)
    score.version += 1
    score.save(update_fields=[*SCORE_FIELDS, "version", "updated_at"])
    return diff(before, snapshot(score, SCORE_FIELDS))


def _parse_score(key: str, value: Any) -> Decimal | None:
    """A score typed in a cell; Decimal values (stored marks) pass as they are."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else _not_a_score(key, value)
    number = rules.score_of_text(str(value))
    return _not_a_score(key, value) if number is None else number


def _not_a_score(key: str, value: Any) -> Decimal:
    raise ValidationError({key: rules.not_a_score_message(value)}, code="invalid")


def score_sheet_submit(*, actor: Actor, sheet: ScoreSheet) -> ScoreSheet:
    """open → submitted, once every learner has a result, is marked absent or is
    barred from the exam (whose line then records what the rule set says);
    refused while a barred learner has a mark."""
    with transaction.atomic():
        locked = _lock_sheet(sheet.pk)
        _require_examiner(actor, locked.exam)
        _require_status(locked, ScoreSheet.Status.OPEN)
        barred = bars.refuse_marks_of_barred(
            locked,
            _(
                "Không nộp được: %(name)s không đủ điều kiện dự thi (%(reason)s) nhưng "
                "đã có điểm. Hãy xóa điểm của học viên này."
            ),
        )
        bars.require_complete(locked, barred)
        bars.record(actor, locked, barred)
        return _transition(
            actor,
            locked,
            ScoreSheet.Status.SUBMITTED,
            submitted_by=actor,
            submitted_at=timezone.now(),
        )


def score_sheet_return(*, actor: Actor, sheet: ScoreSheet, reason: str) -> ScoreSheet:
    """submitted → open, with the reason the entering lecturer reads."""
    if not reason.strip():
        raise ValidationError(_("Cần ghi lý do trả lại bảng điểm."), code="reason")
    with transaction.atomic():
        locked = _lock_sheet(sheet.pk)
        require_scope(actor, "assessment.lock_scores", school_id=locked.exam.school_id)
        _require_status(locked, ScoreSheet.Status.SUBMITTED)
        return _transition(
            actor, locked, ScoreSheet.Status.OPEN, reason=reason, return_reason=reason
        )


def score_sheet_lock(*, actor: Actor, sheet: ScoreSheet) -> ScoreSheet:
    """submitted → locked: from now on a score changes only by amendment (I1).
    Refused while a learner barred from the exam (attendance as it stands now)
    has a mark."""
    with transaction.atomic():
        locked = _lock_sheet(sheet.pk)
        require_scope(actor, "assessment.lock_scores", school_id=locked.exam.school_id)
        _require_status(locked, ScoreSheet.Status.SUBMITTED)
        barred = bars.refuse_marks_of_barred(
            locked,
            _(
                "Không khóa được: %(name)s không đủ điều kiện dự thi (%(reason)s) "
                "nhưng đã có điểm. Hãy trả lại bảng điểm để xóa điểm của học viên "
                "này."
            ),
        )
        # A bar lifted since the sheet was submitted leaves that line to score.
        bars.require_complete(locked, barred)
        bars.record(actor, locked, barred)
        return _transition(
            actor,
            locked,
            ScoreSheet.Status.LOCKED,
            locked_by=actor,
            locked_at=timezone.now(),
        )


def _require_status(sheet: ScoreSheet, status: str) -> None:
    if sheet.status != status:
        raise ValidationError(
            _("Bảng điểm đang ở trạng thái “%(status)s”, không chuyển được.")
            % {"status": sheet.get_status_display()},
            code="invalid_transition",
        )


def _transition(
    actor: Actor, sheet: ScoreSheet, status: str, *, reason: str = "", **fields: Any
) -> ScoreSheet:
    before = snapshot(sheet, SHEET_FIELDS)
    sheet.status = status
    for name, value in fields.items():
        setattr(sheet, name, value)
    sheet.version += 1
    sheet.save(update_fields=["status", "version", "updated_at", *fields])
    audit_record(
        actor=actor,
        action=f"assessment.sheet_{status}",
        instance=sheet,
        changes=diff(before, snapshot(sheet, SHEET_FIELDS)),
        reason=reason,
    )
    return sheet


def score_amend(
    *,
    actor: Actor,
    score: Score,
    values: Mapping[str, Any],
    reason: str,
    decision_number: str,
    decision_date: datetime.date,
) -> ScoreAmendment:
    """Change a score of a locked sheet by decision, keeping the old and new values,
    the reason and the decision (I2, I3)."""
    if not reason.strip() or not decision_number.strip():
        raise ValidationError(
            _("Điều chỉnh điểm cần lý do và số quyết định."), code="decision"
        )
    with transaction.atomic():
        sheet = _lock_sheet(score.sheet_id)
        require_scope(actor, "assessment.amend_scores", school_id=sheet.exam.school_id)
        if not sheet.is_locked:
            raise ValidationError(
                _("Chỉ điều chỉnh điểm của bảng điểm đã khóa."), code="not_locked"
            )
        locked = (
            Score.objects.select_for_update(of=("self",))
            .select_related("enrollment__person")
            .get(pk=score.pk)
        )
        # A barred line stays without marks: the decision that lifts a bar is
        # not an amendment of marks.
        bar = (
            locked.note.partition(": ")[2] or locked.note if locked.is_barred else None
        )
        with amendment_gate():
            changes = _apply_values(
                locked, values, sheet.exam.rule_set.parameters, bar=bar
            )
        if not changes:
            raise ValidationError(
                _("Giá trị mới trùng giá trị cũ; không có gì để điều chỉnh."),
                code="unchanged",
            )
        amendment = ScoreAmendment.objects.create(
            score=locked,
            old_values={name: old for name, (old, _new) in changes.items()},
            new_values={name: new for name, (_old, new) in changes.items()},
            reason=reason,
            decision_number=decision_number,
            decision_date=decision_date,
            actor=actor,
        )
        audit_record(
            actor=actor,
            action="assessment.score_amend",
            instance=locked,
            changes={**changes, "decision": [None, decision_number]},
            reason=reason,
        )
    return amendment


def exam_rule_set_amend(
    *,
    actor: Actor,
    exam: Exam,
    rule_set: AssessmentRuleSet,
    reason: str,
    decision_number: str,
    decision_date: datetime.date,
) -> Exam:
    """Move an exam to another rule set by decision: the only way once a sheet of
    it is locked (the database refuses any other), with the old and new rule set,
    the reason and the decision in its history."""
    if not reason.strip() or not decision_number.strip():
        raise ValidationError(
            _("Đổi quy chế của kỳ thi cần lý do và số quyết định."), code="decision"
        )
    with transaction.atomic():
        locked = Exam.objects.select_for_update().get(pk=exam.pk)
        require_scope(actor, "assessment.amend_scores", school_id=locked.school_id)
        before = snapshot(locked, ["rule_set_id"])
        locked.rule_set = rule_set
        with amendment_gate():
            locked.save(update_fields=["rule_set", "updated_at"])
        audit_record(
            actor=actor,
            action="assessment.exam_rule_set_amend",
            instance=locked,
            changes={
                **diff(before, snapshot(locked, ["rule_set_id"])),
                "decision": [None, decision_number],
                "decision_date": [None, decision_date.isoformat()],
            },
            reason=reason,
        )
    return locked


@contextlib.contextmanager
def amendment_gate() -> Iterator[None]:
    """Let the locked-score trigger pass for the writes inside the block. Runs in
    a transaction, whose rollback also closes the gate if the block fails."""
    if not connection.in_atomic_block:
        raise RuntimeError("amendment_gate needs a transaction")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL daotao.score_amendment = 'on'")
        yield
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL daotao.score_amendment = 'off'")
    else:
        gate = AmendmentGate.objects.create()
        yield
        gate.delete()


@dataclass(frozen=True)
class GridRow:
    """One line of the entry grid as posted: the score, its values, its version."""

    score_id: int
    values: Mapping[str, Any]
    expected_version: int


class GridError(ValidationError):
    """The grid was refused; `cells` maps score id → {component: message}."""

    def __init__(self, messages: list[str], cells: dict[int, dict[str, str]]):
        super().__init__(messages, code="grid")
        self.cells = cells


def scores_enter_grid(*, actor: Actor, sheet: ScoreSheet, rows: list[GridRow]) -> int:
    """Save the whole grid in one transaction, all or nothing: a stale line (changed
    since read) or an invalid cell refuses every line. Returns lines changed."""
    with transaction.atomic():
        locked_sheet = _lock_sheet(sheet.pk)
        _require_examiner(actor, locked_sheet.exam)
        if locked_sheet.status != ScoreSheet.Status.OPEN:
            raise ValidationError(
                _("Bảng điểm đã nộp hoặc đã khóa, không nhập điểm được nữa."),
                code="not_open",
            )
        parameters = locked_sheet.exam.rule_set.parameters
        scores = (
            Score.objects.select_for_update(of=("self",))
            .select_related("enrollment__person")
            .in_bulk([row.score_id for row in rows])
        )
        barred = selectors.barred_learners(exam=locked_sheet.exam)
        changed = _grid_changes(locked_sheet, scores, rows, parameters, barred)
        for score, values in changed:
            changes = _apply_values(score, values, parameters)
            audit_record(
                actor=actor,
                action="assessment.score_enter",
                instance=score,
                changes=changes,
            )
    return len(changed)


def _grid_changes(
    sheet: ScoreSheet,
    scores: dict[int, Score],
    rows: list[GridRow],
    parameters: Mapping[str, Any],
    barred: Mapping[int, str],
) -> list[tuple[Score, Mapping[str, Any]]]:
    stale, cells, changed = [], {}, []
    for row in rows:
        score = scores.get(row.score_id)
        if score is None or score.sheet_id != sheet.pk:
            raise ValidationError(_("Dòng điểm không thuộc bảng điểm này."))
        if score.version != row.expected_version:
            stale.append(score.enrollment.person.full_name)
            continue
        errors, parsed = {}, {}
        for key in rules.COMPONENTS:
            try:
                parsed[key] = _parse_score(key, row.values.get(key))
            except ValidationError as error:
                errors[key] = error.message_dict[key][0]
        errors.update(rules.component_errors(parsed, parameters))
        if score.enrollment_id in barred:
            errors.update(bars.mark_errors(score, parsed, barred[score.enrollment_id]))
        if errors:
            cells[score.pk] = errors
        elif _differs(score, parsed, bool(row.values.get("is_absent"))):
            changed.append((score, row.values))
    if stale:
        raise GridError(
            [
                _(
                    "Điểm của %(names)s vừa được người khác sửa; chưa lưu dòng nào. "
                    "Hãy tải lại trang rồi nhập lại."
                )
                % {"names": ", ".join(stale)}
            ],
            {},
        )
    if cells:
        raise GridError(
            [
                _("Có %(count)s dòng điểm sai; chưa lưu dòng nào.")
                % {"count": len(cells)}
            ],
            cells,
        )
    return changed


def _differs(score: Score, parsed: Mapping[str, Decimal | None], absent: bool) -> bool:
    current = {key: getattr(score, key) for key in rules.COMPONENTS}
    return absent != score.is_absent or any(
        (value is None) != (current[key] is None)
        or (value is not None and value != current[key])
        for key, value in parsed.items()
    )


def create_exam_with_sheet(
    *,
    actor: Actor,
    cohort: Cohort,
    module: Module,
    held_on: datetime.date,
    kind: str = Exam.Kind.REGULAR,
) -> ScoreSheet:
    """The exam and its sheet together, or neither."""
    with transaction.atomic():
        exam = exam_create(
            actor=actor, cohort=cohort, module=module, held_on=held_on, kind=kind
        )
        return score_sheet_create(actor=actor, exam=exam)
