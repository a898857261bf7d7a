"""Reads of the open API's own records: which client a token is, what it may do."""

from __future__ import annotations

from daotao.api.models import ApiClient
from daotao.api.tokens import TOKEN_PREFIX, token_hash
from daotao.core.access import has_permission


def client_for_token(token: str) -> ApiClient | None:
    """The active client of an active user holding this token, or None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    return (
        ApiClient.objects.filter(
            token_hash=token_hash(token), is_active=True, user__is_active=True
        )
        .select_related("user")
        .first()
    )


def client_may(client: ApiClient, permission: str) -> bool:
    """The token's scopes ∩ the account's permissions, as they stand today."""
    return permission in client.scopes and has_permission(client.user, permission)
