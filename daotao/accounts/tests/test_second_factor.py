"""Two-factor sign-in (S6): the roles that sign, approve, lock, issue or administer
pass a TOTP code (or a recovery code) after the password; others do not."""

import datetime

import pytest
import time_machine
from django.core import signing

from daotao.accounts import second_factor
from daotao.accounts.tests.second_factor import confirmed_device, current_code
from daotao.core.access import PERMISSIONS, Role
from daotao.core.models import AuditEvent
from daotao.documents.models import OutgoingDocument
from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory

pytestmark = pytest.mark.django_db

LOGIN = "/dang-nhap/"
CODE_PAGE = "/xac-thuc-hai-buoc/"
SETUP_PAGE = "/xac-thuc-hai-buoc/thiet-lap/"
PASSWORD = "Mật-khẩu-thử-2026"


@pytest.fixture(autouse=True)
def _enforced(settings):
    settings.TWO_FACTOR_REQUIRED = True


def _sign_in(client, user):
    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_the_roles_that_need_it_come_from_the_permission_table():
    needing = {
        role
        for name in second_factor.SECOND_FACTOR_PERMISSIONS
        for role in PERMISSIONS[name]
    }
    assert needing == {
        Role.LEADERSHIP,
        Role.TRAINING_OFFICE,
        Role.ADMINISTRATOR,
        Role.PROVINCIAL_BOARD,
    }


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_who_is_asked_for_a_second_factor(make_user, role):
    user = make_user(role)
    expected = role in {
        Role.LEADERSHIP,
        Role.TRAINING_OFFICE,
        Role.ADMINISTRATOR,
        Role.PROVINCIAL_BOARD,
    }
    assert second_factor.requires_second_factor(user) is expected


def test_a_learner_goes_straight_in(client, make_user):
    _sign_in(client, make_user(Role.LEARNER))
    assert client.get("/quan-ly/").status_code == 200


def test_signing_a_decision_without_a_second_factor_is_refused(
    client, make_user, school
):
    leader = make_user(Role.LEADERSHIP)
    confirmed_device(leader)
    document = OutgoingDocumentFactory(
        issuer=IssuerFactory(school=school),
        status=OutgoingDocument.Status.SUBMITTED,
    )
    _sign_in(client, leader)
    refused = client.post(f"/van-ban/{document.pk}/ky/", {"confirm": "yes"})
    assert refused.status_code == 302
    assert refused["Location"].startswith(CODE_PAGE + "?next=")
    document.refresh_from_db()
    assert (document.status, document.number) == (
        OutgoingDocument.Status.SUBMITTED,
        None,
    )


def test_signing_a_decision_with_a_totp_code_works(client, make_user, school):
    leader = make_user(Role.LEADERSHIP)
    device = confirmed_device(leader)
    document = OutgoingDocumentFactory(
        issuer=IssuerFactory(school=school),
        status=OutgoingDocument.Status.SUBMITTED,
    )
    start = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        _sign_in(client, leader)
        wrong_code = f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"
        wrong = client.post(CODE_PAGE, {"token": wrong_code})
        assert "Mã xác thực không đúng hoặc đã dùng." in wrong.content.decode()
    # django-otp makes the next try wait after a failure (1 s, doubling).
    with time_machine.travel(start + datetime.timedelta(seconds=5), tick=False):
        code = current_code(device)
        passed = client.post(CODE_PAGE, {"token": code, "next": "/van-ban/"})
        assert passed["Location"] == "/van-ban/"
        response = client.post(
            f"/van-ban/{document.pk}/ky/", {"confirm": "yes"}, follow=True
        )
        assert "Đã ký và cấp số văn bản." in response.content.decode()
    document.refresh_from_db()
    assert document.status == OutgoingDocument.Status.SIGNED


def test_a_user_without_a_device_is_sent_to_enrol_and_gets_recovery_codes(
    client, make_user
):
    office = make_user(Role.TRAINING_OFFICE)
    _sign_in(client, office)
    first = client.get("/quan-ly/")
    assert first["Location"] == SETUP_PAGE + "?next=%2Fquan-ly%2F"
    page = client.get(first["Location"])
    assert page.context["qr"].startswith("data:image/svg+xml")
    device = second_factor.pending_totp(office)
    assert len(page.context["secret"].replace(" ", "")) == 32
    done = client.post(SETUP_PAGE, {"token": current_code(device), "next": "/quan-ly/"})
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/quan-ly/").status_code == 200
    assert AuditEvent.objects.filter(action="accounts.second_factor_enrol").count() == 1
    # A recovery code opens a later session once, and only once.
    client.post("/dang-xuat/")
    _sign_in(client, office)
    assert client.post(CODE_PAGE, {"token": codes[0]}).status_code == 302
    assert client.get("/quan-ly/").status_code == 200
    client.post("/dang-xuat/")
    _sign_in(client, office)
    again = client.post(CODE_PAGE, {"token": codes[0]})
    assert again.status_code == 200
    assert client.get("/quan-ly/").status_code == 302


def test_a_remembered_device_skips_the_code_until_it_expires(
    client, make_user, settings
):
    settings.TWO_FACTOR_REMEMBER_DAYS = 14
    office = make_user(Role.TRAINING_OFFICE)
    device = confirmed_device(office)
    start = datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        _sign_in(client, office)
        passed = client.post(
            CODE_PAGE, {"token": current_code(device), "remember": "on"}
        )
        assert second_factor.REMEMBER_COOKIE in passed.cookies
        client.post("/dang-xuat/")
    with time_machine.travel(start + datetime.timedelta(days=13), tick=False):
        _sign_in(client, office)
        assert client.get("/quan-ly/").status_code == 200
        client.post("/dang-xuat/")
    with time_machine.travel(start + datetime.timedelta(days=15), tick=False):
        _sign_in(client, office)
        assert client.get("/quan-ly/").status_code == 302


def test_a_remember_cookie_does_not_carry_to_another_user(client, make_user):
    office = make_user(Role.TRAINING_OFFICE)
    other = make_user(Role.TRAINING_OFFICE)
    device = confirmed_device(office)
    confirmed_device(other)
    _sign_in(client, office)
    client.post(CODE_PAGE, {"token": current_code(device), "remember": "on"})
    client.post("/dang-xuat/")
    _sign_in(client, other)
    assert client.get("/quan-ly/").status_code == 302


def test_a_forged_remember_cookie_is_ignored(client, make_user):
    office = make_user(Role.TRAINING_OFFICE)
    device = confirmed_device(office)
    value = f"{office.pk}:{device.persistent_id}:{office.get_session_auth_hash()[:20]}"
    client.cookies[second_factor.REMEMBER_COOKIE] = signing.get_cookie_signer(
        salt=second_factor.REMEMBER_COOKIE + "wrong-salt"
    ).sign(value)
    _sign_in(client, office)
    assert client.get("/quan-ly/").status_code == 302


def test_the_admin_site_needs_the_second_factor_too(client, make_user):
    admin = make_user(Role.ADMINISTRATOR)
    admin.is_staff = True
    admin.save()
    confirmed_device(admin)
    _sign_in(client, admin)
    response = client.get("/quan-tri/")
    assert response["Location"].startswith(CODE_PAGE)


def test_enforcement_is_a_setting(client, make_user, settings):
    settings.TWO_FACTOR_REQUIRED = False
    _sign_in(client, make_user(Role.LEADERSHIP))
    assert client.get("/quan-ly/").status_code == 200


def test_the_code_page_shows_no_to_do_count_until_the_code_is_passed(client, make_user):
    office = make_user(Role.TRAINING_OFFICE)
    device = confirmed_device(office)
    _sign_in(client, office)
    code_page = client.get("/quan-ly/")["Location"]
    assert code_page.startswith("/xac-thuc-hai-buoc/")
    page = client.get(code_page).content.decode()
    assert "/quan-ly/viec-can-lam/" not in page  # neither the count nor its link
    client.post(code_page, {"token": current_code(device)})
    start = client.get("/quan-ly/").content.decode()
    assert "/quan-ly/viec-can-lam/so-luong/" in start
