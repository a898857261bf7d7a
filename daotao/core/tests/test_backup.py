"""The backup → restore drill (quality I8): a small school with uploaded and
generated files is backed up, restored into a fresh database and media folder by
another process, and compared: every model's row count, pages and downloads."""

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from daotao.core.access import Role
from daotao.core.backup import MANIFEST, row_counts
from daotao.documents.models import OutgoingDocument
from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory
from daotao.people.tests.factories import PersonFactory

ROOT = Path(__file__).resolve().parents[3]
# serialized_rollback: the flush after these tests keeps the migrations' rows.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Run in the restored deployment: what a person would check after a restore.
CHECK = """
import hashlib, json
from django.test import Client
from daotao.accounts.models import User
from daotao.core.backup import row_counts
counts = row_counts()  # before signing in, which adds a session
client = Client()
client.force_login(User.objects.get(username=USERNAME))
pages = {url: [r.status_code, all(t in r.content.decode() for t in texts)]
         for url, texts in PAGES.items() for r in [client.get(url)]}
downloads = {url: hashlib.sha256(b"".join(client.get(url))).hexdigest()
             for url in DOWNLOADS}
print(json.dumps({"counts": counts, "pages": pages, "downloads": downloads}))
"""


@pytest.fixture
def seeded(school, make_user):
    """A small school: cadres, users, a signed document with its DOCX and scan."""
    office = make_user(Role.TRAINING_OFFICE)
    people = [PersonFactory(school=school) for _ in range(5)]
    document = OutgoingDocumentFactory(
        issuer=IssuerFactory(school=school),
        status=OutgoingDocument.Status.SIGNED,
        number=7,
        year=2026,
        issued_on="2026-03-05",
        symbol="07/BC-TrCT",
    )
    document.docx_file.save("bao-cao.docx", ContentFile(b"PK\x03\x04 docx " * 100))
    document.signed_scan.save("ban-quet.pdf", ContentFile(b"%PDF-1.4 scan " * 100))
    return office, people, document


def _fresh_database(tmp_path):
    """A DATABASE_URL for an empty database of the same engine (and its cleanup)."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    host = f"{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}"
    return f"postgres://{auth}@{host}/{name}", drop


def _manage(*args, env):
    return subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def test_backup_restores_into_a_fresh_database_and_media_folder(
    client, seeded, tmp_path
):
    office, people, document = seeded
    pages = {
        "/can-bo/": [people[0].family_name],
        "/van-ban/": ["07/BC-TrCT"],
        f"/van-ban/{document.pk}/": ["07/BC-TrCT"],
    }
    downloads = [
        f"/van-ban/{document.pk}/tai-docx/",
        f"/van-ban/{document.pk}/ban-quet/",
    ]
    client.force_login(office)
    before = {
        "pages": {
            url: [r.status_code, all(t in r.content.decode() for t in texts)]
            for url, texts in pages.items()
            for r in [client.get(url)]
        },
        "downloads": {
            url: hashlib.sha256(b"".join(client.get(url))).hexdigest()
            for url in downloads
        },
    }
    assert all(page == [200, True] for page in before["pages"].values())
    before["counts"] = row_counts()

    out = tmp_path / "sao-luu"
    call_command("backup", out=str(out))
    manifest = json.loads((out / MANIFEST).read_text())
    assert manifest["row_counts"] == before["counts"]
    assert manifest["media_files"] == 2

    database_url, drop = _fresh_database(tmp_path)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media-restored"),
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_TWO_FACTOR_REQUIRED": "false",
        "DJANGO_DEBUG": "false",
    }
    env.pop("REDIS_URL", None)  # the restored deployment's sessions in its database
    try:
        restored = _manage("restore", str(out), env=env)
        assert restored.returncode == 0, restored.stderr
        assert "số dòng khớp bản sao lưu" in restored.stdout
        code = f"USERNAME={office.username!r}\nPAGES={pages!r}\n"
        code += f"DOWNLOADS={downloads!r}\n{CHECK}"
        checked = _manage("shell", "-c", code, env=env)
        assert checked.returncode == 0, checked.stderr
        after = json.loads(checked.stdout.strip().splitlines()[-1])
        differing = {
            label: (before["counts"].get(label), count)
            for label, count in after["counts"].items()
            if before["counts"].get(label) != count
        }
        assert differing == {}
        assert after == before
        # A second restore into the now full database is refused, changing nothing.
        again = _manage("restore", str(out), env=env)
        assert again.returncode != 0
        assert "đã có bảng" in again.stderr
    finally:
        drop()


def test_a_damaged_backup_is_refused_before_anything_is_restored(seeded, tmp_path):
    out = tmp_path / "sao-luu"
    call_command("backup", out=str(out))
    archive = out / "media.tar.gz"
    archive.write_bytes(archive.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CommandError, match="sai tổng kiểm"):
        call_command("restore", str(out))


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path):
    (tmp_path / "cu.txt").write_text("bản cũ")
    with pytest.raises(CommandError, match="không trống"):
        call_command("backup", out=str(tmp_path))
