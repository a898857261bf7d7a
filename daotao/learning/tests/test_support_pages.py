"""The support and conduct pages: who sees what, the exports are values, refused
posts change nothing."""

import datetime
from io import BytesIO

import openpyxl
import pytest
import time_machine

from daotao.core.access import Role
from daotao.learning.models import (
    Attendance,
    CommuneSupportProfile,
    ConductDecision,
    SupportPayment,
)
from daotao.learning.services import support_payment_compute
from daotao.org.models import Area


def _sheet(response):
    book = openpyxl.load_workbook(BytesIO(response.content))
    return [[cell.value for cell in row] for row in book.active.iter_rows()]


@pytest.fixture
def computed(klass):
    for enrollment in klass["enrollments"][:2]:
        Attendance.objects.create(
            session=klass["session"],
            enrollment=enrollment,
            status=Attendance.Status.PRESENT,
        )
    return support_payment_compute(actor=klass["office"], cohort=klass["cohort"])


def test_office_sees_and_exports_the_payment_list(client, klass, computed):
    client.force_login(klass["office"])
    page = client.get(f"/hoc-vien/ho-tro/lop/{klass['cohort'].pk}/")
    assert page.status_code == 200
    assert "CHƯA XÁC NHẬN" in page.content.decode()
    rows = _sheet(client.get(f"/hoc-vien/ho-tro/lop/{klass['cohort'].pk}/xuat-excel/"))
    header = rows.index(next(r for r in rows if r and r[0] == "STT"))
    lines = rows[header + 1 : -1]
    assert len(lines) == 6
    # default rates: 100.000 đồng a day, one day present, no commune known
    assert sorted(line[-1] for line in lines) == [0, 0, 0, 0, 100000, 100000]
    assert rows[-1][2] == "Tổng cộng" and rows[-1][-1] == 200000
    assert all(not str(v).startswith("=") for row in rows for v in row if v)


def test_list_search_ignores_diacritics(client, klass, computed):
    client.force_login(klass["office"])
    code = klass["cohort"].code
    # the world's cohort starts in March 2027: listed when asked for
    found = client.get("/hoc-vien/ho-tro/", {"q": code.lower(), "sap-mo": "1"})
    assert code in found.content.decode()
    missing = client.get("/hoc-vien/ho-tro/", {"q": "khong-co-lop-nay", "sap-mo": "1"})
    assert code not in missing.content.decode()


def test_list_leaves_out_cohorts_not_yet_started(client, klass):
    code = klass["cohort"].code  # starts on 01/03/2027
    with time_machine.travel(datetime.datetime(2027, 2, 28, 12, 0), tick=False):
        client.force_login(klass["office"])
        assert code not in client.get("/hoc-vien/ho-tro/").content.decode()
    with time_machine.travel(datetime.datetime(2027, 3, 1, 12, 0), tick=False):
        client.force_login(klass["office"])
        assert code in client.get("/hoc-vien/ho-tro/").content.decode()


def test_homeroom_may_not_compute_nor_see_support(client, klass, computed):
    client.force_login(klass["homeroom"])
    before = list(computed.lines.values_list("pk", "total"))
    response = client.post(f"/hoc-vien/ho-tro/lop/{klass['cohort'].pk}/tinh/")
    assert response.status_code == 403
    assert client.get("/hoc-vien/ho-tro/").status_code == 403
    assert list(computed.lines.values_list("pk", "total")) == before


def test_supervisor_reads_but_may_not_save_a_commune(client, klass, make_user):
    client.force_login(make_user(Role.SUPERVISOR))
    assert client.get("/hoc-vien/ho-tro/muc-ho-tro/").status_code == 200
    commune = Area.objects.create(name="Xã Thử", kind="xã", level="commune")
    response = client.post(
        "/hoc-vien/ho-tro/dia-ban/luu/",
        {"commune": commune.pk, "distance_km": "12,5"},
    )
    assert response.status_code == 403
    assert not CommuneSupportProfile.objects.exists()


def test_office_saves_a_commune_with_a_comma_decimal(client, klass, school):
    client.force_login(klass["office"])
    commune = Area.objects.create(name="Xã Mường Thử", kind="xã", level="commune")
    response = client.post(
        "/hoc-vien/ho-tro/dia-ban/luu/",
        {"commune": commune.pk, "distance_km": "12,5", "is_remote": "on"},
    )
    assert response.status_code == 302
    profile = CommuneSupportProfile.objects.get()
    assert (str(profile.distance_km), profile.is_remote) == ("12.5", True)
    page = client.get("/hoc-vien/ho-tro/muc-ho-tro/", {"q": "muong thu"})
    assert "Mường Thử" in page.content.decode()


def test_rate_set_form_saves_bands(client, klass):
    client.force_login(klass["office"])
    assert client.get("/hoc-vien/ho-tro/muc-ho-tro/them/").status_code == 200
    from daotao.org.models import LegalBasis

    basis = LegalBasis.objects.create(
        number="12/2025/NQ-HĐND", issuer="HĐND", title="…"
    )
    response = client.post(
        "/hoc-vien/ho-tro/muc-ho-tro/them/",
        {
            "name": "Nghị quyết 12",
            "legal_basis": basis.pk,
            "valid_from": "01/07/2025",
            "meal_per_day": "120000",
            "lodging_per_night": "200000",
            "lodging_from_km": "20",
            "travel_bands": "20 = 0\n60 = 150000\ntrên = 350000",
            "extra_female": "0",
            "extra_ethnic_minority": "40000",
            "extra_remote": "40000",
            "extra_combine": "max",
        },
    )
    assert response.status_code == 302
    from daotao.learning.models import SupportRateSet

    saved = SupportRateSet.objects.get(name="Nghị quyết 12")
    assert saved.parameters["travel_bands"] == [
        {"up_to_km": 20.0, "amount": 0},
        {"up_to_km": 60.0, "amount": 150000},
        {"up_to_km": None, "amount": 350000},
    ]
    assert saved.valid_from == datetime.date(2025, 7, 1) and not saved.is_confirmed

    # The rate sets' Excel: one row each, amounts as numbers, no formula.
    rows = _sheet(client.get("/hoc-vien/ho-tro/muc-ho-tro/xuat-excel/"))
    header = next(i for i, row in enumerate(rows) if row and row[0] == "STT")
    lines = {row[1]: row for row in rows[header + 1 :] if row[0]}
    new = lines["Nghị quyết 12"]
    assert new[3:10] == [
        "12/2025/NQ-HĐND",
        "01/07/2025",
        None,
        120000,
        200000,
        20,
        "≤ 20 km: 0; ≤ 60 km: 150.000; xa hơn: 350.000",
    ]
    assert new[10:] == [0, 40000, 40000, "Chưa xác nhận"]
    assert lines["Mức hỗ trợ mặc định (chưa có nghị quyết HĐND tỉnh)"][2] == "Mặc định"
    assert all(not str(v).startswith("=") for row in rows for v in row if v)

    # The rates page prints the bands as the export does: whole kilometres, no ",0".
    page = client.get("/hoc-vien/ho-tro/muc-ho-tro/").content.decode()
    assert "≤ 20 km: 0; ≤ 60 km: 150.000; xa hơn: 350.000" in page
    assert "20,0 km" not in page


def test_homeroom_proposes_and_lists_rewards(client, klass):
    client.force_login(klass["homeroom"])
    cohort = klass["cohort"]
    page = client.get("/hoc-vien/khen-thuong-ky-luat/", {"lop": cohort.pk})
    assert page.status_code == 200
    response = client.post(
        f"/hoc-vien/khen-thuong-ky-luat/lop/{cohort.pk}/de-nghi/",
        {
            "enrollment": klass["enrollments"][0].pk,
            "kind": "reward",
            "form": "praise",
            "reason": "Tích cực",
            "decided_on": "05/03/2027",
        },
    )
    assert response.status_code == 302
    assert ConductDecision.objects.count() == 1
    listing = client.get("/hoc-vien/khen-thuong-ky-luat/").content.decode()
    assert klass["enrollments"][0].person.full_name in listing
    rows = _sheet(client.get("/hoc-vien/khen-thuong-ky-luat/xuat-excel/"))
    assert any(row[4] == "Khen thưởng" for row in rows if row)


def test_another_homeroom_cannot_propose(client, klass):
    client.force_login(klass["other_homeroom"])
    response = client.post(
        f"/hoc-vien/khen-thuong-ky-luat/lop/{klass['cohort'].pk}/de-nghi/",
        {
            "enrollment": klass["enrollments"][0].pk,
            "kind": "reward",
            "form": "praise",
            "reason": "Tích cực",
            "decided_on": "05/03/2027",
        },
    )
    assert response.status_code == 404
    assert not ConductDecision.objects.exists()


def test_conduct_list_and_rule_form_for_the_office(client, klass):
    client.force_login(klass["office"])
    page = client.get("/hoc-vien/ren-luyen/")
    assert page.status_code == 200
    assert "Sửa quy định" in page.content.decode()
    client.force_login(klass["homeroom"])
    assert "Sửa quy định" not in client.get("/hoc-vien/ren-luyen/").content.decode()


def test_no_payment_yet_shows_the_empty_state(client, klass):
    client.force_login(klass["office"])
    page = client.get(f"/hoc-vien/ho-tro/lop/{klass['cohort'].pk}/")
    assert "Chưa tính danh sách chi hỗ trợ" in page.content.decode()
    assert not SupportPayment.objects.exists()


def test_the_agency_sees_its_cadres_conduct_not_others(client, klass, make_user):
    from daotao.learning.services import conduct_classify
    from daotao.org.tests.factories import AgencyFactory

    conduct_classify(
        actor=klass["office"], cohort=klass["cohort"], on=datetime.date(2027, 9, 1)
    )
    enrollment = klass["enrollments"][0]
    client.force_login(make_user(Role.AGENCY_COORDINATOR, agency=enrollment.agency))
    page = client.get(f"/co-quan/hoc-vien/{enrollment.pk}/").content.decode()
    assert "Xếp loại rèn luyện cuối khóa" in page and "<strong>Tốt</strong>" in page
    client.force_login(
        make_user(
            Role.AGENCY_COORDINATOR, agency=AgencyFactory(school=klass["cohort"].school)
        )
    )
    assert client.get(f"/co-quan/hoc-vien/{enrollment.pk}/").status_code == 404
