"""The shape of a token: a marked random string, kept only as its SHA-256."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_PREFIX = "dt_"  # noqa: S105 (a marker, not a secret)


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
