"""A lecturer's own field practice (faculty) in the giờ chuẩn ledger: one line per
practice done (report in) for its days within the school year, at the giờ chuẩn
per day of the development rule set in force, counted in every total; a closed
year keeps what it was closed with."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daotao.core.access import Role
from daotao.faculty.models import DevelopmentRuleSet, FieldPractice
from daotao.ledger import selectors, services, views
from daotao.ledger.models import HourRuleSet, LedgerEntry, LedgerPeriod
from daotao.ledger.tests.test_services import recompute, teach

D = datetime.date
YEAR = 2026  # the school year 1/9/2026 – 31/8/2027
TODAY = D(2027, 3, 31)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


def practice(lecturer, first, last, *, reported=True, place="Xã Bá Thước"):
    return FieldPractice.objects.create(
        lecturer=lecturer,
        place=place,
        topic="Chính quyền địa phương hai cấp",
        starts_on=first,
        ends_on=last,
        report_submitted_on=last if reported else None,
    )


def lines(lecturer, year=YEAR):
    return list(
        LedgerEntry.objects.filter(
            lecturer=lecturer, period__school_year=year, activity="field_practice"
        )
        .order_by("date", "id")
        .values_list("date", "quantity", "coefficient", "hours", "field_practice")
    )


def test_the_migrated_rule_set_counts_three_hours_a_day():
    # what every figure below is computed from: the rule set faculty 0004 ships
    rule_set = DevelopmentRuleSet.objects.get()
    assert rule_set.parameters["field_practice_hours_per_day"] == "3"
    assert rule_set.valid_from == D(2020, 8, 13)


def test_a_practice_across_the_year_edge_counts_its_days_in_each_year(world, office):
    ha, nam, tuan = world["lecturers"]
    across = practice(ha, D(2026, 8, 30), D(2026, 9, 2))
    last_day = practice(nam, D(2027, 8, 31), D(2027, 8, 31))
    next_year = practice(tuan, D(2027, 9, 1), D(2027, 9, 3))
    recompute(office, world, year=YEAR - 1)
    recompute(office, world, year=YEAR)

    assert lines(ha, YEAR - 1) == [
        (D(2026, 8, 30), Decimal(2), Decimal(3), Decimal("6.00"), across.pk)
    ]
    assert lines(ha, YEAR) == [
        (D(2026, 9, 1), Decimal(2), Decimal(3), Decimal("6.00"), across.pk)
    ]
    assert lines(nam, YEAR) == [
        (D(2027, 8, 31), Decimal(1), Decimal(3), Decimal("3.00"), last_day.pk)
    ]
    assert lines(tuan, YEAR) == []
    assert next_year.pk not in LedgerEntry.objects.values_list(
        "field_practice", flat=True
    )


def test_a_practice_without_its_report_is_not_counted_until_reported(world, office):
    ha = world["lecturers"][0]
    item = practice(ha, D(2026, 10, 5), D(2026, 10, 9), reported=False)
    result = recompute(office, world)
    assert (lines(ha), result.field_practices, result.entries) == ([], 0, 0)

    FieldPractice.objects.filter(pk=item.pk).update(report_submitted_on=D(2026, 10, 20))
    result = recompute(office, world)
    assert lines(ha) == [
        (D(2026, 10, 5), Decimal(5), Decimal(3), Decimal("15.00"), item.pk)
    ]
    assert (result.field_practices, result.hours) == (1, Decimal("15.00"))


def test_two_practices_are_two_lines_counted_in_every_total(world, office):
    ha, nam, _tuan = world["lecturers"]
    teach(world, ha, D(2027, 3, 1), periods=5)
    first = practice(ha, D(2026, 10, 5), D(2026, 10, 7), place="Xã Bá Thước")
    second = practice(ha, D(2027, 4, 12), D(2027, 4, 16), place="Khu kinh tế Nghi Sơn")
    recompute(office, world)

    assert lines(ha) == [
        (D(2026, 10, 5), Decimal(3), Decimal(3), Decimal("9.00"), first.pk),
        (D(2027, 4, 12), Decimal(5), Decimal(3), Decimal("15.00"), second.pk),
    ]
    ledger = selectors.lecturer_ledger(lecturer=ha, school_year=YEAR)
    assert ledger.row.total == Decimal(29)  # 5 lectured + 9 + 15
    assert ledger.row.hours == {"lecture": Decimal(5), "field_practice": Decimal(24)}
    assert [e.note for e in ledger.entries if e.activity == "field_practice"] == [
        "Xã Bá Thước · Chính quyền địa phương hai cấp",
        "Khu kinh tế Nghi Sơn · Chính quyền địa phương hai cấp",
    ]
    assert {e.applied_rule_set for e in ledger.entries} == {
        HourRuleSet.objects.get(),
        DevelopmentRuleSet.objects.get(),
    }

    report = selectors.ledger_report(actor=office, school_year=YEAR)
    (row,) = [r for u in report.units for r in u.rows if r.lecturer == ha]
    (block,) = [u for u in report.units if row in u.rows]
    codes = [code for code, _short, _label in report.columns]
    assert codes == ["lecture", "field_practice"]
    assert (row.cells, row.total) == ([Decimal(5), Decimal(24)], Decimal(29))
    assert block.hours_in(["field_practice"]) == [Decimal(24)]
    assert report.total == Decimal(29)

    exported = {r[1]: r for r in views._export_rows(report)}[ha.person.full_name]
    first_activity = len(views.EXPORT_HEADERS)
    by_code = dict(zip(report.activity_codes, exported[first_activity:], strict=False))
    assert (by_code["lecture"], by_code["field_practice"]) == (5.0, 24.0)
    assert exported[-3] == 29.0  # the total

    done, _norm = selectors.hours_for_evaluation([ha.pk, nam.pk], YEAR)[ha.pk]
    assert done == Decimal(29)


def test_each_practice_takes_the_development_rule_set_in_force_on_its_first_day(
    world, office
):
    ha = world["lecturers"][0]
    old = DevelopmentRuleSet.objects.get()
    new = DevelopmentRuleSet.objects.create(
        name="Quy định 2027",
        legal_basis=old.legal_basis,
        valid_from=D(2027, 1, 1),
        parameters=old.parameters | {"field_practice_hours_per_day": "4"},
    )
    DevelopmentRuleSet.objects.filter(pk=old.pk).update(valid_to=D(2026, 12, 31))
    before = practice(ha, D(2026, 12, 30), D(2027, 1, 2))
    after = practice(ha, D(2027, 1, 4), D(2027, 1, 5))
    recompute(office, world)
    assert lines(ha) == [
        (D(2026, 12, 30), Decimal(4), Decimal(3), Decimal("12.00"), before.pk),
        (D(2027, 1, 4), Decimal(2), Decimal(4), Decimal("8.00"), after.pk),
    ]
    assert list(
        LedgerEntry.objects.order_by("date").values_list(
            "development_rule_set", "rule_set"
        )
    ) == [(old.pk, None), (new.pk, None)]


def test_a_closed_year_keeps_its_lines_and_refuses_a_recompute(world, office):
    ha = world["lecturers"][0]
    counted = practice(ha, D(2026, 10, 5), D(2026, 10, 6))
    late = practice(ha, D(2027, 5, 4), D(2027, 5, 8), reported=False)
    period = LedgerPeriod.objects.create(
        school=world["cohort"].school, school_year=YEAR
    )
    services.ledger_period_close(actor=office, period=period, today=TODAY)
    closed = [(D(2026, 10, 5), Decimal(2), Decimal(3), Decimal("6.00"), counted.pk)]
    assert lines(ha) == closed

    FieldPractice.objects.filter(pk=late.pk).update(report_submitted_on=D(2027, 5, 9))
    with pytest.raises(ValidationError):
        recompute(office, world)
    assert lines(ha) == closed

    rule_set = HourRuleSet.objects.get()
    services.hour_rule_set_update(
        actor=office,
        rule_set=rule_set,
        parameters=rule_set.parameters,
        is_confirmed=True,
        today=TODAY,
    )
    FieldPractice.objects.filter(pk=counted.pk).delete()
    assert lines(ha) == [
        (D(2026, 10, 5), Decimal(2), Decimal(3), Decimal("6.00"), None)
    ]


def test_a_field_practice_line_cannot_be_deleted_by_hand(world, office):
    ha = world["lecturers"][0]
    practice(ha, D(2026, 10, 5), D(2026, 10, 6))
    recompute(office, world)
    entry = LedgerEntry.objects.get(activity="field_practice")
    with pytest.raises(ValidationError):
        services.ledger_entry_delete(actor=office, entry=entry)
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_the_lecturer_page_shows_the_practice_line(world, office, client):
    ha = world["lecturers"][0]
    practice(ha, D(2026, 10, 5), D(2026, 10, 6))
    recompute(office, world)
    client.force_login(office)
    page = client.get(
        reverse("ledger:ledger-lecturer", args=[ha.pk]), {"nam": YEAR}
    ).content.decode()
    assert "Giảng viên đi thực tế (ngày)" in page
    assert "Xã Bá Thước · Chính quyền địa phương hai cấp" in page
    assert DevelopmentRuleSet.objects.get().name in page


def test_the_recompute_page_says_how_many_practices_it_counted(world, office, client):
    ha, nam, _tuan = world["lecturers"]
    teach(world, ha, D(2026, 9, 7))
    practice(nam, D(2026, 10, 5), D(2026, 10, 6))
    practice(nam, D(2026, 11, 2), D(2026, 11, 2), reported=False)
    client.force_login(office)
    response = client.post(
        reverse("ledger:ledger-recompute"), {"nam": YEAR}, follow=True
    )
    assert (
        "Đã tính lại: 1 buổi giảng và 1 đợt đi thực tế của 2 giảng viên."
        in response.content.decode()
    )
    assert lines(nam) == [
        (
            D(2026, 10, 5),
            Decimal(2),
            Decimal(3),
            Decimal("6.00"),
            FieldPractice.objects.get(starts_on=D(2026, 10, 5)).pk,
        )
    ]
