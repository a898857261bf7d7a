"""Sign-in security: hashing, lockout, session lifetimes, deactivation (S7–S9, S12)."""

import datetime
import json
import logging

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.exceptions import ValidationError

from daotao.accounts.models import User, UserSession
from daotao.accounts.services import user_deactivate
from daotao.accounts.tests.second_factor import verify_second_factor
from daotao.core.access import Role
from daotao.core.models import AuditEvent

PASSWORD = "Mật-khẩu-thử-2026"
LOGIN = "/dang-nhap/"


def test_argon2_is_the_first_hasher():
    # The suite prepends MD5 for speed (conftest); production starts with Argon2.
    from importlib import reload

    import daotao.settings as module

    reload(module)
    assert (
        module.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "password", ["ngan-qua-11", "password1234", "123456789012"], ids=str
)
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.django_db
def test_long_unusual_password_is_accepted():
    assert validate_password("Trường-Chính-trị-2026!") is None


def _fail(client, username, ip="10.0.0.1"):
    return client.post(
        LOGIN, {"username": username, "password": "sai-mat-khau-123"}, REMOTE_ADDR=ip
    )


@pytest.mark.django_db
def test_unknown_user_and_wrong_password_get_the_same_message(client, make_user):
    user = make_user(Role.LEARNER)
    unknown = _fail(client, "khong-co-ai")
    wrong = _fail(client, user.username)
    assert unknown.status_code == wrong.status_code == 200
    assert (
        unknown.context["form"].non_field_errors()
        == wrong.context["form"].non_field_errors()
    )


@pytest.mark.django_db
def test_five_failures_lock_the_user_from_that_ip_for_fifteen_minutes(
    client, make_user
):
    user = make_user(Role.LEARNER)
    start = datetime.datetime(2026, 3, 5, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            _fail(client, user.username)
        good = {"username": user.username, "password": PASSWORD}
        locked = client.post(LOGIN, good, REMOTE_ADDR="10.0.0.1")
        assert locked.status_code == 429
        assert "Tạm khóa đăng nhập" in locked.content.decode()
        assert "_auth_user_id" not in client.session
        # Another address is not locked out for this user.
        assert client.post(LOGIN, good, REMOTE_ADDR="10.0.0.2").status_code == 302
    client.logout()
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        assert client.post(LOGIN, good, REMOTE_ADDR="10.0.0.1").status_code == 302


@pytest.mark.django_db
def test_login_cycles_the_session_key_and_records_the_session(client, make_user):
    user = make_user(Role.LEARNER)
    client.get(LOGIN)
    before = client.cookies.get(settings.SESSION_COOKIE_NAME)
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert before is None or before.value != after
    assert UserSession.objects.get().session_key == after


@pytest.mark.django_db
def test_idle_session_expires_after_thirty_minutes(client, make_user):
    user = make_user(Role.TRAINING_OFFICE)
    start = datetime.datetime(2026, 3, 5, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.post(LOGIN, {"username": user.username, "password": PASSWORD})
        verify_second_factor(client, user)  # the training office's second factor
    with time_machine.travel(start + datetime.timedelta(minutes=29), tick=False):
        assert client.get("/can-bo/").status_code == 200
    # Each request renews the idle timer: 29 minutes after the last one is fine …
    with time_machine.travel(start + datetime.timedelta(minutes=58), tick=False):
        assert client.get("/can-bo/").status_code == 200
    # … 31 minutes after it is not.
    with time_machine.travel(start + datetime.timedelta(minutes=89), tick=False):
        response = client.get("/can-bo/")
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


@pytest.mark.django_db
def test_active_session_ends_after_twelve_hours(client, make_user):
    user = make_user(Role.TRAINING_OFFICE)
    start = datetime.datetime(2026, 3, 5, 7, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client.post(LOGIN, {"username": user.username, "password": PASSWORD})
        verify_second_factor(client, user)  # the training office's second factor
    # Busy all day: a request every 20 minutes keeps the idle timer fresh.
    for step in range(1, 36):
        with time_machine.travel(
            start + datetime.timedelta(minutes=20 * step), tick=False
        ):
            assert client.get("/can-bo/").status_code == 200, step
    with time_machine.travel(
        start + datetime.timedelta(hours=12, minutes=5), tick=False
    ):
        response = client.get("/can-bo/")
        assert response.status_code == 302


@pytest.mark.django_db
def test_deactivating_a_user_ends_their_sessions(client, make_user):
    admin = make_user(Role.ADMINISTRATOR)
    user = make_user(Role.TRAINING_OFFICE)
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    verify_second_factor(client, user)  # the training office's second factor
    assert client.get("/can-bo/").status_code == 200
    user_deactivate(actor=admin, user=user, reason="Nghỉ hưu")
    assert not Session.objects.filter(
        session_key=client.cookies[settings.SESSION_COOKIE_NAME].value
    ).exists()
    assert client.get("/can-bo/").status_code == 302
    event = AuditEvent.objects.get(action="accounts.user_deactivate")
    assert (event.actor_id, event.reason) == (admin.pk, "Nghỉ hưu")


@pytest.mark.django_db
def test_only_administrators_deactivate(make_user):
    from django.core.exceptions import PermissionDenied

    office = make_user(Role.TRAINING_OFFICE)
    user = make_user(Role.LEARNER)
    with pytest.raises(PermissionDenied):
        user_deactivate(actor=office, user=user, reason="")
    user.refresh_from_db()
    assert user.is_active
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_password_reset_sends_a_working_link(client, make_user):
    user = make_user(Role.LEARNER)
    user.email = "hocvien@example.vn"
    user.save()
    client.post("/quen-mat-khau/", {"email": "hocvien@example.vn"})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "://" in line)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    form_page = client.get(path, follow=True)
    new = "Học-viên-mật-khẩu-mới-9"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new, "new_password2": new},
    )
    user.refresh_from_db()
    assert user.check_password(new)


@pytest.mark.django_db
def test_security_events_are_json_lines(client, make_user, caplog):
    user = make_user(Role.LEARNER)
    with caplog.at_level(logging.INFO, logger="daotao.security"):
        _fail(client, user.username)
        client.post(LOGIN, {"username": user.username, "password": PASSWORD})
        client.get("/can-bo/")
    records = [r for r in caplog.records if r.name == "daotao.security"]
    events = [(r.event, r.result) for r in records]
    assert events == [
        ("login_failed", "failed"),
        ("login", "ok"),
        ("access_denied", "denied"),
    ]
    from daotao.core.logging import JsonFormatter

    line = json.loads(JsonFormatter().format(records[-1]))
    assert line["path"] == "/can-bo/"
    assert line["permission"] == "people.view_person"
    assert line["user"] == user.pk


@pytest.mark.django_db
def test_inactive_user_cannot_sign_in(client, make_user):
    user = make_user(Role.LEARNER)
    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_learner_sees_own_record_on_profile(client, make_user, school):
    from daotao.people.tests.factories import PersonFactory

    learner = make_user(Role.LEARNER)
    learner.person = PersonFactory(
        school=school, given_name="Hà", current_post="Phó Chủ tịch"
    )
    learner.save()
    client.force_login(learner)
    body = client.get("/tai-khoan/").content.decode()
    assert "Hồ sơ cán bộ của tôi" in body
    assert "Nguyễn Văn Hà" in body and "Phó Chủ tịch" in body


@pytest.mark.django_db
def test_password_change_checks_the_old_password(client, make_user):
    user = make_user(Role.LECTURER)
    client.force_login(user)
    new = "Giảng-viên-đổi-mật-khẩu-7"
    wrong = client.post(
        "/doi-mat-khau/",
        {"old_password": "sai", "new_password1": new, "new_password2": new},
    )
    assert wrong.status_code == 200
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    client.post(
        "/doi-mat-khau/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    user.refresh_from_db()
    assert user.check_password(new)
