"""iCalendar feeds: the RFC 5545 text, the secret link and its revocation."""

import datetime

import pytest
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.teaching import ical
from daotao.teaching.models import CalendarFeed, TeachingSession
from daotao.teaching.services.feeds import calendar_feed_create

THURSDAY = datetime.date(2027, 3, 4)


def publish(world, **values):
    values.setdefault("date", THURSDAY)
    values.setdefault("half_day", TeachingSession.HalfDay.MORNING)
    values.setdefault("topic", world["topics"][0])
    values.setdefault("lecturer", world["lecturers"][0])
    values.setdefault("room", world["rooms"][0])
    return TeachingSession.objects.create(
        school=world["cohort"].school,
        term=world["term"],
        cohort=world["cohort"],
        **values,
    )


def unfold(text):
    return text.replace("\r\n ", "")


# --- The text ------------------------------------------------------------------------


def test_text_values_escape_commas_semicolons_backslashes_and_newlines():
    assert ical.escape_text("Phòng 201, Cơ sở chính; tầng 2\\3\nghi chú") == (
        "Phòng 201\\, Cơ sở chính\\; tầng 2\\\\3\\nghi chú"
    )


def test_long_lines_fold_at_75_octets_without_splitting_a_character():
    line = "SUMMARY:" + "Chủ nghĩa duy vật biện chứng và chủ nghĩa duy vật lịch sử" * 2
    folded = ical.fold_line(line)
    parts = folded.split("\r\n")
    # "ị" takes 3 octets and does not fit after 74, so the first line ends there.
    assert parts == [
        "SUMMARY:Chủ nghĩa duy vật biện chứng và chủ nghĩa duy vật l",
        " ịch sửChủ nghĩa duy vật biện chứng và chủ nghĩa duy vật",
        "  lịch sử",
    ]
    assert [len(part.encode()) for part in parts] == [74, 75, 13]
    assert all(part.startswith(" ") for part in parts[1:])
    assert folded.replace("\r\n ", "") == line
    assert ical.fold_line("SUMMARY:ngắn") == "SUMMARY:ngắn"


def test_a_line_of_exactly_75_octets_is_not_folded():
    line = "X" * 75
    assert ical.fold_line(line) == line
    assert ical.fold_line(line + "ệ") == line + "\r\n ệ"


def test_half_days_follow_the_schools_hours():
    assert ical.half_day_span(THURSDAY, 0) == (
        datetime.datetime(2027, 3, 4, 7, 30),
        datetime.datetime(2027, 3, 4, 11, 0),
    )
    assert ical.half_day_span(THURSDAY, 1) == (
        datetime.datetime(2027, 3, 4, 13, 30),
        datetime.datetime(2027, 3, 4, 17, 0),
    )


# --- The feed ------------------------------------------------------------------------


@pytest.mark.django_db
def test_cohort_feed_serves_each_session_as_an_event(client, world, make_user):
    session = publish(world)
    feed = calendar_feed_create(
        actor=make_user(Role.TRAINING_OFFICE), cohort=world["cohort"]
    )
    response = client.get(reverse("teaching:calendar-feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    lines = unfold(text).split("\r\n")
    assert "TZID:Asia/Ho_Chi_Minh" in lines
    assert lines.count("BEGIN:VEVENT") == 1
    assert f"UID:teaching-session-{session.pk}@testserver" in lines
    assert "DTSTART;TZID=Asia/Ho_Chi_Minh:20270304T073000" in lines
    assert "DTEND;TZID=Asia/Ho_Chi_Minh:20270304T110000" in lines
    assert "SUMMARY:Chủ nghĩa duy vật biện chứng — K63A" in lines
    assert "LOCATION:Phòng 201\\, Cơ sở chính" in lines
    assert (
        "DESCRIPTION:Hình thức: Giảng bài\\nSố tiết: 5\\nGiảng viên: Trần Thị Hà"
        in lines
    )
    assert "SEQUENCE:0" in lines


@pytest.mark.django_db
def test_a_long_vietnamese_summary_is_folded(client, world, make_user):
    topic = world["topics"][2]
    topic.name = (
        "Công tác tổ chức, cán bộ và bảo vệ chính trị nội bộ; "
        "xây dựng đội ngũ cán bộ các cấp"
    )
    topic.save()
    publish(world, topic=topic)
    feed = calendar_feed_create(
        actor=make_user(Role.TRAINING_OFFICE), cohort=world["cohort"]
    )
    text = client.get(reverse("teaching:calendar-feed", args=[feed.token])).content
    lines = text.decode().split("\r\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("SUMMARY:"))
    assert lines[start : start + 3] == [
        "SUMMARY:Công tác tổ chức\\, cán bộ và bảo vệ chính trị nộ",
        " i bộ\\; xây dựng đội ngũ cán bộ các cấp — K63A",
        "LOCATION:Phòng 201\\, Cơ sở chính",
    ]
    assert len(lines[start].encode()) == 75


@pytest.mark.django_db
def test_lecturer_feed_holds_only_their_sessions(client, world, make_user):
    mine = publish(world)
    publish(world, half_day=1, lecturer=world["lecturers"][1])
    feed = calendar_feed_create(
        actor=make_user(Role.TRAINING_OFFICE), lecturer=world["lecturers"][0]
    )
    text = unfold(
        client.get(
            reverse("teaching:calendar-feed", args=[feed.token])
        ).content.decode()
    )
    assert text.count("BEGIN:VEVENT") == 1
    assert f"UID:teaching-session-{mine.pk}@testserver" in text
    assert "X-WR-CALNAME:Lịch giảng — Trần Thị Hà" in text


@pytest.mark.django_db
def test_unknown_and_revoked_tokens_answer_404(client, world, make_user):
    office = make_user(Role.TRAINING_OFFICE)
    old = calendar_feed_create(actor=office, cohort=world["cohort"])
    new = calendar_feed_create(actor=office, cohort=world["cohort"])
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert len(new.token) >= 43  # 32 random bytes, URL-safe base64
    assert (
        client.get(reverse("teaching:calendar-feed", args=[old.token])).status_code
        == 404
    )
    unknown = reverse("teaching:calendar-feed", args=["khong-co"])
    assert client.get(unknown).status_code == 404
    assert (
        client.get(reverse("teaching:calendar-feed", args=[new.token])).status_code
        == 200
    )


# --- Making and revoking links -------------------------------------------------------


@pytest.mark.django_db
def test_lecturer_makes_and_revokes_their_own_link(client, world, make_user):
    lecturer = world["lecturers"][0]
    user = make_user(Role.LECTURER)
    user.person = lecturer.person
    user.save(update_fields=["person"])
    client.force_login(user)
    response = client.post(reverse("teaching:my-feed-create"))
    assert response.status_code == 302
    feed = CalendarFeed.objects.get()
    assert (feed.lecturer, feed.cohort, feed.created_by) == (lecturer, None, user)
    page = client.get(reverse("teaching:my-timetable")).content.decode()
    assert f"http://testserver/giang-day/lich/{feed.token}.ics" in page
    assert "Thu hồi" in page
    client.post(reverse("teaching:my-feed-revoke"))
    feed.refresh_from_db()
    assert feed.revoked_at is not None
    assert list(
        AuditEvent.objects.filter(object_id=str(feed.pk)).values_list(
            "action", flat=True
        )
    ) == ["teaching.calendar_feed_create", "teaching.calendar_feed_revoke"]


@pytest.mark.django_db
def test_training_office_manages_cohort_links(client, world, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    pk = world["cohort"].pk
    client.post(reverse("teaching:cohort-feed-create", args=[pk]))
    feed = CalendarFeed.objects.get(cohort=world["cohort"])
    page = client.get(reverse("teaching:cohort-timetable", args=[pk])).content
    assert feed.token in page.decode()
    response = client.post(reverse("teaching:feed-revoke", args=[feed.pk]))
    assert response["Location"] == reverse("teaching:cohort-timetable", args=[pk])
    feed.refresh_from_db()
    assert feed.revoked_at is not None


@pytest.mark.django_db
def test_others_may_not_make_or_revoke_links(client, world, make_user):
    office = make_user(Role.TRAINING_OFFICE)
    feed = calendar_feed_create(actor=office, lecturer=world["lecturers"][1])
    client.force_login(make_user(Role.SUPERVISOR))
    pk = world["cohort"].pk
    assert (
        client.post(reverse("teaching:cohort-feed-create", args=[pk])).status_code
        == 403
    )
    assert (
        client.post(reverse("teaching:feed-revoke", args=[feed.pk])).status_code == 403
    )
    someone = make_user(Role.LECTURER)
    someone.person = world["lecturers"][0].person
    someone.save(update_fields=["person"])
    client.force_login(someone)
    client.post(reverse("teaching:my-feed-revoke"))  # revokes only their own (none)
    assert (
        client.post(reverse("teaching:feed-revoke", args=[feed.pk])).status_code == 403
    )
    feed.refresh_from_db()
    assert feed.revoked_at is None
    assert CalendarFeed.objects.count() == 1


@pytest.mark.django_db
def test_learners_see_their_cohorts_link_but_cannot_change_it(client, world, make_user):
    from daotao.teaching.tests.test_timetables_views import learner_of

    feed = calendar_feed_create(
        actor=make_user(Role.TRAINING_OFFICE), cohort=world["cohort"]
    )
    client.force_login(learner_of(world["cohort"], make_user))
    page = client.get(reverse("teaching:my-timetable")).content.decode()
    assert feed.token in page
    assert "Thu hồi" not in page
    assert client.post(reverse("teaching:my-feed-create")).status_code == 302
    assert CalendarFeed.objects.count() == 1


@pytest.mark.django_db
def test_making_a_link_returns_to_the_same_week(client, world, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    pk = world["cohort"].pk
    url = reverse("teaching:cohort-timetable", args=[pk])
    response = client.post(
        reverse("teaching:cohort-feed-create", args=[pk]), {"tuan": "2027-03-01"}
    )
    assert response["Location"] == f"{url}?tuan=2027-03-01"
    response = client.post(
        reverse("teaching:cohort-feed-create", args=[pk]), {"tuan": "//evil"}
    )
    assert response["Location"] == url
