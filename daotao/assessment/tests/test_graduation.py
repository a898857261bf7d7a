"""The graduation list, the decision drafted with its annex, and the credentials
issued from the signed decision's list (refused before signing)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from daotao.assessment import selectors, services
from daotao.assessment.models import GraduationDecision, GraduationReview
from daotao.core.access import Role
from daotao.credentials.models import Credential, Register
from daotao.credentials.services import Graduate, credentials_issue
from daotao.credentials.tests.factories import blank_stock
from daotao.documents import services as documents


def test_graduation_list(client, considered, office):
    client.force_login(office)
    response = client.get(
        reverse("assessment:graduation-list", args=[considered["cohort"].pk])
    )
    assert [
        (
            line.result.enrollment.person.given_name,
            str(line.result.overall),
            line.result.classification,
            line.is_graduate,
            line.reasons,
        )
        for line in response.context["lines"]
    ] == [
        ("Hà", "6.9", "Khá", True, ()),
        ("Nam", "6.9", "Khá", False, ("Chưa đạt tiểu luận cuối khóa.",)),
        ("Tuấn", "6.0", "Không đạt", False, ("Còn 1 học phần chưa đạt.",)),
    ]
    assert GraduationReview.objects.count() == 3
    assert response.context["asks"] == {
        "exam": True,
        "essay": True,
        "field_study": True,
    }


def test_the_review_asks_only_for_what_the_rule_set_requires(
    client, considered, office
):
    """An essay-only route without field study: no graduation-exam or field-study
    column, and each essay box is labelled with the learner's name."""
    cohort = considered["cohort"]
    rule_set = selectors.cohort_rule_set(cohort=cohort)
    parameters = {
        **rule_set.parameters,
        "graduation_route": "essay",
        "field_study_required": False,
    }
    # The rule set of locked sheets changes only through the amendment gate.
    with transaction.atomic(), services.amendment_gate():
        type(rule_set).objects.filter(pk=rule_set.pk).update(parameters=parameters)
    GraduationReview.objects.all().delete()
    client.force_login(office)
    response = client.get(reverse("assessment:graduation-list", args=[cohort.pk]))
    assert response.context["asks"] == {
        "exam": False,
        "essay": True,
        "field_study": False,
    }
    body = response.content.decode()
    assert "Thi tốt nghiệp" not in body and "Thực tế</th>" not in body
    hà = next(e for e in considered["enrollments"] if e.person.given_name == "Hà")
    assert f'aria-label="Đạt tiểu luận — {hà.person.full_name}"' in body
    first = response.context["lines"][0]
    assert first.reasons == ("Chưa đạt tiểu luận cuối khóa.",)


def test_one_button_ticks_every_mark_of_the_learners_who_passed_their_modules(
    client, considered, office
):
    cohort = considered["cohort"]
    GraduationReview.objects.all().delete()
    client.force_login(office)
    page = client.get(reverse("assessment:graduation-list", args=[cohort.pk]))
    assert 'name="tick" value="eligible"' in page.content.decode()

    client.post(
        reverse("assessment:graduation-review", args=[cohort.pk]),
        {"tick": "eligible"},
    )

    reviews = {
        r.enrollment.person.given_name: (
            r.is_exam_passed,
            r.is_essay_passed,
            r.is_field_study_done,
        )
        for r in GraduationReview.objects.select_related("enrollment__person")
    }
    assert reviews == {"Hà": (True, True, True), "Nam": (True, True, True)}
    lines = selectors.graduation_list(cohort=cohort)
    assert [(line.is_graduate, line.reasons) for line in lines] == [
        (True, ()),
        (True, ()),
        (
            False,
            (
                "Còn 1 học phần chưa đạt.",
                "Chưa đạt thi tốt nghiệp.",
                "Chưa đạt tiểu luận cuối khóa.",
                "Chưa hoàn thành đi nghiên cứu thực tế.",
            ),
        ),
    ]


def draft(client, cohort):
    return client.post(
        reverse("assessment:graduation-decision", args=[cohort.pk]),
        {"signer_title": "Hiệu trưởng"},
    )


def test_decision_drafted_with_annex(client, considered, office):
    client.force_login(office)
    response = draft(client, considered["cohort"])
    assert response.status_code == 302
    decision = GraduationDecision.objects.get()
    hà = next(e for e in considered["enrollments"] if e.person.given_name == "Hà")
    assert decision.graduates == [{"enrollment_id": hà.pk, "classification": "Khá"}]
    document = decision.document
    assert (document.status, document.summary) == (
        "draft",
        "Về việc công nhận tốt nghiệp lớp Trung cấp lý luận chính trị K63A",
    )
    [annex] = [b for b in document.body if b["kind"] == "annex"]
    assert annex["title"] == (
        "DANH SÁCH HỌC VIÊN TỐT NGHIỆP LỚP TRUNG CẤP LÝ LUẬN CHÍNH TRỊ K63A"
    )
    row = annex["blocks"][0]["rows"][0]
    assert annex["blocks"][0]["rows"] == [
        ["1", "Trần Thị Hà", row[2], hà.agency.name, "6,9", "Khá"]
    ]
    again = draft(client, considered["cohort"])
    assert again.status_code == 302
    assert GraduationDecision.objects.count() == 1


def test_decision_refused_to_lecturer(client, considered, lecturer):
    client.force_login(lecturer)
    assert draft(client, considered["cohort"]).status_code == 403
    assert not GraduationDecision.objects.exists()


def sign_decision(office, leader, day):
    """The office submits the drafted graduation decision, leadership signs it."""
    document = GraduationDecision.objects.get().document
    documents.document_submit(actor=office, document=document)
    documents.document_sign(actor=leader, document=document, signed_on=day)


def issue(cohort, office):
    kind = selectors.credential_kind(cohort=cohort)
    return credentials_issue(
        actor=office,
        kind=kind,
        year=2027,
        graduates=[
            Graduate(enrollment_id, label)
            for enrollment_id, label in selectors.graduates_for_credentials(
                cohort=cohort
            )
        ],
        issued_on=datetime.date(2027, 9, 1),
        signer="Hiệu trưởng",
    )


def test_credentials_after_signing_only(client, considered, office, make_user, school):
    cohort = considered["cohort"]
    client.force_login(office)
    draft(client, cohort)
    blank_stock(school, kind="diploma", first=1, last=10)
    with pytest.raises(ValidationError, match="chưa được ký"):
        issue(cohort, office)
    assert not Credential.objects.exists()
    sign_decision(office, make_user(Role.LEADERSHIP), datetime.date(2027, 8, 30))
    credentials = issue(cohort, office)
    assert selectors.credential_kind(cohort=cohort) == "diploma"
    assert [
        (c.holder_name, c.classification_label, c.entry_number) for c in credentials
    ] == [("Trần Thị Hà", "Khá", 1)]
    assert Register.objects.get().last_entry_number == 1


def test_the_issue_button_issues_the_signed_list_once(
    client, considered, office, make_user, school
):
    cohort = considered["cohort"]
    client.force_login(office)
    draft(client, cohort)
    blank_stock(school, kind="diploma", first=1, last=10)
    url = f"/van-bang/cap-theo-lop/{cohort.pk}/"

    refused = client.post(url, {"signer": "Nguyễn Văn Hiệu", "confirm": "yes"})

    assert refused["Location"] == f"/danh-gia/lop/{cohort.pk}/tot-nghiep/"
    assert not Credential.objects.exists()
    sign_decision(office, make_user(Role.LEADERSHIP), datetime.date(2027, 8, 30))
    page = client.get(f"/danh-gia/lop/{cohort.pk}/tot-nghiep/")
    assert url in page.content.decode()
    assert 'name="confirm" value="yes" required' in page.content.decode()

    unconfirmed = client.post(url, {"signer": "Nguyễn Văn Hiệu"})

    assert unconfirmed["Location"] == f"/danh-gia/lop/{cohort.pk}/tot-nghiep/"
    assert not Credential.objects.exists()
    issued = client.post(url, {"signer": "Nguyễn Văn Hiệu", "confirm": "yes"})

    assert issued["Location"] == "/van-bang/"
    credential = Credential.objects.get()
    assert (credential.holder_name, credential.classification_label) == (
        "Trần Thị Hà",
        "Khá",
    )
    assert credential.signer == "Nguyễn Văn Hiệu"
    again = client.post(url, {"signer": "Nguyễn Văn Hiệu", "confirm": "yes"})
    assert again["Location"] == f"/danh-gia/lop/{cohort.pk}/tot-nghiep/"
    assert Credential.objects.count() == 1


def test_issued_early_on_new_years_day_is_dated_that_day(
    client, considered, office, make_user, school
):
    """06:30 on 1/1/2027 in Hà Nội is still 31/12/2026 in UTC: the certificate
    and its register follow the school's day."""
    cohort = considered["cohort"]
    client.force_login(office)
    draft(client, cohort)
    blank_stock(school, kind="diploma", first=1, last=10)
    sign_decision(office, make_user(Role.LEADERSHIP), datetime.date(2026, 12, 30))
    early = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(early, tick=False):
        client.force_login(office)  # a session of that morning
        issued = client.post(
            f"/van-bang/cap-theo-lop/{cohort.pk}/", {"signer": "X", "confirm": "yes"}
        )
    assert issued["Location"] == "/van-bang/"
    credential = Credential.objects.get()
    assert credential.issued_on == datetime.date(2027, 1, 1)
    assert credential.register.year == 2027


def test_the_issue_button_is_refused_to_a_lecturer(client, considered, lecturer):
    response = client.post(
        f"/van-bang/cap-theo-lop/{considered['cohort'].pk}/",
        {"signer": "X", "confirm": "yes"},
    )
    assert response.status_code == 302  # not signed in: to the login page
    client.force_login(lecturer)
    response = client.post(
        f"/van-bang/cap-theo-lop/{considered['cohort'].pk}/",
        {"signer": "X", "confirm": "yes"},
    )
    assert response.status_code == 403
    assert not Credential.objects.exists()
