"""Password pages: reset e-mails are rate-limited, and every role may change its
own password (the read-only supervisor included)."""

import pytest
from django.core import mail
from django.core.cache import cache

from daotao.core.access import Role

RESET = "/quen-mat-khau/"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def learner(make_user):
    user = make_user(Role.LEARNER)
    user.email = "hocvien@example.vn"
    user.save()
    return user


@pytest.mark.django_db
def test_reset_mails_to_one_address_stop_after_three_an_hour(client, learner):
    pages = [
        client.post(RESET, {"email": "hocvien@example.vn"}, REMOTE_ADDR=f"10.0.0.{n}")
        for n in range(4)
    ]
    # The fourth page reads like the others: the limit tells nothing to a caller.
    assert [page.status_code for page in pages] == [302, 302, 302, 302]
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_reset_requests_from_one_address_stop_after_five(client, learner):
    statuses = [
        client.post(RESET, {"email": f"nguoi{n}@example.vn"}).status_code
        for n in range(6)
    ]
    assert statuses == [302, 302, 302, 302, 302, 429]
    refused = client.post(RESET, {"email": "hocvien@example.vn"})
    assert "Đã gửi quá nhiều yêu cầu" in refused.content.decode()
    assert mail.outbox == []


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_every_role_may_change_its_own_password(client, make_user, role):
    user = make_user(role)
    client.force_login(user)
    new = "Mật-khẩu-mới-của-tôi-2026"
    response = client.post(
        "/doi-mat-khau/",
        {
            "old_password": "Mật-khẩu-thử-2026",
            "new_password1": new,
            "new_password2": new,
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)
