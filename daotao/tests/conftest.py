"""The cross-app walks (role matrix, access walk): each distinct document goes
through LibreOffice once per run (daotao/tests/support/pdf_memo.py)."""

import pytest

from daotao.tests.support.pdf_memo import converting_once


@pytest.fixture(scope="session")
def _converted_pdfs() -> dict[str, bytes]:
    return {}


@pytest.fixture(autouse=True)
def _convert_each_document_once(_converted_pdfs, monkeypatch):
    with converting_once(_converted_pdfs, monkeypatch):
        yield
