"""Backup and restore of a whole deployment: the database and the media folder,
with a manifest of checksums and row counts (quality I8, docs/adr/0024).

A backup folder holds ``database.sqlite3`` (SQLite's online backup API) or
``database.pgdump`` (``pg_dump -Fc``), ``media.tar.gz`` and ``manifest.json``.
A restore checks every checksum first, refuses a database that already has tables
or a media folder that already has files, and compares the restored row counts
with the manifest's.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

from daotao.core import page_cache

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_ARCHIVE = "media.tar.gz"
SQLITE_DUMP = "database.sqlite3"
POSTGRES_DUMP = "database.pgdump"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why (Vietnamese)."""


@dataclass(frozen=True)
class RestoreResult:
    tables: int
    rows: int
    media_files: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def row_counts() -> dict[str, int]:
    """Rows of every concrete model's table (auto-created many-to-many included)."""
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.swapped:
            continue
        counts[meta.label] = model._base_manager.using("default").count()
    return dict(sorted(counts.items()))


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _pg_environment() -> dict[str, str]:
    db = connection.settings_dict
    env = {**os.environ, "PGDATABASE": db["NAME"]}
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    # The commands are fixed (pg_dump, pg_restore); only paths and names vary.
    result = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{command[0]}: {result.stderr.strip()[:2000]}")


def _dump_database(folder: Path) -> Path:
    if _is_postgres():
        target = folder / POSTGRES_DUMP
        _run(["pg_dump", "-Fc", "--no-owner", "-f", str(target)], _pg_environment())
        return target
    target = folder / SQLITE_DUMP
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        # The online backup API copies a consistent snapshot while others write.
        connection.connection.backup(destination)
    finally:
        destination.close()
    return target


def _archive_media(folder: Path) -> tuple[Path, int]:
    target = folder / MEDIA_ARCHIVE
    media = Path(settings.MEDIA_ROOT)
    count = 0
    with tarfile.open(target, "w:gz") as archive:
        if media.is_dir():
            for path in sorted(media.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=str(path.relative_to(media)))
                    count += 1
    return target, count


def backup_create(*, out: Path) -> dict[str, Any]:
    """Write a backup into the empty or new folder `out`; returns the manifest."""
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        raise BackupError(f"Thư mục {out} không trống; hãy chọn thư mục mới.")
    out.mkdir(parents=True, exist_ok=True)
    counts = row_counts()
    database = _dump_database(out)
    media, media_files = _archive_media(out)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "engine": connection.vendor,
        "files": {
            path.name: {"sha256": _sha256(path), "bytes": path.stat().st_size}
            for path in (database, media)
        },
        "media_files": media_files,
        "row_counts": counts,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
    return manifest


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"Không đọc được {MANIFEST}: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError("Bản sao lưu có định dạng không được hỗ trợ.")
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"Bản sao lưu của {manifest['engine']} không khôi phục được vào "
            f"{connection.vendor}."
        )
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file() or _sha256(path) != expected["sha256"]:
            raise BackupError(f"Tệp {name} thiếu hoặc sai tổng kiểm (sha256).")
    return manifest


def _require_empty_target() -> None:
    if connection.introspection.table_names():
        raise BackupError(
            "Cơ sở dữ liệu đích đã có bảng; chỉ khôi phục vào cơ sở dữ liệu trống."
        )
    media = Path(settings.MEDIA_ROOT)
    if media.is_dir() and any(media.iterdir()):
        raise BackupError(f"Thư mục media {media} không trống.")


def _restore_database(folder: Path) -> None:
    if _is_postgres():
        _run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d",
             connection.settings_dict["NAME"], str(folder / POSTGRES_DUMP)],
            _pg_environment(),
        )  # fmt: skip
        page_cache.everything_written()
        return
    connection.ensure_connection()
    source = sqlite3.connect(folder / SQLITE_DUMP)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
        page_cache.everything_written()


def _restore_media(folder: Path) -> None:
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA_ARCHIVE, "r:gz") as archive:
        # The "data" filter refuses absolute paths, "..", links out and devices.
        archive.extractall(media, filter="data")


def backup_restore(*, folder: Path) -> RestoreResult:
    """Restore the backup in `folder` into the empty database and media folder;
    raises BackupError (nothing restored) or, after a restore whose row counts
    differ from the manifest's, BackupError naming the tables."""
    folder = Path(folder)
    manifest = _read_manifest(folder)
    _require_empty_target()
    _restore_database(folder)
    try:
        _restore_media(folder)
    except (tarfile.TarError, OSError) as error:
        raise BackupError(f"Không giải nén được media: {error}") from None
    connection.close()
    counts = row_counts()
    differing = sorted(
        label
        for label in set(counts) | set(manifest["row_counts"])
        if counts.get(label) != manifest["row_counts"].get(label)
    )
    if differing:
        raise BackupError("Số dòng khác bản sao lưu ở: " + ", ".join(differing))
    media_files = sum(1 for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    return RestoreResult(
        tables=len(counts), rows=sum(counts.values()), media_files=media_files
    )
