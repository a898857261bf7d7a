"""The master register and the credentials in it: issue a batch, correct, revoke,
reissue; each atomic, permission re-checked, history kept on the credential and in
the audit trail."""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from daotao.assessment import selectors as assessment
from daotao.core.access import has_permission, require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, audit_record_many, diff, snapshot
from daotao.core.text import name_sort_key, normalize, search_key, split_full_name
from daotao.credentials.models import (
    Credential,
    CredentialEvent,
    Kind,
    Register,
    format_serial,
)
from daotao.credentials.services.blanks import take_unused_blanks
from daotao.enrolment.models import Enrollment

ISSUE = "credentials.issue_credential"
# 18 random bytes: a 24-character URL-safe code, 144 bits that cannot be guessed.
CODE_BYTES = 18
BOOK_PREFIX = {Kind.DIPLOMA: "TCLLCT", Kind.CERTIFICATE: "CCBD", Kind.COMPLETION: "GCN"}
ISSUE_FIELDS = [
    "kind",
    "register_id",
    "entry_number",
    "serial",
    "enrollment_id",
    "holder_name",
    "holder_date_of_birth",
    "programme_name",
    "classification_label",
    "course_starts_on",
    "course_ends_on",
    "decision_number",
    "decision_date",
    "issued_on",
    "signer",
]
CORRECTABLE_FIELDS = ["holder_name", "holder_date_of_birth", "classification_label"]


@dataclass(frozen=True)
class Graduate:
    """One line of the graduates list: who graduated and with what classification."""

    enrollment_id: int
    classification_label: str = ""


def new_verification_code() -> str:
    return secrets.token_urlsafe(CODE_BYTES)


# --- Register ------------------------------------------------------------------------


def _take_entries(*, school_id: int, kind: str, year: int, count: int) -> tuple:
    """(register, first entry number) after reserving `count` entries; the register
    stays locked until the caller's transaction ends, so entries never repeat or
    skip."""
    try:
        with transaction.atomic():
            Register.objects.get_or_create(
                school_id=school_id,
                kind=kind,
                year=year,
                defaults={"book_number": f"{BOOK_PREFIX[Kind(kind)]}-{year}"},
            )
    except IntegrityError:
        pass  # another issuer opened the year's register first
    register = Register.objects.select_for_update().get(
        school_id=school_id, kind=kind, year=year
    )
    first = register.last_entry_number + 1
    register.last_entry_number += count
    register.save(update_fields=["last_entry_number", "updated_at"])
    return register, first


# --- Issue ---------------------------------------------------------------------------


def _graduating_enrollments(*, kind: str, graduates: list[Graduate]) -> list[Any]:
    """The enrolments of the list in its order; refused if any is unknown, repeated,
    of another school or of a programme that does not end in this kind."""
    ids = [graduate.enrollment_id for graduate in graduates]
    if len(set(ids)) != len(ids):
        raise ValidationError(_("Danh sách tốt nghiệp có học viên bị lặp lại."))
    found = Enrollment.objects.select_related(
        "person", "cohort__program_version__program"
    ).in_bulk(ids)
    if len(found) != len(ids):
        raise ValidationError(_("Danh sách tốt nghiệp có học viên không tồn tại."))
    enrollments = [found[pk] for pk in ids]
    if len({enrollment.cohort.school_id for enrollment in enrollments}) != 1:
        raise ValidationError(_("Mỗi đợt cấp chỉ gồm học viên của một trường."))
    wrong = [
        e.person.full_name
        for e in enrollments
        if assessment.credential_kind(cohort=e.cohort) != kind
    ]
    if wrong:
        raise ValidationError(
            _("Chương trình của %(names)s không cấp %(kind)s.")
            % {"names": ", ".join(wrong), "kind": Kind(kind).label.lower()}
        )
    return enrollments


def _refuse_current_holders(*, kind: str, enrollments: list[Any]) -> None:
    holders = Credential.objects.filter(
        kind=kind,
        status=Credential.Status.VALID,
        enrollment__in=[e.pk for e in enrollments],
    ).order_by("holder_sort_key")
    names = list(holders.values_list("holder_name", flat=True))
    if names:
        raise ValidationError(
            _("Đã có %(kind)s còn hiệu lực: %(names)s. Chưa cấp văn bằng nào.")
            % {"kind": Kind(kind).label.lower(), "names": ", ".join(names)},
            code="already_holds",
        )


def _course_and_decision(enrollments: list[Any]) -> dict[int, dict[str, Any]]:
    """cohort id → its course dates and the number and date of its signed
    graduation decision (blank while it has none), as copied onto credentials."""
    found: dict[int, dict[str, Any]] = {}
    for enrollment in enrollments:
        cohort = enrollment.cohort
        if cohort.pk in found:
            continue
        decision = assessment.graduation_decision(cohort=cohort)
        document = decision.document if decision is not None else None
        is_signed = document is not None and document.is_numbered
        found[cohort.pk] = {
            "course_starts_on": cohort.starts_on,
            "course_ends_on": cohort.ends_on,
            "decision_number": document.symbol if is_signed else "",
            "decision_date": document.issued_on if is_signed else None,
        }
    return found


def _holder_keys(holder_name: str) -> dict[str, str]:
    parts = split_full_name(holder_name)
    return {
        "holder_sort_key": name_sort_key(
            family_name=parts.family_name,
            middle_name=parts.middle_name,
            given_name=parts.given_name,
        ),
        "holder_search_key": search_key(holder_name)[:255],
    }


def _new_credential(
    *, actor: Actor, register: Any, entry: int, blank: tuple, **values: Any
) -> Credential:
    stock, number = blank
    return Credential(
        school_id=register.school_id,
        kind=register.kind,
        register=register,
        entry_number=entry,
        stock=stock,
        serial_number=number,
        serial=format_serial(stock.serial_prefix, number, stock.number_width),
        verification_code=new_verification_code(),
        issued_by=actor,
        **_holder_keys(values["holder_name"]),
        **values,
    )


def _record(
    *,
    actor: Actor,
    credential: Credential,
    action: str,
    changes: dict,
    reason: str = "",
) -> None:
    CredentialEvent.objects.create(
        credential=credential,
        action=action,
        changes=changes,
        reason=reason,
        actor=actor,
    )
    audit_record(
        actor=actor,
        action=f"credentials.credential_{action}",
        instance=credential,
        changes=changes,
        reason=reason,
    )


def credentials_issue(
    *,
    actor: Actor,
    kind: str,
    year: int,
    graduates: list[Graduate],
    issued_on: datetime.date,
    signer: str,
) -> list[Credential]:
    """Issue one credential per graduate as one batch: consecutive
    register entries and the next unused blanks for all of them, or nothing."""
    if not has_permission(actor, ISSUE):
        raise PermissionDenied
    if kind not in Kind.values or not graduates or not signer.strip():
        raise ValidationError(_("Hãy chọn loại văn bằng, người ký và danh sách."))
    with transaction.atomic():
        enrollments = _graduating_enrollments(kind=kind, graduates=graduates)
        school_id = enrollments[0].cohort.school_id
        require_scope(actor, ISSUE, school_id=school_id)
        _refuse_current_holders(kind=kind, enrollments=enrollments)
        count = len(enrollments)
        blanks = take_unused_blanks(school_id=school_id, kind=kind, count=count)
        register, first = _take_entries(
            school_id=school_id, kind=kind, year=year, count=count
        )
        courses = _course_and_decision(enrollments)
        credentials = Credential.objects.bulk_create(
            [
                _new_credential(
                    actor=actor,
                    register=register,
                    entry=first + index,
                    blank=blanks[index],
                    enrollment=enrollment,
                    holder_name=enrollment.person.full_name,
                    holder_date_of_birth=enrollment.person.date_of_birth,
                    programme_name=enrollment.cohort.program_version.program.name,
                    classification_label=graduate.classification_label.strip(),
                    issued_on=issued_on,
                    signer=signer.strip(),
                    **courses[enrollment.cohort_id],
                )
                for index, (enrollment, graduate) in enumerate(
                    zip(enrollments, graduates, strict=True)
                )
            ]
        )
        _record_issued(actor=actor, credentials=credentials)
    return credentials


def _record_issued(*, actor: Actor, credentials: list[Credential]) -> None:
    entries = [(c, snapshot(c, ISSUE_FIELDS)) for c in credentials]
    CredentialEvent.objects.bulk_create(
        [
            CredentialEvent(
                credential=c,
                action=CredentialEvent.Action.ISSUE,
                changes=changes,
                actor=actor,
            )
            for c, changes in entries
        ]
    )
    audit_record_many(
        actor=actor, action="credentials.credential_issue", entries=entries
    )


# --- Correct, revoke, reissue --------------------------------------------------------


def _locked_valid(credential: Credential, verb: str) -> Credential:
    current = Credential.objects.select_for_update().get(pk=credential.pk)
    if current.status != Credential.Status.VALID:
        raise ValidationError(
            _("Văn bằng đang ở tình trạng “%(status)s”, không thể %(verb)s.")
            % {"status": current.get_status_display(), "verb": verb},
            code="invalid_status",
        )
    return current


def _require_reason(reason: str) -> None:
    if not reason.strip():
        raise ValidationError({"reason": [_("Hãy ghi lý do.")]})


def credential_correct(
    *,
    actor: Actor,
    credential: Credential,
    holder_name: str,
    holder_date_of_birth: datetime.date | None,
    classification_label: str,
    reason: str,
) -> Credential:
    """Correct the holder's name, date of birth or classification of a valid
    credential; the old and new values and the reason are kept."""
    require_scope(actor, ISSUE, school_id=credential.school_id)
    _require_reason(reason)
    holder_name = normalize(holder_name)
    if not holder_name:
        raise ValidationError({"holder_name": [_("Hãy ghi họ và tên.")]})
    with transaction.atomic():
        current = _locked_valid(credential, _("đính chính"))
        before = snapshot(current, CORRECTABLE_FIELDS)
        current.holder_name = holder_name
        current.holder_date_of_birth = holder_date_of_birth
        current.classification_label = classification_label.strip()
        changes = diff(before, snapshot(current, CORRECTABLE_FIELDS))
        if not changes:
            raise ValidationError(_("Không có thông tin nào thay đổi."))
        for name, value in _holder_keys(holder_name).items():
            setattr(current, name, value)
        current.save(
            update_fields=[
                *CORRECTABLE_FIELDS,
                "holder_sort_key",
                "holder_search_key",
                "updated_at",
            ]
        )
        _record(
            actor=actor,
            credential=current,
            action=CredentialEvent.Action.CORRECT,
            changes=changes,
            reason=reason.strip(),
        )
    return current


def credential_revoke(
    *, actor: Actor, credential: Credential, reason: str
) -> Credential:
    """Revoke a valid credential with the reason; the verification page says so."""
    require_scope(actor, ISSUE, school_id=credential.school_id)
    _require_reason(reason)
    with transaction.atomic():
        current = _locked_valid(credential, _("thu hồi"))
        current.status = Credential.Status.REVOKED
        current.revoke_reason = reason.strip()
        current.save(update_fields=["status", "revoke_reason", "updated_at"])
        _record(
            actor=actor,
            credential=current,
            action=CredentialEvent.Action.REVOKE,
            changes={"status": ["valid", "revoked"]},
            reason=reason.strip(),
        )
    return current


def credential_reissue(
    *,
    actor: Actor,
    credential: Credential,
    issued_on: datetime.date,
    signer: str,
    reason: str,
) -> Credential:
    """Issue a copy of a valid credential on a new blank with a new register entry
    (in the register of the reissue year); the old one becomes "replaced" and
    points to the new one."""
    require_scope(actor, ISSUE, school_id=credential.school_id)
    _require_reason(reason)
    if not signer.strip():
        raise ValidationError({"signer": [_("Hãy ghi người ký.")]})
    with transaction.atomic():
        old = _locked_valid(credential, _("cấp lại"))
        blanks = take_unused_blanks(school_id=old.school_id, kind=old.kind, count=1)
        register, entry = _take_entries(
            school_id=old.school_id, kind=old.kind, year=issued_on.year, count=1
        )
        old.status = Credential.Status.REPLACED
        old.save(update_fields=["status", "updated_at"])
        new = _new_credential(
            actor=actor,
            register=register,
            entry=entry,
            blank=blanks[0],
            enrollment_id=old.enrollment_id,
            # An old register's credential has no enrolment: its copy keeps what
            # stands in for one (docs/adr/0019).
            holder_sex=old.holder_sex,
            class_name=old.class_name,
            imported_from=old.imported_from,
            holder_name=old.holder_name,
            holder_date_of_birth=old.holder_date_of_birth,
            programme_name=old.programme_name,
            classification_label=old.classification_label,
            course_starts_on=old.course_starts_on,
            course_ends_on=old.course_ends_on,
            decision_number=old.decision_number,
            decision_date=old.decision_date,
            issued_on=issued_on,
            signer=signer.strip(),
        )
        new.save()
        old.replaced_by = new
        old.save(update_fields=["replaced_by", "updated_at"])
        _record_reissue(actor=actor, old=old, new=new, reason=reason.strip())
    return new


def _record_reissue(
    *, actor: Actor, old: Credential, new: Credential, reason: str
) -> None:
    _record(
        actor=actor,
        credential=old,
        action=CredentialEvent.Action.REISSUE,
        changes={"status": ["valid", "replaced"], "replaced_by": [None, new.serial]},
        reason=reason,
    )
    _record(
        actor=actor,
        credential=new,
        action=CredentialEvent.Action.ISSUE,
        changes={**snapshot(new, ISSUE_FIELDS), "replaces": old.serial},
        reason=reason,
    )
