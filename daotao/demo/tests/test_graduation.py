"""The demo's assessment and credentials: LDP-2025 finished with certificates a
visitor can verify and the coordinator can follow; LDP-2026 standing just before
its last module is graded."""

import datetime

import pytest
from django.urls import reverse

from daotao.accounts.models import User
from daotao.assessment import selectors
from daotao.assessment.models import (
    Exam,
    GraduationDecision,
    Score,
    ScoreAmendment,
    ScoreSheet,
)
from daotao.core.models import AuditEvent
from daotao.credentials.models import BlankStock, Credential, Register
from daotao.demo import graduation as demo
from daotao.demo.users import COORDINATED_AGENCY
from daotao.enrolment.models import Cohort
from daotao.learning.models import Attendance
from daotao.outcomes.models import Placement, ResearchTask
from daotao.teaching.models import TeachingSession
from daotao.tests.support.demo_database import seed

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # seeds the whole demo

TABLES = [
    BlankStock,
    Register,
    Credential,
    Exam,
    ScoreSheet,
    Score,
    ScoreAmendment,
    Attendance,
    GraduationDecision,
    ResearchTask,
    Placement,
    AuditEvent,
]


@pytest.fixture
def finished(seeded_module) -> Cohort:
    return Cohort.objects.get(code=demo.FINISHED.cohort_code)


@pytest.fixture
def walk(seeded_module) -> Cohort:
    return Cohort.objects.get(code=demo.WALK_COHORT)


def test_the_2025_course_is_graded_decided_and_certified(finished):
    assert finished.status == Cohort.Status.FINISHED
    assert finished.enrollments.count() == 10
    sheets = ScoreSheet.objects.filter(exam__cohort=finished)
    assert sheets.count() == 5
    assert set(sheets.values_list("status", flat=True)) == {"locked"}
    lines = selectors.graduation_list(cohort=finished)
    assert [line.is_graduate for line in lines] == [True] * 10
    decision = GraduationDecision.objects.get(cohort=finished)
    assert decision.document.issued_on == demo.DECISION_SIGNED_ON
    assert decision.document.symbol.endswith("/QĐ-TrCT")
    credentials = Credential.objects.filter(enrollment__cohort=finished).order_by(
        "entry_number"
    )
    assert [c.serial for c in credentials] == [f"BD{n:06d}" for n in range(1, 11)]
    assert {c.register.book_number for c in credentials} == {"CCBD-2025"}
    assert {c.issued_on for c in credentials} == {demo.ISSUED_ON}
    assert {c.status for c in credentials} == {"valid"}
    by_enrollment = {line.result.enrollment.pk: line for line in lines}
    for credential in credentials:
        line = by_enrollment[credential.enrollment_id]
        assert credential.classification_label == line.result.classification


def test_a_visitor_verifies_a_2025_certificate_logged_out(finished, client):
    credential = Credential.objects.get(
        enrollment__cohort=finished, enrollment__agency__name=COORDINATED_AGENCY
    )
    response = client.get(f"/xac-minh/{credential.verification_code}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert credential.holder_name in body
    assert "Bồi dưỡng lãnh đạo cấp phòng" in body
    assert "14/11/2025" in body
    assert "Còn hiệu lực" in body
    assert f'<dd id="serial">{credential.serial}</dd>' in body
    assert "Chứng chỉ bồi dưỡng" in body
    assert credential.holder_date_of_birth.strftime("%d/%m/%Y") not in body


def test_the_coordinator_follows_the_cadre_of_the_2025_course(finished, client):
    coordinator = User.objects.get(username="coquan")
    cadre = finished.enrollments.get(agency__name=COORDINATED_AGENCY)
    task = ResearchTask.objects.get(enrollment=cadre)
    assert (task.title, task.status, str(task.grade)) == (
        demo.RESEARCH_TITLE,
        "graded",
        "8.5",
    )
    placement = Placement.objects.get(enrollment=cadre)
    assert (placement.kind, placement.effective_on) == (
        "appointment",
        datetime.date(2026, 3, 1),
    )
    client.force_login(coordinator)
    listing = client.get(reverse("outcomes:agency-cadres")).content.decode()
    assert cadre.person.full_name in listing
    page = client.get(reverse("outcomes:cadre-detail", args=[cadre.pk]))
    classification = selectors.graduation_list(cohort=finished)
    line = next(x for x in classification if x.result.enrollment.pk == cadre.pk)
    assert f"Xếp loại: {line.result.classification}" in page.content.decode()
    pdf = client.get(reverse("outcomes:cadre-evaluation", args=[cadre.pk]))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_ldp_2026_stands_just_before_its_last_module_is_graded(walk):
    assert walk.enrollments.filter(agency__name=COORDINATED_AGENCY).count() == 1
    sessions = TeachingSession.objects.filter(cohort=walk, run=None)
    assert Attendance.objects.filter(session__cohort=walk).count() == (
        sessions.count() * walk.enrollments.count()
    )
    statuses = set(
        Attendance.objects.filter(session__cohort=walk).values_list("status", flat=True)
    )
    assert statuses == {"present", "late", "excused", "absent"}
    sheets = {
        s.exam.module.code: s
        for s in ScoreSheet.objects.filter(exam__cohort=walk).select_related(
            "exam__module"
        )
    }
    assert sorted(sheets) == ["I.1", "I.2", "II.1", "II.2", "III.1"]
    assert {code: s.status for code, s in sheets.items()} == {
        "I.1": "locked",
        "I.2": "locked",
        "II.1": "locked",
        "II.2": "open",
        "III.1": "locked",
    }
    open_sheet = sheets[demo.OPEN_MODULE]
    assert not open_sheet.scores.exclude(result=None).exists()
    assert open_sheet.scores.count() == 16
    excluded = [
        (row.enrollment.person.full_name, row.reason)
        for row in selectors.exam_eligibility(exam=open_sheet.exam)
        if not row.is_eligible
    ]
    below, mistaken = demo.walk_learners(walk)
    assert excluded == [
        (mistaken.person.full_name, "Dự 75% số buổi, dưới mức tối thiểu 80%."),
        (below.person.full_name, "Dự 25% số buổi, dưới mức tối thiểu 80%."),
    ]
    assert not GraduationDecision.objects.filter(cohort=walk).exists()
    assert not Credential.objects.filter(enrollment__cohort=walk).exists()


def test_seeding_again_adds_no_exam_score_or_credential(finished):
    before = {model._meta.label: model.objects.count() for model in TABLES}
    assert seed().startswith("Dữ liệu mẫu đã có đủ")
    after = {model._meta.label: model.objects.count() for model in TABLES}
    assert after == before
