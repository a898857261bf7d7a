"""Writes on nominations: online or from a sheet, within quota; review, override,
rejection and withdrawal. Every operation is atomic and audited."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.bulk import insert_many
from daotao.core.history import audit_record
from daotao.enrolment.models import (
    EligibilityOverride,
    Nomination,
)
from daotao.enrolment.services.eligibility import (
    Reference,
    evaluate,
    evaluate_with,
    rule_set_for_class,
)
from daotao.people import services as people
from daotao.people.services import PersonData
from daotao.planning.models import PlannedClass, Quota, TrainingPlan

Status = Nomination.Status
ACTIVE = [Status.SUBMITTED, Status.CHECKED, Status.ADMITTED]
# The audit action of a whole sheet of nominations (one event per import); the
# service writes it literally, as every audit action is (tests/test_audit_actions).
IMPORT_ACTION = "enrolment.nomination_import"


@dataclass(frozen=True)
class NominationData:
    post: str = ""
    is_post_qualifying: bool = False
    rating_previous_year: str = ""
    rating_year_before: str = ""
    sending_document_number: str = ""
    sending_document_date: datetime.date | None = None


def quota_left(*, planned_class: PlannedClass, agency_id: int) -> tuple[int, int]:
    """(places used, places given) for an agency in a class."""
    quota = Quota.objects.filter(
        planned_class=planned_class, agency_id=agency_id
    ).first()
    used = Nomination.objects.filter(
        planned_class=planned_class, agency_id=agency_id, status__in=ACTIVE
    ).count()
    return used, quota.places if quota else 0


def nomination_submit(
    *,
    actor: Actor,
    planned_class: PlannedClass,
    agency_id: int,
    person: Any,
    data: NominationData,
    source: str = Nomination.Source.ONLINE,
) -> Nomination:
    """Nominate a cadre into a class of an approved plan, within the agency's quota."""
    require_scope(
        actor,
        "enrolment.nominate",
        school_id=planned_class.school_id,
        agency_id=agency_id,
    )
    with transaction.atomic():
        planned = _open_for_nominations(planned_class)
        if person.school_id != planned.school_id:
            raise PermissionDenied
        _check_quota_for(planned, agency_id=agency_id, adding=1)
        _check_not_nominated(planned, [person])
        nomination = _new_nomination(
            planned,
            agency_id=agency_id,
            person=person,
            data=data,
            actor=actor,
            source=source,
        )
        nomination.rule_set, nomination.eligibility = evaluate(nomination)
        nomination.save()
        audit_record(
            actor=actor,
            action="enrolment.nomination_submit",
            instance=nomination,
            changes={"person": [None, person.pk], "planned_class": [None, planned.pk]},
        )
    return nomination


@dataclass(frozen=True)
class ImportedNominee:
    """One row of an agency's sheet: an existing person, or the data to create one."""

    data: NominationData
    person: Any = None
    new_person: PersonData | None = None


def nominations_import(
    *,
    actor: Actor,
    planned_class: PlannedClass,
    agency_id: int,
    nominees: list[ImportedNominee],
) -> list[Nomination]:
    """Nominate a whole sheet at once: new persons created, every nomination
    evaluated; all within quota or nothing is written."""
    require_scope(
        actor,
        "enrolment.nominate",
        school_id=planned_class.school_id,
        agency_id=agency_id,
    )
    with transaction.atomic():
        planned = _open_for_nominations(planned_class)
        _check_quota_for(planned, agency_id=agency_id, adding=len(nominees))
        existing = [n.person for n in nominees if n.person is not None]
        _check_not_nominated(planned, existing)
        if any(person.school_id != planned.school_id for person in existing):
            raise PermissionDenied
        created_persons = people.person_create_many(
            actor=actor,
            school_id=planned.school_id,
            items=[n.new_person for n in nominees if n.person is None],
            audit_each=False,  # named in this import's one audit event below
        )
        created = iter(created_persons)
        rule_set, reference = rule_set_for_class(planned), Reference.load()
        nominations = []
        for nominee in nominees:
            person = nominee.person if nominee.person is not None else next(created)
            nomination = _new_nomination(
                planned,
                agency_id=agency_id,
                person=person,
                data=nominee.data,
                actor=actor,
                source=Nomination.Source.SHEET,
            )
            nomination.rule_set = rule_set
            nomination.eligibility = evaluate_with(
                nomination, rule_set=rule_set, reference=reference
            )
            nominations.append(nomination)
        insert_many(nominations)
        # One audit event for the whole sheet (as the historical credentials import,
        # ADR 0019): 18,000 rows for a 10,000-row sheet said nothing the event's
        # lists do not; each imported nomination's history shows it
        # (selectors.nomination_history).
        audit_record(
            actor=actor,
            action="enrolment.nomination_import",  # IMPORT_ACTION, spelled out
            instance=planned,
            changes={
                "agency": [None, agency_id],
                "count": [None, len(nominations)],
                "persons_created": [None, [p.pk for p in created_persons]],
                "nominations": [None, [n.pk for n in nominations]],
            },
            reason=_("Nhập từ tệp Excel"),
        )
    return nominations


def _open_for_nominations(planned_class: PlannedClass) -> PlannedClass:
    planned = (
        PlannedClass.objects.select_for_update()
        .select_related("plan", "program_version__program")
        .get(pk=planned_class.pk)
    )
    if planned.plan.status != TrainingPlan.Status.APPROVED:
        raise ValidationError(
            _("Kế hoạch năm %(year)s chưa được phê duyệt; chưa nhận đề nghị cử đi học.")
            % {"year": planned.plan.year}
        )
    return planned


def _check_quota_for(planned: PlannedClass, *, agency_id: int, adding: int) -> None:
    used, places = quota_left(planned_class=planned, agency_id=agency_id)
    if used + adding <= places:
        return
    if used >= places:
        message = _(
            "Cơ quan đã dùng hết chỉ tiêu của lớp %(code)s "
            "(%(used)s/%(places)s); không gửi thêm được."
        )
    else:
        message = _(
            "Cơ quan còn %(left)s chỗ trong chỉ tiêu lớp %(code)s "
            "(%(used)s/%(places)s); không nhận thêm %(adding)s người."
        )
    raise ValidationError(
        message
        % {
            "left": places - used,
            "code": planned.code,
            "used": used,
            "places": places,
            "adding": adding,
        },
        code="over_quota",
    )


def _check_not_nominated(planned: PlannedClass, persons: list[Any]) -> None:
    clash = (
        Nomination.objects.filter(
            planned_class=planned,
            person__in=[p.pk for p in persons],
            status__in=ACTIVE,
        )
        .select_related("person")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            _("%(name)s đã có trong danh sách đề nghị của lớp này.")
            % {"name": clash.person.full_name},
            code="duplicate",
        )


def _new_nomination(
    planned: PlannedClass,
    *,
    agency_id: int,
    person: Any,
    data: NominationData,
    actor: Actor,
    source: str,
) -> Nomination:
    return Nomination(
        school_id=planned.school_id,
        planned_class=planned,
        agency_id=agency_id,
        person=person,
        created_by=actor,
        source=source,
        post=data.post or person.current_post,
        is_post_qualifying=data.is_post_qualifying,
        rating_previous_year=data.rating_previous_year,
        rating_year_before=data.rating_year_before,
        sending_document_number=data.sending_document_number,
        sending_document_date=data.sending_document_date,
    )


def _locked(nomination: Nomination, allowed: list[str]) -> Nomination:
    current = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("person", "planned_class__program_version__program")
        .get(pk=nomination.pk)
    )
    if current.status not in allowed:
        raise ValidationError(
            _("Hồ sơ đang ở trạng thái “%(status)s”.")
            % {"status": current.get_status_display()},
            code="invalid_transition",
        )
    return current


def nomination_check(*, actor: Actor, nomination: Nomination) -> Nomination:
    """Re-evaluate eligibility against the rule set in force and mark it checked."""
    require_scope(actor, "enrolment.review_nomination", school_id=nomination.school_id)
    with transaction.atomic():
        current = _locked(nomination, [Status.SUBMITTED, Status.CHECKED])
        before = current.status
        current.rule_set, current.eligibility = evaluate(current)
        current.status = Status.CHECKED
        current.version += 1
        current.save()
        audit_record(
            actor=actor,
            action="enrolment.nomination_check",
            instance=current,
            changes={"status": [before, Status.CHECKED]},
        )
    return current


def nomination_override(
    *, actor: Actor, nomination: Nomination, rule: str, reason: str
) -> EligibilityOverride:
    """Accept a nominee despite one failed rule; the written reason is kept."""
    require_scope(actor, "enrolment.review_nomination", school_id=nomination.school_id)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": [_("Hãy ghi lý do chấp thuận trường hợp đặc biệt.")]}
        )
    with transaction.atomic():
        current = _locked(nomination, [Status.SUBMITTED, Status.CHECKED])
        failed = {r["rule"] for r in current.eligibility if not r["passed"]}
        if rule not in failed:
            raise ValidationError(
                {"rule": [_("Tiêu chuẩn này không phải tiêu chuẩn chưa đạt.")]}
            )
        override, _created = EligibilityOverride.objects.update_or_create(
            nomination=current,
            rule=rule,
            defaults={"reason": reason, "decided_by": actor},
        )
        audit_record(
            actor=actor,
            action="enrolment.nomination_override",
            instance=current,
            changes={"override": [None, rule]},
            reason=reason,
        )
    return override


def nomination_reject(
    *, actor: Actor, nomination: Nomination, reason: str
) -> Nomination:
    require_scope(actor, "enrolment.review_nomination", school_id=nomination.school_id)
    if not reason.strip():
        raise ValidationError({"reason": [_("Hãy ghi lý do không nhận.")]})
    with transaction.atomic():
        current = _locked(nomination, [Status.SUBMITTED, Status.CHECKED])
        before = current.status
        current.status = Status.REJECTED
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="enrolment.nomination_reject",
            instance=current,
            changes={"status": [before, Status.REJECTED]},
            reason=reason.strip(),
        )
    return current


def nomination_withdraw(
    *, actor: Actor, nomination: Nomination, reason: str
) -> Nomination:
    """The sending agency takes a nominee back before admission; the place returns
    to its quota and the reason is kept."""
    require_scope(
        actor,
        "enrolment.nominate",
        school_id=nomination.school_id,
        agency_id=nomination.agency_id,
    )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Hãy ghi lý do rút hồ sơ.")]})
    with transaction.atomic():
        current = _locked(nomination, [Status.SUBMITTED, Status.CHECKED])
        before = current.status
        current.status = Status.WITHDRAWN
        current.version += 1
        current.save(update_fields=["status", "version", "updated_at"])
        audit_record(
            actor=actor,
            action="enrolment.nomination_withdraw",
            instance=current,
            changes={"status": [before, Status.WITHDRAWN]},
            reason=reason,
        )
    return current
