"""The ledger services: recompute from published sessions taught, manual entries,
norms, closing a year, and rule-set changes that spare closed years."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.ledger import services
from daotao.ledger.models import (
    HourRuleSet,
    LecturerYearNorm,
    LedgerEntry,
    LedgerPeriod,
)
from daotao.teaching.models import ScheduleRun, TeachingSession

D = datetime.date
TODAY = D(2027, 3, 31)
YEAR = 2026  # the school year 1/9/2026 – 31/8/2027, holding the world's term


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def rule_set(db):
    return HourRuleSet.objects.get()


def teach(world, lecturer, day, *, kind="lecture", periods=5, half_day=0, run=None):
    """A session of the world's cohort, published unless `run` is given."""
    return TeachingSession.objects.create(
        school=world["cohort"].school,
        term=world["term"],
        run=run,
        cohort=world["cohort"],
        topic=world["topics"][0],
        kind=kind,
        date=day,
        half_day=half_day,
        periods=periods,
        lecturer=lecturer,
    )


def entries_of(lecturer, year=YEAR):
    return list(
        LedgerEntry.objects.filter(lecturer=lecturer, period__school_year=year)
        .order_by("date", "session__half_day", "activity", "id")
        .values_list("activity", "date", "quantity", "coefficient", "hours")
    )


def recompute(actor, world, today=TODAY, year=YEAR):
    return services.ledger_recompute(
        actor=actor,
        school_id=world["cohort"].school_id,
        school_year=year,
        today=today,
    )


def total_of(lecturer):
    return sum(row[-1] for row in entries_of(lecturer))


@pytest.mark.django_db
def test_the_ledger_is_the_sum_of_the_converted_sessions(world, office):
    ha, nam, _tuan = world["lecturers"]
    teach(world, ha, D(2027, 3, 1), kind="lecture", periods=5)
    teach(world, ha, D(2027, 3, 1), kind="discussion", periods=4, half_day=1)
    teach(world, ha, D(2027, 3, 2), kind="practice", periods=3)
    teach(world, ha, D(2027, 3, 3), kind="field_study", periods=5)
    teach(world, ha, D(2027, 3, 3), kind="field_study", periods=5, half_day=1)
    teach(world, nam, D(2027, 3, 4), kind="exam", periods=2)
    result = recompute(office, world)
    assert entries_of(ha) == [
        ("lecture", D(2027, 3, 1), Decimal(5), Decimal(1), Decimal("5.00")),
        ("discussion", D(2027, 3, 1), Decimal(4), Decimal(1), Decimal("4.00")),
        ("practice", D(2027, 3, 2), Decimal(3), Decimal("1.5"), Decimal("4.50")),
        ("field_study", D(2027, 3, 3), Decimal(1), Decimal(3), Decimal("3.00")),
    ]
    assert total_of(ha) == Decimal("16.50")
    assert entries_of(nam) == [
        ("exam", D(2027, 3, 4), Decimal(2), Decimal(0), Decimal("0.00"))
    ]
    assert (result.lecturers, result.sessions, result.entries, result.removed) == (
        2,
        6,
        5,
        0,
    )
    assert result.hours == Decimal("16.50")
    period = LedgerPeriod.objects.get()
    event = AuditEvent.objects.get(action="teaching.ledger_recompute")
    assert (event.object_id, event.actor) == (str(period.pk), office)
    assert event.changes["entries"] == "5"


@pytest.mark.django_db
def test_a_session_after_today_and_draft_sessions_are_not_counted(world, office):
    ha = world["lecturers"][0]
    teach(world, ha, D(2027, 3, 1))
    teach(world, ha, TODAY, periods=3)  # today itself is taught
    teach(world, ha, TODAY + datetime.timedelta(days=1))
    run = ScheduleRun.objects.create(
        school=world["cohort"].school, term=world["term"], created_by=office
    )
    teach(world, ha, D(2027, 3, 2), run=run)
    teach(world, ha, D(2026, 8, 31))  # the school year before
    recompute(office, world)
    assert [(day, hours) for _a, day, _q, _c, hours in entries_of(ha)] == [
        (D(2027, 3, 1), Decimal("5.00")),
        (TODAY, Decimal("3.00")),
    ]


@pytest.mark.django_db
def test_recompute_replaces_session_entries_and_keeps_manual_ones(world, office):
    ha = world["lecturers"][0]
    session = teach(world, ha, D(2027, 3, 1))
    recompute(office, world)
    services.ledger_entry_add(
        actor=office,
        lecturer=ha,
        data=services.ManualEntry("thesis", D(2027, 3, 5), Decimal(2), Decimal(9)),
    )
    session.periods = 2
    session.save()
    result = recompute(office, world)
    assert result.removed == 1
    assert entries_of(ha) == [
        ("lecture", D(2027, 3, 1), Decimal(2), Decimal(1), Decimal("2.00")),
        ("thesis", D(2027, 3, 5), Decimal(2), Decimal(9), Decimal("18.00")),
    ]


@pytest.mark.django_db
def test_recompute_of_a_closed_year_is_refused_and_changes_nothing(world, office):
    ha = world["lecturers"][0]
    teach(world, ha, D(2027, 3, 1))
    period = LedgerPeriod.objects.create(
        school=world["cohort"].school, school_year=YEAR
    )
    services.ledger_period_close(actor=office, period=period, today=TODAY)
    teach(world, ha, D(2027, 3, 2))
    before = (entries_of(ha), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as refused:
        recompute(office, world)
    assert refused.value.messages == [
        "Năm học 2026-2027 đã chốt sổ giờ chuẩn; không tính lại, không sửa được."
    ]
    assert (entries_of(ha), AuditEvent.objects.count()) == before
    assert entries_of(ha) == [
        ("lecture", D(2027, 3, 1), Decimal(5), Decimal(1), Decimal("5.00"))
    ]


@pytest.mark.django_db
def test_closing_records_who_and_refuses_a_second_close(world, office):
    period = LedgerPeriod.objects.create(
        school=world["cohort"].school, school_year=YEAR
    )
    closed = services.ledger_period_close(actor=office, period=period, today=TODAY)
    assert (closed.is_closed, closed.closed_by) == (True, office)
    assert AuditEvent.objects.filter(action="teaching.ledger_period_close").count() == 1
    with pytest.raises(ValidationError):
        services.ledger_period_close(actor=office, period=period, today=TODAY)
    assert AuditEvent.objects.filter(action="teaching.ledger_period_close").count() == 1


@pytest.mark.django_db
def test_changing_the_rule_set_recomputes_open_years_only(world, office, rule_set):
    ha = world["lecturers"][0]
    school = world["cohort"].school
    teach(world, ha, D(2026, 3, 2), kind="practice", periods=4)  # year 2025
    teach(world, ha, D(2027, 3, 2), kind="practice", periods=4)  # year 2026
    closed = LedgerPeriod.objects.create(school=school, school_year=2025)
    services.ledger_period_close(actor=office, period=closed, today=TODAY)
    recompute(office, world)
    parameters = dict(rule_set.parameters)
    parameters["coefficients"] = {**parameters["coefficients"], "practice": 2}
    result = services.hour_rule_set_update(
        actor=office,
        rule_set=rule_set,
        parameters=parameters,
        is_confirmed=True,
        today=TODAY,
    )
    assert result.periods_recomputed == 1
    assert entries_of(ha, 2025) == [
        ("practice", D(2026, 3, 2), Decimal(4), Decimal("1.5"), Decimal("6.00"))
    ]
    assert entries_of(ha, 2026) == [
        ("practice", D(2027, 3, 2), Decimal(4), Decimal(2), Decimal("8.00"))
    ]
    rule_set.refresh_from_db()
    assert (rule_set.parameters["coefficients"]["practice"], rule_set.is_confirmed) == (
        2,
        True,
    )
    event = AuditEvent.objects.get(action="teaching.hour_rule_set_update")
    assert event.changes["is_confirmed"] == [False, True]


@pytest.mark.django_db
def test_a_rule_set_change_outside_its_ranges_is_refused(world, office, rule_set):
    parameters = dict(rule_set.parameters)
    parameters["coefficients"] = {**parameters["coefficients"], "case_study": 2.51}
    before = (HourRuleSet.objects.get().parameters, AuditEvent.objects.count())
    with pytest.raises(ValidationError):
        services.hour_rule_set_update(
            actor=office, rule_set=rule_set, parameters=parameters, is_confirmed=False
        )
    assert (HourRuleSet.objects.get().parameters, AuditEvent.objects.count()) == before


@pytest.mark.django_db
def test_each_session_uses_the_rule_set_in_force_on_its_date(world, office, rule_set):
    ha = world["lecturers"][0]
    rule_set.valid_to = D(2027, 3, 14)
    rule_set.save()
    newer = HourRuleSet.objects.create(
        name="Định mức mới",
        legal_basis=rule_set.legal_basis,
        valid_from=D(2027, 3, 15),
        parameters={
            **rule_set.parameters,
            "coefficients": {**rule_set.parameters["coefficients"], "practice": 2},
        },
    )
    teach(world, ha, D(2027, 3, 12), kind="practice", periods=2)
    teach(world, ha, D(2027, 3, 15), kind="practice", periods=2)
    recompute(office, world)
    assert list(
        LedgerEntry.objects.order_by("date").values_list("rule_set", "hours")
    ) == [(rule_set.pk, Decimal("3.00")), (newer.pk, Decimal("4.00"))]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("activity", "coefficient", "accepted"),
    [
        ("case_study", "2", True),
        ("case_study", "2.5", True),
        ("case_study", "1.99", False),
        ("case_study", "2.51", False),
        ("essay", "3", True),
        ("essay", "5.01", False),
        ("thesis", "10", True),
        ("thesis", "7.99", False),
    ],
)
def test_manual_entries_at_coefficient_boundaries(
    world, office, activity, coefficient, accepted
):
    ha = world["lecturers"][0]
    data = services.ManualEntry(
        activity, D(2027, 3, 5), Decimal(3), Decimal(coefficient)
    )
    if accepted:
        entry = services.ledger_entry_add(actor=office, lecturer=ha, data=data)
        assert entry.hours == Decimal(3) * Decimal(coefficient)
        assert entry.period.school_year == YEAR
        return
    with pytest.raises(ValidationError) as refused:
        services.ledger_entry_add(actor=office, lecturer=ha, data=data)
    assert list(refused.value.message_dict) == ["coefficient"]
    assert not LedgerEntry.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_session_activities_cannot_be_added_by_hand(world, office):
    data = services.ManualEntry("lecture", D(2027, 3, 5), Decimal(3), Decimal(1))
    with pytest.raises(ValidationError):
        services.ledger_entry_add(
            actor=office, lecturer=world["lecturers"][0], data=data
        )
    assert not LedgerEntry.objects.exists()


def set_norm(office, lecturer, percent, reason="", reduction=Decimal(0), why=""):
    return services.lecturer_norm_set(
        actor=office,
        lecturer=lecturer,
        school_year=YEAR,
        adjustment_percent=percent,
        reason=reason,
        reduction_hours=reduction,
        reduction_reason=why,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("percent", [-15, 15])
def test_a_norm_adjusted_by_up_to_15_percent_is_kept(world, office, percent):
    norm = set_norm(
        office, world["lecturers"][0], percent, "Quyết định của Hiệu trưởng"
    )
    assert (norm.adjustment_percent, norm.adjustment_reason) == (
        percent,
        "Quyết định của Hiệu trưởng",
    )
    assert AuditEvent.objects.get(action="teaching.lecturer_norm_set").changes[
        "adjustment_percent"
    ] == [0, percent]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("percent", "reason", "field"),
    [
        (16, "Lý do", "adjustment_percent"),
        (-16, "Lý do", "adjustment_percent"),
        (5, "  ", "adjustment_reason"),
    ],
)
def test_a_norm_beyond_15_percent_or_without_reason_is_refused(
    world, office, percent, reason, field
):
    with pytest.raises(ValidationError) as refused:
        set_norm(office, world["lecturers"][0], percent, reason)
    assert list(refused.value.message_dict) == [field]
    assert not LecturerYearNorm.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_reduction_needs_its_reason(world, office):
    lecturer = world["lecturers"][0]
    with pytest.raises(ValidationError) as refused:
        set_norm(office, lecturer, 0, reduction=Decimal(20))
    assert list(refused.value.message_dict) == ["reduction_reason"]
    norm = set_norm(office, lecturer, 0, reduction=Decimal(20), why="Trưởng khoa")
    assert (norm.reduction_hours, norm.reduction_reason) == (Decimal(20), "Trưởng khoa")


@pytest.mark.django_db
def test_a_trainee_norm_is_at_most_90(world, office):
    trainee = world["lecturers"][0]
    trainee.title = "trainee"
    trainee.save()
    with pytest.raises(ValidationError) as refused:
        set_norm(office, trainee, 10, "Tăng")
    assert refused.value.message_dict == {
        "adjustment_percent": ["Định mức của chức danh này tối đa 90 giờ chuẩn."]
    }
    assert set_norm(office, trainee, -10, "Giảm").adjustment_percent == -10


@pytest.mark.django_db
def test_norms_of_a_closed_year_cannot_change(world, office):
    period = LedgerPeriod.objects.create(
        school=world["cohort"].school, school_year=YEAR
    )
    services.ledger_period_close(actor=office, period=period, today=TODAY)
    with pytest.raises(ValidationError):
        set_norm(office, world["lecturers"][0], 5, "Lý do")
    assert not LecturerYearNorm.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.LECTURER, Role.FACULTY_HEAD, Role.SUPERVISOR])
def test_roles_without_manage_ledger_change_nothing(world, make_user, role):
    actor = make_user(role)
    teach(world, world["lecturers"][0], D(2027, 3, 1))
    with pytest.raises(PermissionDenied):
        recompute(actor, world)
    with pytest.raises(PermissionDenied):
        set_norm(actor, world["lecturers"][0], 5, "Lý do")
    rule_set = HourRuleSet.objects.get()
    with pytest.raises(PermissionDenied):
        services.hour_rule_set_update(
            actor=actor,
            rule_set=rule_set,
            parameters=rule_set.parameters,
            is_confirmed=True,
        )
    assert not LedgerEntry.objects.exists()
    assert not LedgerPeriod.objects.exists()
    assert not AuditEvent.objects.exists()


# Distinct (day, half-day) slots in the world's term, so the one cohort is never
# booked twice.
SLOTS = [
    (D(2027, 3, 1) + datetime.timedelta(days=d), h) for d in range(12) for h in (0, 1)
]
KINDS = ["lecture", "discussion", "practice", "field_study", "exam"]


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    plan=st.lists(
        st.tuples(
            st.sampled_from(SLOTS),
            st.integers(0, 2),
            st.sampled_from(KINDS),
            st.integers(1, 6),
        ),
        max_size=20,
        unique_by=lambda item: item[0],
    )
)
def test_property_totals_are_quantity_times_coefficient_and_recompute_is_stable(
    world, office, plan
):
    TeachingSession.objects.all().delete()
    LedgerEntry.objects.all().delete()
    parameters = HourRuleSet.objects.get().parameters["coefficients"]
    expected: dict[int, Decimal] = {}
    field_days = set()
    for (day, half_day), who, kind, periods in plan:
        lecturer = world["lecturers"][who]
        teach(world, lecturer, day, kind=kind, periods=periods, half_day=half_day)
        if kind == "field_study":
            if (lecturer.pk, day) in field_days:
                continue
            field_days.add((lecturer.pk, day))
            quantity = Decimal(1)
        else:
            quantity = Decimal(periods)
        coefficient = Decimal(str(parameters[kind]))
        expected[lecturer.pk] = expected.get(lecturer.pk, Decimal(0)) + (
            quantity * coefficient
        )
    recompute(office, world)
    first = {lecturer.pk: entries_of(lecturer) for lecturer in world["lecturers"]}
    for lecturer in world["lecturers"]:
        assert total_of(lecturer) == expected.get(lecturer.pk, Decimal(0))
        for _activity, _day, quantity, coefficient, hours in first[lecturer.pk]:
            assert hours == quantity * coefficient
    recompute(office, world)
    assert {lecturer.pk: entries_of(lecturer) for lecturer in world["lecturers"]} == (
        first
    )
