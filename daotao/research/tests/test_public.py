import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from daotao.research.models import Delegate
from daotao.research.tests.conference_fixtures import (
    delegation,
    make_conference,
)

NGHE_AN = "Trường Chính trị tỉnh Nghệ An"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _payload(conference, **changes):
    data = {
        "full_name": "Nguyễn Thị Hoa",
        "position": "Giảng viên chính",
        "delegation": delegation(conference, NGHE_AN).pk,
        "email": "hoa@example.vn",
        "phone": "0912 345 678",
        "website": "",
    }
    data.update(changes)
    return data


def _url(conference):
    return reverse("research:public-register", args=[conference.slug])


def test_open_conferences_are_listed(client, conference, school):
    make_conference(school, open_registration=False)
    response = client.get(reverse("research:public-conference-list"))
    assert list(response.context["conferences"]) == [conference]


def test_registration_is_written_confirmed_by_mail_and_not_shown_back(
    client, conference, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(conference), _payload(conference))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Đã nhận đăng ký" in body
    assert "Nguyễn Thị Hoa" not in body and "hoa@example.vn" not in body
    delegate = Delegate.objects.get()
    assert (delegate.full_name, delegate.phone, delegate.source, delegate.role) == (
        "Nguyễn Thị Hoa",
        "0912345678",
        "public",
        "delegate",
    )
    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]]
    assert conference.title in mail.outbox[0].body


def test_honeypot_filled_writes_nothing(client, conference):
    response = client.post(
        _url(conference), _payload(conference, website="http://spam.example")
    )
    assert response.status_code == 200
    assert Delegate.objects.count() == 0
    assert mail.outbox == []


def test_bad_input_is_refused_in_vietnamese(client, conference):
    response = client.post(
        _url(conference),
        _payload(conference, full_name="Hoa", phone="12345", email="khong-phai-thu"),
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["full_name"] == ["Hãy ghi đủ họ và tên (ít nhất hai chữ)."]
    assert "Số điện thoại" in errors["phone"][0]
    assert errors["email"] == ["Nhập một địa chỉ email hợp lệ."] or errors["email"]
    assert Delegate.objects.count() == 0


def test_an_organisation_not_invited_is_refused(client, conference, school):
    other = make_conference(school)
    foreign = other.delegations.first().pk
    response = client.post(_url(conference), _payload(conference, delegation=foreign))
    assert response.status_code == 400
    assert Delegate.objects.count() == 0


def test_closed_registration_writes_nothing(client, school):
    closed = make_conference(school, open_registration=False)
    page = client.get(_url(closed))
    assert "không nhận đăng ký trực tuyến" in page.content.decode()
    response = client.post(_url(closed), _payload(closed))
    assert response.status_code == 400
    assert "Hội thảo hiện không nhận đăng ký." in response.content.decode()
    assert Delegate.objects.count() == 0


def test_rate_limit(client, conference, settings):
    settings.CONFERENCE_REGISTER_LIMIT = 2
    for name in ("Nguyễn Thị Hoa", "Trần Văn Bình"):
        response = client.post(_url(conference), _payload(conference, full_name=name))
        assert response.status_code == 200
    response = client.post(
        _url(conference), _payload(conference, full_name="Lê Văn Cường")
    )
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    assert Delegate.objects.count() == 2
