"""Ways into the teaching pages: the term list links to the calendar data, the
lecturer page to that lecturer's timetable and ledger, each only for roles that
may open them."""

import pytest
from django.urls import reverse

from daotao.core.access import PERMISSIONS, Role
from daotao.faculty.tests.factories import LecturerFactory

pytestmark = pytest.mark.django_db


def test_term_list_links_to_the_calendar_pages(client, make_user):
    client.force_login(make_user(Role.LEADERSHIP))
    page = client.get(reverse("teaching:term-list")).content.decode()
    assert f'href="{reverse("teaching:holiday-list")}"' in page
    assert f'href="{reverse("teaching:site-travel-list")}"' in page


@pytest.mark.parametrize("role", sorted(PERMISSIONS["faculty.view_lecturer"]), ids=str)
def test_lecturer_page_links_to_timetable_and_ledger(client, make_user, school, role):
    lecturer = LecturerFactory(school=school)
    client.force_login(make_user(role))
    response = client.get(reverse("faculty:lecturer-detail", args=[lecturer.pk]))
    page = response.content.decode()
    timetable = reverse("teaching:lecturer-timetable", args=[lecturer.pk])
    ledger = reverse("ledger:ledger-lecturer", args=[lecturer.pk])
    assert (f'href="{timetable}"' in page) == (
        role in PERMISSIONS["teaching.view_schedule"]
    )
    assert (f'href="{ledger}"' in page) == (role in PERMISSIONS["ledger.view_ledger"])


def test_lecturer_page_hides_the_links_when_the_flags_are_off(
    client, make_user, school, monkeypatch
):
    """Rendered with neither the timetable nor the ledger permission, the page offers
    neither link."""
    from daotao.faculty import views

    lecturer = LecturerFactory(school=school)
    client.force_login(make_user(Role.LEADERSHIP))
    real = views.has_permission
    monkeypatch.setattr(
        views,
        "has_permission",
        lambda user, permission: (
            not permission.startswith(("teaching.", "ledger."))
            and real(user, permission)
        ),
    )
    page = client.get(
        reverse("faculty:lecturer-detail", args=[lecturer.pk])
    ).content.decode()
    assert reverse("teaching:lecturer-timetable", args=[lecturer.pk]) not in page
    assert reverse("ledger:ledger-lecturer", args=[lecturer.pk]) not in page
