"""A token of school A never reaches school B (issue 20): every detail operation
answers 404 for B's record, every list holds none of B's rows, and sending
nominations into B's class is 404 with nothing written."""

import datetime

import pytest

from daotao.api.tests.conftest import OFFICE_SCOPES
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.enrolment.models import Nomination
from daotao.org.tests.factories import AgencyFactory, SchoolFactory
from daotao.planning.models import Quota
from daotao.research.tests.factories import ResearchTopicFactory
from daotao.tests.support.school_world import FreshSchool

pytestmark = pytest.mark.django_db

LISTS = ["/programmes", "/plans", "/classes", "/cohorts", "/lecturers"]
LISTS += ["/research-topics"]


@pytest.fixture
def other_school():
    """School B: a programme, an approved plan with a class and a quota, a cohort
    with a learner, a lecturer leading a research topic."""
    school = SchoolFactory()
    fresh = FreshSchool(school)
    agency = AgencyFactory(school=school)
    version = fresh.programme()
    planned = fresh.planned_class(
        version,
        code="TC-2026-01",
        name="Lớp của trường B",
        starts_on=datetime.date(2026, 9, 7),
        ends_on=datetime.date(2027, 3, 5),
    )
    Quota.objects.create(planned_class=planned, agency=agency, places=3)
    cohort = fresh.cohort(version, code="K59A", starts_on=datetime.date(2025, 3, 3))
    fresh.admit(cohort, agency=agency)
    topic = ResearchTopicFactory(school=school)
    return {
        "/programmes": version.pk,
        "/plans": planned.plan_id,
        "/classes": planned.pk,
        "/cohorts": cohort.pk,
        "/lecturers": topic.leader_id,
        "/research-topics": topic.pk,
        "agency": agency.pk,
    }


@pytest.fixture
def a_token(make_client, world):
    return make_client(Role.TRAINING_OFFICE, [*OFFICE_SCOPES])[1]


@pytest.mark.parametrize("path", LISTS)
def test_another_schools_record_is_404(call, a_token, world, other_school, path):
    response = call(f"{path}/{other_school[path]}", a_token)
    assert response.status_code == 404


@pytest.mark.parametrize("path", LISTS)
def test_lists_hold_only_the_own_schools_rows(call, a_token, world, other_school, path):
    body = call(path, a_token).json()
    ids = {row["id"] for row in body["results"]}
    assert ids  # school A's own rows are there
    assert other_school[path] not in ids


def test_nominations_into_another_schools_class_are_404_and_write_nothing(
    call, a_token, world, other_school
):
    before = Nomination.objects.count(), AuditEvent.objects.count()
    response = call(
        f"/classes/{other_school['/classes']}/nominations?dry_run=false",
        a_token,
        json={
            "agency_id": other_school["agency"],
            "nominees": [
                {
                    "full_name": "Nguyễn Văn Bình",
                    "date_of_birth": "1985-04-02",
                    "sex": "male",
                    "citizen_id": "040085000321",
                }
            ],
        },
    )
    assert response.status_code == 404
    assert Nomination.objects.count() == before[0]
    # The one new history row is the gate's record of the call itself.
    new = AuditEvent.objects.order_by("pk")[before[1] :]
    assert [event.action for event in new] == ["api.client_call"]
