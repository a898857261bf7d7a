"""A term made by mistake is corrected or deleted while nothing uses it (no run of
the engine, no session); once it is used, both are refused and nothing changes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.teaching import services
from daotao.teaching.models import ScheduleRun, Term
from daotao.teaching.tests.factories import TeachingSessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def unused(world, office):
    """A term just made, holding the world's cohort; never scheduled."""
    return services.scheduling.term_create(
        actor=office,
        school_id=world["term"].school_id,
        name="Tháng 5/2072",
        starts_on=datetime.date(2027, 5, 3),
        ends_on=datetime.date(2027, 5, 28),
        cohorts=[world["cohort"]],
    )


def _state():
    return (
        list(Term.objects.order_by("pk").values_list("pk", "name", "starts_on")),
        sorted(Term.cohorts.through.objects.values_list("term_id", "cohort_id")),
        AuditEvent.objects.count(),
    )


def test_an_unused_term_is_corrected_with_its_history(unused, office, world):
    services.scheduling.term_update(
        actor=office,
        term=unused,
        name="Tháng 5/2027",
        starts_on=datetime.date(2027, 5, 4),
        ends_on=datetime.date(2027, 5, 28),
        cohorts=[],
    )
    unused.refresh_from_db()
    assert (unused.name, unused.starts_on, list(unused.cohorts.all())) == (
        "Tháng 5/2027",
        datetime.date(2027, 5, 4),
        [],
    )
    event = AuditEvent.objects.get(action="teaching.term_update")
    assert event.changes == {
        "name": ["Tháng 5/2072", "Tháng 5/2027"],
        "starts_on": ["2027-05-03", "2027-05-04"],
        "cohorts": [[world["cohort"].code], []],
    }


def test_an_unused_term_is_deleted_and_its_cohorts_released(unused, office, world):
    services.scheduling.term_delete(actor=office, term=unused)
    assert not Term.objects.filter(pk=unused.pk).exists()
    assert world["cohort"].terms.filter(pk=unused.pk).count() == 0
    event = AuditEvent.objects.get(action="teaching.term_delete")
    assert event.changes["name"] == ["Tháng 5/2072", None]
    assert event.changes["cohorts"] == [[world["cohort"].code], None]


def test_a_term_with_a_run_is_kept(unused, office):
    ScheduleRun.objects.create(
        school=unused.school, term=unused, created_by=office, status="failed"
    )
    before = _state()
    with pytest.raises(ValidationError, match="Không xóa được đợt “Tháng 5/2072”"):
        services.scheduling.term_delete(actor=office, term=unused)
    with pytest.raises(ValidationError, match="đã có 1 lần xếp lịch và 0 buổi học"):
        services.scheduling.term_update(
            actor=office,
            term=unused,
            name="Khác",
            starts_on=unused.starts_on,
            ends_on=unused.ends_on,
            cohorts=[],
        )
    assert _state() == before


def test_a_term_with_sessions_is_kept(world, office):
    term = world["term"]
    TeachingSessionFactory(term=term, cohort=world["cohort"])
    assert (term.sessions.count(), term.runs.count()) == (1, 0)
    before = _state()
    with pytest.raises(ValidationError, match="Chỉ xóa được đợt chưa xếp lịch"):
        services.scheduling.term_delete(actor=office, term=term)
    assert _state() == before


def test_only_the_training_office_deletes_terms(unused, make_user):
    before = _state()
    with pytest.raises(PermissionDenied):
        services.scheduling.term_delete(actor=make_user(Role.LEADERSHIP), term=unused)
    assert _state() == before


def test_the_term_pages_correct_and_delete(client, unused, office):
    client.force_login(office)
    detail = client.get(reverse("teaching:term-detail", args=[unused.pk]))
    url = reverse("teaching:term-update", args=[unused.pk])
    assert url in detail.content.decode()
    response = client.post(
        url,
        {"name": "Tháng 5/2027", "starts_on": "03/05/2027", "ends_on": "28/05/2027"},
    )
    assert response.status_code == 200  # the cohorts are required on the form
    response = client.post(
        url,
        {
            "name": "Tháng 5/2027",
            "starts_on": "03/05/2027",
            "ends_on": "28/05/2027",
            "cohorts": [c.pk for c in unused.cohorts.all()],
        },
    )
    assert response.url == reverse("teaching:term-detail", args=[unused.pk])
    assert Term.objects.get(pk=unused.pk).name == "Tháng 5/2027"
    response = client.post(reverse("teaching:term-delete", args=[unused.pk]))
    assert response.url == reverse("teaching:term-list")
    assert not Term.objects.filter(pk=unused.pk).exists()


def test_the_page_of_a_used_term_says_why_and_the_delete_changes_nothing(
    client, unused, office
):
    ScheduleRun.objects.create(
        school=unused.school, term=unused, created_by=office, status="failed"
    )
    client.force_login(office)
    page = client.get(reverse("teaching:term-update", args=[unused.pk]))
    assert "không sửa, xóa được" in page.content.decode()
    before = _state()
    response = client.post(
        reverse("teaching:term-delete", args=[unused.pk]), follow=True
    )
    assert "Chỉ xóa được đợt chưa xếp lịch" in response.content.decode()
    assert _state() == before
