"""The pieces that let the suite run under pytest-xdist (docs/adr/0021): each
worker on a Redis database of its own, LibreOffice's PDFs shared by the workers
through a folder, and the suite's password hasher in force for the whole session."""

import io
import zipfile

import pytest

from daotao.tests.environment import _worker_redis_url
from daotao.tests.support import pdf_memo


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/15", "gw0", "redis://127.0.0.1:6379/15"),
        ("redis://127.0.0.1:6379/15", "gw1", "redis://127.0.0.1:6379/14"),
        ("redis://127.0.0.1:6379/9/", "gw2", "redis://127.0.0.1:6379/7"),
        ("redis://127.0.0.1:6379", "gw0", "redis://127.0.0.1:6379/0"),
    ],
)
def test_each_worker_gets_its_own_redis_database(url, worker, expected):
    assert _worker_redis_url(url, worker) == expected


def test_a_worker_beyond_database_zero_is_refused():
    with pytest.raises(RuntimeError, match="gw3"):
        _worker_redis_url("redis://127.0.0.1:6379/2", "gw3")


def _docx(text: str) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("word/document.xml", text)
    return data.getvalue()


def test_a_document_one_worker_converted_is_not_converted_by_another(
    tmp_path, monkeypatch
):
    converted = []

    def convert(docx: bytes, *, timeout: int = 60) -> bytes:
        converted.append(docx)
        return b"%PDF " + docx[-8:]

    monkeypatch.setattr(pdf_memo, "_ORIGINAL", convert)
    first = pdf_memo.memoized(pdf_memo.FolderMemo(tmp_path / "pdfs"))
    second = pdf_memo.memoized(pdf_memo.FolderMemo(tmp_path / "pdfs"))

    pdf = first(_docx("một"))
    assert second(_docx("một")) == pdf
    assert len(converted) == 1
    assert second(_docx("hai")) != pdf
    assert len(converted) == 2
    # Only whole PDFs in the folder, no temporary files left behind.
    assert sorted(path.suffix for path in (tmp_path / "pdfs").iterdir()) == [
        ".pdf",
        ".pdf",
    ]
    assert len(pdf_memo.FolderMemo(tmp_path / "pdfs")) == 2


def test_the_suite_hashes_with_md5_for_the_whole_session():
    # Outside any test's `settings` fixture too (the worlds built once per module
    # or session), so Argon2 is paid only where a test asks for it.
    from django.conf import settings

    assert settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.MD5PasswordHasher"
    )
    assert "django.contrib.auth.hashers.Argon2PasswordHasher" in (
        settings.PASSWORD_HASHERS
    )
