"""The entry grid (saved whole, all or nothing), transitions by permission,
amendments, the eligibility list and the exam creation page."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from daotao.assessment import services
from daotao.assessment.models import Exam, Score, ScoreAmendment, ScoreSheet
from daotao.assessment.tests.conftest import fill, teaches
from daotao.core.access import Role
from daotao.core.models import AuditEvent


def grid_post(sheet, rows):
    """The grid's POST data; `rows` maps a line to (attendance, test, exam)."""
    data = {"line": []}
    for line, (attendance, test, exam) in rows.items():
        data["line"].append(str(line.pk))
        data[f"s{line.pk}-version"] = str(line.version)
        data[f"s{line.pk}-attendance"] = attendance
        data[f"s{line.pk}-test"] = test
        data[f"s{line.pk}-exam"] = exam
    return data


def state(sheet):
    return [
        (s.attendance, s.test, s.exam, s.result, s.version)
        for s in Score.objects.filter(sheet=sheet).order_by(
            "enrollment__person__sort_key"
        )
    ]


def test_grid_lists_learners_in_vietnamese_order_with_versions(client, sheet, office):
    client.force_login(office)
    response = client.get(reverse("assessment:sheet-detail", args=[sheet.pk]))
    assert response.status_code == 200
    names = [
        row["line"].enrollment.person.given_name for row in response.context["rows"]
    ]
    assert names == ["Hà", "Nam", "Tuấn"]
    assert [row["values"]["version"] for row in response.context["rows"]] == [1, 1, 1]
    assert response.context["can_enter"] is True


def test_grid_saves_exact_values(client, sheet, office):
    ha, nam, tuan = sheet.scores.order_by("enrollment__person__sort_key")
    client.force_login(office)
    data = grid_post(
        sheet, {ha: ("10", "6,5", "5.5"), nam: ("9", "7", "6"), tuan: ("", "", "")}
    )
    data[f"s{tuan.pk}-is_absent"] = "on"
    response = client.post(reverse("assessment:sheet-save", args=[sheet.pk]), data)
    assert response.status_code == 302
    assert state(sheet) == [
        (Decimal("10.0"), Decimal("6.5"), Decimal("5.5"), Decimal("6.3"), 2),
        (Decimal("9.0"), Decimal("7.0"), Decimal("6.0"), Decimal("6.6"), 2),
        (None, None, None, None, 2),
    ]
    assert Score.objects.get(pk=tuan.pk).is_absent is True
    assert AuditEvent.objects.filter(action="assessment.score_enter").count() == 3


def test_stale_row_refuses_the_whole_grid(client, sheet, office, lecturer):
    teaches(lecturer, sheet.exam.cohort)
    ha, nam, tuan = sheet.scores.order_by("enrollment__person__sort_key")
    data = grid_post(
        sheet, {ha: ("9", "8", "7"), nam: ("9", "8", "7"), tuan: ("9", "8", "7")}
    )
    # Another user saves Nam's line after the grid was read.
    services.score_enter(
        actor=lecturer, score=nam, values={"exam": "4"}, expected_version=1
    )
    before = state(sheet)
    events = AuditEvent.objects.count()
    client.force_login(office)
    response = client.post(reverse("assessment:sheet-save", args=[sheet.pk]), data)
    assert response.status_code == 400
    assert [str(m) for m in response.context["messages"]] == [
        "Điểm của Lê Văn Nam vừa được người khác sửa; chưa lưu dòng nào. "
        "Hãy tải lại trang rồi nhập lại."
    ]
    assert state(sheet) == before
    assert AuditEvent.objects.count() == events


def test_invalid_cell_shows_its_message_and_saves_nothing(client, sheet, office):
    ha, nam, tuan = sheet.scores.order_by("enrollment__person__sort_key")
    client.force_login(office)
    data = grid_post(
        sheet, {ha: ("9", "8", "7"), nam: ("11", "8,25", "x"), tuan: ("", "", "")}
    )
    response = client.post(reverse("assessment:sheet-save", args=[sheet.pk]), data)
    assert response.status_code == 400
    rows = {row["line"].pk: row for row in response.context["rows"]}
    assert rows[nam.pk]["errors"] == {
        "attendance": "Điểm phải từ 0 đến 10.",
        "test": "Điểm phải làm tròn đến 0.1.",
        "exam": "“x” không phải là điểm: chỉ dùng chữ số 0–9, dấu thập phân là "
        "dấu phẩy hoặc dấu chấm.",
    }
    assert rows[nam.pk]["values"]["attendance"] == "11"
    assert rows[ha.pk]["errors"] == {}
    assert state(sheet) == [(None, None, None, None, 1)] * 3


def test_a_refused_grid_reads_as_an_error_not_a_success(client, sheet, office):
    ha, nam, tuan = sheet.scores.order_by("enrollment__person__sort_key")
    client.force_login(office)
    data = grid_post(
        sheet, {ha: ("9", "8", "7"), nam: ("11", "", ""), tuan: ("", "", "")}
    )
    response = client.post(reverse("assessment:sheet-save", args=[sheet.pk]), data)
    assert response.status_code == 400
    assert (
        '<li class="message error" role="alert"><strong class="message-level">'
        "Lỗi:</strong> Có 1 dòng điểm sai; chưa lưu dòng nào.</li>"
    ) in response.content.decode()
    assert "message success" not in response.content.decode()
    assert state(sheet) == [(None, None, None, None, 1)] * 3


@pytest.mark.parametrize(
    "role", [Role.HOMEROOM_LECTURER, Role.SUPERVISOR, Role.LEARNER]
)
def test_grid_refused_to_other_roles(client, sheet, make_user, role):
    ha = sheet.scores.order_by("enrollment__person__sort_key").first()
    client.force_login(make_user(role))
    data = grid_post(sheet, {ha: ("9", "8", "7")})
    response = client.post(reverse("assessment:sheet-save", args=[sheet.pk]), data)
    assert response.status_code == 403
    assert state(sheet)[0] == (None, None, None, None, 1)


def test_submit_then_lock_by_permission(client, sheet, office, lecturer):
    fill(sheet, office)
    teaches(lecturer, sheet.exam.cohort)
    client.force_login(lecturer)
    client.post(reverse("assessment:sheet-submit", args=[sheet.pk]))
    assert ScoreSheet.objects.get(pk=sheet.pk).status == "submitted"
    response = client.post(
        reverse("assessment:sheet-lock", args=[sheet.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 403
    assert ScoreSheet.objects.get(pk=sheet.pk).status == "submitted"
    client.force_login(office)
    client.post(reverse("assessment:sheet-return", args=[sheet.pk]), {"reason": "Sai"})
    returned = ScoreSheet.objects.get(pk=sheet.pk)
    assert (returned.status, returned.return_reason) == ("open", "Sai")


def test_locking_without_the_confirmation_box_changes_nothing(
    client, sheet, office, lecturer
):
    fill(sheet, office)
    teaches(lecturer, sheet.exam.cohort)
    client.force_login(lecturer)
    client.post(reverse("assessment:sheet-submit", args=[sheet.pk]))
    client.force_login(office)
    events = AuditEvent.objects.count()
    response = client.post(reverse("assessment:sheet-lock", args=[sheet.pk]))
    assert response.status_code == 302
    assert ScoreSheet.objects.get(pk=sheet.pk).status == "submitted"
    assert AuditEvent.objects.count() == events
    page = client.get(response.url).content.decode()
    assert "Chưa xác nhận" in page
    assert 'name="confirm" value="yes" required' in page


def test_amendment_form_records_history(client, locked_sheet, office):
    ha = locked_sheet.scores.order_by("enrollment__person__sort_key").first()
    client.force_login(office)
    response = client.post(
        reverse("assessment:sheet-amend", args=[locked_sheet.pk]),
        {
            "score": ha.pk,
            "attendance": "9",
            "test": "7",
            "exam": "8",
            "reason": "Chấm phúc khảo",
            "decision_number": "12/QĐ-TrCT",
            "decision_date": "02/05/2027",
        },
    )
    assert response.status_code == 302
    amendment = ScoreAmendment.objects.get()
    assert (amendment.old_values, amendment.new_values) == (
        {"exam": "6.0", "result": "6.6"},
        {"exam": "8.0", "result": "7.8"},
    )
    assert amendment.decision_date == datetime.date(2027, 5, 2)
    page = client.get(reverse("assessment:sheet-detail", args=[locked_sheet.pk]))
    assert page.context["amendments"] == [
        (amendment, [("Thi", "6,0", "8,0"), ("Điểm học phần", "6,6", "7,8")])
    ]
    assert "Điểm học phần: 6,6" in page.content.decode()


def test_amendment_keeps_the_components_left_blank(client, locked_sheet, office):
    """Only the exam mark is typed: attendance and test stay, the result follows."""
    ha = locked_sheet.scores.order_by("enrollment__person__sort_key").first()
    before = (ha.attendance, ha.test)
    client.force_login(office)
    url = reverse("assessment:sheet-amend", args=[locked_sheet.pk])
    decision = {"decision_number": "12/QĐ-TrCT", "decision_date": "02/05/2027"}
    blanks = {"attendance": "", "test": " ", "exam": "8", "reason": "Phúc khảo"}
    response = client.post(url, {"score": ha.pk, **blanks, **decision})
    assert response.status_code == 302
    ha.refresh_from_db()
    assert (ha.attendance, ha.test, ha.exam) == (*before, Decimal("8.0"))
    assert ScoreAmendment.objects.get().new_values == {
        "exam": "8.0",
        "result": "7.8",
    }


def test_amendment_refused_to_lecturer(client, locked_sheet, lecturer):
    ha = locked_sheet.scores.first()
    client.force_login(lecturer)
    response = client.post(
        reverse("assessment:sheet-amend", args=[locked_sheet.pk]),
        {
            "score": ha.pk,
            "exam": "9",
            "reason": "x",
            "decision_number": "1",
            "decision_date": "02/05/2027",
        },
    )
    assert response.status_code == 403
    assert not ScoreAmendment.objects.exists()


def test_exam_create_page_creates_exam_and_sheet(client, world, office):
    second = world["modules"][1]
    client.force_login(office)
    response = client.post(
        reverse("assessment:exam-create", args=[world["cohort"].pk]),
        {"module": second.pk, "held_on": "10/04/2027", "kind": "regular"},
    )
    sheet = ScoreSheet.objects.get(exam__module=second)
    assert response.url == reverse("assessment:sheet-detail", args=[sheet.pk])
    assert sheet.exam.held_on == datetime.date(2027, 4, 10)
    assert sheet.scores.count() == 3


def test_exam_create_refused_to_homeroom_lecturer(client, world, make_user):
    client.force_login(make_user(Role.HOMEROOM_LECTURER))
    response = client.post(
        reverse("assessment:exam-create", args=[world["cohort"].pk]),
        {"module": world["modules"][1].pk, "held_on": "10/04/2027", "kind": "regular"},
    )
    assert response.status_code == 403
    assert not Exam.objects.exists()


def test_sheet_of_another_school_is_404(client, sheet, make_user):
    from daotao.org.tests.factories import SchoolFactory

    client.force_login(make_user(Role.TRAINING_OFFICE, school=SchoolFactory()))
    response = client.get(reverse("assessment:sheet-detail", args=[sheet.pk]))
    assert response.status_code == 404


@pytest.fixture
def newer_rule_set(exam):
    from daotao.assessment.models import AssessmentRuleSet

    current = exam.rule_set
    return AssessmentRuleSet.objects.create(
        name="Quy chế đánh giá TC LLCT 2027",
        legal_basis=current.legal_basis,
        valid_from=datetime.date(2027, 1, 1),
        parameters={**current.parameters, "pass_mark": "5.5"},
        program_kinds=["tc_llct"],
    )


def test_locked_exam_changes_rule_set_by_decision_on_the_sheet_page(
    client, locked_sheet, office, newer_rule_set
):
    client.force_login(office)
    url = reverse("assessment:sheet-detail", args=[locked_sheet.pk])
    page = client.get(url)
    assert reverse("assessment:sheet-rule-set-amend", args=[locked_sheet.pk]) in (
        page.content.decode()
    )
    post = reverse("assessment:sheet-rule-set-amend", args=[locked_sheet.pk])
    refused = client.post(
        post, {"quy-che-rule_set": newer_rule_set.pk, "quy-che-reason": "Đổi"}
    )
    assert refused.status_code == 400
    assert Exam.objects.get(pk=locked_sheet.exam_id).rule_set_id != newer_rule_set.pk
    response = client.post(
        post,
        {
            "quy-che-rule_set": newer_rule_set.pk,
            "quy-che-reason": "Áp dụng quy chế 2027 theo quyết định",
            "quy-che-decision_number": "30/QĐ-TrCT",
            "quy-che-decision_date": "01/06/2027",
        },
    )
    assert response.status_code == 302
    assert Exam.objects.get(pk=locked_sheet.exam_id).rule_set_id == newer_rule_set.pk
    event = AuditEvent.objects.get(action="assessment.exam_rule_set_amend")
    assert (event.actor, event.reason) == (
        office,
        "Áp dụng quy chế 2027 theo quyết định",
    )


def test_rule_set_change_refused_to_lecturer(
    client, locked_sheet, lecturer, newer_rule_set
):
    client.force_login(lecturer)
    response = client.post(
        reverse("assessment:sheet-rule-set-amend", args=[locked_sheet.pk]),
        {
            "quy-che-rule_set": newer_rule_set.pk,
            "quy-che-reason": "x",
            "quy-che-decision_number": "1",
            "quy-che-decision_date": "01/06/2027",
        },
    )
    assert response.status_code == 403
    assert Exam.objects.get(pk=locked_sheet.exam_id).rule_set_id != newer_rule_set.pk
