"""Learning pages: the grid, QR check-in, the portal, the class page, feedback."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from daotao.learning import services
from daotao.learning.models import Attendance, LeaveRequest

LATER = datetime.datetime(2027, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _grid_url(session, suffix=""):
    return f"/hoc-vien/buoi-hoc/{session.pk}/diem-danh/{suffix}"


@pytest.mark.django_db
def test_grid_defaults_to_present_and_posts_every_learner(client, klass):
    session, enrollments = klass["session"], klass["enrollments"]
    client.force_login(klass["teacher"])
    page = client.get(_grid_url(session)).content.decode()
    assert page.count('value="present" aria-label') == 6
    assert page.count(" checked") == 6

    payload = {f"hv-{e.pk}": "present" for e in enrollments}
    payload[f"hv-{enrollments[1].pk}"] = "absent"
    response = client.post(_grid_url(session, "ghi/"), payload)

    assert response.status_code == 302
    statuses = dict(Attendance.objects.values_list("enrollment_id", "status"))
    assert statuses == {e.pk: ("absent" if e == enrollments[1] else "present")
                        for e in enrollments}  # fmt: skip


@pytest.mark.django_db
def test_each_status_carries_its_visible_word_for_the_phone_layout(client, klass):
    """Issue 18: at 390 px the grid is one card per learner (app.css), so each
    choice shows its status in words beside the radio, not only in the header."""
    session = klass["session"]
    client.force_login(klass["teacher"])
    page = client.get(_grid_url(session)).content.decode()
    assert '<table class="attendance-grid">' in page
    assert page.count('<span class="att-label" aria-hidden="true">Có mặt</span>') == 6


@pytest.mark.django_db
def test_saving_an_unchanged_grid_says_so_as_information(client, klass):
    session, enrollments = klass["session"], klass["enrollments"]
    client.force_login(klass["teacher"])
    payload = {f"hv-{e.pk}": "present" for e in enrollments}
    client.post(_grid_url(session, "ghi/"), payload)
    again = client.post(_grid_url(session, "ghi/"), payload, follow=True)
    assert (
        '<li class="message info"><strong class="message-level">Thông tin:</strong> '
        "Điểm danh không thay đổi; không có gì để ghi.</li>"
    ) in again.content.decode()


@pytest.mark.django_db
def test_a_lecturer_not_teaching_the_session_does_not_reach_its_grid(client, klass):
    """A lecturer reads only their own cohorts' sessions: another one is 404."""
    session, an = klass["session"], klass["enrollments"][0]
    client.force_login(klass["other_lecturer"])
    assert client.get(_grid_url(session)).status_code == 404

    response = client.post(_grid_url(session, "ghi/"), {f"hv-{an.pk}": "absent"})
    assert response.status_code == 404
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_learner_may_not_see_or_post_the_grid(client, klass):
    client.force_login(klass["learners"][0])
    assert client.get(_grid_url(klass["session"])).status_code == 403
    assert client.post(_grid_url(klass["session"], "ghi/"), {}).status_code == 403
    assert Attendance.objects.count() == 0


@pytest.mark.django_db
def test_qr_screen_shows_an_inline_svg_and_the_learner_checks_in(client, klass):
    session = klass["session"]
    moment = datetime.datetime(2027, 3, 1, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with time_machine.travel(moment, tick=False):
        client.force_login(klass["teacher"])
        client.post(f"/hoc-vien/buoi-hoc/{session.pk}/ma-qr/mo/", {"minutes": 15})
        page = client.get(f"/hoc-vien/buoi-hoc/{session.pk}/ma-qr/").content.decode()
        assert "<svg" in page and "08:15" in page
        token = session.check_in_codes.get().token

        client.force_login(klass["learners"][0])
        url = f"/hoc-vien/diem-danh/{token}/"
        assert "Tôi có mặt" in client.get(url).content.decode()
        assert "Đã ghi bạn có mặt." in client.post(url).content.decode()
        again = client.post(url).content.decode()
    assert "Bạn đã điểm danh buổi này rồi." in again
    assert Attendance.objects.get().method == "qr"


@pytest.mark.django_db
def test_check_in_needs_login(client, klass):
    response = client.get("/hoc-vien/diem-danh/abc/")
    assert (response.status_code, response.url) == (
        302,
        "/dang-nhap/?next=/hoc-vien/diem-danh/abc/",
    )


@pytest.mark.django_db
def test_portal_shows_own_records_only(client, klass):
    an, binh = klass["enrollments"][:2]
    services.attendance_record_many(
        actor=klass["teacher"],
        session=klass["session"],
        statuses={an.pk: "late", binh.pk: "absent"},
    )
    client.force_login(klass["learners"][0])
    page = client.get("/hoc-vien/").content.decode()
    assert an.learner_code in page and binh.learner_code not in page
    # The topic row and the total: 1 session; present, late, excused, absent,
    # not recorded.
    row = "<td>1</td><td>0</td><td>1</td><td>0</td><td>0</td><td>0</td>"
    assert page.count(row) == 2


@pytest.mark.django_db
def test_another_learners_cohort_or_session_is_404(client, klass):
    client.force_login(klass["outsider"])
    assert client.get(f"/hoc-vien/?lop={klass['cohort'].pk}").status_code == 404
    with time_machine.travel(LATER, tick=False):
        client.force_login(klass["outsider"])
        response = client.post(
            f"/hoc-vien/phan-hoi/buoi/{klass['session'].pk}/gui/",
            {f"s{klass['session'].pk}-{k}": 5 for k in ("content", "method")},
        )
    assert response.status_code == 404


@pytest.mark.django_db
def test_learner_submits_leave_and_feedback_from_the_portal(client, klass):
    session = klass["session"]
    client.force_login(klass["learners"][0])
    response = client.post(
        "/hoc-vien/don-nghi/gui/",
        {"starts_on": "01/03/2027", "ends_on": "02/03/2027", "reason": "Ốm"},
    )
    assert response.status_code == 302
    leave = LeaveRequest.objects.get()
    assert (leave.enrollment, leave.status) == (klass["enrollments"][0], "pending")

    with time_machine.travel(LATER, tick=False):
        client.force_login(klass["learners"][0])
        assert "Gửi phản hồi" in client.get("/hoc-vien/").content.decode()
        ratings = {f"s{session.pk}-{k}": 4 for k in ("content", "method", "practice")}
        client.post(f"/hoc-vien/phan-hoi/buoi/{session.pk}/gui/", ratings)
        page = client.get("/hoc-vien/").content.decode()
    assert "Không có buổi học nào chờ phản hồi." in page


@pytest.mark.django_db
def test_class_page_and_leave_decision_by_the_homeroom_lecturer(client, klass):
    leave = services.leave_request_submit(
        actor=klass["learners"][0],
        enrollment=klass["enrollments"][0],
        starts_on=datetime.date(2027, 3, 3),
        ends_on=datetime.date(2027, 3, 3),
        reason="Ốm",
    )
    client.force_login(klass["other_homeroom"])
    assert (
        "Bạn chưa chủ nhiệm lớp nào."
        in client.get("/hoc-vien/lop-chu-nhiem/").content.decode()
    )
    assert (
        client.get(f"/hoc-vien/lop-chu-nhiem/?lop={klass['cohort'].pk}").status_code
        == 404
    )
    url = f"/hoc-vien/don-nghi/{leave.pk}/duyet/"
    assert client.post(url, {"approve": "1"}).status_code == 404
    leave.refresh_from_db()
    assert leave.status == "pending"

    client.force_login(klass["homeroom"])
    assert "Ốm" in client.get("/hoc-vien/lop-chu-nhiem/").content.decode()
    assert client.post(url, {"approve": "1", "note": "Đồng ý"}).status_code == 302
    leave.refresh_from_db()
    assert (leave.status, leave.decision_note) == ("approved", "Đồng ý")


@pytest.mark.django_db
def test_feedback_pages_hide_small_groups(client, klass, world, make_user):
    with time_machine.travel(LATER, tick=False):
        for user in klass["learners"][:3]:
            services.feedback_submit(
                actor=user,
                session=klass["session"],
                ratings={"content": 5, "method": 5, "practice": 5},
            )
    client.force_login(klass["teacher"])
    page = client.get("/hoc-vien/phan-hoi/").content.decode()
    assert "chưa đủ 5 phiếu" in page and "5,00" not in page

    client.force_login(make_user("training_office"))
    lecturer = world["lecturers"][0]
    staff = client.get(f"/hoc-vien/phan-hoi/giang-vien/{lecturer.pk}/")
    assert "chưa đủ 5 phiếu" in staff.content.decode()
    client.force_login(klass["learners"][0])
    assert client.get("/hoc-vien/phan-hoi/").status_code == 403
