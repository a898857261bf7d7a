"""Enrolment pages: the coordinator's quota and form, scope, the office's review."""

import pytest

from daotao.enrolment import services
from daotao.enrolment.models import Nomination
from daotao.enrolment.tests.test_services import GOOD, nominate


@pytest.mark.django_db
def test_coordinator_sees_quota_and_nominates_online(
    client, coordinator, planned_class, eligible_person
):
    person = eligible_person()
    client.force_login(coordinator)
    page = client.get(f"/tuyen-sinh/lop/{planned_class.pk}/")
    assert (page.context["used"], page.context["places"]) == (0, 2)
    response = client.post(
        f"/tuyen-sinh/lop/{planned_class.pk}/",
        {
            "person": person.pk,
            "is_post_qualifying": "on",
            "rating_previous_year": "good",
            "rating_year_before": "good",
            "sending_document_number": "15-CV/ĐU",
            "sending_document_date": "10/01/2026",
        },
    )
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert (nomination.person_id, nomination.sending_document_number) == (
        person.pk,
        "15-CV/ĐU",
    )


@pytest.mark.django_db
def test_the_person_picker_tells_namesakes_apart(
    client, coordinator, planned_class, eligible_person, agencies
):
    import datetime

    names = {"family_name": "Nguyễn", "middle_name": "Thanh", "given_name": "Trang"}
    older = eligible_person(date_of_birth=datetime.date(1980, 3, 5), **names)
    younger = eligible_person(date_of_birth=datetime.date(1991, 11, 20), **names)
    client.force_login(coordinator)
    page = client.get(f"/tuyen-sinh/lop/{planned_class.pk}/")
    choices = dict(page.context["form"].fields["person"].choices)
    agency = agencies[0].name
    assert choices[older.pk] == f"Nguyễn Thanh Trang — 05/03/1980 — {agency}"
    assert choices[younger.pk] == f"Nguyễn Thanh Trang — 20/11/1991 — {agency}"
    assert f"Nguyễn Thanh Trang — 20/11/1991 — {agency}" in page.content.decode()


@pytest.mark.django_db
def test_coordinator_never_sees_another_agencys_nomination(
    client, make_user, planned_class, eligible_person, agencies, coordinator
):
    other = make_user("agency_coordinator", agency=agencies[1])
    theirs = nominate(other, planned_class, eligible_person(agency=agencies[1]))
    mine = nominate(coordinator, planned_class, eligible_person())
    client.force_login(coordinator)
    listed = client.get(f"/tuyen-sinh/lop/{planned_class.pk}/").context["nominations"]
    assert [n.pk for n in listed] == [mine.pk]
    assert client.get(f"/tuyen-sinh/de-nghi/{theirs.pk}/").status_code == 404


@pytest.mark.django_db
def test_office_overrides_with_a_reason_through_the_page(
    client, office, coordinator, planned_class, eligible_person
):
    nomination = nominate(
        coordinator, planned_class, eligible_person(party_joined_on=None)
    )
    client.force_login(office)
    client.post(f"/tuyen-sinh/de-nghi/{nomination.pk}/xet/")
    client.post(
        f"/tuyen-sinh/de-nghi/{nomination.pk}/chap-thuan/",
        {"rule": "party_member", "reason": "Đang làm thủ tục kết nạp"},
    )
    nomination.refresh_from_db()
    assert services.is_eligible(nomination)
    body = client.get(f"/tuyen-sinh/de-nghi/{nomination.pk}/").content.decode()
    assert "Đang làm thủ tục kết nạp" in body


@pytest.mark.django_db
def test_office_admits_and_sees_the_roster(
    client, office, coordinator, planned_class, eligible_person
):
    for given in ("Bình", "An"):
        nomination = nominate(
            coordinator, planned_class, eligible_person(given_name=given)
        )
        services.nomination_check(actor=office, nomination=nomination)
    client.force_login(office)
    response = client.post(
        f"/tuyen-sinh/lop/{planned_class.pk}/lap-lop/",
        {"code": "K60A", "signer_title": "HIỆU TRƯỞNG"},
    )
    assert response.status_code == 302
    roster = client.get(response["Location"]).context["roster"]
    assert [e.person.given_name for e in roster] == ["An", "Bình"]
    assert GOOD.is_post_qualifying


@pytest.mark.django_db
def test_the_class_list_exports_only_what_the_reader_sees(
    client, make_user, coordinator, office, planned_class, eligible_person, agencies
):
    import io
    import logging

    from openpyxl import load_workbook

    other = make_user("agency_coordinator", agency=agencies[1])
    nominate(
        other,
        planned_class,
        eligible_person(
            agency=agencies[1], family_name="Trần", middle_name="", given_name="Ba"
        ),
    )
    nominate(
        coordinator,
        planned_class,
        eligible_person(
            family_name="Lê",
            middle_name="Thị",
            given_name="Bảy",
            party_joined_on=None,
            citizen_id="038190001111",
        ),
    )

    def rows_for(user):
        client.force_login(user)
        response = client.get(f"/tuyen-sinh/lop/{planned_class.pk}/xuat-excel/")
        sheet = load_workbook(io.BytesIO(response.content)).active
        return [tuple(r) for r in sheet.iter_rows(min_row=3, values_only=True)]

    security = logging.getLogger("daotao.security")
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    security.addHandler(handler)
    try:
        mine = rows_for(coordinator)
        everyone = rows_for(office)
    finally:
        security.removeHandler(handler)

    assert mine == [
        (
            1,
            "Lê Thị Bảy",
            "01/01/1990",
            "Nữ",
            "038190001111",
            None,  # no post given: an empty cell
            agencies[0].name,
            None,
            "Là đảng viên",
            "Chưa đủ điều kiện",
            "Đã gửi",
        )
    ]
    assert [row[1] for row in everyone] == ["Trần Ba", "Lê Thị Bảy"]
    exports = [r for r in records if getattr(r, "event", "") == "export_personal_data"]
    assert [(r.user, r.object, r.filters) for r in exports] == [
        (coordinator.pk, "enrolment.nomination", {"planned_class": planned_class.pk}),
        (office.pk, "enrolment.nomination", {"planned_class": planned_class.pk}),
    ]


@pytest.mark.django_db
def test_the_class_page_verdict_follows_the_rules_shown_beside_it(
    client, office, coordinator, planned_class, eligible_person
):
    """An overridden rule is shown as accepted, never as ✘ beside "Đủ điều kiện";
    a failed rule makes the row "Chưa đủ điều kiện"."""
    done = services.NominationData(
        is_post_qualifying=True, rating_previous_year="done", rating_year_before="good"
    )
    accepted = services.nomination_check(
        actor=office,
        nomination=nominate(
            coordinator, planned_class, eligible_person(given_name="An"), done
        ),
    )
    services.nomination_override(
        actor=office, nomination=accepted, rule="rating", reason="Cán bộ nguồn"
    )
    nominate(coordinator, planned_class, eligible_person(given_name="Bình"), done)
    client.force_login(office)

    body = client.get(f"/tuyen-sinh/lop/{planned_class.pk}/").content.decode()

    rows = body.split("<tbody>")[1].split("</tbody>")[0].split("</tr>")
    an, binh = rows[0], rows[1]
    assert "Nguyễn Văn An" in an
    assert "✘ Xếp loại chất lượng" not in an
    assert "✔ Xếp loại chất lượng (chấp thuận đặc biệt)" in an
    assert "Đủ điều kiện (trường hợp đặc biệt)" in an
    assert "✘ Xếp loại chất lượng" in binh
    assert "Chưa đủ điều kiện" in binh
    assert "Đủ điều kiện<" not in binh


@pytest.mark.django_db
def test_the_nomination_page_names_the_retirement_roadmap_and_its_basis(
    client, office, coordinator, planned_class, eligible_person
):
    import datetime

    nomination = nominate(
        coordinator,
        planned_class,
        eligible_person(sex="female", date_of_birth=datetime.date(1968, 3, 10)),
    )
    client.force_login(office)

    body = client.get(f"/tuyen-sinh/de-nghi/{nomination.pk}/").content.decode()

    assert (
        "Tuổi nghỉ hưu: Lộ trình tuổi nghỉ hưu trong điều kiện lao động bình "
        "thường (căn cứ 135/2020/NĐ-CP)."
    ) in body
    assert "Đủ tuổi nghỉ hưu (56 tuổi 4 tháng) ngày 10/07/2024" in body
