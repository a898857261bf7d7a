"""Ledger pages: the report per unit, recompute and close, export, a lecturer's
ledger and one's own, the rule sets; who may see and do what."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.faculty.tests.factories import LecturerFactory
from daotao.ledger import services
from daotao.ledger.models import (
    HourRuleSet,
    LecturerYearNorm,
    LedgerEntry,
    LedgerPeriod,
)
from daotao.org.tests.factories import SchoolFactory
from daotao.teaching.models import TeachingSession

D = datetime.date
YEAR = 2026
REPORT = reverse("ledger:ledger-report") + f"?nam={YEAR}"


@pytest.fixture(autouse=True)
def _the_end_of_march_2027():
    with time_machine.travel(datetime.datetime(2027, 3, 31, 10, 0), tick=False):
        yield


def teach(world, lecturer, day, *, kind="lecture", periods=5, half_day=0):
    return TeachingSession.objects.create(
        school=world["cohort"].school,
        term=world["term"],
        cohort=world["cohort"],
        topic=world["topics"][0],
        kind=kind,
        date=day,
        half_day=half_day,
        periods=periods,
        lecturer=lecturer,
    )


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def taught(world, office):
    """Hà taught 10 tiết of lecture and 6 of practice; Nam 5 of lecture; Hà has
    a 10% higher norm. Recomputed."""
    ha, nam, _tuan = world["lecturers"]
    teach(world, ha, D(2027, 3, 1), periods=10)
    teach(world, ha, D(2027, 3, 2), kind="practice", periods=6)
    teach(world, nam, D(2027, 3, 3), periods=5)
    services.lecturer_norm_set(
        actor=office,
        lecturer=ha,
        school_year=YEAR,
        adjustment_percent=10,
        reason="Quyết định số 12/QĐ-TrCT",
        reduction_hours=Decimal(0),
        reduction_reason="",
    )
    services.ledger_recompute(
        actor=office, school_id=world["cohort"].school_id, school_year=YEAR
    )
    return world


@pytest.mark.django_db
def test_the_report_shows_each_lecturer_against_the_norm(client, taught, office):
    client.force_login(office)
    response = client.get(REPORT)
    assert response.status_code == 200
    rows = {
        row.lecturer.person.given_name: row
        for unit in response.context["report"].units
        for row in unit.rows
    }
    ha = rows["Hà"]
    assert (ha.norm.hours, ha.total, ha.difference, ha.status) == (
        Decimal(297),
        Decimal(19),
        Decimal(-278),
        "under",
    )
    assert ha.hours == {"lecture": Decimal(10), "practice": Decimal(9)}
    assert (rows["Nam"].total, rows["Tuấn"].total) == (Decimal(5), Decimal(0))
    page = response.content.decode()
    assert "Sổ giờ chuẩn năm học 2026–2027" in page
    assert "thiếu giờ" in page
    assert "270 +10%" in page
    assert "cần xác nhận" in page


@pytest.mark.django_db
def test_the_report_needs_the_same_queries_for_many_lecturers(
    client, taught, office, django_assert_max_num_queries
):
    client.force_login(office)
    with django_assert_max_num_queries(20) as few:
        client.get(REPORT)
    for _ in range(15):
        LecturerFactory(school=taught["cohort"].school)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(REPORT).status_code == 200


@pytest.mark.django_db
def test_over_load_is_flagged(client, world, office):
    trainee = world["lecturers"][0]
    trainee.title = "trainee"
    trainee.save()
    for day in range(1, 20):
        teach(world, trainee, D(2027, 1, day), periods=5)
    services.ledger_recompute(
        actor=office, school_id=world["cohort"].school_id, school_year=YEAR
    )
    client.force_login(office)
    page = client.get(REPORT).content.decode()
    assert "+5" in page  # 95 taught against 90
    assert "vượt giờ" in page


@pytest.mark.django_db
def test_recompute_and_close_by_post(client, world, office):
    teach(world, world["lecturers"][0], D(2027, 3, 1))
    client.force_login(office)
    url = reverse("ledger:ledger-recompute")
    assert client.post(url, {"nam": YEAR}).status_code == 302
    assert LedgerEntry.objects.count() == 1
    assert client.post(reverse("ledger:ledger-close"), {"nam": YEAR}).status_code == (
        302
    )
    assert LedgerPeriod.objects.get().is_closed
    teach(world, world["lecturers"][0], D(2027, 3, 2))
    before = AuditEvent.objects.count()
    response = client.post(url, {"nam": YEAR}, follow=True)
    assert "đã chốt sổ giờ chuẩn" in response.content.decode()
    assert (LedgerEntry.objects.count(), AuditEvent.objects.count()) == (1, before)


@pytest.mark.django_db
def test_export_is_the_report_in_xlsx(client, taught, office):
    client.force_login(office)
    response = client.get(reverse("ledger:ledger-export") + f"?nam={YEAR}")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Sổ giờ chuẩn năm học 2026-2027"
    assert rows[1][:7] == (
        "Khoa, phòng",
        "Họ và tên",
        "Chức danh",
        "Định mức theo chức danh",
        "Điều chỉnh (%)",
        "Giảm định mức",
        "Định mức năm",
    )
    by_name = {row[1]: row for row in rows[2:]}
    ha = by_name["Trần Thị Hà"]
    assert ha[3:7] == (270, 10, 0, 297)
    assert ha[-3:] == (19, -278, "Thiếu giờ")


@pytest.mark.django_db
def test_a_lecturers_ledger_lists_each_entry_with_coefficient_and_rule_set(
    client, taught, office
):
    client.force_login(office)
    ha = taught["lecturers"][0]
    url = reverse("ledger:ledger-lecturer", args=[ha.pk]) + f"?nam={YEAR}"
    response = client.get(url)
    assert response.status_code == 200
    entries = response.context["ledger"].entries
    assert [(e.activity, e.coefficient, e.hours) for e in entries] == [
        ("lecture", Decimal(1), Decimal(10)),
        ("practice", Decimal("1.5"), Decimal(9)),
    ]
    page = response.content.decode()
    assert "1,5" in page
    assert HourRuleSet.objects.get().name in page
    assert "Quyết định số 12/QĐ-TrCT" in page


@pytest.mark.django_db
def test_norm_and_manual_entry_forms(client, world, office):
    ha = world["lecturers"][0]
    client.force_login(office)
    norm_url = reverse("ledger:ledger-norm-set", args=[ha.pk])
    refused = client.post(
        norm_url,
        {"nam": YEAR, "adjustment_percent": 16, "reduction_hours": "0"},
        follow=True,
    )
    assert refused.status_code == 200
    assert refused.context["norm_form"].errors == {
        "adjustment_reason": ["Hãy ghi lý do điều chỉnh định mức."],
        "adjustment_percent": ["Mức điều chỉnh định mức chỉ được trong khoảng ±15%."],
    }
    assert "±15%" in refused.content.decode()
    assert not LecturerYearNorm.objects.exists()
    client.post(
        norm_url,
        {
            "nam": YEAR,
            "adjustment_percent": -15,
            "adjustment_reason": "Kiêm nhiệm",
            "reduction_hours": "20,5",
            "reduction_reason": "Phó trưởng khoa",
        },
    )
    norm = LecturerYearNorm.objects.get()
    assert (norm.adjustment_percent, norm.reduction_hours) == (-15, Decimal("20.5"))
    entry_url = reverse("ledger:ledger-entry-add", args=[ha.pk])
    payload = {"nam": YEAR, "activity": "case_study", "date": "05/03/2027"}
    refused = client.post(entry_url, {**payload, "quantity": 4, "coefficient": "2,51"})
    assert refused.context["entry_form"].errors == {
        "coefficient": ["Hệ số phải từ 2 đến 2,5."]
    }
    assert not LedgerEntry.objects.exists()
    client.post(entry_url, {**payload, "quantity": 4, "coefficient": "2,5"})
    entry = LedgerEntry.objects.get()
    assert (entry.activity, entry.hours) == ("case_study", Decimal(10))
    client.post(reverse("ledger:ledger-entry-delete", args=[entry.pk]))
    assert not LedgerEntry.objects.exists()


@pytest.mark.django_db
def test_the_rule_set_form_saves_and_recomputes(client, world, office):
    rule_set = HourRuleSet.objects.get()
    teach(world, world["lecturers"][0], D(2027, 3, 2), kind="practice", periods=4)
    services.ledger_recompute(
        actor=office, school_id=world["cohort"].school_id, school_year=YEAR
    )
    client.force_login(office)
    url = reverse("ledger:hour-rule-set-update", args=[rule_set.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        name: field.value() if field.value() is not None else ""
        for name, field in ((f.name, f) for f in page.context["form"])
    }
    data["coefficient_practice"] = "2,1"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "nằm ngoài khoảng cho phép" in response.content.decode()
    data["coefficient_practice"] = "2"
    data["is_confirmed"] = "on"
    assert client.post(url, data).status_code == 302
    rule_set.refresh_from_db()
    assert rule_set.parameters["coefficients"]["practice"] == 2
    assert rule_set.parameters["ranges"]["case_study"] == [2, 2.5]
    assert rule_set.is_confirmed
    assert LedgerEntry.objects.get().hours == Decimal(8)


@pytest.mark.django_db
def test_the_rule_sets_page_shows_the_legal_basis(client, office):
    client.force_login(office)
    page = client.get(reverse("ledger:hour-rule-set-list")).content.decode()
    assert "TT-BNV 2023 (số cần xác nhận)" in page
    assert "cần xác nhận" in page
    assert "đang áp dụng" in page


# --- Who sees what -----------------------------------------------------------------


@pytest.mark.django_db
def test_a_lecturer_sees_only_their_own_ledger(client, taught, make_user):
    ha, nam, _tuan = taught["lecturers"]
    user = make_user(Role.LECTURER)
    user.person = ha.person
    user.save()
    client.force_login(user)
    own = client.get(reverse("ledger:ledger-own") + f"?nam={YEAR}")
    assert own.status_code == 200
    assert own.context["lecturer"] == ha
    assert own.context["ledger"].row.total == Decimal(19)
    assert not own.context["can_manage"]
    other = reverse("ledger:ledger-lecturer", args=[nam.pk])
    assert client.get(other).status_code == 403
    assert client.get(REPORT).status_code == 403


@pytest.mark.django_db
def test_a_lecturer_of_another_school_is_not_found(client, taught, office):
    stranger = LecturerFactory(school=SchoolFactory())
    client.force_login(office)
    url = reverse("ledger:ledger-lecturer", args=[stranger.pk])
    assert client.get(url).status_code == 404
    add = reverse("ledger:ledger-entry-add", args=[stranger.pk])
    payload = {
        "activity": "thesis",
        "date": "05/03/2027",
        "quantity": 1,
        "coefficient": "8",
    }
    assert client.post(add, payload).status_code == 404
    assert LedgerEntry.objects.filter(lecturer=stranger).count() == 0


@pytest.mark.django_db
def test_own_ledger_without_a_lecturer_profile(client, make_user):
    client.force_login(make_user(Role.HOMEROOM_LECTURER))
    response = client.get(reverse("ledger:ledger-own"))
    assert response.status_code == 200
    assert "chưa gắn với hồ sơ giảng viên" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.FACULTY_HEAD, Role.SUPERVISOR, Role.LECTURER, Role.LEARNER]
)
def test_roles_without_manage_ledger_cannot_recompute_or_edit(
    client, taught, make_user, role
):
    client.force_login(make_user(role))
    ha = taught["lecturers"][0]
    rule_set = HourRuleSet.objects.get()
    before = (
        list(LedgerEntry.objects.values_list("id", "hours")),
        AuditEvent.objects.count(),
        rule_set.parameters,
    )
    posts = [
        (reverse("ledger:ledger-recompute"), {"nam": YEAR}),
        (reverse("ledger:ledger-close"), {"nam": YEAR}),
        (
            reverse("ledger:ledger-norm-set", args=[ha.pk]),
            {"nam": YEAR, "adjustment_percent": 5, "adjustment_reason": "x"},
        ),
        (reverse("ledger:hour-rule-set-update", args=[rule_set.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert (
        list(LedgerEntry.objects.values_list("id", "hours")),
        AuditEvent.objects.count(),
        HourRuleSet.objects.get().parameters,
    ) == before
    assert not LedgerPeriod.objects.get().is_closed


@pytest.mark.django_db
def test_menu_offers_the_ledger_to_its_readers(client, make_user):
    report = f'href="{reverse("ledger:ledger-report")}"'
    own = f'href="{reverse("ledger:ledger-own")}"'
    client.force_login(make_user(Role.LEADERSHIP))
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert (report in page, own in page) == (True, False)
    client.force_login(make_user(Role.LECTURER))
    page = client.get(reverse("reports:dashboard")).content.decode()
    assert (report in page, own in page) == (False, True)


@pytest.mark.django_db
def test_a_faculty_head_reviews_only_their_faculty(client, taught, make_user):
    ha, nam, _tuan = taught["lecturers"]
    client.force_login(make_user(Role.FACULTY_HEAD, unit=ha.unit))
    report = client.get(REPORT).context["report"]
    assert [(u.name, [r.lecturer.pk for r in u.rows]) for u in report.units] == [
        (ha.unit.name, [ha.pk])
    ]
    assert report.total == Decimal(19)
    sheet = load_workbook(
        BytesIO(client.get(reverse("ledger:ledger-export") + f"?nam={YEAR}").content)
    ).active
    names = [row[1] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "Trần Thị Hà" in names
    assert "Lê Văn Nam" not in names
    own = reverse("ledger:ledger-lecturer", args=[ha.pk])
    other = reverse("ledger:ledger-lecturer", args=[nam.pk])
    assert client.get(own).status_code == 200
    assert client.get(other).status_code == 404


@pytest.mark.django_db
def test_leadership_reviews_every_faculty(client, taught, make_user):
    client.force_login(make_user(Role.LEADERSHIP))
    report = client.get(REPORT).context["report"]
    assert sorted(r.lecturer.pk for u in report.units for r in u.rows) == sorted(
        lecturer.pk for lecturer in taught["lecturers"]
    )
    assert report.total == Decimal(24)


@pytest.mark.django_db
def test_the_reports_rows_escape_what_people_typed(client, taught, office):
    """The rows are written in Python (ledger.report_rows), not by the template:
    a name is still escaped, and the badges and lecturer links still there."""
    ha = taught["lecturers"][0]
    ha.is_visiting = True
    ha.save(update_fields=["is_visiting"])
    ha.person.given_name = "Hà <b>"
    ha.person.save()
    client.force_login(office)

    page = client.get(REPORT).content.decode()

    assert "Hà &lt;b&gt;" in page and "Hà <b>" not in page
    assert f'href="/giang-day/gio-chuan/giang-vien/{ha.pk}/?nam={YEAR}"' in page
    assert '<span class="badge">thỉnh giảng</span>' in page
