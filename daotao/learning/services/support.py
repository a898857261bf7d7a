"""Learner support (docs/adr/0034): the rate sets the office keeps per province, the
communes' distances, each learner's commune, and a cohort's payment list computed
from attendance and drafted as a decision through the documents app."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.core.access import has_permission, require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record
from daotao.core.text import amount_in_words, format_date, format_number
from daotao.documents import drafting as documents_drafting
from daotao.documents.annexes import AnnexTable, RosterLine, roster
from daotao.documents.models import DocumentTemplate, OutgoingDocument
from daotao.enrolment.models import Cohort, Enrollment
from daotao.learning import rules
from daotao.learning.models import (
    CommuneSupportProfile,
    LearnerCommune,
    SupportLine,
    SupportPayment,
    SupportRateSet,
)
from daotao.learning.selectors import support as selectors_support

MANAGE = "learning.manage_support"
PAYMENT_TEMPLATE = "qd-chi-ho-tro"


def _require_manager(actor: Actor, school_id: int) -> None:
    require_scope(actor, MANAGE, school_id=school_id)


def validate_support_parameters(parameters: dict[str, Any]) -> None:
    """Refuse parameters the rules cannot apply: negative amounts, bands whose
    upper edges do not rise, an open band before the last."""
    amounts = [
        parameters.get("meal_per_day", 0),
        parameters.get("lodging_per_night", 0),
        parameters.get("lodging_from_km", 0),
        *parameters.get("extra_per_day", {}).values(),
    ]
    bands = parameters.get("travel_bands", [])
    amounts += [band.get("amount", 0) for band in bands]
    if any(Decimal(str(value)) < 0 for value in amounts):
        raise ValidationError(_("Các mức hỗ trợ không được âm."), code="negative")
    edges = [band.get("up_to_km") for band in bands]
    if None in edges[:-1]:
        raise ValidationError(
            _("Chỉ khoảng cách cuối cùng được để trống “đến km”."), code="open_band"
        )
    known = [Decimal(str(edge)) for edge in edges if edge is not None]
    if any(b <= a for a, b in itertools.pairwise(known)):
        raise ValidationError(
            _("Các khoảng cách phải tăng dần (đến km)."), code="bands_order"
        )


def support_rate_set_save(
    *,
    actor: Actor,
    school_id: int,
    rate_set: SupportRateSet | None,
    name: str,
    province: Any,
    legal_basis: Any,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    parameters: dict[str, Any],
) -> SupportRateSet:
    """A new version of the rates, or the change of one no payment list uses yet
    (a used version stays as it was: the office enters a new one from a date)."""
    _require_manager(actor, school_id)
    validate_support_parameters(parameters)
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError(_("Ngày hết hiệu lực phải sau ngày có hiệu lực."))
    fields = {
        "name": name,
        "province": province,
        "legal_basis": legal_basis,
        "valid_from": valid_from,
        "valid_to": valid_to,
        "parameters": parameters,
    }
    with transaction.atomic():
        if rate_set is None:
            rate_set = SupportRateSet.objects.create(**fields, is_confirmed=False)
            audit_record(
                actor=actor,
                action="learning.support_rate_set_create",
                instance=rate_set,
                changes={"parameters": [None, parameters]},
                school_id=school_id,
            )
            return rate_set
        current = SupportRateSet.objects.select_for_update().get(pk=rate_set.pk)
        if SupportPayment.objects.filter(rate_set=current).exists():
            raise ValidationError(
                _(
                    "Mức hỗ trợ này đã dùng để tính danh sách chi; hãy thêm mức mới "
                    "có hiệu lực từ ngày thay đổi."
                ),
                code="in_use",
            )
        old = current.parameters
        for field, value in fields.items():
            setattr(current, field, value)
        current.save()
        audit_record(
            actor=actor,
            action="learning.support_rate_set_update",
            instance=current,
            changes={"parameters": [old, parameters]},
            school_id=school_id,
        )
    return current


def commune_profile_save(
    *,
    actor: Actor,
    school: Any,
    commune: Any,
    distance_km: Decimal,
    is_remote: bool,
    note: str = "",
) -> CommuneSupportProfile:
    """The commune's distance to the school and remote status, created or changed."""
    _require_manager(actor, school.pk)
    if commune.level != "commune":
        raise ValidationError(_("Chỉ nhập cho đơn vị hành chính cấp xã."))
    if distance_km < 0:
        raise ValidationError(_("Khoảng cách không được âm."))
    with transaction.atomic():
        profile, created = (
            CommuneSupportProfile.objects.select_for_update().get_or_create(
                school=school,
                commune=commune,
                defaults={
                    "distance_km": distance_km,
                    "is_remote": is_remote,
                    "note": note,
                },
            )
        )
        old = [str(profile.distance_km), profile.is_remote]
        if not created:
            profile.distance_km, profile.is_remote = distance_km, is_remote
            profile.note = note
            profile.save()
        audit_record(
            actor=actor,
            action="learning.commune_profile_save",
            instance=profile,
            changes={
                "distance_km": [None if created else old[0], str(distance_km)],
                "is_remote": [None if created else old[1], is_remote],
            },
        )
    return profile


def learner_commune_set(
    *, actor: Actor, enrollment: Enrollment, commune: Any | None
) -> None:
    """Where the learner travels from (None: the sending agency's commune)."""
    _require_manager(actor, enrollment.cohort.school_id)
    if commune is not None and commune.level != "commune":
        raise ValidationError(_("Chỉ chọn đơn vị hành chính cấp xã."))
    with transaction.atomic():
        current = LearnerCommune.objects.filter(enrollment=enrollment).first()
        old = current.commune_id if current else None
        if commune is None:
            LearnerCommune.objects.filter(enrollment=enrollment).delete()
        else:
            LearnerCommune.objects.update_or_create(
                enrollment=enrollment, defaults={"commune": commune}
            )
        audit_record(
            actor=actor,
            action="learning.learner_commune_set",
            instance=enrollment,
            changes={"commune": [old, commune.pk if commune else None]},
            school_id=enrollment.cohort.school_id,
        )


def _open_payment(cohort: Cohort) -> SupportPayment | None:
    payment = (
        SupportPayment.objects.select_for_update(of=("self",))
        .select_related("document")
        .filter(cohort=cohort)
        .first()
    )
    document = payment.document if payment is not None else None
    if document is not None and document.status != OutgoingDocument.Status.DRAFT:
        raise ValidationError(
            _("Quyết định chi hỗ trợ đã trình ký; danh sách không tính lại được."),
            code="signed",
        )
    return payment


def support_payment_compute(*, actor: Actor, cohort: Cohort) -> SupportPayment:
    """The cohort's payment list computed again from attendance and the rate set in
    force on its first day; refused once its decision has left the draft."""
    _require_manager(actor, cohort.school_id)
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        rate_set = selectors_support.rate_set_for(
            school=cohort.school, on=cohort.starts_on
        )
        payment = _open_payment(cohort)
        if payment is None:
            payment = SupportPayment(school_id=cohort.school_id, cohort=cohort)
        payment.rate_set = rate_set
        payment.computed_at = timezone.now()
        payment.computed_by = actor
        payment.save()
        payment.lines.all().delete()
        lines = [
            _line(payment, fact, rules.support_amounts(rate_set.parameters, fact.facts))
            for fact in selectors_support.learner_support_facts(cohort)
        ]
        SupportLine.objects.bulk_create(lines)
        audit_record(
            actor=actor,
            action="learning.support_payment_compute",
            instance=payment,
            changes={
                "rate_set": [None, rate_set.pk],
                "total": [None, sum(line.total for line in lines)],
            },
        )
    return payment


def _line(payment: SupportPayment, fact: Any, amounts: rules.SupportAmounts) -> Any:
    return SupportLine(
        payment=payment,
        enrollment=fact.enrollment,
        days_present=fact.facts.days_present,
        commune_name=fact.commune_name,
        distance_km=fact.facts.distance_km,
        categories=fact.categories,
        nights=amounts.nights,
        meals=amounts.meals,
        lodging=amounts.lodging,
        travel=amounts.travel,
        extra=amounts.extra,
        total=amounts.total,
    )


def support_payment_draft(
    *, actor: Actor, cohort: Cohort, issuer: Any, drafting_unit_id: int
) -> SupportPayment:
    """The payment decision drafted (or drafted again while still a draft) from the
    computed list, the list annexed."""
    _require_manager(actor, cohort.school_id)
    if not has_permission(actor, "documents.draft_document"):
        raise PermissionDenied
    with transaction.atomic():
        cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
        payment = _open_payment(cohort)
        if payment is None:
            raise ValidationError(
                _("Chưa tính danh sách chi hỗ trợ của lớp này."), code="not_computed"
            )
        lines = list(selectors_support.payment_lines(payment))
        if not lines:
            raise ValidationError(_("Lớp chưa có học viên."), code="empty")
        document = documents_drafting.document_draft_from_data(
            actor=actor,
            school_id=cohort.school_id,
            issuer=issuer,
            draft=_payment_draft(payment, lines, drafting_unit_id),
            document=payment.document,
        )
        created = payment.document_id is None
        payment.document = document
        payment.save(update_fields=["document", "updated_at"])
        audit_record(
            actor=actor,
            action="learning.support_payment_draft",
            instance=payment,
            changes={"document": [None if created else document.pk, document.pk]},
        )
    return payment


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _money(value: int) -> str:
    return format_number(value)


def _payment_draft(
    payment: SupportPayment, lines: list[SupportLine], drafting_unit_id: int
) -> Any:
    cohort = payment.cohort
    total = sum(line.total for line in lines)
    basis = payment.rate_set.legal_basis
    values = documents_drafting.unit_values(
        school=cohort.school, unit_id=drafting_unit_id
    ) | {
        "class_name": cohort.name,
        "class_name_upper": cohort.name.upper(),
        "count": len(lines),
        "start": format_date(cohort.starts_on),
        "end": format_date(cohort.ends_on),
        "year": cohort.starts_on.year,
        "total": _money(total),
        "total_words": _capitalized(amount_in_words(total)),
        "rate_basis": f"{basis.number} của {basis.issuer}"
        if payment.rate_set.province_id
        else "",
    }
    table = roster(
        RosterLine(
            full_name=line.enrollment.person.full_name,
            date_of_birth=line.enrollment.person.date_of_birth,
            cells=(
                str(line.days_present),
                _money(line.meals),
                _money(line.lodging),
                _money(line.travel),
                _money(line.extra),
                _money(line.total),
                "",
            ),
        )
        for line in lines
    )
    fields = ("meals", "lodging", "travel", "extra", "total")
    sums = tuple(_money(sum(getattr(line, f) for line in lines)) for f in fields)
    table = AnnexTable(rows=table.rows, total=("", "", *sums, ""))
    return documents_drafting.DataDraft(
        template=DocumentTemplate.objects.get(code=PAYMENT_TEMPLATE),
        values=values,
        drafting_unit_id=drafting_unit_id,
        annex_tables=(table,),
    )
