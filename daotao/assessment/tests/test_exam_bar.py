"""Exam eligibility is part of the score sheet: a learner
below the attendance minimum is marked on the grid with the reason, takes no
score, and a sheet holding a score for such a learner is neither submitted nor
locked; the import refuses their rows; retakes follow the rule set."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from daotao.assessment import selectors, services
from daotao.assessment.importing import scores_import_run
from daotao.assessment.models import AssessmentRuleSet, Exam, Score, ScoreSheet
from daotao.assessment.tests.conftest import attended, fill, teaches
from daotao.core.models import AuditEvent
from daotao.learning.models import Attendance

BARRED = "Lê Văn Nam"
REASON = "Dự 25% số buổi, dưới mức tối thiểu 80%."


@pytest.fixture
def learners(world):
    return sorted(world["enrollments"], key=lambda e: e.person.sort_key)


@pytest.fixture
def taught(world, lecturer, learners):
    """Four sessions of the first module: Hà and Tuấn attend all, Nam one."""
    sessions = teaches(
        lecturer, world["cohort"], world["modules"][0], days=4, present=False
    )
    ha, nam, tuan = learners
    attended(sessions, ha, 4)
    attended(sessions, nam, 1)
    attended(sessions, tuan, 4)
    return sessions


def lines(sheet):
    return {
        s.enrollment.person.given_name: s
        for s in Score.objects.filter(sheet=sheet).select_related("enrollment__person")
    }


def state(sheet):
    return sorted(
        (s.enrollment.person.given_name, s.exam, s.result, s.is_barred, s.version)
        for s in Score.objects.filter(sheet=sheet).select_related("enrollment__person")
    )


def grid(sheet, values):
    data = {"line": []}
    for line in Score.objects.filter(sheet=sheet):
        data["line"].append(str(line.pk))
        data[f"s{line.pk}-version"] = str(line.version)
        for key, value in zip(("attendance", "test", "exam"), values, strict=True):
            data[f"s{line.pk}-{key}"] = value
    return data


def bar_nam_after_scoring(sheet, office, learners, taught):
    """Every line scored while Nam still counted as present, then his record
    corrected to one session in four."""
    fill(sheet, office)
    Attendance.objects.filter(enrollment=learners[1], session__in=taught[1:]).update(
        status="absent"
    )


def test_grid_marks_the_barred_learner_with_the_reason(client, sheet, taught, office):
    client.force_login(office)
    response = client.get(reverse("assessment:sheet-detail", args=[sheet.pk]))
    rows = {
        row["line"].enrollment.person.given_name: row
        for row in response.context["rows"]
    }
    assert rows["Nam"]["bar"] == REASON
    assert rows["Hà"]["bar"] == "" and rows["Tuấn"]["bar"] == ""
    body = response.content.decode()
    nam = rows["Nam"]["line"]
    assert f'name="s{nam.pk}-exam"' not in body
    assert f'name="s{rows["Hà"]["line"].pk}-exam"' in body
    assert "Không đủ điều kiện dự thi" in body
    assert REASON in body


def test_grid_refuses_a_score_for_the_barred_learner(client, sheet, taught, office):
    before = state(sheet)
    events = AuditEvent.objects.count()
    client.force_login(office)
    data = grid(sheet, ("9", "8", "8,5"))
    response = client.post(reverse("assessment:sheet-save", args=[sheet.pk]), data)
    assert response.status_code == 400
    nam = lines(sheet)["Nam"]
    rows = {row["line"].pk: row for row in response.context["rows"]}
    message = (
        "Lê Văn Nam không đủ điều kiện dự thi (Dự 25% số buổi, dưới mức tối "
        "thiểu 80%.): không ghi điểm."
    )
    assert rows[nam.pk]["errors"] == {
        "attendance": message,
        "test": message,
        "exam": message,
    }
    assert state(sheet) == before
    assert AuditEvent.objects.count() == events


def test_single_entry_refuses_a_score_for_the_barred_learner(sheet, taught, office):
    nam = lines(sheet)["Nam"]
    with pytest.raises(ValidationError, match="Lê Văn Nam không đủ điều kiện"):
        services.score_enter(
            actor=office, score=nam, values={"exam": "8.5"}, expected_version=1
        )
    nam.refresh_from_db()
    assert (nam.exam, nam.version) == (None, 1)


def test_sheet_with_a_score_for_a_barred_learner_is_not_submitted(
    client, sheet, taught, office, learners
):
    Attendance.objects.filter(enrollment=learners[1]).update(status="present")
    bar_nam_after_scoring(sheet, office, learners, taught)
    before = state(sheet)
    events = AuditEvent.objects.count()
    client.force_login(office)
    response = client.post(
        reverse("assessment:sheet-submit", args=[sheet.pk]), follow=True
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Không nộp được: Lê Văn Nam không đủ điều kiện dự thi (Dự 25% số buổi, "
        "dưới mức tối thiểu 80%.) nhưng đã có điểm. Hãy xóa điểm của học viên này."
    ]
    assert '<li class="message error" role="alert">' in response.content.decode()
    sheet.refresh_from_db()
    assert (sheet.status, sheet.version) == (ScoreSheet.Status.OPEN, 1)
    assert state(sheet) == before
    assert AuditEvent.objects.count() == events


def test_sheet_with_a_score_for_a_barred_learner_is_not_locked(
    sheet, taught, office, learners
):
    Attendance.objects.filter(enrollment=learners[1]).update(status="present")
    fill(sheet, office)
    services.score_sheet_submit(actor=office, sheet=sheet)
    Attendance.objects.filter(enrollment=learners[1], session__in=taught[1:]).update(
        status="absent"
    )
    before = state(sheet)
    with pytest.raises(ValidationError) as refused:
        services.score_sheet_lock(actor=office, sheet=sheet)
    assert refused.value.messages == [
        "Không khóa được: Lê Văn Nam không đủ điều kiện dự thi (Dự 25% số buổi, "
        "dưới mức tối thiểu 80%.) nhưng đã có điểm. Hãy trả lại bảng điểm để "
        "xóa điểm của học viên này."
    ]
    sheet.refresh_from_db()
    assert (sheet.status, sheet.locked_by) == (ScoreSheet.Status.SUBMITTED, None)
    assert state(sheet) == before


def test_submitting_records_what_the_rule_set_says_for_the_barred(
    sheet, taught, office, learners
):
    ha, nam, tuan = (lines(sheet)[name] for name in ("Hà", "Nam", "Tuấn"))
    for line in (ha, tuan):
        services.score_enter(
            actor=office,
            score=line,
            values={"attendance": "9", "test": "7", "exam": "6"},
            expected_version=1,
        )
    services.score_sheet_submit(actor=office, sheet=sheet)
    services.score_sheet_lock(actor=office, sheet=sheet)
    nam.refresh_from_db()
    assert (nam.is_barred, nam.note, nam.result, nam.exam) == (
        True,
        f"Không đủ điều kiện dự thi: {REASON}",
        None,
        None,
    )
    assert state(sheet) == [
        ("Hà", Decimal("6.0"), Decimal("6.6"), False, 2),
        ("Nam", None, None, True, 2),
        ("Tuấn", Decimal("6.0"), Decimal("6.6"), False, 2),
    ]


def test_a_rule_set_may_record_zero_for_the_barred(sheet, taught, office):
    rule_set = sheet.exam.rule_set
    rule_set.parameters = {
        **rule_set.parameters,
        "exam_bar": {**rule_set.parameters["exam_bar"], "result": "0"},
    }
    rule_set.save(update_fields=["parameters"])
    for name in ("Hà", "Tuấn"):
        line = lines(sheet)[name]
        services.score_enter(
            actor=office,
            score=line,
            values={"attendance": "9", "test": "7", "exam": "6"},
            expected_version=1,
        )
    services.score_sheet_submit(actor=office, sheet=sheet)
    nam = lines(sheet)["Nam"]
    assert (nam.is_barred, nam.result, nam.exam) == (True, Decimal("0.0"), None)


def workbook(*rows):
    book = Workbook()
    book.active.append(("Họ và tên", "Mã học viên", "Chuyên cần", "Kiểm tra", "Thi"))
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_import_refuses_the_row_of_a_barred_learner(sheet, taught, office):
    before = state(sheet)
    data = workbook(
        ("Trần Thị Hà", "K63A-002", 9, 7, 6), (BARRED, "K63A-003", 9, 7, "8,5")
    )
    report = scores_import_run(
        upload=data, filename="diem.xlsx", actor=office, sheet=sheet, dry_run=False
    )
    assert not report.is_committed
    assert [str(m) for m in report.errors] == [
        "Dòng 3, cột “Chuyên cần”: Lê Văn Nam không đủ điều kiện dự thi (Dự 25% số "
        "buổi, dưới mức tối thiểu 80%.): không ghi điểm."
    ]
    assert state(sheet) == before


def test_a_barred_learner_without_marks_may_stay_in_the_file(sheet, taught, office):
    data = workbook(
        ("Trần Thị Hà", "K63A-002", 9, 7, 6),
        (BARRED, "K63A-003", None, None, None),
        ("Phạm Minh Tuấn", "K63A-001", 9, 7, 6),
    )
    report = scores_import_run(
        upload=data, filename="diem.xlsx", actor=office, sheet=sheet, dry_run=False
    )
    assert report.is_committed
    assert lines(sheet)["Hà"].result == Decimal("6.6")


def _locked_first_sitting(sheet, office):
    for name in ("Hà", "Tuấn"):
        line = lines(sheet)[name]
        services.score_enter(
            actor=office,
            score=line,
            values={"attendance": "9", "test": "7", "exam": "6"},
            expected_version=1,
        )
    services.score_sheet_submit(actor=office, sheet=sheet)
    services.score_sheet_lock(actor=office, sheet=sheet)


@pytest.mark.parametrize(("may_retake", "listed"), [(True, ["Nam"]), (False, [])])
def test_retakes_follow_the_rule_set(world, sheet, taught, office, may_retake, listed):
    rule_set = sheet.exam.rule_set
    rule_set.parameters = {
        **rule_set.parameters,
        "exam_bar": {**rule_set.parameters["exam_bar"], "may_retake": may_retake},
    }
    rule_set.save(update_fields=["parameters"])
    _locked_first_sitting(sheet, office)
    retake = services.create_exam_with_sheet(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][0],
        held_on=datetime.date(2027, 5, 5),
        kind=Exam.Kind.RETAKE,
    )
    assert sorted(lines(retake)) == listed


def test_default_rule_sets_say_what_a_bar_records(db):
    for rule_set in AssessmentRuleSet.objects.all():
        assert rule_set.parameters["exam_bar"] == {
            "label": "Không đủ điều kiện dự thi",
            "result": None,
            "may_retake": True,
            "is_confirmed": False,
        }


def test_a_module_without_sessions_bars_nobody(sheet):
    rows = selectors.exam_eligibility(exam=sheet.exam)
    assert [(r.is_eligible, r.reason) for r in rows] == [
        (
            True,
            "Học phần chưa có buổi học nào trên lịch đã công bố: chưa tính "
            "tỷ lệ dự học.",
        )
    ] * 3


def test_a_bar_lifted_after_submission_leaves_the_line_to_score(
    sheet, taught, office, learners
):
    """Nam's attendance is corrected after the sheet went in without his marks:
    locking is refused until the sheet comes back and he is scored."""
    _submitted_without_nam(sheet, office)
    Attendance.objects.filter(enrollment=learners[1]).update(status="present")
    with pytest.raises(ValidationError, match="Còn 1 học viên chưa có điểm"):
        services.score_sheet_lock(actor=office, sheet=sheet)
    sheet.refresh_from_db()
    nam = lines(sheet)["Nam"]
    assert (sheet.status, nam.is_barred, nam.version) == ("submitted", True, 2)


def test_an_amendment_gives_no_marks_to_a_barred_line(sheet, taught, office):
    _submitted_without_nam(sheet, office)
    services.score_sheet_lock(actor=office, sheet=sheet)
    nam = lines(sheet)["Nam"]
    with pytest.raises(ValidationError, match="Lê Văn Nam không đủ điều kiện"):
        services.score_amend(
            actor=office,
            score=nam,
            values={"exam": "9"},
            reason="Phúc khảo",
            decision_number="15/QĐ-TrCT",
            decision_date=datetime.date(2027, 5, 2),
        )
    nam.refresh_from_db()
    assert (nam.exam, nam.result, nam.version) == (None, None, 2)


def _submitted_without_nam(sheet, office):
    for name in ("Hà", "Tuấn"):
        services.score_enter(
            actor=office,
            score=lines(sheet)[name],
            values={"attendance": "9", "test": "7", "exam": "6"},
            expected_version=1,
        )
    services.score_sheet_submit(actor=office, sheet=sheet)


def _more_learners(world, sheet, sessions, count):
    """`count` more learners on the cohort and the sheet, one of them barred."""
    from daotao.enrolment.models import Enrollment, Nomination
    from daotao.people.tests.factories import PersonFactory

    first = world["enrollments"][0]
    for index in range(count):
        person = PersonFactory(school=world["cohort"].school, agency=first.agency)
        nomination = Nomination.objects.create(
            school=world["cohort"].school,
            person=person,
            agency=first.agency,
            planned_class=first.nomination.planned_class,
            created_by=first.nomination.created_by,
            status="admitted",
        )
        enrollment = Enrollment.objects.create(
            cohort=world["cohort"],
            person=person,
            nomination=nomination,
            agency=first.agency,
            learner_code=f"K63A-{10 + index:03}",
            position=10 + index,
        )
        Score.objects.create(sheet=sheet, enrollment=enrollment)
        attended(sessions, enrollment, 1 if index == 0 else 4)


def test_the_grid_reads_the_bars_in_as_many_queries_for_more_learners(
    client, world, sheet, taught, office
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(office)
    url = reverse("assessment:sheet-detail", args=[sheet.pk])
    client.get(url)  # warm the session and the permission caches
    with CaptureQueriesContext(connection) as three:
        assert client.get(url).status_code == 200
    _more_learners(world, sheet, taught, 7)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url)
    bars = [row["bar"] for row in response.context["rows"] if row["bar"]]
    assert len(bars) == 2
    assert len(ten) == len(three)
