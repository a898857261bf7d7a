"""The evaluation export's query count does not grow with the number of cadres
(one query per cadre and per module would be hundreds for a large agency)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from daotao.enrolment.models import Cohort, Enrollment, Nomination
from daotao.outcomes.tests.conftest import lock_results
from daotao.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _another_cohort(world, code):
    """A copy of the world's cohort and its planned class (same programme)."""
    cohort = Cohort.objects.get(pk=world["cohort"].pk)
    planned = cohort.planned_class
    planned.pk = None
    planned.code = code
    planned.save()
    cohort.pk = None
    cohort.planned_class = planned
    cohort.code = code
    cohort.save()
    return cohort


def _more_cadres(world, school, agency, creator, count, start, cohort=None):
    cohort = cohort or world["cohort"]
    added = []
    for position in range(start, start + count):
        person = PersonFactory(school=school, agency=agency)
        nomination = Nomination.objects.create(
            school=school,
            planned_class=cohort.planned_class,
            agency=agency,
            person=person,
            created_by=creator,
            status=Nomination.Status.ADMITTED,
        )
        added.append(
            Enrollment.objects.create(
                cohort=cohort,
                person=person,
                nomination=nomination,
                agency=agency,
                learner_code=f"{cohort.code}-{position:03d}",
                position=position,
            )
        )
    return added


def _export_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/co-quan/danh-gia.xlsx")
    assert response.status_code == 200
    return len(queries)


def test_the_evaluation_export_runs_as_many_queries_for_3_or_33_cadres(
    client, world, school, agencies, cadres, office, make_user
):
    """One cohort of 3 cadres, then 30 more cadres in that cohort and four others,
    with locked scores in two cohorts: the same number of queries."""
    first, second = [t.module for t in world["topics"][::2]]
    lock_results(world["cohort"], first, {cadres[0]: "8.0", cadres[2]: "9.0"})
    client.force_login(office)
    small = _export_queries(client)
    creator = make_user(None)
    more = _more_cadres(world, school, agencies[1], creator, 10, start=10)
    for n in range(4):
        cohort = _another_cohort(world, f"K63B{n}")
        added = _more_cadres(world, school, agencies[0], creator, 5, 1, cohort)
        lock_results(cohort, first, {e: "6.5" for e in added})
    lock_results(world["cohort"], second, {e: "7.5" for e in [*cadres, *more]})
    assert Enrollment.objects.count() == 33
    large = _export_queries(client)
    assert small == large
