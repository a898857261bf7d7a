"""A year's plans at a glance (the figures page): programmes and agencies in
Vietnamese order; an agency that nominated without places is listed with none."""

import datetime

import pytest

from daotao.core.access import Role
from daotao.enrolment.models import Nomination
from daotao.enrolment.tests.factories import NominationFactory
from daotao.org.tests.factories import AgencyFactory
from daotao.planning import selectors
from daotao.planning import services as planning
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


def test_a_supplement_still_a_draft_is_not_counted(school, make_user):
    world = FreshSchool(school)
    trung_cap = world.programme(program__name="Trung cấp lý luận chính trị")
    boi_duong = world.programme(kind="boi_duong", program__name="Đại biểu HĐND")
    main = world.plan(START.year)
    world.planned_class(
        trung_cap, code="TC-1", name="Lớp 1", starts_on=START, ends_on=START
    )
    office = make_user(Role.TRAINING_OFFICE)
    supplement = planning.plan_supplement_create(actor=office, main_plan=main)
    draft = world.planned_class(
        boi_duong,
        code="BD-1",
        name="Lớp bổ sung",
        starts_on=START,
        ends_on=START,
        plan=supplement,
    )
    agency = AgencyFactory(school=school, name="Tỉnh đoàn")
    QuotaFactory(planned_class=draft, agency=agency, places=5)

    def totals():
        programmes = selectors.year_plan_by_program(actor=office, year=START.year)
        agencies = selectors.year_plan_by_agency(actor=office, year=START.year)
        return (
            [(p["name"], p["classes"]) for p in programmes],
            [(a["name"], a["places"]) for a in agencies],
        )

    assert totals() == ([("Trung cấp lý luận chính trị", 1)], [])
    planning.plan_submit(actor=office, plan=supplement)
    planning.plan_approve(actor=make_user(Role.LEADERSHIP), plan=supplement)
    assert totals() == (
        [("Đại biểu HĐND", 1), ("Trung cấp lý luận chính trị", 1)],
        [("Tỉnh đoàn", 5)],
    )
