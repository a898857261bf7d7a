"""Credentials from the school's old registers (sổ gốc) brought in as issued
credentials of their year: no blank of DaoTao's stock, no enrolment, the source
file and the importer kept on each (docs/adr/0019)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from daotao.core.access import has_permission, require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, snapshot
from daotao.credentials.models import Credential, CredentialEvent, Kind, Register
from daotao.credentials.services.issuing import (
    BOOK_PREFIX,
    ISSUE_FIELDS,
    _holder_keys,
    new_verification_code,
)

IMPORT = "credentials.import_credentials"
HISTORICAL_FIELDS = [*ISSUE_FIELDS, "holder_sex", "class_name", "imported_from"]


@dataclass(frozen=True)
class HistoricalCredential:
    """One line of an old register, as read and checked by the import."""

    kind: str
    holder_name: str
    holder_date_of_birth: datetime.date
    holder_sex: str
    programme_name: str
    class_name: str
    classification_label: str
    serial: str
    entry_number: int
    decision_number: str
    decision_date: datetime.date | None
    issued_on: datetime.date
    signer: str


def _registers(*, school_id: int, keys: set[tuple[str, int]]) -> dict:
    """(kind, year) → the school's register of that year, opened if missing."""
    found = {
        (r.kind, r.year): r
        for r in Register.objects.select_for_update().filter(
            school_id=school_id, year__in={year for _kind, year in keys}
        )
    }
    missing = [
        Register(
            school_id=school_id,
            kind=kind,
            year=year,
            book_number=f"{BOOK_PREFIX[Kind(kind)]}-{year}",
        )
        for kind, year in sorted(keys)
        if (kind, year) not in found
    ]
    for register in Register.objects.bulk_create(missing):
        found[(register.kind, register.year)] = register
    return found


def historical_credentials_import(
    *,
    actor: Actor,
    school_id: int,
    filename: str,
    credentials: list[HistoricalCredential],
) -> list[Credential]:
    """Enter the old register's lines as valid credentials, all or none. Each
    year's register is opened if missing and its last entry number moved past the
    imported ones, so entries issued later never repeat them."""
    if not has_permission(actor, IMPORT):
        raise PermissionDenied
    require_scope(actor, IMPORT, school_id=school_id)
    if not credentials:
        return []
    with transaction.atomic():
        registers = _registers(
            school_id=school_id,
            keys={(c.kind, c.issued_on.year) for c in credentials},
        )
        created = Credential.objects.bulk_create(
            [
                Credential(
                    school_id=school_id,
                    register=registers[(line.kind, line.issued_on.year)],
                    verification_code=new_verification_code(),
                    issued_by=actor,
                    imported_from=filename[:255],
                    **_holder_keys(line.holder_name),
                    **vars(line),
                )
                for line in credentials
            ],
            batch_size=1000,
        )
        _move_last_entries(registers.values())
        entries = [(c, snapshot(c, HISTORICAL_FIELDS)) for c in created]
        reason = f"Nhập từ sổ gốc cũ: {filename}"
        CredentialEvent.objects.bulk_create(
            [
                CredentialEvent(
                    credential=credential,
                    action=CredentialEvent.Action.ISSUE,
                    changes=changes,
                    reason=reason,
                    actor=actor,
                )
                for credential, changes in entries
            ],
            batch_size=1000,
        )
        # Each credential's own history is its CredentialEvent above; the audit log
        # gets one row for the import with its counts (ADR 0019), not 20,000.
        audit_record(
            actor=actor,
            action="credentials.credential_import",
            instance=registers[min(registers)],
            changes=_import_summary(created, filename),
            reason=reason,
            school_id=school_id,
        )
    return created


def _import_summary(created: list[Credential], filename: str) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for credential in created:
        key = f"{credential.kind} {credential.issued_on.year}"
        counts[key] = counts.get(key, 0) + 1
    return {
        "file": [None, filename],
        "count": [None, len(created)],
        "by_kind_and_year": [None, dict(sorted(counts.items()))],
    }


def _move_last_entries(registers: Any) -> None:
    for register in registers:
        highest = register.credentials.aggregate(n=Max("entry_number"))["n"] or 0
        if highest > register.last_entry_number:
            register.last_entry_number = highest
            register.save(update_fields=["last_entry_number", "updated_at"])
