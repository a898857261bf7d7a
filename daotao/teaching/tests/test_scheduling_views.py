"""Scheduling pages: who may read and act, and what refused requests leave behind."""

import pytest
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.teaching.models import ScheduleRun, TeachingSession, Term

pytestmark = pytest.mark.django_db
Status = ScheduleRun.Status


@pytest.fixture
def office(client, make_user):
    user = make_user(Role.TRAINING_OFFICE)
    client.force_login(user)
    return user


def login(client, make_user, role):
    user = make_user(role)
    client.force_login(user)
    return user


def schedule(client, term, capture):
    url = reverse("teaching:term-schedule", args=[term.pk])
    with capture(execute=True):
        return client.post(url, {"time_limit_seconds": 10})


def test_term_list_shows_terms_and_creates_one(client, office, world):
    url = reverse("teaching:term-list")
    page = client.get(url).content.decode()
    assert "Tháng 3/2027" in page and "Tạo đợt xếp lịch" in page
    response = client.post(
        url,
        {
            "name": "Tháng 4/2027",
            "starts_on": "05/04/2027",
            "ends_on": "30/04/2027",
            "cohorts": [world["cohort"].pk],
        },
    )
    term = Term.objects.get(name="Tháng 4/2027")
    assert response.url == reverse("teaching:term-detail", args=[term.pk])
    assert (term.school, str(term.starts_on), list(term.cohorts.all())) == (
        world["term"].school,
        "2027-04-05",
        [world["cohort"]],
    )
    assert AuditEvent.objects.filter(
        action="teaching.term_create", actor=office
    ).exists()


def test_term_form_refuses_dates_out_of_order(client, office, world):
    response = client.post(
        reverse("teaching:term-list"),
        {
            "name": "Sai ngày",
            "starts_on": "30/04/2027",
            "ends_on": "05/04/2027",
            "cohorts": [world["cohort"].pk],
        },
    )
    assert response.status_code == 200
    assert "Ngày kết thúc phải sau ngày bắt đầu." in response.content.decode()
    assert not Term.objects.filter(name="Sai ngày").exists()


def test_a_reader_sees_terms_but_may_not_create_one(client, make_user, world):
    login(client, make_user, Role.FACULTY_HEAD)
    page = client.get(reverse("teaching:term-list")).content.decode()
    assert "Tháng 3/2027" in page and "Tạo đợt xếp lịch" not in page
    response = client.post(
        reverse("teaching:term-list"),
        {"name": "X", "starts_on": "05/04/2027", "ends_on": "30/04/2027"},
    )
    assert response.status_code == 403
    assert Term.objects.count() == 1


@pytest.mark.parametrize("role", [Role.LECTURER, Role.LEARNER, Role.COMMUNICATIONS])
def test_roles_without_the_permission_get_403(client, make_user, world, role):
    login(client, make_user, role)
    term = world["term"]
    run = ScheduleRun.objects.create(
        school=term.school, term=term, created_by=make_user(Role.TRAINING_OFFICE)
    )
    for url in (
        reverse("teaching:term-list"),
        reverse("teaching:term-detail", args=[term.pk]),
        reverse("teaching:run-detail", args=[run.pk]),
    ):
        assert client.get(url).status_code == 403, url


def test_schedule_button_runs_the_engine_and_shows_the_draft(
    client, office, world, django_capture_on_commit_callbacks
):
    term = world["term"]
    detail = client.get(reverse("teaching:term-detail", args=[term.pk]))
    assert "Xếp lịch" in detail.content.decode()
    response = schedule(client, term, django_capture_on_commit_callbacks)
    run = ScheduleRun.objects.get()
    assert response.url == reverse("teaching:run-detail", args=[run.pk])
    assert run.status == Status.DONE
    page = client.get(response.url).content.decode()
    assert f"Điểm phạt mềm: {run.penalty}" in page
    assert "K63A: thêm 7 · bỏ 0 · đổi 0" in page
    assert "Công bố" in page
    assert 'hx-trigger="every 2s"' not in page  # no progress poll once done


def test_run_page_polls_while_running_then_reloads(client, office, world):
    term = world["term"]
    run = ScheduleRun.objects.create(
        school=term.school, term=term, created_by=office, status=Status.RUNNING
    )
    run.progress = 40
    run.save()
    url = reverse("teaching:run-detail", args=[run.pk])
    page = client.get(url).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="40"' in page
    fragment = client.get(url, headers={"HX-Request": "true"})
    assert fragment.content.decode().startswith('<div id="run-progress"')
    run.status = Status.FAILED
    run.explanation = "Không có giảng viên nào dạy được chuyên đề A.\nDòng hai."
    run.save()
    done = client.get(url, headers={"HX-Request": "true"})
    assert done.headers["HX-Refresh"] == "true"
    page = client.get(url).content.decode()
    assert "<li>Không có giảng viên nào dạy được chuyên đề A.</li>" in page
    assert 'hx-trigger="every 2s"' not in page  # no progress poll once done


def test_publish_button_publishes_the_draft(
    client, office, world, django_capture_on_commit_callbacks
):
    schedule(client, world["term"], django_capture_on_commit_callbacks)
    run = ScheduleRun.objects.get()
    response = client.post(
        reverse("teaching:run-publish", args=[run.pk]), {"confirm": "yes"}
    )
    assert response.url == reverse("teaching:run-detail", args=[run.pk])
    run.refresh_from_db()
    assert run.status == Status.PUBLISHED
    assert TeachingSession.objects.filter(run=None).count() == 7
    page = client.get(response.url).content.decode()
    assert "Đã công bố lịch giảng của đợt." in page


def test_publishing_without_the_confirmation_box_changes_nothing(
    client, office, world, django_capture_on_commit_callbacks
):
    schedule(client, world["term"], django_capture_on_commit_callbacks)
    run = ScheduleRun.objects.get()
    sessions = TeachingSession.objects.filter(run=None).count()
    response = client.post(reverse("teaching:run-publish", args=[run.pk]))
    assert response.url == reverse("teaching:run-detail", args=[run.pk])
    run.refresh_from_db()
    assert run.status == Status.DONE
    assert TeachingSession.objects.filter(run=None).count() == sessions
    assert "Chưa xác nhận" in client.get(response.url).content.decode()


@pytest.mark.parametrize("role", [Role.FACULTY_HEAD, Role.LEADERSHIP, Role.SUPERVISOR])
def test_readers_may_not_run_or_publish(
    client, make_user, world, django_capture_on_commit_callbacks, role
):
    term = world["term"]
    office = make_user(Role.TRAINING_OFFICE)
    client.force_login(office)
    schedule(client, term, django_capture_on_commit_callbacks)
    run = ScheduleRun.objects.get()
    login(client, make_user, role)
    assert client.get(reverse("teaching:run-detail", args=[run.pk])).status_code == 200
    assert schedule(client, term, django_capture_on_commit_callbacks).status_code == 403
    publish = client.post(
        reverse("teaching:run-publish", args=[run.pk]), {"confirm": "yes"}
    )
    assert publish.status_code == 403
    run.refresh_from_db()
    assert (ScheduleRun.objects.count(), run.status) == (1, Status.DONE)
    assert not TeachingSession.objects.filter(run=None).exists()


def test_out_of_scope_term_and_run_answer_404(client, office, world):
    from daotao.org.tests.factories import SchoolFactory

    other = Term.objects.create(
        school=SchoolFactory(),
        name="Trường khác",
        starts_on=world["term"].starts_on,
        ends_on=world["term"].ends_on,
    )
    run = ScheduleRun.objects.create(school=other.school, term=other, created_by=office)
    assert (
        client.get(reverse("teaching:term-detail", args=[other.pk])).status_code == 404
    )
    assert client.get(reverse("teaching:run-detail", args=[run.pk])).status_code == 404
    response = client.post(
        reverse("teaching:run-publish", args=[run.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 404
    assert (
        "Trường khác" not in client.get(reverse("teaching:term-list")).content.decode()
    )


def test_opening_the_run_page_fails_a_run_whose_worker_stopped(client, office, world):
    import datetime

    from django.utils import timezone

    term = world["term"]
    silent = timezone.now() - datetime.timedelta(minutes=4)
    run = ScheduleRun.objects.create(
        school=term.school,
        term=term,
        created_by=office,
        status=Status.RUNNING,
        progress=12,
        started_at=silent,
        heartbeat_at=silent,
    )
    url = reverse("teaching:run-detail", args=[run.pk])
    poll = client.get(url, headers={"HX-Request": "true"})
    assert poll.headers["HX-Refresh"] == "true"
    run.refresh_from_db()
    assert run.status == Status.FAILED
    page = client.get(url).content.decode()
    assert "Tiến trình nền đã dừng giữa chừng" in page and "ở 12%" in page


def test_opening_the_term_page_fails_its_dead_runs(client, office, world):
    import datetime

    from django.utils import timezone

    term = world["term"]
    silent = timezone.now() - datetime.timedelta(minutes=6)
    run = ScheduleRun.objects.create(
        school=term.school,
        term=term,
        created_by=office,
        status=Status.RUNNING,
        started_at=silent,
        heartbeat_at=silent,
    )
    client.get(reverse("teaching:term-detail", args=[term.pk]))
    run.refresh_from_db()
    assert run.status == Status.FAILED
