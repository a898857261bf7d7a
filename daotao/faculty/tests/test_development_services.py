"""Lecturer development services on a fresh school: what they save, the days they
keep free of teaching, and refusals that change nothing."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.faculty import services as lecturer_services
from daotao.faculty.development import evaluation as sources
from daotao.faculty.development import selectors, services
from daotao.faculty.models import (
    AnnualEvaluation,
    FieldPractice,
    Qualification,
    Rotation,
    Unavailability,
)
from daotao.faculty.tests.factories import LecturerFactory
from daotao.org.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def lecturer(school, unit):
    return LecturerFactory(school=school, unit=unit)


def _practice(**values):
    data = {
        "place": "Đảng ủy xã Bá Thước",
        "topic": "Chính quyền địa phương hai cấp",
        "starts_on": D(2026, 6, 8),
        "ends_on": D(2026, 6, 12),
    } | values
    return services.FieldPracticeData(**data)


def _rotation(**values):
    data = {
        "post": "Phó Bí thư Đảng ủy xã",
        "host": "Đảng ủy xã Ngọc Lặc",
        "level": "commune",
        "starts_on": D(2026, 10, 1),
        "ends_on": D(2027, 3, 31),
    } | values
    return services.RotationData(**data)


def test_field_practice_keeps_its_days_and_goes_with_them(office, lecturer):
    item = services.field_practice_plan(
        actor=office, lecturer=lecturer, data=_practice()
    )
    absence = Unavailability.objects.get(lecturer=lecturer)
    assert (absence.starts_on, absence.ends_on, absence.kind, absence.part) == (
        D(2026, 6, 8),
        D(2026, 6, 12),
        "field_practice",
        "all",
    )
    assert absence.owned_by == "field_practice"
    assert item.unavailability_id == absence.pk
    # the lecturer page cannot delete the days a field practice owns
    with pytest.raises(ValidationError):
        lecturer_services.unavailability_delete(actor=office, unavailability=absence)
    assert Unavailability.objects.filter(pk=absence.pk).exists()
    services.field_practice_delete(actor=office, field_practice=item)
    assert not Unavailability.objects.filter(lecturer=lecturer).exists()
    assert not FieldPractice.objects.exists()


def test_field_practice_refusals_change_nothing(office, lecturer):
    with pytest.raises(ValidationError):
        services.field_practice_plan(
            actor=office,
            lecturer=lecturer,
            data=_practice(starts_on=D(2026, 6, 12), ends_on=D(2026, 6, 11)),
        )
    assert not FieldPractice.objects.exists()
    assert not Unavailability.objects.exists()
    item = services.field_practice_plan(
        actor=office, lecturer=lecturer, data=_practice()
    )
    with pytest.raises(ValidationError):
        services.field_practice_report(
            actor=office,
            field_practice=item,
            submitted_on=D(2026, 6, 7),
            summary="Báo cáo",
        )
    item.refresh_from_db()
    assert item.report_submitted_on is None
    # the first day is the earliest a report may come
    services.field_practice_report(
        actor=office, field_practice=item, submitted_on=D(2026, 6, 8), summary="Xong"
    )
    item.refresh_from_db()
    assert item.report_submitted_on == D(2026, 6, 8)


def test_rotation_keeps_its_days_and_refuses_an_overlap(office, lecturer):
    item = services.rotation_create(actor=office, lecturer=lecturer, data=_rotation())
    absence = item.unavailability
    assert (absence.starts_on, absence.ends_on, absence.kind) == (
        D(2026, 10, 1),
        D(2027, 3, 31),
        "rotation",
    )
    events = AuditEvent.objects.count()
    # touching on the last day overlaps; the day after does not
    with pytest.raises(ValidationError):
        services.rotation_create(
            actor=office,
            lecturer=lecturer,
            data=_rotation(starts_on=D(2027, 3, 31), ends_on=D(2027, 6, 30)),
        )
    assert Rotation.objects.count() == 1
    assert Unavailability.objects.count() == 1
    assert AuditEvent.objects.count() == events
    services.rotation_create(
        actor=office,
        lecturer=lecturer,
        data=_rotation(starts_on=D(2027, 4, 1), ends_on=D(2027, 6, 30)),
    )
    assert Rotation.objects.count() == 2


def test_rotation_report_not_before_its_last_day(office, lecturer):
    item = services.rotation_create(actor=office, lecturer=lecturer, data=_rotation())
    with pytest.raises(ValidationError):
        services.rotation_report(
            actor=office, rotation=item, submitted_on=D(2027, 3, 30), report="Về"
        )
    item.refresh_from_db()
    assert item.return_report_on is None
    services.rotation_report(
        actor=office, rotation=item, submitted_on=D(2027, 3, 31), report="Đã về"
    )
    item.refresh_from_db()
    assert item.return_report_on == D(2027, 3, 31)


def test_faculty_head_manages_only_their_faculty(make_user, school, unit, lecturer):
    head = make_user(Role.FACULTY_HEAD, unit_id=unit.pk)
    other = LecturerFactory(school=school, unit=UnitFactory(school=school))
    services.field_practice_plan(actor=head, lecturer=lecturer, data=_practice())
    with pytest.raises(PermissionDenied):
        services.field_practice_plan(actor=head, lecturer=other, data=_practice())
    assert not FieldPractice.objects.filter(lecturer=other).exists()
    assert not Unavailability.objects.filter(lecturer=other).exists()


@pytest.mark.parametrize("role", [Role.LECTURER, Role.SUPERVISOR, Role.LEADERSHIP])
def test_roles_without_the_permission_are_refused(make_user, lecturer, role):
    actor = make_user(role)
    with pytest.raises(PermissionDenied):
        services.qualification_add(
            actor=actor,
            lecturer=lecturer,
            data=services.QualificationData(kind="language", name="Tiếng Anh B1"),
        )
    with pytest.raises(PermissionDenied):
        services.rotation_create(actor=actor, lecturer=lecturer, data=_rotation())
    assert not Qualification.objects.exists()
    assert not Rotation.objects.exists()


def test_qualification_expiry_before_issue_is_refused(office, lecturer):
    with pytest.raises(ValidationError):
        services.qualification_add(
            actor=office,
            lecturer=lecturer,
            data=services.QualificationData(
                kind="language",
                name="Tiếng Anh B1",
                issued_on=D(2024, 1, 2),
                expires_on=D(2024, 1, 1),
            ),
        )
    assert not Qualification.objects.exists()


def test_due_list_names_field_practice_certificates_and_reports(office, school, unit):
    done = LecturerFactory(school=school, unit=unit, person__given_name="An")
    short = LecturerFactory(school=school, unit=unit, person__given_name="Bình")
    item = services.field_practice_plan(actor=office, lecturer=done, data=_practice())
    services.field_practice_report(
        actor=office, field_practice=item, submitted_on=D(2026, 6, 20), summary="x"
    )
    # four days reported: one still owed
    item = services.field_practice_plan(
        actor=office,
        lecturer=short,
        data=_practice(starts_on=D(2026, 7, 1), ends_on=D(2026, 7, 4)),
    )
    services.field_practice_report(
        actor=office, field_practice=item, submitted_on=D(2026, 7, 6), summary="x"
    )
    services.qualification_add(
        actor=office,
        lecturer=done,
        data=services.QualificationData(
            kind="language", name="Tiếng Anh B1", expires_on=D(2027, 3, 6)
        ),
    )
    today = D(2026, 12, 6)
    rows = {r.lecturer.pk: r for r in selectors.due_list(actor=office, today=today)}
    assert (rows[short.pk].practice_days, rows[short.pk].practice_due) == (4, 1)
    # 90 days before 6/3/2027 is 6/12/2026: the certificate is due today
    assert rows[done.pk].practice_due == 0
    assert [c.state for c in rows[done.pk].certificates] == ["expiring"]
    tomorrow = selectors.due_list(actor=office, today=today - datetime.timedelta(1))
    assert done.pk not in {r.lecturer.pk for r in tomorrow}


def test_evaluation_reads_the_sources_and_keeps_the_decided_band(
    office, make_user, school, unit, lecturer, monkeypatch
):
    monkeypatch.setattr(
        sources,
        "_SOURCES",
        {
            sources.HOURS: lambda ids, year: {
                lecturer.pk: (Decimal("297"), Decimal("270"))
            },
            sources.RESEARCH: lambda ids, year: {lecturer.pk: 1},
            sources.OBSERVATION: lambda ids, year: {lecturer.pk: Decimal("8.5")},
        },
    )
    item = services.field_practice_plan(
        actor=office, lecturer=lecturer, data=_practice()
    )
    services.field_practice_report(
        actor=office, field_practice=item, submitted_on=D(2026, 6, 20), summary="x"
    )
    assert services.evaluation_compute(actor=office, school_id=school.pk, year=2026)
    evaluation = AnnualEvaluation.objects.get(lecturer=lecturer, year=2026)
    assert evaluation.proposed_band == "excellent"
    assert evaluation.inputs["hours_percent"] == "110.00"
    assert evaluation.inputs["field_practice_days"] == 5
    leader = make_user(Role.LEADERSHIP)
    with pytest.raises(ValidationError):
        services.evaluation_decide(
            actor=leader, evaluation=evaluation, band="best", decided_on=D(2026, 12, 5)
        )
    with pytest.raises(PermissionDenied):
        services.evaluation_decide(
            actor=office, evaluation=evaluation, band="good", decided_on=D(2026, 12, 5)
        )
    evaluation.refresh_from_db()
    assert evaluation.band == ""
    services.evaluation_decide(
        actor=leader, evaluation=evaluation, band="good", decided_on=D(2026, 12, 5)
    )
    # computed again (one day less of practice): the proposal moves, the band stays
    FieldPractice.objects.filter(pk=item.pk).update(ends_on=D(2026, 6, 11))
    services.evaluation_compute(actor=office, school_id=school.pk, year=2026)
    evaluation.refresh_from_db()
    assert (evaluation.proposed_band, evaluation.band) == ("done", "good")


def test_rule_set_update_refuses_unusable_parameters(office, make_user):
    rule_set = selectors.rule_set_on(D(2026, 12, 6))
    assert rule_set is not None and not rule_set.is_confirmed
    before = dict(rule_set.parameters)
    with pytest.raises(ValidationError):
        services.rule_set_update(
            actor=office,
            rule_set=rule_set,
            parameters={"field_practice_hours_per_day": "3"},
            is_confirmed=True,
        )
    with pytest.raises(PermissionDenied):
        services.rule_set_update(
            actor=make_user(Role.FACULTY_HEAD),
            rule_set=rule_set,
            parameters=before,
            is_confirmed=True,
        )
    rule_set.refresh_from_db()
    assert rule_set.parameters == before and not rule_set.is_confirmed
    changed = before | {"field_practice_days_per_year": 10}
    services.rule_set_update(
        actor=office, rule_set=rule_set, parameters=changed, is_confirmed=True
    )
    rule_set.refresh_from_db()
    assert rule_set.parameters["field_practice_days_per_year"] == 10


def test_no_band_is_proposed_from_zero_hours(
    office, school, unit, lecturer, monkeypatch, client
):
    counted = LecturerFactory(school=school, unit=unit)
    monkeypatch.setattr(
        sources,
        "_SOURCES",
        {
            sources.HOURS: lambda ids, year: {
                lecturer.pk: (Decimal("0"), Decimal("270")),
                counted.pk: (Decimal("0.5"), Decimal("270")),
            },
        },
    )
    assert services.evaluation_compute(actor=office, school_id=school.pk, year=2026)
    missing = AnnualEvaluation.objects.get(lecturer=lecturer, year=2026)
    assert missing.proposed_band == ""
    assert missing.inputs["hours_recorded"] is False
    assert missing.is_without_hours and missing.hours_school_year == "2025–2026"
    some = AnnualEvaluation.objects.get(lecturer=counted, year=2026)
    assert some.proposed_band == "not_done"
    assert not some.is_without_hours
    client.force_login(office)
    page = client.get("/giang-vien/danh-gia/?nam=2026")
    assert page.text.count("Chưa có giờ chuẩn trong sổ năm học 2025–2026") == 1
    assert page.text.count("Không hoàn thành nhiệm vụ") == 1
