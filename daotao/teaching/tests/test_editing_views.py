"""The move form on the cohort timetable and its live (HTMX) conflict check."""

import datetime

import pytest
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.teaching.models import TeachingSession
from daotao.teaching.tests.test_timetables_views import other_cohort

pytestmark = pytest.mark.django_db

THURSDAY = datetime.date(2027, 3, 4)
FRIDAY = datetime.date(2027, 3, 5)


@pytest.fixture
def session(world):
    return TeachingSession.objects.create(
        school=world["cohort"].school,
        term=world["term"],
        cohort=world["cohort"],
        topic=world["topics"][0],
        lecturer=world["lecturers"][0],
        room=world["rooms"][0],
        date=THURSDAY,
        half_day=0,
    )


@pytest.fixture
def busy_friday(world):
    """Hà teaches K63B on Friday morning."""
    return TeachingSession.objects.create(
        school=world["cohort"].school,
        term=world["term"],
        cohort=other_cohort(world),
        topic=world["topics"][0],
        lecturer=world["lecturers"][0],
        room=world["rooms"][1],
        date=FRIDAY,
        half_day=0,
    )


def payload(session, **changes):
    values = {
        "date": "2027-03-05",
        "half_day": "0",
        "lecturer": str(session.lecturer_id),
        "room": str(session.room_id),
        "version": str(session.version),
    }
    values.update(changes)
    return values


def saved(session):
    session.refresh_from_db()
    return (session.date, session.half_day, session.version, AuditEvent.objects.count())


def test_the_form_posts_changes_to_the_live_check(client, session, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    html = client.get(reverse("teaching:session-move", args=[session.pk])).content
    html = html.decode()
    check = reverse("teaching:session-check", args=[session.pk])
    assert f'hx-post="{check}"' in html
    assert 'hx-trigger="change"' in html
    assert 'hx-target="#move-conflicts"' in html
    assert "<script>" not in html  # no inline script (CSP)
    assert 'value="2027-03-04"' in html


def test_the_live_check_lists_the_conflicts(client, session, busy_friday, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    before = saved(session)
    response = client.post(
        reverse("teaching:session-check", args=[session.pk]),
        payload(session),
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["conflicts"] == [
        "Giảng viên Trần Thị Hà đã có buổi dạy lớp K63B sáng 05/03/2027"
    ]
    assert "Giảng viên Trần Thị Hà đã có buổi dạy lớp K63B sáng 05/03/2027" in html
    assert "<html" not in html  # a fragment
    assert saved(session) == before


def test_the_live_check_says_when_the_move_is_clean(client, session, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.post(
        reverse("teaching:session-check", args=[session.pk]), payload(session)
    )
    assert response.context["conflicts"] == []
    assert "Không có xung đột" in response.content.decode()


def test_saving_a_conflicting_move_is_refused(client, session, busy_friday, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    before = saved(session)
    response = client.post(
        reverse("teaching:session-move", args=[session.pk]), payload(session)
    )
    assert response.status_code == 200
    assert "Giảng viên Trần Thị Hà đã có buổi dạy lớp K63B sáng 05/03/2027" in (
        response.content.decode()
    )
    assert saved(session) == before


def test_saving_a_clean_move_returns_to_the_week(client, session, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.post(
        reverse("teaching:session-move", args=[session.pk]),
        payload(session, half_day="1"),
    )
    url = reverse("teaching:cohort-timetable", args=[session.cohort_id])
    assert response["Location"] == f"{url}?tuan=2027-03-05"
    session.refresh_from_db()
    assert (session.date, session.half_day, session.is_fixed, session.version) == (
        FRIDAY,
        1,
        True,
        2,
    )


def test_a_stale_form_is_refused(client, session, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    before = saved(session)
    response = client.post(
        reverse("teaching:session-move", args=[session.pk]),
        payload(session, version="0"),
    )
    assert "Buổi học vừa được người khác đổi lịch" in response.content.decode()
    assert saved(session) == before


@pytest.mark.parametrize("role", [Role.SUPERVISOR, Role.FACULTY_HEAD, Role.LECTURER])
def test_only_the_training_office_moves_and_checks(client, session, make_user, role):
    client.force_login(make_user(role))
    before = saved(session)
    for name in ("teaching:session-move", "teaching:session-check"):
        response = client.post(reverse(name, args=[session.pk]), payload(session))
        assert response.status_code == 403
    assert saved(session) == before


def test_the_check_answers_post_only(client, session, make_user):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.get(reverse("teaching:session-check", args=[session.pk]))
    assert response.status_code == 405
