"""An agency's token reads only its own cadres' rows; another agency's record is
404 (not 403), and what the account may not read at all is 403."""

import pytest

from daotao.core.access import Role

pytestmark = pytest.mark.django_db


def test_an_agency_token_sees_only_cohorts_with_its_cadres(call, agency_token, world):
    body = call("/cohorts", agency_token).json()
    assert body["count"] == 1
    assert [c["code"] for c in body["results"]] == ["K59A"]


def test_another_agencys_cohort_is_404(call, agency_token, world):
    response = call(f"/cohorts/{world.cohort_b.pk}", agency_token)
    assert response.status_code == 404


def test_results_summary_counts_only_the_agencys_learners(call, agency_token, world):
    body = call(f"/cohorts/{world.cohort_ab.pk}", agency_token).json()
    assert body["results"]["learners"] == 2


def test_the_class_shows_the_agencys_own_places(call, agency_token, world):
    (row,) = call("/classes", agency_token).json()["results"]
    assert row["code"] == "TC-2026-01"
    assert row["places"] == 2
    office = call(f"/classes/{world.planned.pk}", agency_token).json()
    assert office["places"] == 2


def test_a_class_without_the_agencys_quota_is_404(call, make_client, world):
    from daotao.org.tests.factories import AgencyFactory

    other = AgencyFactory(school=world.school)
    _c, token = make_client(
        Role.AGENCY_COORDINATOR, ["enrolment.view_nomination"], agency=other
    )
    assert call("/classes", token).json()["count"] == 0
    assert call(f"/classes/{world.planned.pk}", token).status_code == 404


def test_what_the_agency_may_not_read_at_all_is_403(call, agency_token, world):
    for path in ("/programmes", "/plans", "/lecturers", "/research-topics"):
        assert call(path, agency_token).status_code == 403, path


def test_an_agency_scope_beyond_the_account_cannot_be_given(make_client, world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_client(
            Role.AGENCY_COORDINATOR, ["programs.view_program"], agency=world.agency_a
        )


def test_another_schools_rows_are_not_seen(call, make_client, world):
    from daotao.org.tests.factories import SchoolFactory

    other = SchoolFactory()
    _c, token = make_client(
        Role.TRAINING_OFFICE, ["enrolment.view_cohort"], school=other
    )
    assert call("/cohorts", token).json()["count"] == 0
    assert call(f"/cohorts/{world.cohort_ab.pk}", token).status_code == 404


def test_a_board_token_reads_its_provinces_plans_and_not_another_schools(
    call, make_client, world
):
    """The province's board (Ban Tổ chức Tỉnh ủy) reads the plans of the school
    of its province through planning.view_plan, not another school's."""
    from daotao.org.tests.factories import SchoolFactory
    from daotao.planning.models import TrainingPlan
    from daotao.planning.tests.factories import TrainingPlanFactory

    other_plan = TrainingPlanFactory(school=SchoolFactory(), year=2026)
    _c, token = make_client(Role.PROVINCIAL_BOARD, ["planning.view_plan"])
    listed = call("/plans", token).json()
    own = set(TrainingPlan.objects.filter(school=world.school).values_list("pk"))
    assert len(own) == 2
    assert {(p["id"],) for p in listed["results"]} == own
    plan = world.planned.plan
    assert call(f"/plans/{plan.pk}", token).json()["classes"][0]["code"] == (
        "TC-2026-01"
    )
    assert call(f"/plans/{other_plan.pk}", token).status_code == 404
    # Nothing else of the school: the board holds no cohort read.
    assert call("/cohorts", token).status_code == 403
