"""Recording history: every service that changes a record of consequence calls this."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models

from daotao.core.models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return str(value)
    return value


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of `instance` as JSON-safe values (foreign keys as ids)."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field → [old, new] for every field whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def audit_record(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    school_id: int | None = None,
) -> AuditEvent:
    """Write one audit row; call inside the service's transaction. The row's school
    is the instance's, or `school_id` for records that reach it through a parent
    (a learner's research task through the cohort)."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        school_id=school_id or getattr(instance, "school_id", None),
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        changes=changes or {},
        reason=reason,
    )


def audit_record_many(
    *,
    actor: Any,
    action: str,
    entries: list[tuple[models.Model, dict[str, Any]]],
    reason: str = "",
) -> None:
    """One audit row per (instance, changes) in a single insert; for batch services
    (imports) that write thousands of rows in one transaction."""
    actor_ref = actor if getattr(actor, "pk", None) else None
    AuditEvent.objects.bulk_create(
        [
            AuditEvent(
                actor=actor_ref,
                school_id=getattr(instance, "school_id", None),
                action=action,
                object_type=instance._meta.label_lower,
                object_id=str(instance.pk),
                changes=changes,
                reason=reason,
            )
            for instance, changes in entries
        ],
        batch_size=1000,
    )
