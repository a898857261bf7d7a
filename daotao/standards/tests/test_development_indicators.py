"""Indicators 2.8 and 2.9 computed from the lecturers' development records
(faculty) and 5.4 from the learners' discipline (learning): counts equal the rows
built here, at the edges of the year."""

import datetime as dt
from decimal import Decimal

import pytest

from daotao.core.access import Role
from daotao.documents.models import Issuer, OutgoingDocument
from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
from daotao.faculty.development.selectors import rule_set_on
from daotao.faculty.models import AnnualEvaluation, FieldPractice
from daotao.faculty.tests.factories import LecturerFactory
from daotao.learning.models import ConductDecision
from daotao.standards.computations import compute
from daotao.standards.models import Indicator
from daotao.tests.support.school_world import FreshSchool

YEAR = 2026
pytestmark = pytest.mark.django_db


def _practice(lecturer, first, last, report_on):
    return FieldPractice.objects.create(
        lecturer=lecturer,
        place="Xã Mường Lát",
        topic="Xây dựng Đảng ở cơ sở",
        starts_on=first,
        ends_on=last,
        report_submitted_on=report_on,
    )


def test_field_practice_share_counts_stays_in_the_year_with_their_report(school):
    own = [LecturerFactory(school=school) for _ in range(5)]
    visiting = LecturerFactory(school=school, is_visiting=True)
    # Ends on 1 January: in the year. Report in: done.
    _practice(own[0], dt.date(2025, 12, 28), dt.date(2026, 1, 1), dt.date(2026, 1, 5))
    # Two stays in the year: the lecturer counts once.
    _practice(own[1], dt.date(2026, 3, 2), dt.date(2026, 3, 6), dt.date(2026, 3, 9))
    _practice(own[1], dt.date(2026, 9, 7), dt.date(2026, 9, 11), dt.date(2026, 9, 14))
    # Starts on 31 December: in the year.
    _practice(own[2], dt.date(2026, 12, 31), dt.date(2027, 1, 4), dt.date(2027, 1, 6))
    # Back without a report: not done. Ended on 31/12 of the year before: not this year.
    _practice(own[3], dt.date(2026, 6, 1), dt.date(2026, 6, 5), None)
    _practice(own[4], dt.date(2025, 12, 1), dt.date(2025, 12, 31), dt.date(2026, 1, 2))
    # A visiting lecturer is not one of the school's own.
    _practice(visiting, dt.date(2026, 5, 4), dt.date(2026, 5, 8), dt.date(2026, 5, 9))

    computed = compute("field_practice_share", school_id=school.pk, year=YEAR)

    assert (computed.numerator, computed.denominator) == (3, 5)
    assert computed.value == Decimal("60.00")
    assert computed.list_url == "/giang-vien/thuc-te/?nam=2026"


def test_evaluation_share_reads_the_decided_band_else_the_proposed_one(school):
    rule_set = rule_set_on(dt.date(YEAR, 12, 31))
    own = [LecturerFactory(school=school) for _ in range(5)]
    other_school = LecturerFactory()
    rows = [
        (own[0], "excellent", ""),  # proposed, not decided: counts
        (own[1], "done", "good"),  # decided up: counts
        (own[2], "good", "done"),  # decided down: does not count
        (own[3], "not_done", ""),
    ]
    for lecturer, proposed, band in rows:
        AnnualEvaluation.objects.create(
            lecturer=lecturer,
            year=YEAR,
            rule_set=rule_set,
            proposed_band=proposed,
            band=band,
        )
    # Another year and another school are not counted; own[4] was not evaluated.
    AnnualEvaluation.objects.create(
        lecturer=own[4], year=YEAR - 1, rule_set=rule_set, proposed_band="good"
    )
    AnnualEvaluation.objects.create(
        lecturer=other_school, year=YEAR, rule_set=rule_set, proposed_band="good"
    )

    computed = compute("evaluation_good_share", school_id=school.pk, year=YEAR)

    assert (computed.numerator, computed.denominator) == (2, 4)
    assert computed.value == Decimal("50.00")


def test_nobody_evaluated_is_no_data_rather_than_zero(school):
    LecturerFactory(school=school)
    computed = compute("evaluation_good_share", school_id=school.pk, year=YEAR)
    assert computed.value is None


def test_the_rule_data_computes_the_three_indicators():
    codes = ("2.8", "2.9", "5.4")
    sources = dict(
        Indicator.objects.filter(code__in=codes).values_list("code", "source")
    )
    assert sources == {
        "2.8": "field_practice_share",
        "2.9": "evaluation_good_share",
        "5.4": "no_learner_suspended",
    }


def _discipline(world, cohort, form, status, issued_on, make_user):
    enrollment = world.admit(cohort)
    numbered = {"number": enrollment.pk} if issued_on else {}
    issuer = Issuer.objects.filter(school=world.school).first()
    document = OutgoingDocumentFactory(
        issuer=issuer or IssuerFactory(school=world.school),
        status=status,
        issued_on=issued_on,
        **numbered,
    )
    return ConductDecision.objects.create(
        enrollment=enrollment,
        kind=ConductDecision.Kind.DISCIPLINE,
        form=form,
        reason="Vắng quá số buổi cho phép",
        decided_on=issued_on or dt.date(2026, 6, 1),
        proposed_by=make_user(Role.TRAINING_OFFICE),
        document=document,
    )


def test_no_learner_suspended_counts_signed_suspensions_of_the_year(school, make_user):
    world = FreshSchool(school)
    cohort = world.cohort(world.programme(), code="K71A", starts_on=dt.date(2026, 3, 2))
    signed = OutgoingDocument.Status.SIGNED
    form = ConductDecision.Form
    # A warning, a draft suspension and one signed the year before do not count.
    _discipline(world, cohort, form.WARNING, signed, dt.date(2026, 5, 4), make_user)
    _discipline(
        world, cohort, form.SUSPENSION, OutgoingDocument.Status.DRAFT, None, make_user
    )
    _discipline(
        world, cohort, form.SUSPENSION, signed, dt.date(2025, 12, 31), make_user
    )
    computed = compute("no_learner_suspended", school_id=school.pk, year=YEAR)
    assert (computed.value, computed.numerator) == (Decimal(1), 0)

    # An expulsion signed on 1 January is one.
    _discipline(world, cohort, form.EXPULSION, signed, dt.date(2026, 1, 1), make_user)
    computed = compute("no_learner_suspended", school_id=school.pk, year=YEAR)
    assert (computed.value, computed.numerator) == (Decimal(0), 1)
