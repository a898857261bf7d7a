"""The eligibility list with its reasons, the cohort's results and their export,
and a learner's own scores (another learner's answer 404)."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from daotao.assessment import services
from daotao.assessment.tests.conftest import EXAM_DAY, fill
from daotao.core.access import Role
from daotao.faculty.tests.factories import LecturerFactory
from daotao.learning.models import Attendance
from daotao.org.models import Room
from daotao.teaching.models import TeachingSession, Term


@pytest.fixture
def sessions(world, school):
    """Five published sessions of the first module: Hà attends 5, Nam 4 (one
    late), Tuấn 3."""
    cohort = world["cohort"]
    topic = world["modules"][0].topics.get()
    term = Term.objects.create(
        school=school, name="Đợt 1", starts_on=cohort.starts_on, ends_on=cohort.ends_on
    )
    room = Room.objects.create(site=cohort.site, name="Phòng 101", capacity=50)
    lecturer = LecturerFactory(school=school)
    ha, nam, tuan = sorted(world["enrollments"], key=lambda e: e.person.sort_key)
    for day in range(5):
        session = TeachingSession.objects.create(
            school=school,
            term=term,
            cohort=cohort,
            topic=topic,
            date=cohort.starts_on + datetime.timedelta(days=day),
            half_day=0,
            lecturer=lecturer,
            room=room,
        )
        statuses = {
            ha: "present",
            nam: ("late", "present", "present", "present", "excused")[day],
            tuan: "present" if day < 3 else "absent",
        }
        for enrollment, status in statuses.items():
            Attendance.objects.create(
                session=session, enrollment=enrollment, status=status
            )


def test_eligibility_reasons(client, sheet, sessions, office):
    client.force_login(office)
    response = client.get(reverse("assessment:sheet-eligibility", args=[sheet.pk]))
    assert [
        (r.enrollment.person.given_name, r.is_eligible, r.reason)
        for r in response.context["rows"]
    ] == [
        ("Hà", True, "Dự 100% số buổi, đạt mức tối thiểu 80%."),
        ("Nam", True, "Dự 80% số buổi, đạt mức tối thiểu 80%."),
        ("Tuấn", False, "Dự 60% số buổi, dưới mức tối thiểu 80%."),
    ]
    # The sessions counted, each leading to its attendance grid to correct it.
    sessions = list(response.context["sessions"])
    assert [s.date for s in sessions] == [
        sheet.exam.cohort.starts_on + datetime.timedelta(days=day) for day in range(5)
    ]
    body = response.content.decode()
    for session in sessions:
        assert reverse("learning:attendance-grid", args=[session.pk]) in body


def test_eligibility_of_a_module_without_sessions_says_so(client, sheet, office):
    client.force_login(office)
    response = client.get(reverse("assessment:sheet-eligibility", args=[sheet.pk]))
    assert list(response.context["sessions"]) == []
    assert "Học phần chưa có buổi học nào trên lịch đã công bố." in (
        response.content.decode()
    )


@pytest.fixture
def both_locked(world, sheet, office):
    """Both modules locked: 6.6 in the first (30 periods), 7.8 in the second (10)."""
    fill(sheet, office)
    services.score_sheet_submit(actor=office, sheet=sheet)
    services.score_sheet_lock(actor=office, sheet=sheet)
    second = services.create_exam_with_sheet(
        actor=office,
        cohort=world["cohort"],
        module=world["modules"][1],
        held_on=EXAM_DAY,
    )
    fill(second, office, {"attendance": "9", "test": "7", "exam": "8"})
    services.score_sheet_submit(actor=office, sheet=second)
    services.score_sheet_lock(actor=office, sheet=second)
    return world


def test_results_and_classification(client, both_locked, office):
    client.force_login(office)
    response = client.get(
        reverse("assessment:cohort-results", args=[both_locked["cohort"].pk])
    )
    results = response.context["results"]
    assert [(c.name, c.periods) for c in results.columns] == [
        ("Triết học Mác - Lênin", 30),
        ("Xây dựng Đảng", 10),
    ]
    # (6.6 × 30 + 7.8 × 10) / 40 = 6.9 → Khá
    assert [
        (
            x.enrollment.person.given_name,
            [str(m) for m in x.modules],
            str(x.overall),
            x.classification,
        )
        for x in results.learners
    ] == [
        ("Hà", ["6.6", "7.8"], "6.9", "Khá"),
        ("Nam", ["6.6", "7.8"], "6.9", "Khá"),
        ("Tuấn", ["6.6", "7.8"], "6.9", "Khá"),
    ]
    export = client.get(
        reverse("assessment:cohort-results-export", args=[both_locked["cohort"].pk])
    )
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1] == (
        "STT",
        "Mã học viên",
        "Họ và tên",
        "Triết học Mác - Lênin",
        "Xây dựng Đảng",
        "Điểm trung bình",
        "Xếp loại",
    )
    assert rows[2][2:] == ("Trần Thị Hà", "6,6", "7,8", "6,9", "Khá")


def test_learner_sees_only_own_scores(client, both_locked, make_user):
    ha, nam, _tuan = sorted(both_locked["enrollments"], key=lambda e: e.person.sort_key)
    learner = make_user(Role.LEARNER)
    learner.person = ha.person
    learner.save()
    client.force_login(learner)
    response = client.get(reverse("assessment:my-scores"))
    [section] = response.context["sections"]
    assert section["enrollment"] == ha
    assert [(c.name, str(r)) for c, r in section["modules"]] == [
        ("Triết học Mác - Lênin", "6.6"),
        ("Xây dựng Đảng", "7.8"),
    ]
    assert section["learner"].classification == "Khá"
    assert "Lê Văn Nam" not in response.content.decode()
    other = client.get(reverse("assessment:my-scores") + f"?hoc_vien={nam.pk}")
    assert other.status_code == 404


def test_staff_pages_refused_to_learner(client, both_locked, make_user):
    client.force_login(make_user(Role.LEARNER))
    for name in ("cohort-results", "cohort-results-export", "graduation-list"):
        response = client.get(
            reverse(f"assessment:{name}", args=[both_locked["cohort"].pk])
        )
        assert response.status_code == 403


def test_a_lecturer_reads_only_the_cohorts_they_teach(
    client, sheet, sessions, make_user, world
):
    """Another cohort's scores are 404 to a lecturer until they teach it."""
    from daotao.teaching.models import TeachingSession

    cohort = world["cohort"]
    user = make_user(Role.LECTURER)
    client.force_login(user)
    cohort_url = f"/danh-gia/lop/{cohort.pk}/"
    assert client.get(cohort_url).status_code == 404
    assert [c.pk for c in client.get("/danh-gia/").context["cohorts"]] == []

    lecturer = TeachingSession.objects.filter(cohort=cohort).first().lecturer
    user.person = lecturer.person
    user.save(update_fields=["person"])

    assert client.get(cohort_url).status_code == 200
    assert [c.pk for c in client.get("/danh-gia/").context["cohorts"]] == [cohort.pk]
