"""Recording history: every service that changes a record of consequence calls this.

An action is named `<app>.<entity>_<verb>`: the label of the app whose service
writes it, a dot, then the service's own name (`enrolment.nomination_submit`,
`research.review_assign`); a status move may end in the new status instead of a
verb (`planning.plan_approved`). Lower case letters and underscores only. A
service that moves to another app keeps its action name, so the history already
written still reads. `audit_record` refuses any other shape.
"""

from __future__ import annotations

import datetime
import decimal
import re
from typing import Any

from django.apps import apps
from django.db import models

from daotao.core.actors import Actor
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


ACTION_NAME = re.compile(r"(?P<app>[a-z]+)\.[a-z]+(?:_[a-z]+)*")


def check_action(action: str) -> str:
    """`action` if it is `<app>.<entity>_<verb>` with an installed app's label;
    ValueError otherwise (a programming error, caught by any test of the service)."""
    match = ACTION_NAME.fullmatch(action)
    if match is None or not apps.is_installed(f"daotao.{match['app']}"):
        raise ValueError(f"audit action {action!r} is not <app>.<entity>_<verb>")
    return action


def audit_record(
    *,
    actor: Actor | None,
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
        action=check_action(action),
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        changes=changes or {},
        reason=reason,
    )


def audit_record_many(
    *,
    actor: Actor | None,
    action: str,
    entries: list[tuple[models.Model, dict[str, Any]]],
    reason: str = "",
) -> None:
    """One audit row per (instance, changes) in a single insert; for batch services
    (imports) that write thousands of rows in one transaction."""
    actor_ref = actor if getattr(actor, "pk", None) else None
    check_action(action)
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
