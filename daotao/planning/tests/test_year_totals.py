"""A year's plans at a glance (the figures page): programmes and agencies in
Vietnamese order; an agency that nominated without places is listed with none."""

import datetime

import pytest

from daotao.core.access import Role
from daotao.enrolment.models import Nomination
from daotao.enrolment.tests.factories import NominationFactory
from daotao.org.tests.factories import AgencyFactory
from daotao.planning import selectors
from daotao.planning.tests.factories import QuotaFactory
from daotao.tests.support.school_world import FreshSchool

pytestmark = pytest.mark.django_db

START = datetime.date(2027, 3, 1)


def test_year_totals_in_vietnamese_order(school, make_user):
    world = FreshSchool(school)
    trung_cap = world.programme(program__name="Trung cấp lý luận chính trị")
    dai_bieu = world.programme(kind="boi_duong", program__name="Đại biểu HĐND")
    first = world.planned_class(
        trung_cap, code="TC-1", name="Lớp 1", starts_on=START, ends_on=START
    )
    second = world.planned_class(
        dai_bieu, code="BD-1", name="Lớp 2", starts_on=START, ends_on=START
    )
    world.cohort_of(first, code="K1")
    tinh, dang = (
        AgencyFactory(school=school, name="Tỉnh đoàn"),
        AgencyFactory(school=school, name="Đảng ủy xã An Nông"),
    )
    QuotaFactory(planned_class=first, agency=tinh, places=3)
    NominationFactory(
        planned_class=first, agency=tinh, status=Nomination.Status.ADMITTED
    )
    NominationFactory(
        planned_class=second, agency=dang, status=Nomination.Status.SUBMITTED
    )
    office = make_user(Role.TRAINING_OFFICE)

    programmes = selectors.year_plan_by_program(actor=office, year=START.year)
    agencies = selectors.year_plan_by_agency(actor=office, year=START.year)

    # "Đ" after "D" and before "T" (code points would put it after "Z").
    assert [
        (p["name"], p["classes"], p["opened"], p["admitted"]) for p in programmes
    ] == [
        ("Đại biểu HĐND", 1, 0, 0),
        ("Trung cấp lý luận chính trị", 1, 1, 1),
    ]
    assert [
        (a["name"], a["places"], a["nominated"], a["admitted"]) for a in agencies
    ] == [("Đảng ủy xã An Nông", 0, 1, 0), ("Tỉnh đoàn", 3, 1, 1)]
