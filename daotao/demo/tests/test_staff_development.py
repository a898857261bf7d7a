"""The demo's lecturer development (issue 19's "Done when"): three lecturers with
field practice done in 2026 and one overdue, one lecturer on rotation whom the
autumn schedule leaves out, two observed lessons, the 2026 evaluation list."""

import datetime

import pytest
from django.test import Client

from daotao.accounts.models import User
from daotao.faculty.development.selectors import due_list
from daotao.faculty.models import AnnualEvaluation, FieldPractice, Lecturer, Rotation
from daotao.ledger.models import LedgerPeriod
from daotao.teaching.models import Observation, TeachingSession

D = datetime.date


@pytest.fixture
def seeded(seeded_module):
    return seeded_module


def test_field_practice_three_done_one_overdue(seeded):
    done = FieldPractice.objects.filter(
        starts_on__year=2026, report_submitted_on__isnull=False
    )
    assert done.values("lecturer").distinct().count() == 3
    assert all(item.days >= 5 for item in done)
    overdue = FieldPractice.objects.get(report_submitted_on__isnull=True)
    assert overdue.ends_on == D(2026, 10, 23)
    office = User.objects.get(username="daotao")
    rows = {r.lecturer.pk: r for r in due_list(actor=office, today=D(2026, 12, 6))}
    assert rows[overdue.lecturer_id].practice_due == 5
    assert all(
        item.lecturer_id not in rows or rows[item.lecturer_id].certificates
        for item in done
    )


def test_the_rotated_lecturer_teaches_before_and_not_during(seeded):
    rotation = Rotation.objects.get()
    sessions = TeachingSession.objects.published().filter(lecturer=rotation.lecturer)
    assert sessions.filter(date__lt=rotation.starts_on).exists()
    assert not sessions.filter(
        date__gte=rotation.starts_on, date__lte=rotation.ends_on
    ).exists()
    assert rotation.unavailability.kind == "rotation"


def test_two_observed_lessons_of_taught_sessions(seeded):
    observations = list(Observation.objects.select_related("session"))
    assert len(observations) == 2
    for item in observations:
        assert item.session.lecturer_id == item.lecturer_id
        assert item.observers.exists()
        assert item.lecturer_id not in item.observers.values_list("pk", flat=True)


def test_the_2026_evaluation_list(seeded):
    # Thanh Hóa's lecturers: the two other demo schools evaluate nobody yet.
    active = Lecturer.objects.filter(
        school__province__code="038", is_active=True, is_visiting=False
    ).count()
    assert active == 24
    assert AnnualEvaluation.objects.filter(year=2026).count() == active
    assert AnnualEvaluation.objects.exclude(band="").count() == 1
    # The demo keeps no ledger of 2025–2026: no band is proposed from zero hours,
    # and the list says why.
    assert not LedgerPeriod.objects.filter(school_year=2025).exists()
    undecided = AnnualEvaluation.objects.filter(year=2026, band="")
    assert all(e.is_without_hours and not e.proposed_band for e in undecided)
    client = Client()
    client.force_login(User.objects.get(username="bgh"))
    page = client.get("/giang-vien/danh-gia/?nam=2026")
    assert page.status_code == 200
    assert "Hoàn thành tốt nhiệm vụ" in page.text
    assert "Chưa có giờ chuẩn trong sổ năm học 2025–2026" in page.text
