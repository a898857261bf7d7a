"""Behind the reverse proxy each visitor keeps its own address: the lockout, the rate
limits and the security log count the forwarded client, and only a trusted proxy's
X-Forwarded-For is believed."""

import logging

import pytest
from django.test import RequestFactory

from daotao.core.access import Role
from daotao.core.network import client_ip
from daotao.core.ratelimit import over_limit

LOGIN = "/dang-nhap/"
PASSWORD = "Mật-khẩu-thử-2026"
PROXY = "127.0.0.1"


@pytest.fixture(autouse=True)
def _one_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_the_proxy_forwarded_address_is_the_client():
    assert client_ip(_request(PROXY, "203.0.113.7")) == "203.0.113.7"


def test_a_client_chain_is_read_from_the_right():
    # The client wrote "1.2.3.4" itself; nginx appended the address it saw.
    assert client_ip(_request(PROXY, "1.2.3.4, 203.0.113.7")) == "203.0.113.7"


def test_a_forged_header_from_a_direct_client_is_ignored():
    assert client_ip(_request("198.51.100.9", "203.0.113.7")) == "198.51.100.9"


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request(PROXY, "203.0.113.7")) == PROXY


def test_garbage_in_the_chain_stops_at_the_proxy():
    assert client_ip(_request(PROXY, "not-an-address")) == PROXY


def test_networks_are_accepted(settings):
    settings.TRUSTED_PROXIES = ["10.8.0.0/16"]
    assert client_ip(_request("10.8.3.4", "203.0.113.7")) == "203.0.113.7"


def _fail(client, username, **extra):
    return client.post(
        LOGIN, {"username": username, "password": "sai-mat-khau-123"}, **extra
    )


@pytest.mark.django_db
def test_lockout_behind_the_proxy_counts_each_client_apart(client, make_user):
    user = make_user(Role.LEARNER)
    attacker = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.66"}
    for _ in range(5):
        _fail(client, user.username, **attacker)
    good = {"username": user.username, "password": PASSWORD}
    assert client.post(LOGIN, good, **attacker).status_code == 429
    other = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    response = client.post(LOGIN, good, **other)
    assert response.status_code == 302
    assert response.wsgi_request.user == user


@pytest.mark.django_db
def test_a_direct_client_cannot_escape_the_lockout_by_forging_the_header(
    client, make_user
):
    user = make_user(Role.LEARNER)
    for number in range(5):
        _fail(
            client,
            user.username,
            REMOTE_ADDR="198.51.100.9",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )
    good = {"username": user.username, "password": PASSWORD}
    forged = {"REMOTE_ADDR": "198.51.100.9", "HTTP_X_FORWARDED_FOR": "203.0.113.99"}
    assert client.post(LOGIN, good, **forged).status_code == 429


def test_rate_limits_behind_the_proxy_count_each_client_apart(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    first = _request(PROXY, "203.0.113.1")
    second = _request(PROXY, "203.0.113.2")
    counted = [over_limit(first, scope="t:proxy", limit=2, window=60) for _ in "abc"]
    assert counted == [False, False, True]
    assert over_limit(second, scope="t:proxy", limit=2, window=60) is False


@pytest.mark.django_db
def test_the_security_log_records_the_forwarded_address(client, make_user, caplog):
    user = make_user(Role.LEARNER)
    with caplog.at_level(logging.INFO, logger="daotao.security"):
        client.post(
            LOGIN,
            {"username": user.username, "password": PASSWORD},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.20",
        )
    logins = [r for r in caplog.records if getattr(r, "event", "") == "login"]
    assert [r.ip for r in logins] == ["203.0.113.20"]
