"""The cross-app walks (role matrix, access walk): each distinct document goes
through LibreOffice once per run (daotao/tests/support/pdf_memo.py)."""

import os
from collections.abc import MutableMapping

import pytest

from daotao.tests.support.pdf_memo import FolderMemo, converting_once


@pytest.fixture(scope="session")
def _converted_pdfs(tmp_path_factory) -> MutableMapping[str, bytes]:
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return {}
    # pytest-xdist: the workers' temporary folders share a parent for the run.
    return FolderMemo(tmp_path_factory.getbasetemp().parent / "converted-pdfs")


@pytest.fixture(autouse=True)
def _convert_each_document_once(_converted_pdfs, monkeypatch):
    with converting_once(_converted_pdfs, monkeypatch):
        yield
