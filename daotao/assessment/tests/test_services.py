"""Exams, sheets and their transitions, score entry, amendments and the
concurrent-edit conflict."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from daotao.assessment import services
from daotao.assessment.models import (
    AssessmentRuleSet,
    Exam,
    Score,
    ScoreAmendment,
    ScoreSheet,
)
from daotao.assessment.tests.conftest import EXAM_DAY, fill, teaches
from daotao.core.models import AuditEvent

DECISION_DAY = datetime.date(2027, 5, 2)


def values_of(score):
    score.refresh_from_db()
    return (score.attendance, score.test, score.exam, score.result, score.version)


TC_LLCT_BASIS = "Quy chế đào tạo trung cấp LLCT (HVCTQG; số cần xác nhận)"


def test_default_rule_set_is_seeded_unconfirmed(db):
    rule_set = AssessmentRuleSet.objects.get(legal_basis__number=TC_LLCT_BASIS)
    assert rule_set.is_confirmed is False
    assert rule_set.legal_basis.is_confirmed is False
    assert rule_set.legal_basis.number == (
        "Quy chế đào tạo trung cấp LLCT (HVCTQG; số cần xác nhận)"
    )
    assert rule_set.program_kinds == ["tc_llct"]
    assert rule_set.parameters["weights"] == {
        "attendance": "0.1",
        "test": "0.3",
        "exam": "0.6",
    }
    assert [b["label"] for b in rule_set.parameters["bands"]] == [
        "Giỏi",
        "Khá",
        "Trung bình",
    ]


def test_short_courses_have_their_own_unconfirmed_rule_set(db):
    """A bồi dưỡng course ends in the final essay, not a graduation exam; its
    other numbers are the TC LLCT defaults, all to be confirmed."""
    tc_llct = AssessmentRuleSet.objects.get(legal_basis__number=TC_LLCT_BASIS)
    short = services.rule_set_for(
        program_kind="lanh_dao_phong", on=datetime.date(2026, 11, 24)
    )
    assert short != tc_llct
    assert (short.is_confirmed, short.legal_basis.is_confirmed) == (False, False)
    assert "chuyen_vien" in short.program_kinds
    assert "tc_llct" not in short.program_kinds
    assert short.parameters["graduation_route"] == "essay"
    assert short.parameters["field_study_required"] is True
    differing = {
        key
        for key in tc_llct.parameters
        if tc_llct.parameters[key] != short.parameters[key]
    }
    assert differing == {"graduation_route"}
    with pytest.raises(ValidationError, match="Chưa có quy chế đánh giá"):
        services.rule_set_for(program_kind="so_cap", on=datetime.date(2026, 11, 24))


def test_the_rule_set_lookup_names_kind_and_day_and_reads_no_kinds_as_all(db):
    """One semantics with eligibility (`org.models.InForce`): a rule set that names
    no programme kind applies to every kind; the newest in force wins."""
    day = datetime.date(2026, 11, 24)
    with pytest.raises(ValidationError) as raised:
        services.rule_set_for(program_kind="so_cap", on=day)
    assert raised.value.messages == [
        "Chưa có quy chế đánh giá cho loại chương trình này có hiệu lực vào ngày "
        "24/11/2026."
    ]
    tc_llct = AssessmentRuleSet.objects.get(legal_basis__number=TC_LLCT_BASIS)
    every_kind = AssessmentRuleSet.objects.create(
        name="Quy chế chung",
        legal_basis=tc_llct.legal_basis,
        valid_from=day,
        program_kinds=[],
    )
    assert services.rule_set_for(program_kind="so_cap", on=day) == every_kind
    assert services.rule_set_for(program_kind="tc_llct", on=day) == every_kind
    before = day - datetime.timedelta(days=1)
    assert services.rule_set_for(program_kind="tc_llct", on=before) == tc_llct


def test_sheet_lists_every_learner_in_vietnamese_order(sheet, office):
    names = [s.enrollment.person.given_name for s in sheet.scores.all()]
    assert names == ["Hà", "Nam", "Tuấn"]
    assert sheet.status == ScoreSheet.Status.OPEN
    assert sheet.exam.attempt == 1
    assert sheet.exam.rule_set == AssessmentRuleSet.objects.get(
        legal_basis__number=TC_LLCT_BASIS
    )
    assert AuditEvent.objects.filter(action="assessment.sheet_create").count() == 1


def test_second_sheet_for_an_exam_is_refused(sheet, office):
    with pytest.raises(ValidationError, match="đã có bảng điểm"):
        services.score_sheet_create(actor=office, exam=sheet.exam)
    assert ScoreSheet.objects.count() == 1


def test_score_entry_computes_the_rounded_result(sheet, office):
    score = sheet.scores.first()
    services.score_enter(
        actor=office,
        score=score,
        values={"attendance": "10", "test": "6,5", "exam": "5.5"},
        expected_version=1,
    )
    # 1.0 + 1.95 + 3.3 = 6.25 → 6.3 (half up)
    assert values_of(score) == (
        Decimal("10.0"),
        Decimal("6.5"),
        Decimal("5.5"),
        Decimal("6.3"),
        2,
    )
    event = AuditEvent.objects.get(action="assessment.score_enter")
    assert event.changes["result"] == [None, "6.3"]


DIGITS = "chỉ dùng chữ số 0–9, dấu thập phân là dấu phẩy hoặc dấu chấm."


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"exam": "10.5"}, "exam", "Điểm phải từ 0 đến 10."),
        ({"test": "-1"}, "test", "Điểm phải từ 0 đến 10."),
        ({"test": "7.25"}, "test", "Điểm phải làm tròn đến 0.1."),
        ({"attendance": "chín"}, "attendance", f"“chín” không phải là điểm: {DIGITS}"),
        ({"exam": "NaN"}, "exam", f"“NaN” không phải là điểm: {DIGITS}"),
    ],
)
def test_score_entry_refuses_values_off_the_rule_set(
    sheet, office, values, field, message
):
    score = sheet.scores.first()
    with pytest.raises(ValidationError) as refused:
        services.score_enter(
            actor=office, score=score, values=values, expected_version=1
        )
    assert refused.value.message_dict == {field: [message]}
    assert values_of(score) == (None, None, None, None, 1)


def test_absent_learner_has_no_result(sheet, office):
    score = sheet.scores.first()
    services.score_enter(
        actor=office,
        score=score,
        values={"attendance": "8", "test": "7", "is_absent": True, "note": "Ốm"},
        expected_version=1,
    )
    score.refresh_from_db()
    assert (score.is_absent, score.result, score.note) == (True, None, "Ốm")


def test_concurrent_edit_second_stale_save_is_refused(sheet, office, lecturer):
    """Two users read version 1; the first save wins, the second gets a conflict
    message and the first value stays (I4)."""
    teaches(lecturer, sheet.exam.cohort)
    first_copy = sheet.scores.first()
    second_copy = Score.objects.get(pk=first_copy.pk)
    services.score_enter(
        actor=office,
        score=first_copy,
        values={"attendance": "9", "test": "8", "exam": "7"},
        expected_version=first_copy.version,
    )
    with pytest.raises(ValidationError, match="vừa được người khác sửa") as refused:
        services.score_enter(
            actor=lecturer,
            score=second_copy,
            values={"attendance": "1", "test": "1", "exam": "1"},
            expected_version=second_copy.version,
        )
    assert refused.value.code == "stale"
    assert values_of(first_copy) == (
        Decimal("9.0"),
        Decimal("8.0"),
        Decimal("7.0"),
        Decimal("7.5"),
        2,
    )
    assert AuditEvent.objects.filter(action="assessment.score_enter").count() == 1


def test_submit_needs_every_learner_scored(sheet, office):
    with pytest.raises(ValidationError, match="Còn 3 học viên chưa có điểm"):
        services.score_sheet_submit(actor=office, sheet=sheet)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.version) == ("open", 1)


def test_sheet_moves_open_submitted_open_submitted_locked(sheet, office, lecturer):
    teaches(lecturer, sheet.exam.cohort)
    fill(sheet, lecturer)
    services.score_sheet_submit(actor=lecturer, sheet=sheet)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.submitted_by) == ("submitted", lecturer)
    assert sheet.submitted_at is not None
    with pytest.raises(ValidationError, match="đã nộp hoặc đã khóa"):
        services.score_enter(
            actor=lecturer,
            score=sheet.scores.first(),
            values={"exam": "9"},
            expected_version=2,
        )
    services.score_sheet_return(
        actor=office, sheet=sheet, reason="Thiếu điểm kiểm tra của lớp"
    )
    sheet.refresh_from_db()
    assert (sheet.status, sheet.return_reason) == (
        "open",
        "Thiếu điểm kiểm tra của lớp",
    )
    services.score_sheet_submit(actor=lecturer, sheet=sheet)
    services.score_sheet_lock(actor=office, sheet=sheet)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.locked_by, sheet.version) == ("locked", office, 5)
    assert list(
        AuditEvent.objects.filter(object_type="assessment.scoresheet")
        .order_by("id")
        .values_list("action", flat=True)
    ) == [
        "assessment.sheet_create",
        "assessment.sheet_submitted",
        "assessment.sheet_open",
        "assessment.sheet_submitted",
        "assessment.sheet_locked",
    ]


@pytest.mark.parametrize("status", ["open", "locked"])
def test_invalid_transitions_are_refused(sheet, office, status):
    fill(sheet, office)
    if status == "locked":
        services.score_sheet_submit(actor=office, sheet=sheet)
        services.score_sheet_lock(actor=office, sheet=sheet)
    sheet.refresh_from_db()
    version = sheet.version
    for transition in (
        lambda: services.score_sheet_lock(actor=office, sheet=sheet),
        lambda: services.score_sheet_return(actor=office, sheet=sheet, reason="x"),
    ):
        with pytest.raises(ValidationError) as refused:
            transition()
        assert refused.value.code == "invalid_transition"
    sheet.refresh_from_db()
    assert (sheet.status, sheet.version) == (status, version)


def test_return_needs_a_reason(sheet, office):
    fill(sheet, office)
    services.score_sheet_submit(actor=office, sheet=sheet)
    with pytest.raises(ValidationError, match="lý do"):
        services.score_sheet_return(actor=office, sheet=sheet, reason="  ")
    sheet.refresh_from_db()
    assert sheet.status == "submitted"


def test_amendment_keeps_complete_history(locked_sheet, office):
    score = locked_sheet.scores.first()
    amendment = services.score_amend(
        actor=office,
        score=score,
        values={"exam": "8.0"},
        reason="Phúc khảo bài thi",
        decision_number="15/QĐ-TrCT",
        decision_date=DECISION_DAY,
    )
    assert values_of(score) == (
        Decimal("9.0"),
        Decimal("7.0"),
        Decimal("8.0"),
        Decimal("7.8"),
        3,
    )
    amendment.refresh_from_db()
    assert amendment.old_values == {"exam": "6.0", "result": "6.6"}
    assert amendment.new_values == {"exam": "8.0", "result": "7.8"}
    assert (
        amendment.reason,
        amendment.decision_number,
        amendment.decision_date,
        amendment.actor,
    ) == ("Phúc khảo bài thi", "15/QĐ-TrCT", DECISION_DAY, office)
    event = AuditEvent.objects.get(action="assessment.score_amend")
    assert event.changes == {
        "exam": ["6.0", "8.0"],
        "result": ["6.6", "7.8"],
        "decision": [None, "15/QĐ-TrCT"],
    }
    assert event.reason == "Phúc khảo bài thi"


def test_two_amendments_keep_both_steps(locked_sheet, office):
    score = locked_sheet.scores.first()
    for exam_score in ("8.0", "7.0"):
        services.score_amend(
            actor=office,
            score=score,
            values={"exam": exam_score},
            reason="Phúc khảo",
            decision_number="15/QĐ-TrCT",
            decision_date=DECISION_DAY,
        )
    assert [
        (a.old_values["exam"], a.new_values["exam"]) for a in score.amendments.all()
    ] == [("6.0", "8.0"), ("8.0", "7.0")]


@pytest.mark.parametrize(
    ("reason", "number", "values", "message"),
    [
        ("", "15/QĐ-TrCT", {"exam": "8"}, "cần lý do và số quyết định"),
        ("Phúc khảo", " ", {"exam": "8"}, "cần lý do và số quyết định"),
        ("Phúc khảo", "15/QĐ-TrCT", {"exam": "6.0"}, "không có gì để điều chỉnh"),
        ("Phúc khảo", "15/QĐ-TrCT", {"exam": "11"}, "từ 0 đến 10"),
    ],
)
def test_amendment_refused_without_decision_or_change(
    locked_sheet, office, reason, number, values, message
):
    score = locked_sheet.scores.first()
    before = values_of(score)
    with pytest.raises(ValidationError, match=message):
        services.score_amend(
            actor=office,
            score=score,
            values=values,
            reason=reason,
            decision_number=number,
            decision_date=DECISION_DAY,
        )
    assert values_of(score) == before
    assert ScoreAmendment.objects.count() == 0


def test_amendment_only_on_locked_sheets(sheet, office):
    fill(sheet, office)
    score = sheet.scores.first()
    with pytest.raises(ValidationError, match="đã khóa"):
        services.score_amend(
            actor=office,
            score=score,
            values={"exam": "8"},
            reason="Phúc khảo",
            decision_number="15/QĐ-TrCT",
            decision_date=DECISION_DAY,
        )
    assert ScoreAmendment.objects.count() == 0


def test_retake_lists_only_learners_without_a_pass(world, locked_sheet, office):
    failing = locked_sheet.scores.first()
    services.score_amend(
        actor=office,
        score=failing,
        values={"exam": "2.0"},
        reason="Phát hiện sai sót khi cộng điểm",
        decision_number="16/QĐ-TrCT",
        decision_date=DECISION_DAY,
    )
    retake = services.exam_create(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][0],
        held_on=EXAM_DAY + datetime.timedelta(days=30),
        kind=Exam.Kind.RETAKE,
    )
    sheet = services.score_sheet_create(actor=office, exam=retake)
    assert retake.attempt == 2
    assert [s.enrollment_id for s in sheet.scores.all()] == [failing.enrollment_id]
    with pytest.raises(ValidationError, match="hết số lần thi lại"):
        services.exam_create(
            actor=office,
            cohort=world["cohort"],
            module=world["modules"][0],
            held_on=EXAM_DAY + datetime.timedelta(days=60),
            kind=Exam.Kind.RETAKE,
        )
    assert Exam.objects.count() == 2


def test_exam_kind_follows_the_attempts(world, exam, office):
    with pytest.raises(ValidationError, match="đã có kỳ thi lần đầu"):
        services.exam_create(
            actor=office,
            cohort=world["cohort"],
            module=world["modules"][0],
            held_on=EXAM_DAY,
        )
    with pytest.raises(ValidationError, match="Chưa có kỳ thi lần đầu"):
        services.exam_create(
            actor=office,
            cohort=world["cohort"],
            module=world["modules"][1],
            held_on=EXAM_DAY,
            kind=Exam.Kind.RETAKE,
        )
    assert Exam.objects.count() == 1


def test_exam_needs_a_rule_set_in_force(world, office):
    AssessmentRuleSet.objects.update(valid_to=datetime.date(2026, 12, 31))
    with pytest.raises(ValidationError, match="Chưa có quy chế đánh giá"):
        services.exam_create(
            actor=office,
            cohort=world["cohort"],
            module=world["modules"][1],
            held_on=EXAM_DAY,
        )
    assert Exam.objects.count() == 0


def test_exam_module_must_belong_to_the_cohorts_programme(world, office):
    from daotao.programs.tests.factories import ModuleFactory

    with pytest.raises(ValidationError, match="không thuộc chương trình"):
        services.exam_create(
            actor=office,
            cohort=world["cohort"],
            module=ModuleFactory(),
            held_on=EXAM_DAY,
        )
    assert Exam.objects.count() == 0
