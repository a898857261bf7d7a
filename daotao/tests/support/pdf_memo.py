"""LibreOffice converts each distinct document once per test run, for the walks
that open every PDF route as every role (the role matrix, the access walk).

The walks ask for the same page of the same records as each role allowed to see
it, so the same DOCX went through LibreOffice (seconds each) once per role. Here
`docx_to_pdf` is wrapped, wherever it was imported, by a memo keyed on the
document's contents: the names and bytes of its parts, not the zip's timestamps.
A document that differs in any part is converted afresh; what the views do with
the PDF (answer, store, count pages) is unchanged.

Under pytest-xdist the memo is a folder all workers of the run share
(`FolderMemo`), so a document converted by one worker is not converted again by
the other; a PDF is written under a temporary name and renamed into place, so a
worker reads either nothing (and converts itself) or the whole file.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from daotao.documents.rendering import pdf as pdf_module

_ORIGINAL = pdf_module.docx_to_pdf


def contents_key(docx: bytes) -> str:
    """A digest of the document's parts (name and bytes, in order)."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for info in sorted(archive.infolist(), key=lambda info: info.filename):
            digest.update(info.filename.encode())
            digest.update(b"\0")
            digest.update(archive.read(info))
            digest.update(b"\0")
    return digest.hexdigest()


class FolderMemo(MutableMapping[str, bytes]):
    """PDFs by contents key, one file each in `folder` (shared by processes)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pdf"

    def __getitem__(self, key: str) -> bytes:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            raise KeyError(key) from None

    def __setitem__(self, key: str, pdf: bytes) -> None:
        handle, scratch = tempfile.mkstemp(dir=self.folder, suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(pdf)
        os.replace(scratch, self._path(key))

    def __delitem__(self, key: str) -> None:
        self._path(key).unlink()

    def __iter__(self) -> Iterator[str]:
        return (path.stem for path in self.folder.glob("*.pdf"))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def memoized(cache: MutableMapping[str, bytes]) -> Callable[..., bytes]:
    def docx_to_pdf(docx: bytes, *, timeout: int = 60) -> bytes:
        key = contents_key(docx)
        try:
            return cache[key]
        except KeyError:
            pdf = _ORIGINAL(docx, timeout=timeout)
            cache[key] = pdf
            return pdf

    return docx_to_pdf


@contextmanager
def converting_once(
    cache: MutableMapping[str, bytes], monkeypatch: Any
) -> Iterator[None]:
    """Inside, every module of daotao that imported `docx_to_pdf` gets the memo."""
    wrapper = memoized(cache)
    for name, module in list(sys.modules.items()):
        if name.startswith("daotao.") and getattr(module, "docx_to_pdf", None) is (
            _ORIGINAL
        ):
            monkeypatch.setattr(module, "docx_to_pdf", wrapper)
    yield
