"""The agency pages: scope, XLSX and PDF content, "where are they now"."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from daotao.core.models import AuditEvent
from daotao.outcomes.models import Placement, ResearchTask
from daotao.outcomes.tests.conftest import lock_results


def names(response):
    return [e.person.full_name for e in response.context["page"].object_list]


@pytest.mark.django_db
def test_coordinator_lists_only_their_agencys_cadres(client, cadres, coordinator):
    client.force_login(coordinator)

    response = client.get("/co-quan/")

    assert names(response) == ["Nguyễn Văn An", "Trần Thị Bình"]


@pytest.mark.django_db
def test_office_lists_every_cadre(client, cadres, office):
    client.force_login(office)

    assert names(client.get("/co-quan/")) == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Cường",
    ]


@pytest.mark.django_db
def test_a_finished_cohort_stays_on_the_coordinators_list_by_default(
    client, cadres, coordinator, office
):
    """A coordinator follows their cadres over the years; the office, reaching the
    whole province, sees running cohorts unless it asks for finished ones."""
    cohort = cadres[0].cohort
    cohort.status = cohort.Status.FINISHED
    cohort.save(update_fields=["status"])

    client.force_login(coordinator)
    assert names(client.get("/co-quan/")) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert names(client.get("/co-quan/?ket-thuc=0")) == []

    client.force_login(office)
    assert names(client.get("/co-quan/")) == []
    assert names(client.get("/co-quan/?ket-thuc=1")) == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Cường",
    ]


@pytest.mark.django_db
def test_another_agencys_cadre_is_not_found(client, cadres, coordinator):
    client.force_login(coordinator)
    other = cadres[2].pk

    assert client.get(f"/co-quan/hoc-vien/{other}/").status_code == 404
    assert client.get(f"/co-quan/hoc-vien/{other}/danh-gia.pdf").status_code == 404
    response = client.post(
        f"/co-quan/hoc-vien/{other}/giao-nhiem-vu/",
        {"title": "Đề tài", "due_on": "2027-06-30"},
    )
    assert response.status_code == 404
    response = client.post(
        f"/co-quan/hoc-vien/{other}/su-dung/",
        {"kind": "rotation", "effective_on": "2027-10-01"},
    )
    assert response.status_code == 404
    assert (ResearchTask.objects.count(), Placement.objects.count()) == (0, 0)
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_assign_form_writes_the_task(client, cadres, coordinator):
    client.force_login(coordinator)

    response = client.post(
        f"/co-quan/hoc-vien/{cadres[0].pk}/giao-nhiem-vu/",
        {"title": "Cải cách hành chính cấp xã", "due_on": "2027-06-30"},
    )

    assert response.status_code == 302
    task = ResearchTask.objects.get()
    assert (task.enrollment_id, task.title, task.due_on) == (
        cadres[0].pk,
        "Cải cách hành chính cấp xã",
        datetime.date(2027, 6, 30),
    )


@pytest.mark.django_db
def test_evaluation_xlsx_holds_the_agencys_rows(client, cadres, coordinator, world):
    first, second = [t.module for t in world["topics"][::2]]
    lock_results(world["cohort"], first, {cadres[0]: "8.0", cadres[2]: "9.0"})
    lock_results(world["cohort"], second, {cadres[0]: "7.0"})
    client.force_login(coordinator)

    response = client.get("/co-quan/danh-gia.xlsx")

    rows = list(load_workbook(BytesIO(response.content)).active.values)
    assert rows[1][:4] == ("Mã học viên", "Họ và tên", "Cơ quan cử", "Lớp")
    assert [row[:2] for row in rows[2:]] == [
        ("K63A-001", "Nguyễn Văn An"),
        ("K63A-002", "Trần Thị Bình"),
    ]
    assert rows[2][5:8] == (
        "Triết học Mác - Lênin: 8,0; Xây dựng Đảng: 7,0",
        "7,6",
        "Khá",
    )
    assert rows[3][7] in (None, "")


@pytest.mark.django_db
def test_evaluation_pdf_names_the_cadre_and_classification(
    client, cadres, coordinator, world
):
    first, second = [t.module for t in world["topics"][::2]]
    lock_results(world["cohort"], first, {cadres[0]: "8.0"})
    lock_results(world["cohort"], second, {cadres[0]: "7.0"})
    client.force_login(coordinator)

    response = client.get(f"/co-quan/hoc-vien/{cadres[0].pk}/danh-gia.pdf")

    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(response.content)).pages
    )
    assert "Nguyễn Văn An" in text
    assert "Xếp loại: Khá" in text


@pytest.mark.django_db
def test_where_are_they_now_counts_by_kind(client, cadres, office, coordinator):
    for enrollment, kind in [
        (cadres[0], "appointment"),
        (cadres[1], "appointment"),
        (cadres[2], "rotation"),
    ]:
        Placement.objects.create(
            enrollment=enrollment,
            kind=kind,
            effective_on=datetime.date(2027, 10, 1),
            recorded_by=office,
        )
    client.force_login(office)

    counts = client.get("/co-quan/su-dung-can-bo/").context["counts"]

    assert [(kind, n) for kind, _label, n in counts] == [
        ("appointment", 2),
        ("reappointment", 0),
        ("rotation", 1),
        ("transfer", 0),
        ("planning", 0),
        ("unchanged", 0),
    ]
    client.force_login(coordinator)
    counts = client.get("/co-quan/su-dung-can-bo/").context["counts"]
    assert dict((kind, n) for kind, _label, n in counts)["rotation"] == 0
    export = client.get("/co-quan/su-dung-can-bo.xlsx")
    rows = list(load_workbook(BytesIO(export.content)).active.values)
    assert [row[2] for row in rows[2:]] == ["Nguyễn Văn An", "Trần Thị Bình"]


@pytest.mark.django_db
def test_grading_list_shows_only_taught_cohorts(
    client, cadres, office, teaching_lecturer, make_user
):
    ResearchTask.objects.create(
        enrollment=cadres[0], title="Đề tài", due_on=datetime.date(2027, 6, 30),
        assigned_by=office,
    )  # fmt: skip
    client.force_login(teaching_lecturer)
    assert [t.title for t in client.get("/co-quan/nghien-cuu/").context["page"]] == [
        "Đề tài"
    ]
    client.force_login(make_user("lecturer"))
    assert list(client.get("/co-quan/nghien-cuu/").context["page"]) == []


@pytest.mark.django_db
def test_a_cadres_page_counts_attendance_as_the_list_does(
    client, cadres, world, school, coordinator
):
    """The page's overall share counts the programme's sessions only (as the list
    and the evaluation do); its table shows every topic taught to the cohort."""
    from daotao.learning.models import Attendance
    from daotao.programs.tests.factories import TopicFactory
    from daotao.teaching.models import TeachingSession

    outside = TopicFactory(name="Chuyên đề ngoài chương trình")
    sessions = [
        TeachingSession.objects.create(
            school=school,
            term=world["term"],
            cohort=world["cohort"],
            topic=topic,
            index=index,
            date=datetime.date(2027, 3, index),
            half_day=0,
        )
        for index, topic in enumerate([world["topics"][0]] * 2 + [outside], start=1)
    ]
    an = cadres[0]
    for session, status in zip(sessions, ["present", "absent", "present"], strict=True):
        Attendance.objects.create(session=session, enrollment=an, status=status)
    client.force_login(coordinator)

    listed = client.get("/co-quan/").context["page"].object_list
    page = client.get(f"/co-quan/hoc-vien/{an.pk}/")

    assert [e.attendance_share for e in listed if e.pk == an.pk] == [Decimal("0.5")]
    assert page.context["enrollment"].attendance_share == Decimal("0.5")
    assert "Tham dự chung: 50 %" in page.content.decode()
    assert {t.name: share for t, share in page.context["attendance"]} == {
        world["topics"][0].name: Decimal("0.5"),
        "Chuyên đề ngoài chương trình": Decimal(1),
    }
