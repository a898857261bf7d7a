"""The administrator's setup pages outside the admin site: the school's identity
(and the document header that follows it) and the rule sets to confirm."""

import pytest
from django.urls import reverse

from daotao.accounts.models import User
from daotao.assessment.models import AssessmentRuleSet
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents.models import Issuer
from daotao.enrolment.models import RetirementRuleSet
from daotao.org.models import School
from daotao.reports.services import AdministratorData, SchoolData, school_start
from daotao.standards.models import StandardRuleSet

IDENTITY = {
    "name": "Trường Chính trị tỉnh Nghệ An",
    "short_name": "TRƯỜNG CHÍNH TRỊ",
    "governing_body": "TỈNH ỦY NGHỆ AN",
    "place_name": "Nghệ An",
    "address": "Số 1 đường Lê Hồng Phong, phường Thành Vinh",
    "phone": "0238 3844 000",
    "email": "tct@nghean.gov.vn",
    "website": "https://truongchinhtri.nghean.gov.vn",
}


@pytest.fixture
def started(db):
    return school_start(
        school=SchoolData(
            name="Trường Chính trị tỉnh Nghệ An",
            province="Nghệ An",
            abbreviation="TrCT",
            governing_body="TỈNH ỦY NGHỆ AN",
        ),
        administrator=AdministratorData(username="quantri", display_name="Quản trị"),
    )


@pytest.fixture
def admin_client(started, client):
    client.force_login(User.objects.get(pk=started.administrator.pk))
    return client


def test_the_administrator_saves_the_identity_and_the_header_follows(
    started, admin_client
):
    url = reverse("reports:school-identity")
    changed = IDENTITY | {"governing_body": "ĐẢNG BỘ TỈNH NGHỆ AN"}

    response = admin_client.post(url, changed)

    assert response.status_code == 302
    school = School.objects.get(pk=started.school.pk)
    assert {name: getattr(school, name) for name in IDENTITY} == changed
    assert (school.abbreviation, school.province.name) == ("TrCT", "Nghệ An")
    issuer = Issuer.objects.get(school=school, abbreviation="TrCT")
    assert (issuer.governing_body, issuer.header_name) == (
        "ĐẢNG BỘ TỈNH NGHỆ AN",
        "TRƯỜNG CHÍNH TRỊ",
    )
    event = AuditEvent.objects.get(action="org.school_identity_update")
    assert event.changes["governing_body"] == [
        "TỈNH ỦY NGHỆ AN",
        "ĐẢNG BỘ TỈNH NGHỆ AN",
    ]
    assert AuditEvent.objects.filter(action="documents.issuer_update").count() == 1
    page = admin_client.get(url).content.decode()
    assert "ĐẢNG BỘ TỈNH NGHỆ AN" in page


def test_a_wrong_email_changes_nothing(started, admin_client):
    response = admin_client.post(
        reverse("reports:school-identity"), IDENTITY | {"email": "không-phải-thư"}
    )

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert School.objects.get(pk=started.school.pk).address == ""
    assert not AuditEvent.objects.filter(action="org.school_identity_update").exists()


def test_the_training_office_may_not_change_the_identity(started, make_user, client):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.post(reverse("reports:school-identity"), IDENTITY)
    assert response.status_code == 403
    assert School.objects.get(pk=started.school.pk).address == ""


def test_the_administrator_confirms_a_rule_set(started, admin_client):
    rule_set = AssessmentRuleSet.objects.filter(is_confirmed=False).first()
    listing = admin_client.get(reverse("reports:rule-sets")).content.decode()
    url = reverse(
        "reports:rule-set-confirm", args=["assessment.assessmentruleset", rule_set.pk]
    )
    assert url in listing

    assert admin_client.post(url).status_code == 302
    assert admin_client.post(url).status_code == 302

    rule_set.refresh_from_db()
    assert rule_set.is_confirmed
    assert AuditEvent.objects.filter(action="org.rule_set_confirm").count() == 1


def test_every_kind_of_rule_set_is_listed_the_standard_school_included(
    started, admin_client
):
    listing = admin_client.get(reverse("reports:rule-sets")).content.decode()
    for title in (
        "Bộ quy định phát triển giảng viên",
        "Mức hỗ trợ học viên",
        "Quy định xếp loại rèn luyện",
        "Bộ định mức giờ chuẩn",
        "Bộ tiêu chí trường chính trị chuẩn",
    ):
        assert f">{title}</h2>" in listing
    standard = StandardRuleSet.objects.get()
    url = reverse(
        "reports:rule-set-confirm", args=["standards.standardruleset", standard.pk]
    )
    assert url in listing and standard.name in listing

    assert admin_client.post(url).status_code == 302
    standard.refresh_from_db()
    assert standard.is_confirmed
    event = AuditEvent.objects.get(action="org.rule_set_confirm")
    assert event.object_id == str(standard.pk)
    listing = admin_client.get(reverse("reports:rule-sets")).content.decode()
    assert url not in listing


def test_an_unknown_kind_or_another_role_confirms_nothing(
    started, admin_client, make_user, client
):
    rule_set = RetirementRuleSet.objects.filter(is_confirmed=False).first()
    unknown = reverse("reports:rule-set-confirm", args=["org.school", rule_set.pk])
    assert admin_client.post(unknown).status_code == 404
    client.force_login(make_user(Role.TRAINING_OFFICE))
    url = reverse(
        "reports:rule-set-confirm", args=["enrolment.retirementruleset", rule_set.pk]
    )
    assert client.post(url).status_code == 403
    rule_set.refresh_from_db()
    assert not rule_set.is_confirmed
    assert not AuditEvent.objects.filter(action="org.rule_set_confirm").exists()


def test_the_administrator_sends_the_schools_plans_to_the_province(
    started, admin_client
):
    url = reverse("reports:school-identity")
    assert "Ban Tổ chức Tỉnh ủy" in admin_client.get(url).content.decode()

    response = admin_client.post(url, IDENTITY | {"plans_approved_by_province": "on"})

    assert response.status_code == 302
    assert School.objects.get(pk=started.school.pk).plans_approved_by_province
    event = AuditEvent.objects.get(action="org.school_identity_update")
    assert event.changes["plans_approved_by_province"] == [False, True]
