"""An agency's personnel system posts its nominee list: the enrolment import's
checks (quota, identity, eligibility notes, all-or-nothing), a dry run unless told
otherwise."""

import pytest

from daotao.core.models import ImportBatch
from daotao.enrolment.models import Nomination
from daotao.people.models import Person

pytestmark = pytest.mark.django_db


def nominee(n, **changes):
    values = {
        "full_name": f"Lê Thị Hoa {chr(65 + n)}",
        "date_of_birth": "1990-01-01",
        "sex": "female",
        "citizen_id": f"03819000{n:04d}",
        "education": "Đại học",
        "theory_level": "Sơ cấp",
        "party_joined_on": "2015-05-19",
        "post": "Phó Chủ tịch UBND xã",
        "is_post_qualifying": True,
        "rating_previous_year": "good",
        "rating_year_before": "good",
    }
    values.update(changes)
    return values


def body(world, nominees, agency=None):
    return {
        "agency_id": (agency or world.agency_a).pk,
        "sending_document_number": "25-CV/ĐU",
        "sending_document_date": "2026-01-10",
        "nominees": nominees,
    }


def counts():
    return (
        Person.objects.count(),
        Nomination.objects.count(),
        ImportBatch.objects.count(),
    )


def url(world, dry_run=None):
    query = "" if dry_run is None else f"?dry_run={str(dry_run).lower()}"
    return f"/classes/{world.planned.pk}/nominations{query}"


def test_a_post_without_dry_run_false_only_checks(call, agency_token, world):
    before = counts()
    payload = body(world, [nominee(1), nominee(2)])
    response = call(url(world), agency_token, json=payload)
    assert response.status_code == 200
    report = response.json()
    assert report["dry_run"] is True and report["committed"] is False
    assert (report["created"], report["matched"], report["refused"]) == (2, 0, 0)
    assert [r["row"] for r in report["rows"]] == [1, 2]
    assert counts() == before


def test_dry_run_false_commits_the_list_for_the_agency(call, agency_token, world):
    before = counts()
    response = call(
        url(world, dry_run=False),
        agency_token,
        json=body(world, [nominee(1), nominee(2)]),
    )
    assert response.status_code == 201, response.json()
    assert response.json()["committed"] is True
    nominations = Nomination.objects.filter(planned_class=world.planned)
    assert sorted(n.person.full_name for n in nominations) == [
        "Lê Thị Hoa B",
        "Lê Thị Hoa C",
    ]
    assert {n.agency_id for n in nominations} == {world.agency_a.pk}
    assert {n.sending_document_number for n in nominations} == {"25-CV/ĐU"}
    assert counts() == (before[0] + 2, before[1] + 2, before[2] + 1)


def test_beyond_the_quota_nothing_is_written(call, agency_token, world):
    before = counts()
    three = [nominee(1), nominee(2), nominee(3)]
    dry = call(url(world), agency_token, json=body(world, three))
    assert dry.status_code == 422
    report = dry.json()
    assert report["refused"] == 1
    assert "vượt chỉ tiêu" in report["rows"][2]["messages"][0]
    commit = call(url(world, dry_run=False), agency_token, json=body(world, three))
    assert commit.status_code == 422
    assert commit.json()["committed"] is False
    assert counts() == before


def test_another_agencys_cadre_is_refused_by_the_imports_rule(
    call, agency_token, world, eligible_person
):
    cadre_b = eligible_person(world.agency_b, citizen_id="038190009999")
    before = counts()
    listed = nominee(1, full_name=cadre_b.full_name, citizen_id=cadre_b.citizen_id)
    response = call(url(world, dry_run=False), agency_token, json=body(world, [listed]))
    assert response.status_code == 422
    (row,) = response.json()["rows"]
    assert row["action"] == "refuse"
    assert cadre_b.full_name not in " ".join(row["messages"])
    assert counts() == before


def test_an_agency_may_not_send_for_another_agency(call, agency_token, world):
    before = counts()
    response = call(
        url(world, dry_run=False),
        agency_token,
        json=body(world, [nominee(1)], agency=world.agency_b),
    )
    assert response.status_code == 404
    assert counts() == before


def test_eligibility_notes_come_back_on_the_dry_run(call, agency_token, world):
    young = nominee(1, date_of_birth="2008-01-01", citizen_id="038308000001")
    report = call(url(world), agency_token, json=body(world, [young])).json()
    assert report["rows"][0]["action"] in {"create", "refuse"}
    assert report["rows"][0]["messages"] or report["errors"]


def test_without_the_nominate_scope_it_is_403(call, make_client, world):
    from daotao.core.access import Role

    _c, token = make_client(
        Role.AGENCY_COORDINATOR, ["enrolment.view_nomination"], agency=world.agency_a
    )
    before = counts()
    response = call(url(world, dry_run=False), token, json=body(world, [nominee(1)]))
    assert response.status_code == 403
    assert counts() == before


def test_an_invalid_body_is_400(call, agency_token, world):
    response = call(url(world), agency_token, json={"agency_id": world.agency_a.pk})
    assert response.status_code == 400
    bad_sex = nominee(1, sex="x")
    response = call(url(world), agency_token, json=body(world, [bad_sex]))
    assert response.status_code == 400


def test_the_same_list_sent_twice_nominates_once(call, agency_token, world):
    payload = body(world, [nominee(1)])
    first = call(url(world, dry_run=False), agency_token, json=payload)
    assert first.status_code == 201
    persons, nominations, _batches = counts()
    again = call(url(world, dry_run=False), agency_token, json=payload)
    # The sheet the list is written as carries the second it was saved in: within
    # the same second it is the same file (already imported: 422, nothing written);
    # later, the cadre already nominated is matched and left as is (201). Either
    # way the cadre is nominated once.
    report = again.json()
    assert report["created"] == 0
    if again.status_code == 201:
        assert report["matched"] == 1
    else:
        assert again.status_code == 422
        assert report["committed"] is False and report["notices"]
    assert counts()[:2] == (persons, nominations)
