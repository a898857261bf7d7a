"""An uploaded sheet waiting between its dry run and its commit.

The bytes wait in storage under the uploader's id and the file's sha256, and the
session remembers which file (and whatever else the commit needs), so the commit
imports exactly the file that was checked; they are deleted once committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest

PENDING = "imports/pending/{user}/{sha256}"


@dataclass(frozen=True)
class Pending:
    data: bytes
    filename: str
    extra: dict[str, Any]


def _path(request: HttpRequest, sha256: str) -> str:
    return PENDING.format(user=request.user.pk, sha256=sha256)


def pending_keep(
    request: HttpRequest,
    *,
    key: str,
    data: bytes,
    sha256: str,
    filename: str,
    **extra: Any,
) -> None:
    """Keep the checked file and what its commit needs (plain JSON values)."""
    path = _path(request, sha256)
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(data))
    request.session[key] = {"token": sha256, "filename": filename, **extra}


def pending_take(request: HttpRequest, *, key: str, token: str) -> Pending | None:
    """The file kept under `key` if `token` names it and it is still there."""
    kept = request.session.get(key) or {}
    path = _path(request, kept.get("token", ""))
    if kept.get("token") != token or not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as stored:
        data = stored.read()
    extra = {k: v for k, v in kept.items() if k not in ("token", "filename")}
    return Pending(data, kept["filename"], extra)


def pending_drop(request: HttpRequest, *, key: str) -> None:
    """Forget the kept file once committed."""
    kept = request.session.pop(key, None) or {}
    if kept.get("token"):
        path = _path(request, kept["token"])
        if default_storage.exists(path):
            default_storage.delete(path)
