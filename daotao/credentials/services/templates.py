"""The wording template of each kind of credential, per school: created from the
default wording on first use, edited by the training office (audited)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from daotao.core.access import require_scope
from daotao.core.actors import Actor
from daotao.core.history import audit_record, diff, snapshot
from daotao.credentials.models import DEFAULT_WORDING, CredentialTemplate

ISSUE = "credentials.issue_credential"
WORDING_FIELDS = CredentialTemplate.WORDING_FIELDS


def credential_template_for(*, school_id: int, kind: str) -> CredentialTemplate:
    """The school's template of `kind`, made from the default wording (marked "cần
    xác nhận") when the school has none yet."""
    template, _created = CredentialTemplate.objects.get_or_create(
        school_id=school_id, kind=kind, defaults=dict(DEFAULT_WORDING[kind])
    )
    return template


def credential_template_update(
    *, actor: Actor, template: CredentialTemplate, data: dict[str, Any]
) -> CredentialTemplate:
    """Change the wording (and whether it is confirmed against the official form)."""
    require_scope(actor, ISSUE, school_id=template.school_id)
    fields = [*WORDING_FIELDS, "is_confirmed"]
    with transaction.atomic():
        template = CredentialTemplate.objects.select_for_update().get(pk=template.pk)
        before = snapshot(template, fields)
        for name in fields:
            if name in data:
                setattr(template, name, data[name])
        template.updated_by = actor
        template.full_clean()
        template.save()
        changes = diff(before, snapshot(template, fields))
        if changes:
            audit_record(
                actor=actor,
                action="credentials.template_update",
                instance=template,
                changes=changes,
            )
    return template
