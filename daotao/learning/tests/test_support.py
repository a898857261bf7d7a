"""Learner support: the rate set by date and province, the amounts from attendance
and the learner's commune, the payment list and its decision; refusals change
nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents.models import OutgoingDocument
from daotao.documents.services import issuer_ensure_default
from daotao.learning import services
from daotao.learning.models import (
    Attendance,
    SupportLine,
    SupportPayment,
    SupportRateSet,
)
from daotao.learning.selectors import support as selectors
from daotao.org.models import Area, LegalBasis, NotInForce
from daotao.org.tests.factories import UnitFactory
from daotao.people.models import Sex
from daotao.teaching.models import TeachingSession

P = Attendance.Status.PRESENT
L = Attendance.Status.LATE
A = Attendance.Status.ABSENT
E = Attendance.Status.EXCUSED
DAY = datetime.date(2027, 3, 1)
PARAMS = {
    "meal_per_day": 100_000,
    "lodging_per_night": 150_000,
    "lodging_from_km": 15,
    "travel_bands": [
        {"up_to_km": 15, "amount": 0},
        {"up_to_km": 50, "amount": 100_000},
        {"up_to_km": None, "amount": 300_000},
    ],
    "extra_per_day": {"female": 20_000, "ethnic_minority": 30_000, "remote": 50_000},
    "extra_combine": "sum",
}


def _basis(number="26/2017/NQ-HĐND"):
    return LegalBasis.objects.create(number=number, issuer="HĐND tỉnh", title="…")


def _rates(school, *, valid_from=datetime.date(2026, 1, 1), valid_to=None, **kw):
    return SupportRateSet.objects.create(
        name=kw.pop("name", "Nghị quyết thử"),
        province=school.province,
        legal_basis=kw.pop("legal_basis", None) or _basis(),
        valid_from=valid_from,
        valid_to=valid_to,
        parameters=kw.pop("parameters", PARAMS),
    )


def _commune(name):
    return Area.objects.create(name=name, kind="xã", level=Area.Level.COMMUNE)


@pytest.fixture
def sessions(klass, world, school):
    """Three days: two sessions on the first, one on each of the next two."""
    cohort, lecturer = klass["cohort"], world["lecturers"][0]
    extra = [
        TeachingSession.objects.create(
            school=school,
            term=world["term"],
            cohort=cohort,
            topic=world["topics"][0],
            date=date,
            half_day=half,
            lecturer=lecturer,
            room=world["rooms"][0],
        )
        for date, half in [
            (DAY, 1),
            (DAY + datetime.timedelta(days=1), 0),
            (DAY + datetime.timedelta(days=2), 0),
        ]
    ]
    return [klass["session"], *extra]


def _attend(klass, sessions, marks):
    """marks: per learner index, a status per session (None: no record)."""
    for index, statuses in marks.items():
        for session, status in zip(sessions, statuses, strict=True):
            if status:
                Attendance.objects.create(
                    session=session,
                    enrollment=klass["enrollments"][index],
                    status=status,
                )


def test_rate_set_by_province_and_date_else_default(school):
    old = _rates(
        school,
        valid_from=datetime.date(2018, 1, 1),
        valid_to=datetime.date(2025, 6, 30),
    )
    new = _rates(
        school,
        valid_from=datetime.date(2025, 7, 1),
        legal_basis=_basis("05/2025/NQ-HĐND"),
    )
    assert selectors.rate_set_for(school=school, on=datetime.date(2025, 6, 30)) == old
    assert selectors.rate_set_for(school=school, on=datetime.date(2025, 7, 1)) == new
    default = selectors.rate_set_for(school=school, on=datetime.date(2017, 12, 31))
    assert default.province_id is None and not default.is_confirmed
    with pytest.raises(NotInForce):
        selectors.rate_set_for(school=school, on=datetime.date(2017, 8, 31))


def test_days_present_count_days_not_sessions(klass, sessions):
    _attend(klass, sessions, {0: [P, P, P, P], 1: [A, L, E, A], 2: [E, E, A, None]})
    days = selectors.days_present(klass["cohort"])
    assert days.get(klass["enrollments"][0].pk) == 3
    assert days.get(klass["enrollments"][1].pk) == 1  # late counts, on day one
    assert klass["enrollments"][2].pk not in days


def test_compute_payment_from_attendance_commune_and_categories(
    klass, sessions, school
):
    _rates(school)
    far, near = _commune("Mường Lát"), _commune("Hạc Thành")
    office = klass["office"]
    services.commune_profile_save(
        actor=office,
        school=school,
        commune=far,
        distance_km=Decimal("180"),
        is_remote=True,
    )
    services.commune_profile_save(
        actor=office,
        school=school,
        commune=near,
        distance_km=Decimal("3"),
        is_remote=False,
    )
    first, second = klass["enrollments"][0], klass["enrollments"][1]
    first.person.sex = Sex.FEMALE
    first.person.save()
    services.learner_commune_set(actor=office, enrollment=first, commune=far)
    services.learner_commune_set(actor=office, enrollment=second, commune=near)
    _attend(klass, sessions, {0: [P, P, A, P], 1: [P, None, None, None]})

    payment = services.support_payment_compute(actor=office, cohort=klass["cohort"])

    lines = {line.enrollment_id: line for line in payment.lines.all()}
    a = lines[first.pk]
    assert (a.days_present, a.nights, a.categories) == (2, 2, ["female", "remote"])
    assert (a.meals, a.lodging, a.travel, a.extra) == (
        200_000,
        300_000,
        300_000,
        140_000,
    )
    assert a.total == 940_000 and a.commune_name == "Mường Lát"
    b = lines[second.pk]
    assert (b.days_present, b.nights, b.travel, b.total) == (1, 0, 0, 100_000)
    # no commune known (the test agency has none), no day present: nothing
    assert lines[klass["enrollments"][5].pk].total == 0
    assert len(lines) == 6


def test_recompute_replaces_the_lines(klass, sessions, school):
    _rates(school)
    _attend(klass, sessions, {0: [P, None, None, None]})
    office = klass["office"]
    first = services.support_payment_compute(actor=office, cohort=klass["cohort"])
    Attendance.objects.filter(enrollment=klass["enrollments"][0]).delete()
    _attend(klass, sessions, {0: [P, P, P, P]})
    again = services.support_payment_compute(actor=office, cohort=klass["cohort"])
    assert again.pk == first.pk
    line = again.lines.get(enrollment=klass["enrollments"][0])
    assert (line.days_present, line.meals) == (3, 300_000)
    assert SupportLine.objects.filter(payment=again).count() == 6


def test_draft_the_payment_decision_with_the_list_annexed(klass, sessions, school):
    _rates(school)
    _attend(klass, sessions, {0: [P, P, P, P]})
    office = klass["office"]
    services.support_payment_compute(actor=office, cohort=klass["cohort"])
    unit = UnitFactory(school=school)
    payment = services.support_payment_draft(
        actor=office,
        cohort=klass["cohort"],
        issuer=issuer_ensure_default(school=school),
        drafting_unit_id=unit.pk,
    )
    document = payment.document
    assert document.status == OutgoingDocument.Status.DRAFT
    assert (
        document.summary
        == f"Về việc chi hỗ trợ cho học viên lớp {klass['cohort'].name}"
    )
    assert "tổng số tiền 300.000 đồng" in document.body_text
    assert "Căn cứ 26/2017/NQ-HĐND của HĐND tỉnh về mức hỗ trợ" in "\n".join(
        document.basis
    )
    annex = document.generated is not None
    assert annex
    # drafted again: the same document
    again = services.support_payment_draft(
        actor=office,
        cohort=klass["cohort"],
        issuer=issuer_ensure_default(school=school),
        drafting_unit_id=unit.pk,
    )
    assert again.document_id == document.pk


def test_submitted_decision_freezes_the_list(klass, sessions, school):
    _rates(school)
    _attend(klass, sessions, {0: [P, P, P, P]})
    office = klass["office"]
    services.support_payment_compute(actor=office, cohort=klass["cohort"])
    payment = services.support_payment_draft(
        actor=office,
        cohort=klass["cohort"],
        issuer=issuer_ensure_default(school=school),
        drafting_unit_id=UnitFactory(school=school).pk,
    )
    OutgoingDocument.objects.filter(pk=payment.document_id).update(
        status=OutgoingDocument.Status.SUBMITTED
    )
    before = list(SupportLine.objects.values_list("pk", "total"))
    audits = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.support_payment_compute(actor=office, cohort=klass["cohort"])
    assert list(SupportLine.objects.values_list("pk", "total")) == before
    assert AuditEvent.objects.count() == audits


def test_refused_roles_change_nothing(klass, sessions, school, make_user):
    _rates(school)
    for user in (
        klass["homeroom"],
        make_user(Role.LEADERSHIP),
        make_user(Role.SUPERVISOR),
    ):
        with pytest.raises(PermissionDenied):
            services.support_payment_compute(actor=user, cohort=klass["cohort"])
        with pytest.raises(PermissionDenied):
            services.commune_profile_save(
                actor=user,
                school=school,
                commune=_commune("X"),
                distance_km=Decimal(1),
                is_remote=False,
            )
    assert not SupportPayment.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="learning.support").exists()


def test_a_used_rate_set_is_not_changed(klass, sessions, school):
    rates = _rates(school)
    office = klass["office"]
    services.support_payment_compute(actor=office, cohort=klass["cohort"])
    with pytest.raises(ValidationError):
        services.support_rate_set_save(
            actor=office,
            school_id=school.pk,
            rate_set=rates,
            name="Đổi",
            province=school.province,
            legal_basis=rates.legal_basis,
            valid_from=rates.valid_from,
            valid_to=None,
            parameters=PARAMS | {"meal_per_day": 1},
        )
    rates.refresh_from_db()
    assert rates.parameters == PARAMS and rates.name == "Nghị quyết thử"


@pytest.mark.parametrize(
    "bands",
    [
        [{"up_to_km": 50, "amount": 1}, {"up_to_km": 15, "amount": 2}],
        [{"up_to_km": None, "amount": 1}, {"up_to_km": 15, "amount": 2}],
        [{"up_to_km": 15, "amount": -1}],
    ],
)
def test_bands_must_rise_and_amounts_be_positive(klass, school, bands):
    with pytest.raises(ValidationError):
        services.support_rate_set_save(
            actor=klass["office"],
            school_id=school.pk,
            rate_set=None,
            name="Sai",
            province=None,
            legal_basis=_basis(),
            valid_from=datetime.date(2027, 1, 1),
            valid_to=None,
            parameters=PARAMS | {"travel_bands": bands},
        )
    assert not SupportRateSet.objects.filter(name="Sai").exists()
