"""LibreOffice converts each distinct document once per test run, for the walks
that open every PDF route as every role (the role matrix, the access walk).

The walks ask for the same page of the same records as each role allowed to see
it, so the same DOCX went through LibreOffice (seconds each) once per role. Here
`docx_to_pdf` is wrapped, wherever it was imported, by a memo keyed on the
document's contents: the names and bytes of its parts, not the zip's timestamps.
A document that differs in any part is converted afresh; what the views do with
the PDF (answer, store, count pages) is unchanged.
"""

from __future__ import annotations

import hashlib
import io
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


def memoized(cache: dict[str, bytes]) -> Callable[..., bytes]:
    def docx_to_pdf(docx: bytes, *, timeout: int = 60) -> bytes:
        key = contents_key(docx)
        if key not in cache:
            cache[key] = _ORIGINAL(docx, timeout=timeout)
        return cache[key]

    return docx_to_pdf


@contextmanager
def converting_once(cache: dict[str, bytes], monkeypatch: Any) -> Iterator[None]:
    """Inside, every module of daotao that imported `docx_to_pdf` gets the memo."""
    wrapper = memoized(cache)
    for name, module in list(sys.modules.items()):
        if name.startswith("daotao.") and getattr(module, "docx_to_pdf", None) is (
            _ORIGINAL
        ):
            monkeypatch.setattr(module, "docx_to_pdf", wrapper)
    yield
