"""Clients are made by the service (the command, the admin): the token is shown
once and kept as its hash; scopes stay within the account's permissions."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from daotao.api import services
from daotao.api.models import ApiClient
from daotao.api.tokens import token_hash
from daotao.core.access import Role
from daotao.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_create_keeps_only_the_hash_and_records_it(make_user):
    user = make_user(Role.TRAINING_OFFICE)
    client, token = services.api_client_create(
        actor=None, name="Cổng dữ liệu", user=user, scopes=["planning.view_plan"]
    )
    stored = ApiClient.objects.get(pk=client.pk)
    assert token.startswith("dt_") and len(token) > 40
    assert stored.token_hash == token_hash(token)
    assert token not in str(
        ApiClient.objects.filter(pk=client.pk).values().first().values()
    )
    assert stored.scopes == ["planning.view_plan"]
    event = AuditEvent.objects.get(action="api.client_create")
    assert token not in str(event.changes)


def test_unknown_or_unheld_scopes_are_refused_and_nothing_is_made(make_user):
    user = make_user(Role.LECTURER)
    for scopes in (["no.such_permission"], ["planning.manage_plan"]):
        with pytest.raises(ValidationError):
            services.api_client_create(actor=None, name="X", user=user, scopes=scopes)
    assert not ApiClient.objects.exists()


def test_the_command_prints_the_token_once(make_user):
    user = make_user(Role.AGENCY_COORDINATOR)
    out = io.StringIO()
    call_command(
        "api_client_create",
        "Phần mềm nhân sự xã",
        user=user.username,
        scope=["enrolment.nominate", "enrolment.view_nomination"],
        stdout=out,
    )
    client = ApiClient.objects.get()
    tokens = [w for w in out.getvalue().split() if w.startswith("dt_")]
    assert len(tokens) == 1
    assert client.token_hash == token_hash(tokens[0])
    assert client.scopes == ["enrolment.nominate", "enrolment.view_nomination"]


def test_the_command_refuses_a_scope_the_account_lacks(make_user):
    user = make_user(Role.AGENCY_COORDINATOR)
    with pytest.raises(CommandError):
        call_command(
            "api_client_create", "X", user=user.username, scope=["planning.view_plan"]
        )
    assert not ApiClient.objects.exists()


def test_the_admin_creates_a_client_and_shows_the_token_in_its_message(
    client, make_user
):
    admin = make_user(Role.ADMINISTRATOR)
    admin.is_staff = True
    admin.save()
    office = make_user(Role.TRAINING_OFFICE)
    client.force_login(admin)
    response = client.post(
        "/quan-tri/api/apiclient/add/",
        {
            "name": "Hệ thống thống kê",
            "user": office.pk,
            "scopes": ["planning.view_plan"],
            "is_active": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    created = ApiClient.objects.get()
    messages = [str(m) for m in response.context["messages"]]
    (token,) = [w for m in messages for w in m.split() if w.startswith("dt_")]
    assert created.token_hash == token_hash(token)
    # The change page never shows it again.
    page = client.get(f"/quan-tri/api/apiclient/{created.pk}/change/")
    assert token not in page.content.decode()


def test_the_admin_refuses_a_scope_beyond_the_account(client, make_user):
    admin = make_user(Role.ADMINISTRATOR)
    admin.is_staff = True
    admin.save()
    lecturer = make_user(Role.LECTURER)
    client.force_login(admin)
    response = client.post(
        "/quan-tri/api/apiclient/add/",
        {"name": "X", "user": lecturer.pk, "scopes": ["planning.view_plan"]},
    )
    assert response.status_code == 200
    assert not ApiClient.objects.exists()


def test_update_changes_scopes_and_switches_off(make_user):
    user = make_user(Role.TRAINING_OFFICE)
    client, _token = services.api_client_create(
        actor=None, name="A", user=user, scopes=["planning.view_plan"]
    )
    services.api_client_update(
        actor=None, client=client, scopes=["programs.view_program"], is_active=False
    )
    client.refresh_from_db()
    assert client.scopes == ["programs.view_program"] and not client.is_active
    event = AuditEvent.objects.get(action="api.client_update")
    assert event.changes["is_active"] == [True, False]
