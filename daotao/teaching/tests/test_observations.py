"""Class observation pages: the form is the rule set's (criteria, scale), the score
and band its rules'; with no rule set in force the page says so, shows no form and
a post records nothing."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.faculty.models import DevelopmentRuleSet
from daotao.faculty.tests.factories import LecturerFactory
from daotao.teaching.models import Observation

pytestmark = pytest.mark.django_db

SCORES = {
    "score_content": "9",
    "score_method": "8",
    "score_practice": "8.5",
    "score_manner": "8.5",
}


@pytest.fixture
def lecturers(school, unit):
    return LecturerFactory(school=school, unit=unit), LecturerFactory(
        school=school, unit=unit
    )


def _post(lecturers):
    taught, observer = lecturers
    return {
        "lecturer": taught.pk,
        "kind": "observation",
        "observed_on": timezone.localdate().strftime("%d/%m/%Y"),
        "lesson": "Chính quyền địa phương hai cấp",
        "observers": [observer.pk],
        **SCORES,
    }


def test_the_office_records_an_observation_scored_by_the_rule_set(
    client, make_user, lecturers
):
    client.force_login(make_user(Role.TRAINING_OFFICE))
    page = client.get("/giang-day/du-gio/them/")
    assert page.status_code == 200
    assert "Phương pháp giảng dạy" in page.text
    response = client.post("/giang-day/du-gio/them/", _post(lecturers))
    assert response.status_code == 302
    item = Observation.objects.get()
    assert (item.score, item.band) == (Decimal("8.50"), "Giỏi")
    assert list(item.observers.all()) == [lecturers[1]]


def test_no_rule_set_in_force_no_form_and_nothing_recorded(
    client, make_user, lecturers
):
    DevelopmentRuleSet.objects.all().delete()
    client.force_login(make_user(Role.TRAINING_OFFICE))
    sentence = (
        "Chưa có bộ quy định phát triển giảng viên có hiệu lực vào ngày "
        f"{timezone.localdate():%d/%m/%Y}."
    )
    page = client.get("/giang-day/du-gio/them/")
    assert page.status_code == 200
    assert sentence in page.text
    assert 'href="/giang-vien/quy-dinh-phat-trien/"' in page.text
    assert "Phương pháp giảng dạy" not in page.text
    assert "Ghi phiếu</button>" not in page.text
    response = client.post("/giang-day/du-gio/them/", _post(lecturers))
    assert response.status_code == 200
    assert sentence in response.text
    assert not Observation.objects.exists()
    assert not AuditEvent.objects.filter(action="teaching.observation_record").exists()


def test_an_observation_dated_outside_any_rule_set_is_refused(
    client, make_user, lecturers
):
    first = DevelopmentRuleSet.objects.order_by("valid_from").first().valid_from
    client.force_login(make_user(Role.TRAINING_OFFICE))
    before = first - datetime.timedelta(days=1)
    response = client.post(
        "/giang-day/du-gio/them/",
        _post(lecturers) | {"observed_on": before.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 200
    assert (
        "Chưa có bộ quy định phát triển giảng viên có hiệu lực vào ngày "
        f"{before:%d/%m/%Y}."
    ) in response.text
    assert not Observation.objects.exists()
