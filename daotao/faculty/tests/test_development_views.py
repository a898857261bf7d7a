"""Lecturer development pages: what the office plans, what a lecturer sees of their
own dossier, what a head of another faculty may not change, the Excel lists."""

import datetime
from io import BytesIO

import pytest
import time_machine
from openpyxl import load_workbook

from daotao.core.access import Role
from daotao.faculty.development import services
from daotao.faculty.models import (
    AnnualEvaluation,
    DevelopmentRuleSet,
    FieldPractice,
    Rotation,
    Unavailability,
)
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.tests.factories import UnitFactory
from daotao.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def lecturer(school, unit):
    return LecturerFactory(
        school=school,
        unit=unit,
        person=PersonFactory(
            school=school, family_name="Trần", middle_name="Thị", given_name="Hà"
        ),
    )


def test_office_plans_a_field_practice_from_the_dossier(client, make_user, lecturer):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    page = client.get(f"/giang-vien/{lecturer.pk}/ho-so-phat-trien/")
    assert page.status_code == 200
    assert "Lập kế hoạch đi thực tế" in page.text
    response = client.post(
        f"/giang-vien/{lecturer.pk}/thuc-te/them/",
        {
            "place": "Đảng ủy xã Bá Thước",
            "topic": "Chính quyền hai cấp",
            "starts_on": "08/06/2026",
            "ends_on": "12/06/2026",
        },
    )
    assert response.status_code == 302
    item = FieldPractice.objects.get(lecturer=lecturer)
    assert (item.starts_on, item.ends_on) == (D(2026, 6, 8), D(2026, 6, 12))
    assert Unavailability.objects.get(lecturer=lecturer).owned_by == "field_practice"


def test_a_head_of_another_faculty_changes_nothing(client, make_user, school, lecturer):
    other_unit = UnitFactory(school=school)
    client.force_login(make_user(Role.FACULTY_HEAD, unit_id=other_unit.pk))
    response = client.post(
        f"/giang-vien/{lecturer.pk}/thuc-te/them/",
        {
            "place": "Xã",
            "topic": "Thực tế",
            "starts_on": "08/06/2026",
            "ends_on": "12/06/2026",
        },
    )
    assert response.status_code == 404
    assert not FieldPractice.objects.exists()
    assert not Unavailability.objects.exists()


def test_a_lecturer_reads_their_own_dossier_without_forms(client, make_user, lecturer):
    user = make_user(Role.LECTURER)
    user.person = lecturer.person
    user.save(update_fields=["person"])
    client.force_login(user)
    page = client.get("/giang-vien/ho-so-cua-toi/")
    assert page.status_code == 200
    assert "Trần Thị Hà" in page.text
    assert "Lập kế hoạch đi thực tế" not in page.text
    assert client.get(f"/giang-vien/{lecturer.pk}/ho-so-phat-trien/").status_code == 403


def test_lists_export_to_excel_with_values(client, make_user, school, lecturer):
    office = make_user(Role.TRAINING_OFFICE)
    services.field_practice_plan(
        actor=office,
        lecturer=lecturer,
        data=services.FieldPracticeData(
            place="Xã Bá Thước",
            topic="Chính quyền hai cấp",
            starts_on=D(2026, 6, 8),
            ends_on=D(2026, 6, 12),
        ),
    )
    services.evaluation_compute(actor=office, school_id=school.pk, year=2026)
    assert AnnualEvaluation.objects.filter(year=2026).count() == 1
    client.force_login(office)
    sheet = load_workbook(
        BytesIO(client.get("/giang-vien/thuc-te/xuat-excel/?nam=2026").content)
    ).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[0] == "STT")
    assert rows[header + 1][1:9] == [
        "Trần Thị Hà",
        lecturer.unit.name,
        "Xã Bá Thước",
        "Chính quyền hai cấp",
        "08/06/2026",
        "12/06/2026",
        5,
        15,
    ]
    sheet = load_workbook(
        BytesIO(client.get("/giang-vien/danh-gia/xuat-excel/?nam=2026").content)
    ).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[0] == "STT")
    assert rows[header + 1][1] == "Trần Thị Hà"
    # no report yet: the five days are not done; no hours in the ledger of
    # 2025–2026, so no band is proposed from zero hours
    assert rows[header + 1][3] == "Chưa có giờ chuẩn trong sổ năm học 2025–2026"
    assert rows[header + 1][8] == 0
    assert rows[header + 1][9] == "Chưa đề xuất"
    page = client.get("/giang-vien/danh-gia/?nam=2026")
    assert "chưa xác minh" in page.text


def test_field_practice_list_shows_hours_by_the_rule_set(client, make_user, lecturer):
    office = make_user(Role.TRAINING_OFFICE)
    services.field_practice_plan(
        actor=office,
        lecturer=lecturer,
        data=services.FieldPracticeData(
            place="Xã Bá Thước",
            topic="Chính quyền hai cấp",
            starts_on=D(2026, 6, 8),
            ends_on=D(2026, 6, 9),
        ),
    )
    client.force_login(office)
    page = client.get("/giang-vien/thuc-te/?q=tran+thi+ha")
    assert page.status_code == 200
    assert "Trần Thị Hà" in page.text
    assert page.context["page"].object_list[0].hours == 6
    assert "chưa xác minh" in page.text


def test_each_practice_is_priced_by_the_rule_set_of_its_first_day(
    client, make_user, lecturer
):
    """As the giờ chuẩn ledger counts them: a rate that changes on 01/01/2027 leaves a
    practice of June 2026 at the old rate, in the list and in its Excel."""
    office = make_user(Role.TRAINING_OFFICE)
    old = DevelopmentRuleSet.objects.get()
    new = DevelopmentRuleSet.objects.create(
        name="Quy định mới",
        legal_basis=old.legal_basis,
        valid_from=D(2027, 1, 1),
        parameters=old.parameters | {"field_practice_hours_per_day": "4"},
    )
    DevelopmentRuleSet.objects.filter(pk=old.pk).update(valid_to=D(2026, 12, 31))
    for starts_on, place in ((D(2026, 6, 8), "Xã A"), (D(2027, 3, 8), "Xã B")):
        services.field_practice_plan(
            actor=office,
            lecturer=lecturer,
            data=services.FieldPracticeData(
                place=place,
                topic="Chính quyền hai cấp",
                starts_on=starts_on,
                ends_on=starts_on + datetime.timedelta(days=1),
            ),
        )
    with time_machine.travel(D(2027, 6, 1)):
        client.force_login(office)
        page = client.get("/giang-vien/thuc-te/")
        sheet = load_workbook(
            BytesIO(client.get("/giang-vien/thuc-te/xuat-excel/").content)
        ).active
    assert new.parameters["field_practice_hours_per_day"] == "4"
    hours = {item.place: item.hours for item in page.context["page"].object_list}
    assert hours == {"Xã A": 6, "Xã B": 8}
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert sorted(row[8] for row in rows if row[3] in ("Xã A", "Xã B")) == [6, 8]


def test_rotation_and_field_practice_report_and_delete_from_the_dossier(
    client, make_user, lecturer
):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    back = f"/giang-vien/{lecturer.pk}/ho-so-phat-trien/"
    response = client.post(
        f"/giang-vien/{lecturer.pk}/luan-chuyen/them/",
        {
            "post": "Phó Bí thư Đảng ủy xã",
            "host": "Đảng ủy xã Ngọc Lặc",
            "level": "commune",
            "starts_on": "01/10/2026",
            "ends_on": "31/03/2027",
            "decision_number": "125-QĐ/TU",
            "decision_on": "15/09/2026",
        },
    )
    assert response.url == back
    rotation = Rotation.objects.get(lecturer=lecturer)
    assert rotation.decision_number == "125-QĐ/TU"
    early = client.post(
        f"/giang-vien/luan-chuyen/{rotation.pk}/bao-cao/",
        {"submitted_on": "01/03/2027", "text": "Báo cáo"},
        follow=True,
    )
    assert "Báo cáo khi về nộp từ ngày kết thúc luân chuyển." in early.text
    client.post(
        f"/giang-vien/luan-chuyen/{rotation.pk}/bao-cao/",
        {"submitted_on": "05/04/2027", "text": "Báo cáo kết quả"},
    )
    rotation.refresh_from_db()
    assert rotation.return_report_on == D(2027, 4, 5)
    practice = FieldPractice.objects.create(
        lecturer=lecturer,
        place="Xã Bá Thước",
        topic="Chính quyền hai cấp",
        starts_on=D(2026, 6, 8),
        ends_on=D(2026, 6, 9),
    )
    page = client.post(
        f"/giang-vien/thuc-te/{practice.pk}/bao-cao/",
        {"submitted_on": "20/06/2026", "text": "Tóm tắt"},
        follow=True,
    )
    assert "Đã ghi báo cáo đi thực tế." in page.text
    practice.refresh_from_db()
    assert practice.report_submitted_on == D(2026, 6, 20)
    page = client.post(f"/giang-vien/thuc-te/{practice.pk}/xoa/", follow=True)
    assert "Đã hủy đợt đi thực tế." in page.text
    page = client.post(f"/giang-vien/luan-chuyen/{rotation.pk}/xoa/", follow=True)
    assert "Đã xóa đợt luân chuyển." in page.text
    assert not FieldPractice.objects.exists() and not Rotation.objects.exists()
