"""The administrator's users page: the school's users with their roles."""

import pytest
from django.urls import reverse

from daotao.core.access import Role

pytestmark = pytest.mark.django_db


def test_the_administrator_sees_users_with_roles(make_user, unit, client):
    admin = make_user(Role.ADMINISTRATOR)
    head = make_user(Role.FACULTY_HEAD, unit=unit)
    client.force_login(admin)

    page = client.get(reverse("accounts:user-list"))

    assert page.status_code == 200
    rows = {u.username: u.school_memberships for u in page.context["page"]}
    assert set(rows) == {admin.username, head.username}
    assert [(m.role, m.unit) for m in rows[head.username]] == [
        (Role.FACULTY_HEAD, unit)
    ]
    text = page.content.decode()
    assert unit.name in text and reverse("accounts:user-import") in text
    found = client.get(reverse("accounts:user-list"), {"q": head.username})
    assert [u.username for u in found.context["page"]] == [head.username]


def test_the_training_office_may_not_see_users(make_user, client):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    assert client.get(reverse("accounts:user-list")).status_code == 403
