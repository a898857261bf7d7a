"""The read endpoints: token, scopes ∩ the account's permissions, the account's
row scope, pagination, ETags, the rate limit and the history of every call."""

import pytest

from daotao.api.models import ApiClient
from daotao.core.access import Role
from daotao.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_no_token_or_a_wrong_one_is_401_and_nothing_is_recorded(call, world):
    assert call("/programmes").status_code == 401
    assert call("/programmes", "dt_not-a-token").status_code == 401
    assert not AuditEvent.objects.filter(action="api.client_call").exists()


def test_a_switched_off_client_is_401(call, make_client, world):
    client, token = make_client(Role.TRAINING_OFFICE, ["programs.view_program"])
    client.is_active = False
    client.save()
    assert call("/programmes", token).status_code == 401


def test_programmes_for_an_office_token(call, office_token, world):
    response = call("/programmes", office_token)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["next"] is None and body["previous"] is None
    (row,) = body["results"]
    assert row["id"] == world.version.pk
    assert row["programme_name"] == "Trung cấp lý luận chính trị"
    detail = call(f"/programmes/{world.version.pk}", office_token).json()
    assert detail == row


def test_a_scope_not_given_is_403_even_when_the_account_holds_it(
    call, bare_token, world
):
    response = call("/programmes", bare_token)
    assert response.status_code == 403
    assert "programs.view_program" in response.json()["detail"]


def test_a_scope_the_account_lost_is_403(call, make_client, world):
    client, token = make_client(Role.TRAINING_OFFICE, ["programs.view_program"])
    client.user.memberships.update(role=Role.AGENCY_COORDINATOR, agency=world.agency_a)
    assert call("/programmes", token).status_code == 403


def test_pagination_counts_and_links(call, office_token, world):
    page = call("/cohorts?limit=1", office_token).json()
    assert page["count"] == 2
    assert [c["code"] for c in page["results"]] == ["K59B"]
    assert page["previous"] is None
    assert page["next"].endswith("/api/v1/cohorts?limit=1&offset=1")
    second = call("/cohorts?limit=1&offset=1", office_token).json()
    assert [c["code"] for c in second["results"]] == ["K59A"]
    assert second["next"] is None
    assert second["previous"].endswith("/api/v1/cohorts?limit=1&offset=0")


def test_a_limit_out_of_range_is_400(call, office_token, world):
    assert call("/cohorts?limit=1000", office_token).status_code == 400
    assert call("/cohorts?limit=0", office_token).status_code == 400


def test_etag_answers_304_when_unchanged(call, office_token, world):
    first = call("/plans", office_token)
    etag = first["ETag"]
    again = call("/plans", office_token, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    world.planned.plan.title = "Kế hoạch năm 2026 (sửa)"
    world.planned.plan.save()
    changed = call("/plans", office_token, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_rate_limit_per_token_429_with_retry_after(call, make_client, world, settings):
    settings.API_RATE_LIMIT, settings.API_RATE_WINDOW = 2, 60
    _c1, token = make_client(Role.TRAINING_OFFICE, ["programs.view_program"])
    _c2, other = make_client(Role.TRAINING_OFFICE, ["programs.view_program"])
    assert [call("/programmes", token).status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]
    refused = call("/programmes", token)
    assert refused["Retry-After"] == "60"
    assert call("/programmes", other).status_code == 200


def test_every_call_is_recorded_with_client_path_and_status(call, make_client, world):
    client, token = make_client(
        Role.TRAINING_OFFICE, ["programs.view_program"], name="Hệ thống nhân sự"
    )
    call("/programmes?limit=5", token)
    call("/plans", token)
    call(f"/programmes/{world.version.pk + 999}", token)
    events = AuditEvent.objects.filter(action="api.client_call").order_by("id")
    assert [(e.changes["path"], e.changes["status"]) for e in events] == [
        ("/api/v1/programmes?limit=5", 200),
        ("/api/v1/plans", 403),
        (f"/api/v1/programmes/{world.version.pk + 999}", 404),
    ]
    assert {e.changes["client"] for e in events} == {"Hệ thống nhân sự"}
    assert {e.actor_id for e in events} == {client.user_id}
    assert ApiClient.objects.get(pk=client.pk).last_used_at is not None


def test_plan_detail_lists_its_classes(call, office_token, world):
    plan = world.planned.plan
    body = call(f"/plans/{plan.pk}", office_token).json()
    assert body["title"] == "Kế hoạch đào tạo, bồi dưỡng năm 2026"
    codes = [c["code"] for c in body["classes"]]
    assert "TC-2026-01" in codes
    line = next(c for c in body["classes"] if c["code"] == "TC-2026-01")
    assert line["places"] == 5


def test_cohort_detail_results_summary(call, office_token, world):
    body = call(f"/cohorts/{world.cohort_ab.pk}", office_token).json()
    assert body["code"] == "K59A"
    assert body["results"]["learners"] == 3
    assert body["results"]["classified"] == 0
    assert body["results"]["not_classified"] == 3


def test_lecturers_show_no_personal_data(call, office_token, world):
    body = call("/lecturers", office_token).json()
    (row,) = body["results"]
    assert row["full_name"] == world.lecturer.person.full_name
    assert set(row) == {
        "id",
        "full_name",
        "title",
        "title_label",
        "unit",
        "is_visiting",
        "is_active",
    }
    person = world.lecturer.person
    text = call(f"/lecturers/{world.lecturer.pk}", office_token).content.decode()
    for private in (person.citizen_id, person.phone, person.email):
        if private:
            assert private not in text


def test_research_topics(call, office_token, world):
    body = call("/research-topics", office_token).json()
    assert [t["code"] for t in body["results"]] == [world.topic.code]
    detail = call(f"/research-topics/{world.topic.pk}", office_token).json()
    assert detail["leader"] == world.lecturer.person.full_name


def test_credential_verification_shows_what_the_public_page_shows(
    call, bare_token, world
):
    credential = world.credential
    body = call(f"/credentials/verify/{credential.verification_code}", bare_token)
    assert body.status_code == 200
    data = body.json()
    assert data["serial"] == credential.serial
    assert data["holder_name"] == credential.holder_name
    dob = credential.holder_date_of_birth
    assert data["date_of_birth"] == (f"**/**/{dob.year}" if dob else "—")
    assert data["status"] == "valid"
    assert call("/credentials/verify/KHONG-CO", bare_token).status_code == 404
    if dob:
        found = call(
            f"/credentials/lookup?serial={credential.serial.lower()}"
            f"&date_of_birth={dob.isoformat()}",
            bare_token,
        )
        assert found.json()["serial"] == credential.serial
    missing = call(
        f"/credentials/lookup?serial={credential.serial}&date_of_birth=1900-01-01",
        bare_token,
    )
    assert missing.status_code == 404
