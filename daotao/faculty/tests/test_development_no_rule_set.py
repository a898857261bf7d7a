"""With no lecturer development rule set in force, no page computes a figure from
numbers of its own: each says so (with the way to the rule sets for whoever may
edit them) and every write that needs the rules is refused, changing nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.faculty.development import services
from daotao.faculty.models import (
    AnnualEvaluation,
    DevelopmentRuleSet,
    FieldPractice,
    Qualification,
)
from daotao.faculty.tests.factories import LecturerFactory
from daotao.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def lecturer(school, unit):
    lecturer = LecturerFactory(
        school=school,
        unit=unit,
        person=PersonFactory(
            school=school, family_name="Trần", middle_name="Thị", given_name="Hà"
        ),
    )
    today = timezone.localdate()
    FieldPractice.objects.create(
        lecturer=lecturer,
        place="Xã Bá Thước",
        topic="Chính quyền hai cấp",
        starts_on=today.replace(month=6, day=8),
        ends_on=today.replace(month=6, day=9),
        report_submitted_on=today.replace(month=6, day=20),
    )
    Qualification.objects.create(
        lecturer=lecturer,
        kind=Qualification.Kind.IT,
        name="Chứng chỉ tin học",
        expires_on=today + datetime.timedelta(days=10),
    )
    DevelopmentRuleSet.objects.all().delete()
    return lecturer


def _missing(day):
    return (
        "Chưa có bộ quy định phát triển giảng viên có hiệu lực vào ngày "
        f"{day:%d/%m/%Y}."
    )


RULES_LINK = 'href="/giang-vien/quy-dinh-phat-trien/"'


def test_the_dossier_says_so_and_shows_no_days_owed(client, make_user, lecturer):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    page = client.get(f"/giang-vien/{lecturer.pk}/ho-so-phat-trien/")
    assert page.status_code == 200
    assert _missing(timezone.localdate()) in page.text
    assert RULES_LINK in page.text
    dossier = page.context["dossier"]
    assert dossier.practice_days == 2
    assert dossier.practice_due is None
    assert [row.state for row in dossier.qualifications] == [""]
    assert "còn thiếu" not in page.text
    assert "đủ số ngày trong năm" not in page.text
    assert "sắp hết hạn" not in page.text


def test_a_lecturer_sees_the_sentence_without_the_link(client, make_user, lecturer):
    user = make_user(Role.LECTURER)
    user.person = lecturer.person
    user.save(update_fields=["person"])
    client.force_login(user)
    page = client.get("/giang-vien/ho-so-cua-toi/")
    assert _missing(timezone.localdate()) in page.text
    assert RULES_LINK not in page.text


def test_the_lists_show_no_hours_and_nobody_due(client, make_user, lecturer):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    today = timezone.localdate()
    practice = client.get("/giang-vien/thuc-te/")
    assert _missing(today) in practice.text
    assert practice.context["page"].object_list[0].hours is None
    assert "giờ chuẩn." not in practice.text
    due = client.get("/giang-vien/can-hoan-thanh/")
    assert _missing(today) in due.text
    assert "Trần Thị Hà" not in due.text
    export = client.get("/giang-vien/can-hoan-thanh/xuat-excel/")
    assert export.status_code == 302


def test_the_evaluation_list_offers_no_computation(client, make_user, lecturer):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    page = client.get("/giang-vien/danh-gia/?nam=2026")
    assert _missing(D(2026, 12, 31)) in page.text
    assert "Tính số liệu năm 2026" not in page.text
    assert "sổ giờ chuẩn năm học" not in page.text


def test_computing_the_evaluation_is_refused_and_changes_nothing(
    client, make_user, school, lecturer
):
    office = make_user(Role.TRAINING_OFFICE)
    with pytest.raises(ValidationError) as error:
        services.evaluation_compute(actor=office, school_id=school.pk, year=2026)
    assert error.value.messages == [_missing(D(2026, 12, 31))]
    client.force_login(office)
    response = client.post("/giang-vien/danh-gia/tinh/", {"nam": "2026"}, follow=True)
    assert _missing(D(2026, 12, 31)) in response.text
    assert not AnnualEvaluation.objects.exists()
    assert not AuditEvent.objects.filter(action="faculty.evaluation_compute").exists()
