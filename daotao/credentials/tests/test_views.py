"""The public verification page, the QR code and the staff pages."""

import datetime
import re
from io import BytesIO

import pytest
from django.test import override_settings
from openpyxl import load_workbook

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.credentials import qr, services
from daotao.credentials.models import BlankStock, Credential, Kind, SpoiledBlank
from daotao.credentials.services import Graduate
from daotao.credentials.tests.conftest import ISSUED_ON
from daotao.credentials.tests.factories import blank_stock

pytestmark = pytest.mark.django_db


@pytest.fixture
def diplomas(school, issuer, diploma_cohort):
    blank_stock(school, kind=Kind.DIPLOMA, first=1, last=10)
    return services.credentials_issue(
        actor=issuer,
        kind=Kind.DIPLOMA,
        year=2026,
        graduates=[
            Graduate(enrollment_id=e.pk, classification_label=label)
            for e, label in zip(diploma_cohort, ("Giỏi", "Khá", "Khá"), strict=True)
        ],
        issued_on=ISSUED_ON,
        signer="Nguyễn Văn Hiệu",
    )


def _verify(client, code, ip="203.0.113.7"):
    return client.get(f"/xac-minh/{code}/", REMOTE_ADDR=ip)


def _fields(response):
    html = response.content.decode()
    return dict(re.findall(r'<dd id="([a-z-]+)">(.*?)</dd>', html))


# --- Public verification -------------------------------------------------------------


def test_the_page_shows_exactly_the_allowed_fields_to_anyone(client, diplomas):
    response = _verify(client, diplomas[0].verification_code)
    assert response.status_code == 200
    assert _fields(response) == {
        "school": diplomas[0].school.name,
        "kind": "Bằng tốt nghiệp trung cấp lý luận chính trị",
        "serial": "A000001",
        "holder": "Trần Thị Hà",
        "date-of-birth": "**/**/1981",
        "programme": "Trung cấp lý luận chính trị",
        "classification": "Giỏi",
        "issued-on": "15/09/2026",
        "status": "Còn hiệu lực",
    }
    html = response.content.decode()
    for hidden in ("10/01/1981", "01/1981", "TCLLCT", "Nguyễn Văn Hiệu"):
        assert hidden not in html
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_page_carries_the_school_header(client, school, diplomas):
    html = _verify(client, diplomas[0].verification_code).content.decode()
    header = re.search(r'<header class="public-header">(.*?)</header>', html, re.S)
    assert f"<small>{school.governing_body}</small>" in header.group(1)
    assert f"<strong>{school.name}</strong>" in header.group(1)
    unknown = _verify(client, "khong-co-ma-nay").content.decode()
    assert f"<strong>{school.name}</strong>" in unknown


# --- Look-up by số hiệu and date of birth --------------------------------------------


def _look_up(client, serial, born, ip="203.0.113.7"):
    return client.get(
        "/xac-minh/", {"so_hieu": serial, "ngay_sinh": born}, REMOTE_ADDR=ip
    )


def test_the_serial_and_date_of_birth_find_the_credential(client, diplomas):
    response = _look_up(client, " a000002 ", "10/02/1982")
    assert response.status_code == 200
    fields = _fields(response)
    assert (fields["serial"], fields["holder"], fields["date-of-birth"]) == (
        "A000002",
        "Lê Văn An",
        "**/**/1982",
    )
    assert diplomas[1].verification_code not in response.content.decode()
    assert response["Cache-Control"] == "no-store"


def test_a_wrong_date_of_birth_answers_exactly_like_a_missing_number(client, diplomas):
    wrong_date = _look_up(client, "A000002", "11/02/1982")
    missing = _look_up(client, "A000099", "10/02/1982")
    both_wrong = _look_up(client, "BD000023", "01/01/1970")
    assert wrong_date.status_code == missing.status_code == both_wrong.status_code
    assert wrong_date.status_code == 404
    assert wrong_date.content == missing.content == both_wrong.content
    html = wrong_date.content.decode()
    assert "Không tìm thấy văn bằng, chứng chỉ nào có số hiệu và ngày sinh này" in html
    assert "Lê Văn An" not in html


def test_the_lookup_form_asks_for_both_and_checks_the_date(client, school):
    empty = client.get("/xac-minh/")
    assert empty.status_code == 200
    html = empty.content.decode()
    assert 'name="so_hieu"' in html and 'name="ngay_sinh"' in html
    bad = _look_up(client, "A000001", "1981-13-40")
    assert bad.status_code == 400
    assert "Ngày sinh ghi theo dạng ngày/tháng/năm" in bad.content.decode()


@override_settings(CREDENTIAL_VERIFY_LIMIT=3, CREDENTIAL_VERIFY_WINDOW=600)
def test_serial_lookups_share_the_verification_limit(client, diplomas):
    assert _verify(client, "doan-1").status_code == 404
    assert _look_up(client, "A000001", "01/01/1970").status_code == 404
    assert _look_up(client, "A000001", "02/01/1970").status_code == 404
    limited = _look_up(client, "A000001", "10/01/1981")
    assert limited.status_code == 429
    assert "Trần Thị Hà" not in limited.content.decode()
    assert _verify(client, diplomas[0].verification_code).status_code == 429
    assert (
        _look_up(client, "A000001", "10/01/1981", ip="198.51.100.2").status_code == 200
    )


def test_a_revoked_credential_says_so(client, issuer, diplomas):
    services.credential_revoke(actor=issuer, credential=diplomas[1], reason="Gian lận")
    response = _verify(client, diplomas[1].verification_code)
    assert _fields(response)["status"] == "Đã thu hồi"
    assert "Gian lận" not in response.content.decode()


def test_a_replaced_credential_links_to_its_replacement(client, issuer, diplomas):
    new = services.credential_reissue(
        actor=issuer,
        credential=diplomas[0],
        issued_on=datetime.date(2027, 1, 5),
        signer="Phạm Văn Ký",
        reason="Mất bằng",
    )
    status = _fields(_verify(client, diplomas[0].verification_code))["status"]
    assert status == (
        f'Đã được cấp lại — <a href="/xac-minh/{new.verification_code}/">'
        "xem văn bằng cấp lại</a>"
    )
    assert _fields(_verify(client, new.verification_code))["status"] == "Còn hiệu lực"


def test_unknown_codes_answer_404_with_the_same_bytes(client, diplomas):
    known = diplomas[0].verification_code
    first = _verify(client, "khong-co-ma-nay")
    second = _verify(client, known[:-1] + ("A" if known[-1] != "A" else "B"))
    third = _verify(client, "x" * 500)
    assert first.status_code == second.status_code == third.status_code == 404
    assert first.content == second.content == third.content
    assert "Không tìm thấy văn bằng" in first.content.decode()


@override_settings(CREDENTIAL_VERIFY_LIMIT=3, CREDENTIAL_VERIFY_WINDOW=600)
def test_lookups_are_limited_per_address(client, diplomas):
    code = diplomas[0].verification_code
    answers = [_verify(client, f"doan-{n}").status_code for n in range(3)]
    assert answers == [404, 404, 404]
    limited = _verify(client, code)
    assert limited.status_code == 429
    assert "tra cứu quá nhiều lần" in limited.content.decode()
    assert "Trần Thị Hà" not in limited.content.decode()
    assert _verify(client, code, ip="198.51.100.2").status_code == 200


# --- QR ------------------------------------------------------------------------------


def test_the_qr_code_encodes_the_absolute_verification_url(client, make_user, diplomas):
    client.force_login(make_user(Role.LEADERSHIP))
    credential = diplomas[0]
    url = f"http://testserver/xac-minh/{credential.verification_code}/"
    response = client.get(f"/van-bang/{credential.pk}/ma-qr/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content == qr.qr_svg(url)
    assert b"<svg" in response.content
    png = client.get(f"/van-bang/{credential.pk}/ma-qr/?dang=png")
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG")


# --- Staff pages ---------------------------------------------------------------------


def test_the_register_searches_without_diacritics_in_vietnamese_order(
    client, make_user, diplomas
):
    client.force_login(make_user(Role.SUPERVISOR))
    page = client.get("/van-bang/").context["page"]
    assert [c.holder_name for c in page] == ["Lê Văn An", "Trần Thị Hà", "Đỗ Minh Tuấn"]
    found = client.get("/van-bang/", {"q": "tran thi ha"}).context["page"]
    assert [c.holder_name for c in found] == ["Trần Thị Hà"]
    by_entry = client.get("/van-bang/", {"sort": "so", "year": 2026}).context["page"]
    assert [c.entry_number for c in by_entry] == [1, 2, 3]


def test_the_register_filters_by_class_and_shows_it(
    client, make_user, school, issuer, diplomas, certificate_cohort
):
    blank_stock(school, kind=Kind.CERTIFICATE, first=1, last=10)
    services.credentials_issue(
        actor=issuer,
        kind=Kind.CERTIFICATE,
        year=2026,
        graduates=[
            Graduate(enrollment_id=e.pk, classification_label="Đạt")
            for e in certificate_cohort
        ],
        issued_on=ISSUED_ON,
        signer="Nguyễn Văn Hiệu",
    )
    diploma_class = diplomas[0].enrollment.cohort.code
    certificate_class = certificate_cohort[0].cohort.code
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.get("/van-bang/")
    choices = list(response.context["filter_form"].fields["cohort"].choices)
    assert choices[1:] == sorted(
        [(diploma_class, diploma_class), (certificate_class, certificate_class)]
    )
    assert len(response.context["page"].object_list) == 5
    only = client.get("/van-bang/", {"cohort": diploma_class, "sort": "so"})
    assert [(c.holder_name, c.entry_number) for c in only.context["page"]] == [
        (c.holder_name, c.entry_number) for c in diplomas
    ]
    assert f"<td>{diploma_class}</td>" in only.content.decode()
    other = client.get("/van-bang/", {"cohort": certificate_class}).context["page"]
    assert {c.enrollment_id for c in other} == {e.pk for e in certificate_cohort}


def test_the_register_page_queries_do_not_grow_with_rows(
    client, make_user, diplomas, django_assert_max_num_queries
):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    with django_assert_max_num_queries(12):
        assert client.get("/van-bang/").status_code == 200


def test_the_register_exports_to_excel(client, make_user, diplomas):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.get("/van-bang/xuat-excel/", {"sort": "so"})
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:3] == ("Số TT", "Họ và tên", "Ngày sinh")
    assert rows[2][:3] == (1, "Trần Thị Hà", "10/01/1981")
    assert len(rows) == 5


def test_the_detail_shows_history_and_actions_to_the_issuer(client, issuer, diplomas):
    client.force_login(issuer)
    response = client.get(f"/van-bang/{diplomas[0].pk}/")
    assert response.status_code == 200
    assert response.context["can_issue"] is True
    assert [e.action for e in response.context["events"]] == ["issue"]
    assert "credential-revoke" not in response.content.decode()
    assert f"/van-bang/{diplomas[0].pk}/thu-hoi/" in response.content.decode()


def test_the_issuer_revokes_from_the_page(client, issuer, diplomas):
    client.force_login(issuer)
    response = client.post(
        f"/van-bang/{diplomas[0].pk}/thu-hoi/", {"reason": "Gian lận"}
    )
    assert response.status_code == 302
    diplomas[0].refresh_from_db()
    assert diplomas[0].status == "revoked"


def test_the_issuer_reissues_and_lands_on_the_new_credential(client, issuer, diplomas):
    client.force_login(issuer)
    response = client.post(
        f"/van-bang/{diplomas[0].pk}/cap-lai/",
        {"issued_on": "05/01/2027", "signer": "Phạm Văn Ký", "reason": "Mất bằng"},
    )
    new = Credential.objects.get(status="valid", enrollment=diplomas[0].enrollment)
    assert response["Location"] == f"/van-bang/{new.pk}/"
    assert new.serial == "A000004"


def test_a_correction_without_reason_shows_the_error(client, issuer, diplomas):
    client.force_login(issuer)
    response = client.post(
        f"/van-bang/{diplomas[0].pk}/dinh-chinh/",
        {"holder_name": "Trần Thị Hà", "classification_label": "Giỏi", "reason": ""},
    )
    assert response.status_code == 400
    assert response.context["correct_form"].errors["reason"]
    assert diplomas[0].events.count() == 1


@pytest.mark.parametrize("role", [Role.LEADERSHIP, Role.SUPERVISOR, Role.LECTURER])
def test_roles_without_issue_permission_change_nothing(
    client, make_user, diplomas, role
):
    client.force_login(make_user(role))
    before = (
        list(Credential.objects.values_list("pk", "status", "holder_name")),
        AuditEvent.objects.count(),
        BlankStock.objects.count(),
        SpoiledBlank.objects.count(),
    )
    pk = diplomas[0].pk
    stock_pk = diplomas[0].stock_id
    posts = {
        f"/van-bang/{pk}/thu-hoi/": {"reason": "x"},
        f"/van-bang/{pk}/dinh-chinh/": {"holder_name": "X", "reason": "x"},
        f"/van-bang/{pk}/cap-lai/": {
            "issued_on": "05/01/2027",
            "signer": "X",
            "reason": "x",
        },
        "/van-bang/phoi/nhap/": {
            "kind": "diploma",
            "first_number": 500,
            "last_number": 600,
            "number_width": 6,
            "received_on": "05/01/2026",
        },
        f"/van-bang/phoi/{stock_pk}/hong/": {"serial_number": 9, "reason": "x"},
    }
    for url, data in posts.items():
        assert client.post(url, data).status_code == 403, url
    after = (
        list(Credential.objects.values_list("pk", "status", "holder_name")),
        AuditEvent.objects.count(),
        BlankStock.objects.count(),
        SpoiledBlank.objects.count(),
    )
    assert after == before


def test_an_out_of_school_credential_is_not_found(client, make_user, diplomas):
    from daotao.org.tests.factories import SchoolFactory

    client.force_login(make_user(Role.LEADERSHIP, school=SchoolFactory()))
    assert client.get(f"/van-bang/{diplomas[0].pk}/").status_code == 404
    assert client.get(f"/van-bang/{diplomas[0].pk}/ma-qr/").status_code == 404


def test_the_stock_page_receives_spoils_and_counts(client, issuer, diplomas):
    client.force_login(issuer)
    response = client.post(
        "/van-bang/phoi/nhap/",
        {
            "kind": "certificate",
            "serial_prefix": "C",
            "first_number": 1,
            "last_number": 20,
            "number_width": 5,
            "received_on": "05/01/2026",
        },
    )
    assert response.status_code == 302
    stock = BlankStock.objects.get(kind="certificate")
    assert (
        client.post(
            f"/van-bang/phoi/{stock.pk}/hong/", {"serial_number": 3, "reason": "Rách"}
        ).status_code
        == 302
    )
    page = client.get("/van-bang/phoi/")
    counts = {
        (s.kind, s.used_count, s.spoiled_count, s.remaining_count)
        for s in page.context["stocks"]
    }
    assert counts == {("diploma", 3, 0, 7), ("certificate", 0, 1, 19)}
    assert page.context["remaining_labels"] == [
        ("Chứng chỉ bồi dưỡng", 19),
        ("Bằng tốt nghiệp trung cấp lý luận chính trị", 7),
    ]
