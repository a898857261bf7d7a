"""Each staff page listed here issues the same number of queries on two sizes of
the scale data (`demo.scale` at 1 and at 20 cohorts): no query per row, per
cohort or per topic."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from daotao.assessment.models import ScoreSheet
from daotao.core.access import Role
from daotao.demo import scale
from daotao.demo.users import COORDINATED_AGENCY
from daotao.enrolment.models import Cohort, Enrollment
from daotao.org.models import Site
from daotao.org.tests.factories import AgencyFactory
from daotao.people.models import Person
from daotao.programs.tests.factories import (
    BlockFactory,
    ModuleFactory,
    ProgramVersionFactory,
    TopicFactory,
)
from daotao.teaching.models import TeachingSession

pytestmark = pytest.mark.django_db

SMALL, LARGE = 0.0005, 0.01  # 1 and 20 cohorts of 50 learners (2 a year)


@pytest.fixture
def school(school):
    """What the demo gives the scale data: a site, the coordinated agency and a
    programme of twelve assessed modules of two topics each."""
    Site.objects.create(school=school, name="Cơ sở chính")
    AgencyFactory(school=school, name=COORDINATED_AGENCY)
    version = ProgramVersionFactory(program__school=school, program__kind="tc_llct")
    block = BlockFactory(version=version, position=1, name="Phần I")
    for position in range(1, 13):
        module = ModuleFactory(block=block, position=position, name=f"HP {position}")
        TopicFactory(module=module, lecture_periods=10, position=1)
        TopicFactory(module=module, lecture_periods=10, position=2)
    return school


@pytest.fixture
def users(school, make_user) -> dict[str, Any]:
    from daotao.org.models import Agency

    agency = Agency.objects.get(name=COORDINATED_AGENCY)
    return {
        "office": make_user(Role.TRAINING_OFFICE),
        "coordinator": make_user(Role.AGENCY_COORDINATOR, agency=agency),
    }


def _targets() -> dict[str, Any]:
    ours = Cohort.objects.filter(code__startswith=f"{scale.CODE_PREFIX}-")
    cohort = ours.order_by("starts_on", "code").first()  # of the first year
    first_day = (
        TeachingSession.objects.filter(cohort=cohort).order_by("date").first().date
    )
    return {
        "cohort": cohort,
        "session": TeachingSession.objects.filter(cohort=cohort)
        .order_by("date", "half_day")
        .first(),
        "sheet": ScoreSheet.objects.filter(exam__cohort=cohort)
        .order_by("exam_id")
        .first(),
        "cadre": Enrollment.objects.filter(agency__name=COORDINATED_AGENCY)
        .order_by("cohort__starts_on", "id")
        .first(),
        "last_page": -(-Person.objects.count() // 50),
        "monday": first_day,
    }


FIRST = scale.FIRST_YEAR
PAGES: dict[str, tuple[str, Callable[[dict], str]]] = {
    "tuyen_sinh": ("office", lambda t: f"/tuyen-sinh/?nam={FIRST}"),
    "danh_gia": ("office", lambda t: f"/danh-gia/?nam={FIRST}"),
    "quan_ly": ("office", lambda t: "/quan-ly/"),
    "people_last_page": ("office", lambda t: f"/can-bo/?page={t['last_page']}"),
    "cohort_roster": ("office", lambda t: f"/tuyen-sinh/lop-hoc/{t['cohort'].pk}/"),
    "session_week": (
        "office",
        lambda t: f"/hoc-vien/buoi-hoc/?ngay={t['monday'].isoformat()}",
    ),
    "attendance_grid": (
        "office",
        lambda t: f"/hoc-vien/buoi-hoc/{t['session'].pk}/diem-danh/",
    ),
    "score_sheet": ("office", lambda t: f"/danh-gia/bang-diem/{t['sheet'].pk}/"),
    "cohort_results": ("office", lambda t: f"/danh-gia/lop/{t['cohort'].pk}/ket-qua/"),
    "hour_ledger": ("office", lambda t: f"/giang-day/gio-chuan/?nam={FIRST - 1}"),
    "co_quan_office": ("office", lambda t: "/co-quan/?ket-thuc=1"),
    "co_quan_office_cohort": ("office", lambda t: f"/co-quan/?cohort={t['cohort'].pk}"),
    "co_quan_agency": ("coordinator", lambda t: "/co-quan/?ket-thuc=1"),
    "cadre_detail": ("coordinator", lambda t: f"/co-quan/hoc-vien/{t['cadre'].pk}/"),
}


def _count(users: dict, school: Any, factor: float, page: str) -> int:
    user, url = PAGES[page]
    with transaction.atomic():
        scale.build(school=school, office=users["office"], scale=factor)
        client = Client()
        client.force_login(users[user])
        address = url(_targets())
        assert client.get(address).status_code == 200, address
        with CaptureQueriesContext(connection) as queries:
            response = client.get(address)
        assert response.status_code == 200
        transaction.set_rollback(True)
    return len(queries)


@pytest.mark.parametrize("page", list(PAGES))
def test_a_page_issues_as_many_queries_for_twenty_cohorts_as_for_one(
    page, school, users
):
    assert _count(users, school, SMALL, page) == _count(users, school, LARGE, page)


def test_a_cadres_page_issues_as_many_queries_for_more_topics(school, users):
    """Three more topics taught to the cohort add no query (there were three
    per topic)."""
    scale.build(school=school, office=users["office"], scale=SMALL)
    cadre = _targets()["cadre"]
    client = Client()
    client.force_login(users["coordinator"])
    address = f"/co-quan/hoc-vien/{cadre.pk}/"
    client.get(address)
    with CaptureQueriesContext(connection) as before:
        client.get(address)
    session = TeachingSession.objects.filter(cohort=cadre.cohort).latest("date")
    module = ModuleFactory(block=session.topic.module.block, position=20, name="HP 20")
    for index in range(3):
        TeachingSession.objects.create(
            school=school,
            term=session.term,
            cohort=cadre.cohort,
            topic=TopicFactory(module=module, position=index + 1),
            date=session.date + datetime.timedelta(days=7 + index),
            half_day=0,
        )

    with CaptureQueriesContext(connection) as after:
        response = client.get(address)

    assert response.content.decode().count("HP 20") == 3
    assert len(after) == len(before)
