"""A school with two sending agencies, an approved plan with a class and quotas,
a cohort with learners of both agencies, a lecturer, a topic and a credential;
API clients of several scopes."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from daotao.api import services
from daotao.core.access import Role
from daotao.credentials.tests.factories import issued_credential
from daotao.org.models import EducationLevel, Ethnicity
from daotao.org.tests.factories import AgencyFactory
from daotao.people.tests.factories import PersonFactory
from daotao.planning.models import PlannedClass, Quota
from daotao.research.tests.factories import ResearchTopicFactory
from daotao.tests.support.school_world import FreshSchool

START = datetime.date(2026, 3, 2)

OFFICE_SCOPES = [
    "programs.view_program",
    "planning.view_plan",
    "enrolment.view_nomination",
    "enrolment.view_cohort",
    "enrolment.nominate",
    "faculty.view_lecturer",
    "research.view_topic",
]
AGENCY_SCOPES = [
    "enrolment.view_nomination",
    "enrolment.view_cohort",
    "enrolment.nominate",
]


@dataclass
class World:
    school: Any
    agency_a: Any
    agency_b: Any
    version: Any
    planned: Any
    cohort_ab: Any
    cohort_b: Any
    enrolled: dict
    lecturer: Any
    topic: Any
    credential: Any


@pytest.fixture
def world(school) -> World:
    fresh = FreshSchool(school)
    agency_a = AgencyFactory(school=school, name="Đảng ủy xã Thọ Xuân")
    agency_b = AgencyFactory(school=school, name="Đảng ủy phường Hạc Thành")
    version = fresh.programme(program__name="Trung cấp lý luận chính trị")
    planned = fresh.planned_class(
        version,
        plan=fresh.plan(2026, title="Kế hoạch đào tạo, bồi dưỡng năm 2026"),
        code="TC-2026-01",
        name="Trung cấp lý luận chính trị K60A",
        mode=PlannedClass.Mode.PART_TIME,
        planned_size=40,
        starts_on=START,
        ends_on=datetime.date(2027, 8, 30),
    )
    Quota.objects.create(planned_class=planned, agency=agency_a, places=2)
    Quota.objects.create(planned_class=planned, agency=agency_b, places=3)
    cohort_ab = fresh.cohort(version, code="K59A", starts_on=datetime.date(2025, 3, 3))
    cohort_b = fresh.cohort(version, code="K59B", starts_on=datetime.date(2025, 4, 7))
    enrolled = {
        "a": [fresh.admit(cohort_ab, agency=agency_a) for _ in range(2)],
        "b": [
            fresh.admit(cohort_ab, agency=agency_b),
            fresh.admit(cohort_b, agency=agency_b),
        ],
    }
    topic = ResearchTopicFactory(school=school)
    credential = issued_credential(enrolled["a"][0])
    return World(
        school=school,
        agency_a=agency_a,
        agency_b=agency_b,
        version=version,
        planned=planned,
        cohort_ab=cohort_ab,
        cohort_b=cohort_b,
        enrolled=enrolled,
        lecturer=topic.leader,
        topic=topic,
        credential=credential,
    )


@pytest.fixture
def make_client(make_user):
    """(client, token) acting as a new user of `role` with `scopes`."""

    def make(role, scopes, name=None, **membership):
        user = make_user(role, **membership)
        return services.api_client_create(
            actor=None, name=name or f"app-{user.username}", user=user, scopes=scopes
        )

    return make


@pytest.fixture
def office_token(make_client, world):
    return make_client(Role.TRAINING_OFFICE, OFFICE_SCOPES)[1]


@pytest.fixture
def agency_token(make_client, world):
    return make_client(Role.AGENCY_COORDINATOR, AGENCY_SCOPES, agency=world.agency_a)[1]


@pytest.fixture
def bare_token(make_client, world):
    return make_client(Role.TRAINING_OFFICE, [])[1]


@pytest.fixture
def call(client):
    """GET (or POST with `json`) under /api/v1 with a bearer token."""

    def do(path, token=None, *, json=None, **headers):
        if token:
            headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        url = f"/api/v1{path}"
        if json is not None:
            return client.post(url, json, content_type="application/json", **headers)
        return client.get(url, **headers)

    return do


@pytest.fixture
def eligible_person(school):
    def make(agency, **changes):
        values = {
            "school": school,
            "agency": agency,
            "sex": "female",
            "date_of_birth": datetime.date(1990, 1, 1),
            "party_joined_on": datetime.date(2015, 5, 19),
            "education_level": EducationLevel.objects.get(code="DH"),
            "ethnicity": Ethnicity.objects.get(code="01"),
        }
        values.update(changes)
        return PersonFactory(**values)

    return make
