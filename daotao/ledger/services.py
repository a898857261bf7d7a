"""Writes on the teaching-hour ledger: recomputing a school year from the sessions
taught, entries added by hand, closing a year, lecturers' norms, and editing a
rule set (which recomputes every open year and no closed one)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.faculty import rules as faculty_rules
from daotao.faculty.models import DevelopmentRuleSet, FieldPractice, Lecturer
from daotao.ledger import rules
from daotao.ledger.models import (
    HourRuleSet,
    LecturerYearNorm,
    LedgerEntry,
    LedgerPeriod,
)
from daotao.ledger.selectors import (
    hour_rule_set_for_year,
    hour_rule_sets_between,
)
from daotao.org.models import NotInForce
from daotao.teaching.models import TeachingSession

MANAGE = "ledger.manage_ledger"


@dataclass(frozen=True)
class RecomputeResult:
    lecturers: int
    sessions: int
    entries: int
    removed: int
    hours: Decimal
    field_practices: int = 0


def _refuse_closed(period: LedgerPeriod) -> None:
    if period.is_closed:
        raise ValidationError(
            _("Năm học %(year)s đã chốt sổ giờ chuẩn; không tính lại, không sửa được.")
            % {"year": f"{period.school_year}-{period.school_year + 1}"},
            code="period_closed",
        )


def _locked_period(*, school_id: int, school_year: int) -> LedgerPeriod:
    period, _created = LedgerPeriod.objects.select_for_update().get_or_create(
        school_id=school_id, school_year=school_year
    )
    return period


def _published_sessions(
    period: LedgerPeriod, today: datetime.date
) -> list[dict[str, Any]]:
    """The published sessions with a lecturer, of the period's school, taught in
    its year up to `today` (a session still to come is not yet taught)."""
    first, last = rules.school_year_bounds(period.school_year)
    return list(
        TeachingSession.objects.published()
        .filter(
            school_id=period.school_id,
            lecturer__isnull=False,
            date__gte=first,
            date__lte=min(last, today),
        )
        .order_by("lecturer_id", "date", "half_day", "id")
        .values("id", "lecturer_id", "kind", "date", "periods")
    )


def _field_practice_entries(period: LedgerPeriod) -> list[LedgerEntry]:
    """One entry per field practice of the school's lecturers that counts (its
    report is in, as faculty counts it), for its days within the school year, at
    the giờ chuẩn per day of the development rule set in force on the first of
    them; a practice with no rule set in force then is not counted."""
    first, last = rules.school_year_bounds(period.school_year)
    rule_sets = list(
        DevelopmentRuleSet.objects.in_force_during(first, last).newest_first()
    )
    entries = []
    for practice in FieldPractice.objects.filter(
        lecturer__school_id=period.school_id,
        report_submitted_on__isnull=False,
        starts_on__lte=last,
        ends_on__gte=first,
    ).order_by("lecturer_id", "starts_on", "id"):
        counted = rules.days_in_school_year(
            practice.starts_on, practice.ends_on, period.school_year
        )
        if counted is None:
            continue
        first_day, days = counted
        try:
            rule_set = DevelopmentRuleSet.in_force_among(rule_sets, first_day)
        except NotInForce:
            continue
        parameters = rule_set.parameters
        entries.append(
            LedgerEntry(
                period=period,
                lecturer_id=practice.lecturer_id,
                field_practice=practice,
                activity=rules.FIELD_PRACTICE,
                date=first_day,
                quantity=Decimal(days),
                coefficient=rules.as_decimal(
                    parameters["field_practice_hours_per_day"]
                ),
                hours=faculty_rules.field_practice_hours(days, parameters),
                development_rule_set=rule_set,
                note=f"{practice.place} · {practice.topic}"[:255],
            )
        )
    return entries


def _rebuild(period: LedgerPeriod, today: datetime.date) -> RecomputeResult:
    """Replace the period's derived entries by the conversion of the sessions
    taught, each under the rule set in force on its date, and of the lecturers'
    field practice done; entries added by hand stay. The caller holds the
    period's lock."""
    sessions = _published_sessions(period, today)
    first, last = rules.school_year_bounds(period.school_year)
    rule_sets = hour_rule_sets_between(first=first, last=last)
    groups: dict[tuple[int, HourRuleSet], list[rules.SessionTaught]] = defaultdict(list)
    for s in sessions:
        rule_set = HourRuleSet.in_force_among(rule_sets, s["date"])
        taught = rules.SessionTaught(s["id"], s["kind"], s["date"], s["periods"])
        groups[(s["lecturer_id"], rule_set)].append(taught)
    entries = [
        LedgerEntry(
            period=period,
            lecturer_id=lecturer_id,
            session_id=c.session_id,
            activity=c.activity,
            date=c.date,
            quantity=c.quantity,
            coefficient=c.coefficient,
            hours=c.hours,
            rule_set=rule_set,
        )
        for (lecturer_id, rule_set), taught in groups.items()
        for c in rules.convert_sessions(taught, rule_set.parameters)
    ]
    practices = _field_practice_entries(period)
    entries += practices
    removed, _by_model = period.entries.filter(
        activity__in=rules.DERIVED_ACTIVITIES
    ).delete()
    LedgerEntry.objects.bulk_create(entries, batch_size=1000)
    period.save(update_fields=["updated_at"])  # shown as the time of the last count
    return RecomputeResult(
        lecturers=len({entry.lecturer_id for entry in entries}),
        sessions=len(sessions),
        entries=len(entries),
        removed=removed,
        hours=sum((entry.hours for entry in entries), Decimal(0)),
        field_practices=len(practices),
    )


def _audit_recompute(
    actor: Actor, period: LedgerPeriod, result: RecomputeResult
) -> None:
    audit_record(
        actor=actor,
        action="teaching.ledger_recompute",
        instance=period,
        changes={key: str(value) for key, value in asdict(result).items()},
    )


def ledger_recompute(
    *,
    actor: Actor,
    school_id: int,
    school_year: int,
    today: datetime.date | None = None,
) -> RecomputeResult:
    """Rebuild a school year's session entries from the published sessions taught
    up to `today`; refused, changing nothing, once the year is closed."""
    require_scope(actor, MANAGE, school_id=school_id)
    with transaction.atomic():
        period = _locked_period(school_id=school_id, school_year=school_year)
        _refuse_closed(period)
        result = _rebuild(period, today or timezone.localdate())
        _audit_recompute(actor, period, result)
    return result


def ledger_period_close(
    *, actor: Actor, period: LedgerPeriod, today: datetime.date | None = None
) -> LedgerPeriod:
    """Recompute the year one last time and close it: its entries never change
    again, whatever happens to the sessions or the rule set."""
    require_scope(actor, MANAGE, school_id=period.school_id)
    with transaction.atomic():
        current = _locked_period(
            school_id=period.school_id, school_year=period.school_year
        )
        _refuse_closed(current)
        _audit_recompute(
            actor, current, _rebuild(current, today or timezone.localdate())
        )
        current.is_closed = True
        current.closed_at = timezone.now()
        current.closed_by = actor
        current.save(
            update_fields=["is_closed", "closed_at", "closed_by", "updated_at"]
        )
        audit_record(
            actor=actor,
            action="teaching.ledger_period_close",
            instance=current,
            changes={"is_closed": [False, True]},
        )
    return current


@dataclass(frozen=True)
class ManualEntry:
    activity: str
    date: datetime.date
    quantity: Decimal
    coefficient: Decimal
    note: str = ""


def ledger_entry_add(
    *, actor: Actor, lecturer: Lecturer, data: ManualEntry
) -> LedgerEntry:
    """Add a case study (per tiết), essay or thesis supervision (per learner) to
    the lecturer's open year, at a coefficient within the rule set's range."""
    require_scope(actor, MANAGE, school_id=lecturer.school_id)
    if data.activity not in rules.MANUAL_ACTIVITIES:
        raise ValidationError(
            {"activity": [_("Hoạt động này được tính từ lịch giảng.")]}
        )
    if data.quantity <= 0 or data.quantity != data.quantity.to_integral_value():
        raise ValidationError({"quantity": [_("Số lượng phải là số nguyên dương.")]})
    try:
        rule_set = HourRuleSet.objects.for_date(data.date)
    except NotInForce as error:
        raise ValidationError({"date": error.messages}) from None
    try:
        rules.check_coefficient(data.activity, data.coefficient, rule_set.parameters)
    except ValidationError as error:
        raise ValidationError({"coefficient": error.messages}) from None
    with transaction.atomic():
        period = _locked_period(
            school_id=lecturer.school_id, school_year=rules.school_year_of(data.date)
        )
        _refuse_closed(period)
        entry = LedgerEntry.objects.create(
            period=period,
            lecturer=lecturer,
            rule_set=rule_set,
            hours=rules.hours_of(data.quantity, data.coefficient),
            **asdict(data),
        )
        audit_record(
            actor=actor,
            action="teaching.ledger_entry_add",
            instance=entry,
            changes={k: [None, str(v)] for k, v in asdict(data).items()},
        )
    return entry


def ledger_entry_delete(*, actor: Actor, entry: LedgerEntry) -> None:
    """Remove an entry added by hand from an open year."""
    require_scope(actor, MANAGE, school_id=entry.lecturer.school_id)
    if entry.activity not in rules.MANUAL_ACTIVITIES:
        raise ValidationError(
            _("Dòng tính từ lịch giảng chỉ thay đổi khi tính lại."), code="derived"
        )
    with transaction.atomic():
        period = LedgerPeriod.objects.select_for_update().get(pk=entry.period_id)
        _refuse_closed(period)
        before = snapshot(entry, ["activity", "date", "quantity", "coefficient"])
        audit_record(
            actor=actor,
            action="teaching.ledger_entry_delete",
            instance=entry,
            changes={k: [v, None] for k, v in before.items()},
        )
        entry.delete()


NORM_FIELDS = [
    "adjustment_percent",
    "adjustment_reason",
    "reduction_hours",
    "reduction_reason",
]


def lecturer_norm_set(
    *,
    actor: Actor,
    lecturer: Lecturer,
    school_year: int,
    adjustment_percent: int,
    reason: str,
    reduction_hours: Decimal,
    reduction_reason: str,
) -> LecturerYearNorm:
    """Set a lecturer's adjustment (±%, within the rule set's limit) and reductions
    for a school year not yet closed; each non-zero figure needs its reason."""
    require_scope(actor, MANAGE, school_id=lecturer.school_id)
    errors = _norm_reason_errors(
        adjustment_percent, reason, reduction_hours, reduction_reason
    ) | _norm_errors(lecturer, school_year, adjustment_percent, reduction_hours)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        period = _locked_period(school_id=lecturer.school_id, school_year=school_year)
        _refuse_closed(period)
        norm, _created = LecturerYearNorm.objects.select_for_update().get_or_create(
            lecturer=lecturer, school_year=school_year
        )
        before = snapshot(norm, NORM_FIELDS)
        norm.adjustment_percent = adjustment_percent
        norm.adjustment_reason = reason.strip()
        norm.reduction_hours = reduction_hours
        norm.reduction_reason = reduction_reason.strip()
        norm.save()
        changes = diff(before, snapshot(norm, NORM_FIELDS))
        audit_record(
            actor=actor,
            action="teaching.lecturer_norm_set",
            instance=norm,
            changes=changes,
            reason=norm.adjustment_reason or norm.reduction_reason,
        )
    return norm


def _norm_errors(
    lecturer: Lecturer, school_year: int, percent: int, reduction: Decimal
) -> dict[str, list[str]]:
    """The rule set's objections to the norm: beyond ±%, above a ceiling, a
    reduction larger than the norm."""
    rule_set = hour_rule_set_for_year(school_year=school_year)
    if rule_set is None:
        return {
            "adjustment_percent": [_("Chưa có bộ định mức giờ chuẩn cho năm học này.")]
        }
    try:
        rules.annual_norm(
            title=lecturer.title,
            parameters=rule_set.parameters,
            adjustment_percent=percent,
            reduction_hours=max(reduction, Decimal(0)),
        )
    except ValidationError as error:
        if error.code == "reduction_out_of_range":
            return {"reduction_hours": error.messages}
        return {"adjustment_percent": error.messages}
    return {}


def _norm_reason_errors(
    percent: int, reason: str, reduction: Decimal, reduction_reason: str
) -> dict[str, list[str]]:
    errors = {}
    if percent != 0 and not reason.strip():
        errors["adjustment_reason"] = [_("Hãy ghi lý do điều chỉnh định mức.")]
    if reduction < 0:
        errors["reduction_hours"] = [_("Số giờ giảm không được âm.")]
    elif reduction != 0 and not reduction_reason.strip():
        errors["reduction_reason"] = [_("Hãy ghi lý do giảm định mức.")]
    return errors


@dataclass(frozen=True)
class RuleSetUpdateResult:
    rule_set: HourRuleSet
    periods_recomputed: int


def hour_rule_set_update(
    *,
    actor: Actor,
    rule_set: HourRuleSet,
    parameters: dict[str, Any],
    is_confirmed: bool,
    today: datetime.date | None = None,
) -> RuleSetUpdateResult:
    """Change a rule set's figures, then recompute every open year of every school
    (the rule set is shared); closed years keep the figures they were closed with."""
    if not has_permission(actor, MANAGE):
        raise PermissionDenied
    rules.check_parameters(parameters)
    with transaction.atomic():
        current = HourRuleSet.objects.select_for_update().get(pk=rule_set.pk)
        before = snapshot(current, ["parameters", "is_confirmed"])
        current.parameters = parameters
        current.is_confirmed = is_confirmed
        current.save(update_fields=["parameters", "is_confirmed", "updated_at"])
        audit_record(
            actor=actor,
            action="teaching.hour_rule_set_update",
            instance=current,
            changes=diff(before, snapshot(current, ["parameters", "is_confirmed"])),
        )
        periods = LedgerPeriod.objects.select_for_update().filter(is_closed=False)
        count = 0
        for period in periods.order_by("school_id", "school_year"):
            _audit_recompute(
                actor, period, _rebuild(period, today or timezone.localdate())
            )
            count += 1
    return RuleSetUpdateResult(current, count)
