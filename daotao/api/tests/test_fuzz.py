"""Schema-driven fuzzing (schemathesis) of every operation with tokens of three
scopes: the office's, one agency's, none. No 5xx, every answer matches the
document, and an agency's token never shows a row of another agency."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from daotao.api.tests.conftest import AGENCY_SCOPES, OFFICE_SCOPES
from daotao.api.v1 import api
from daotao.core.access import Role


def in_the_test_transaction(app):
    """The WSGI app as Django's test client runs it: without closing the database
    connection at each request's start and end. Called bare, a request would close
    the test's connection (on PostgreSQL, where it is not kept open for the test),
    and every later call would meet "the connection is closed"."""

    def wrapped(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            response = app(environ, start_response)
            try:
                return [b"".join(response)]
            finally:
                response.close()
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)

    return wrapped


schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.app = in_the_test_transaction(get_wsgi_application())

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
WHO = ("office", "agency", "none")


@pytest.fixture
def tokens(make_client, world, settings):
    settings.API_RATE_LIMIT = 100_000
    return {
        "office": make_client(Role.TRAINING_OFFICE, OFFICE_SCOPES)[1],
        "agency": make_client(
            Role.AGENCY_COORDINATOR, AGENCY_SCOPES, agency=world.agency_a
        )[1],
        "none": make_client(Role.TRAINING_OFFICE, [])[1],
    }


def real_ids(world) -> dict[str, list[int]]:
    """Records that exist, by the path they are read under (in and out of an
    agency's reach), so the fuzz reaches found records as well as 404s."""
    return {
        "/api/v1/programmes/{pk}": [world.version.pk],
        "/api/v1/plans/{pk}": [world.planned.plan_id],
        "/api/v1/classes/{pk}": [world.planned.pk],
        "/api/v1/classes/{pk}/nominations": [world.planned.pk],
        "/api/v1/cohorts/{pk}": [world.cohort_ab.pk, world.cohort_b.pk],
        "/api/v1/lecturers/{pk}": [world.lecturer.pk],
        "/api/v1/research-topics/{pk}": [world.topic.pk],
    }


def foreign_marks(world) -> list[str]:
    """What an agency-A token must never read: agency B's cohort and cadres."""
    persons = [e.person for e in world.enrolled["b"]]
    return [world.cohort_b.code, *(p.full_name for p in persons)]


@pytest.mark.django_db
@pytest.mark.parametrize("who", WHO)
@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_fuzz_every_operation(case, who, tokens, world):
    headers = {"Authorization": f"Bearer {tokens[who]}"}
    answers = [case.call(headers=headers)]
    if "pk" in (case.path_parameters or {}):
        for pk in real_ids(world).get(case.operation.path, []):
            case.path_parameters["pk"] = pk
            answers.append(case.call(headers=headers))
    for response in answers:
        case.validate_response(response, checks=CHECKS, headers=headers)
        if who == "agency":
            text = response.text
            assert not any(mark in text for mark in foreign_marks(world))


@pytest.mark.django_db
def test_an_agency_token_reads_another_agencys_cohort_as_404(client, tokens, world):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {tokens['agency']}"}
    foreign = client.get(f"/api/v1/cohorts/{world.cohort_b.pk}", **headers)
    missing = client.get("/api/v1/cohorts/999999", **headers)
    assert foreign.status_code == missing.status_code == 404
    assert foreign.json() == missing.json()
