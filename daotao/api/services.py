"""Writes of the open API: clients created (the token shown once), changed,
and every call recorded in the history (docs/adr/0036)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from daotao.api.models import ApiClient
from daotao.api.tokens import new_token, token_hash
from daotao.core.access import PERMISSIONS, has_permission
from daotao.core.actors import Actor
from daotao.core.history import audit_record


def check_scopes(user: Any, scopes: Iterable[str]) -> list[str]:
    """The scopes sorted, each one a permission of the table that `user` holds."""
    scopes = sorted(set(scopes))
    unknown = [scope for scope in scopes if scope not in PERMISSIONS]
    if unknown:
        raise ValidationError(
            _("Không có quyền %s trong bảng phân quyền.") % ", ".join(unknown)
        )
    beyond = [scope for scope in scopes if not has_permission(user, scope)]
    if beyond:
        raise ValidationError(
            _("Tài khoản %(user)s không có quyền: %(scopes)s.")
            % {"user": user.get_username(), "scopes": ", ".join(beyond)}
        )
    return scopes


@transaction.atomic
def api_client_create(
    *, actor: Actor | None, name: str, user: Any, scopes: Iterable[str]
) -> tuple[ApiClient, str]:
    """A new client and its token; the token is returned here once and kept only
    as its hash."""
    scopes = check_scopes(user, scopes)
    if ApiClient.objects.filter(name=name).exists():
        raise ValidationError(_("Đã có ứng dụng tên “%s”.") % name)
    token = new_token()
    client = ApiClient.objects.create(
        name=name,
        user=user,
        scopes=scopes,
        token_prefix=token[:10],
        token_hash=token_hash(token),
    )
    audit_record(
        actor=actor,
        action="api.client_create",
        instance=client,
        changes={"name": name, "user": user.pk, "scopes": scopes},
    )
    return client, token


@transaction.atomic
def api_client_update(
    *, actor: Actor | None, client: ApiClient, scopes: Iterable[str], is_active: bool
) -> ApiClient:
    """Change what a client may do, or switch it off."""
    scopes = check_scopes(client.user, scopes)
    changes = {}
    if scopes != client.scopes:
        changes["scopes"] = [client.scopes, scopes]
    if is_active != client.is_active:
        changes["is_active"] = [client.is_active, is_active]
    client.scopes, client.is_active = scopes, is_active
    client.save(update_fields=["scopes", "is_active", "updated_at"])
    if changes:
        audit_record(
            actor=actor, action="api.client_update", instance=client, changes=changes
        )
    return client


def api_call_record(*, client: ApiClient, method: str, path: str, status: int) -> None:
    """One history row per call: which client, what it asked, what it got."""
    now = timezone.now()
    ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
    audit_record(
        actor=client.user,
        action="api.client_call",
        instance=client,
        changes={
            "client": client.name,
            "method": method,
            "path": path[:500],
            "status": status,
        },
    )
