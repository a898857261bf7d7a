"""Timetables of the published schedule: the week grid, who may see which, print
and XLSX of the same week."""

import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from daotao.core.access import Role
from daotao.enrolment.models import Enrollment, Nomination
from daotao.org.tests.factories import AgencyFactory, SchoolFactory
from daotao.people.tests.factories import PersonFactory
from daotao.teaching.models import TeachingSession
from daotao.teaching.selectors import timetables as selectors
from daotao.tests.support.school_world import FreshSchool

pytestmark = pytest.mark.django_db

THURSDAY = datetime.date(2027, 3, 4)
WEEK = "?tuan=2027-03-01"


def publish(world, *, cohort=None, topic=0, lecturer=0, room=0, **values):
    """A session of the published schedule in the world's term."""
    values.setdefault("date", THURSDAY)
    values.setdefault("half_day", TeachingSession.HalfDay.MORNING)
    cohort = cohort or world["cohort"]
    return TeachingSession.objects.create(
        school=cohort.school,
        term=world["term"],
        cohort=cohort,
        topic=world["topics"][topic],
        lecturer=world["lecturers"][lecturer],
        room=world["rooms"][room],
        **values,
    )


def other_cohort(world, code="K63B"):
    planned = world["cohort"].planned_class
    return FreshSchool(planned.school).cohort(
        planned.program_version,
        code=code,
        name=f"Trung cấp lý luận chính trị {code}",
        plan=planned.plan,
        site=planned.site,
        mode=planned.mode,
        planned_size=30,
        starts_on=planned.starts_on,
        ends_on=planned.ends_on,
    )


def learner_of(cohort, make_user):
    """A learner's account whose person is on the cohort's roster."""
    agency = AgencyFactory(school=cohort.school)
    person = PersonFactory(school=cohort.school, agency=agency)
    nomination = Nomination.objects.create(
        school=cohort.school,
        person=person,
        agency=agency,
        planned_class=cohort.planned_class,
        created_by=make_user(None),
        status="admitted",
    )
    Enrollment.objects.create(
        cohort=cohort,
        person=person,
        nomination=nomination,
        agency=agency,
        learner_code=f"{cohort.code}-001",
        position=1,
    )
    user = make_user(Role.LEARNER)
    user.person = person
    user.save(update_fields=["person"])
    return user


def lecturer_user(lecturer, make_user, role=Role.LECTURER):
    user = make_user(role)
    user.person = lecturer.person
    user.save(update_fields=["person"])
    return user


# --- The grid ------------------------------------------------------------------------


def test_week_grid_puts_each_session_in_its_day_and_half_day(world):
    thursday = publish(world)
    friday = publish(
        world, date=THURSDAY + datetime.timedelta(days=1), half_day=1, topic=1
    )
    publish(world, date=THURSDAY + datetime.timedelta(days=7))  # next week
    week = selectors.week_of("2027-03-03", today=THURSDAY)
    grid = selectors.week_grid(
        selectors.published_sessions().filter(cohort=world["cohort"]), week
    )
    assert week.monday == datetime.date(2027, 3, 1)
    assert [d.name for d in grid.days] == [
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
        "Chủ nhật",
    ]
    assert [row.label for row in grid.rows] == ["Sáng", "Chiều"]
    assert grid.rows[0].cells == [[], [], [], [thursday], [], [], []]
    assert grid.rows[1].cells == [[], [], [], [], [friday], [], []]


def test_draft_sessions_are_not_on_the_timetable(world, make_user):
    from daotao.teaching.models import ScheduleRun

    run = ScheduleRun.objects.create(
        school=world["cohort"].school, term=world["term"], created_by=make_user(None)
    )
    publish(world, run=run)
    assert not selectors.published_sessions().exists()


def test_malformed_week_falls_back_to_today():
    assert selectors.week_of("2027-13-40", today=THURSDAY).monday == datetime.date(
        2027, 3, 1
    )


def test_cohort_page_shows_the_week_with_navigation(client, world, make_user):
    session = publish(world)
    client.force_login(make_user(Role.TRAINING_OFFICE))
    url = reverse("teaching:cohort-timetable", args=[world["cohort"].pk])
    response = client.get(url + "?tuan=2027-03-04")
    html = response.content.decode()
    assert response.status_code == 200
    grid = response.context["grid"]
    assert grid.rows[0].cells[3] == [session]
    assert "Chủ nghĩa duy vật biện chứng" in html
    assert "Trần Thị Hà" in html
    assert "Phòng 201" in html
    assert "Giảng bài" in html
    assert f'href="{url}?tuan=2027-02-22"' in html  # previous week
    assert f'href="{url}?tuan=2027-03-08"' in html  # next week
    assert 'name="tuan" value="2027-03-01"' in html  # the date picker
    assert reverse("teaching:session-move", args=[session.pk]) in html


def test_schedule_viewers_do_not_see_the_move_link(client, world, make_user):
    session = publish(world)
    client.force_login(make_user(Role.SUPERVISOR))
    url = reverse("teaching:cohort-timetable", args=[world["cohort"].pk])
    html = client.get(url + WEEK).content.decode()
    assert "Trần Thị Hà" in html
    assert reverse("teaching:session-move", args=[session.pk]) not in html
    assert "Tạo liên kết" not in html


def test_lecturer_and_room_pages_show_their_own_sessions(client, world, make_user):
    k63b = other_cohort(world)
    publish(world)  # Hà, Phòng 201
    publish(world, cohort=k63b, lecturer=1, room=1)  # Nam, Phòng 202
    client.force_login(make_user(Role.TRAINING_OFFICE))
    lecturer = world["lecturers"][1]
    response = client.get(
        reverse("teaching:lecturer-timetable", args=[lecturer.pk]) + WEEK
    )
    assert [s.cohort.code for s in response.context["grid"].sessions] == ["K63B"]
    response = client.get(
        reverse("teaching:room-timetable", args=[world["rooms"][0].pk]) + WEEK
    )
    assert [s.cohort.code for s in response.context["grid"].sessions] == ["K63A"]


# --- Scope ---------------------------------------------------------------------------


def test_staff_of_another_school_get_404(client, world, make_user):
    stranger = make_user(Role.TRAINING_OFFICE, school=SchoolFactory())
    client.force_login(stranger)
    pk = world["cohort"].pk
    assert (
        client.get(reverse("teaching:cohort-timetable", args=[pk])).status_code == 404
    )
    lecturer_pk = world["lecturers"][0].pk
    url = reverse("teaching:lecturer-timetable", args=[lecturer_pk])
    assert client.get(url).status_code == 404
    room_url = reverse("teaching:room-timetable", args=[world["rooms"][0].pk])
    assert client.get(room_url).status_code == 404


def test_a_lecturer_cannot_open_staff_timetables(client, world, make_user):
    client.force_login(lecturer_user(world["lecturers"][0], make_user))
    other = world["lecturers"][1]
    url = reverse("teaching:lecturer-timetable", args=[other.pk])
    assert client.get(url).status_code == 403


def test_my_timetable_shows_only_the_lecturers_sessions(client, world, make_user):
    k63b = other_cohort(world)
    mine = publish(world)  # Hà teaches K63A
    publish(world, cohort=k63b, lecturer=1, room=1)  # Nam teaches K63B
    mine_too = publish(world, cohort=k63b, lecturer=0, room=1, half_day=1)
    client.force_login(lecturer_user(world["lecturers"][0], make_user))
    response = client.get(reverse("teaching:my-timetable") + WEEK)
    assert response.status_code == 200
    assert response.context["grid"].sessions == [mine, mine_too]
    assert "Lịch giảng của tôi — Trần Thị Hà" in response.content.decode()


def test_my_timetable_shows_the_learners_cohort(client, world, make_user):
    k63b = other_cohort(world)
    ours = publish(world)
    publish(world, cohort=k63b, lecturer=1, room=1)
    client.force_login(learner_of(world["cohort"], make_user))
    response = client.get(reverse("teaching:my-timetable") + WEEK)
    assert response.context["grid"].sessions == [ours]
    assert "Lịch học của lớp K63A" in response.content.decode()
    assert "Đổi lịch" not in response.content.decode()


def test_a_learner_cannot_open_another_cohorts_timetable(client, world, make_user):
    k63b = other_cohort(world)
    publish(world, cohort=k63b)
    client.force_login(learner_of(world["cohort"], make_user))
    mine = client.get(reverse("teaching:my-timetable") + f"?lop={world['cohort'].pk}")
    assert mine.status_code == 200
    response = client.get(reverse("teaching:my-timetable") + f"?lop={k63b.pk}")
    assert response.status_code == 404
    staff_url = reverse("teaching:cohort-timetable", args=[k63b.pk])
    assert client.get(staff_url).status_code == 403


def test_my_timetable_without_lecturer_or_enrolment_is_an_empty_state(
    client, world, make_user
):
    publish(world)
    client.force_login(make_user(Role.FACULTY_HEAD))
    response = client.get(reverse("teaching:my-timetable"))
    assert response.status_code == 200
    assert "chưa gắn với giảng viên hoặc học viên nào" in response.content.decode()
    assert "grid" not in response.context


# --- Print and XLSX ------------------------------------------------------------------


def test_print_view_has_the_grid_and_no_navigation(client, world, make_user):
    publish(world)
    client.force_login(make_user(Role.TRAINING_OFFICE))
    url = reverse("teaching:cohort-timetable", args=[world["cohort"].pk])
    html = client.get(url + WEEK + "&dang=in").content.decode()
    assert "THỜI KHÓA BIỂU" in html
    assert "Lớp K63A · tuần 01/03/2027 – 07/03/2027" in html
    assert "Chủ nghĩa duy vật biện chứng" in html
    assert 'class="mainnav"' not in html
    assert "Đổi lịch" not in html


def test_xlsx_holds_the_weeks_sessions(client, world, make_user):
    publish(world)
    publish(world, date=THURSDAY + datetime.timedelta(days=1), half_day=1, topic=2)
    publish(world, date=THURSDAY + datetime.timedelta(days=7))  # next week: left out
    client.force_login(make_user(Role.TRAINING_OFFICE))
    url = reverse("teaching:cohort-timetable", args=[world["cohort"].pk])
    response = client.get(url + WEEK + "&dang=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Lớp K63A (01.03.2027 – 07.03.2027)"
    assert rows[1] == [
        "Ngày",
        "Thứ",
        "Buổi",
        "Lớp",
        "Chuyên đề",
        "Hình thức",
        "Số tiết",
        "Giảng viên",
        "Phòng",
        "Địa điểm",
    ]
    assert [row[1:] for row in rows[2:]] == [
        [
            "Thứ Năm",
            "Sáng",
            "K63A",
            "Chủ nghĩa duy vật biện chứng",
            "Giảng bài",
            5,
            "Trần Thị Hà",
            "Phòng 201",
            "Cơ sở chính",
        ],
        [
            "Thứ Sáu",
            "Chiều",
            "K63A",
            "Công tác tổ chức, cán bộ",
            "Giảng bài",
            5,
            "Trần Thị Hà",
            "Phòng 201",
            "Cơ sở chính",
        ],
    ]
    assert rows[2][0].date() == THURSDAY


def test_page_queries_do_not_grow_with_sessions(
    client, world, make_user, django_assert_max_num_queries
):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    url = reverse("teaching:cohort-timetable", args=[world["cohort"].pk]) + WEEK
    publish(world)
    with django_assert_max_num_queries(14) as one:
        client.get(url)
    publish(world, half_day=1, lecturer=1, room=1)
    publish(world, date=datetime.date(2027, 3, 1), topic=1, lecturer=1, room=1)
    publish(world, date=datetime.date(2027, 3, 2), topic=2, lecturer=2, room=0)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(url)


def test_an_empty_week_links_to_the_nearest_week_with_sessions(
    client, world, make_user
):
    publish(world)
    client.force_login(make_user(Role.TRAINING_OFFICE))
    url = reverse("teaching:cohort-timetable", args=[world["cohort"].pk])
    html = client.get(url + "?tuan=2027-01-04").content.decode()
    assert f'href="{url}?tuan=2027-03-04"' in html
    assert "Xem tuần có buổi học gần nhất (04/03/2027)" in html
    html = client.get(url + "?tuan=2027-04-05").content.decode()
    assert f'href="{url}?tuan=2027-03-04"' in html


# --- From a session to its attendance grid ------------------------------------------


def test_a_taught_session_links_to_its_attendance_grid(client, world, make_user):
    import time_machine

    session = publish(world)
    grid = reverse("learning:attendance-grid", args=[session.pk])
    cohort_url = reverse("teaching:cohort-timetable", args=[world["cohort"].pk])
    office = make_user(Role.TRAINING_OFFICE)
    with time_machine.travel(datetime.datetime(2027, 3, 3, 9, 0), tick=False):
        client.force_login(office)
        assert grid not in client.get(cohort_url + WEEK).content.decode()
    with time_machine.travel(datetime.datetime(2027, 3, 4, 8, 0), tick=False):
        client.force_login(office)
        assert grid in client.get(cohort_url + WEEK).content.decode()
        client.force_login(lecturer_user(world["lecturers"][0], make_user))
        own = client.get(reverse("teaching:my-timetable") + WEEK).content.decode()
        assert grid in own
        client.force_login(make_user(Role.SUPERVISOR))
        assert grid not in client.get(cohort_url + WEEK).content.decode()


def test_the_week_reads_as_a_list_by_day_on_a_phone(client, world, make_user):
    """Issue 18: `?xem=danh-sach` shows only the list (days with sessions, morning
    first); without `xem` both are on the page and app.css shows the list at
    ≤ 720 px; `?xem=bang` only the grid."""
    afternoon = publish(world, half_day=TeachingSession.HalfDay.AFTERNOON)
    morning = publish(world, topic=1, lecturer=1, room=1)
    monday = publish(world, date=THURSDAY - datetime.timedelta(days=3))
    client.force_login(make_user(Role.TRAINING_OFFICE))
    url = reverse("teaching:cohort-timetable", args=[world["cohort"].pk])
    grid = client.get(url + WEEK).context["grid"]
    assert [(day.date, sessions) for day, sessions in grid.by_day] == [
        (monday.date, [monday]),
        (THURSDAY, [morning, afternoon]),
    ]
    listed = client.get(url + WEEK + "&xem=danh-sach").content.decode()
    assert '<div class="tt-grid-view is-hidden">' in listed
    assert '<div class="tt-list-view">' in listed
    assert "Thứ Năm · 04/03/2027" in listed
    assert "<strong>danh sách theo ngày</strong>" in listed
    assert 'href="?tuan=2027-03-01&amp;xem=bang"' in listed
    both = client.get(url + WEEK).content.decode()
    assert '<div class="tt-grid-view tt-auto">' in both
    assert '<div class="tt-list-view tt-auto">' in both
    table = client.get(url + WEEK + "&xem=bang").content.decode()
    assert '<div class="tt-list-view is-hidden">' in table
