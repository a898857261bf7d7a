"""DOCX to PDF through LibreOffice headless (docs/adr/0004-pdf-through-libreoffice.md).

Each call works in its own temporary directory with its own LibreOffice user profile,
so concurrent conversions do not fight over one profile's lock.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from daotao.documents.rendering.docx import render_docx
from daotao.documents.rendering.spec import DocumentSpec

__all__ = ["SOFFICE_NAMES", "RenderError", "docx_to_pdf", "render_pdf"]

# Executable names tried in order (Debian: /usr/bin/soffice from libreoffice-core).
SOFFICE_NAMES = ("soffice", "libreoffice")
_ERROR_TAIL = 500  # characters of LibreOffice's output kept in the message


class RenderError(RuntimeError):
    """The PDF could not be made; the message is Vietnamese and names the cause."""


def soffice_path() -> str:
    """The LibreOffice executable, or RenderError when it is not installed."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise RenderError(
        "Không tìm thấy LibreOffice (lệnh 'soffice') trên máy chủ nên không tạo được "
        "tệp PDF. Cài gói libreoffice-writer rồi thử lại."
    )


def docx_to_pdf(docx: bytes, *, timeout: int = 60) -> bytes:
    """The PDF of `docx`, converted by LibreOffice in at most `timeout` seconds."""
    executable = soffice_path()
    with tempfile.TemporaryDirectory(prefix="daotao-pdf-") as scratch:
        folder = Path(scratch)
        source = folder / "document.docx"
        source.write_bytes(docx)
        command = [
            executable,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        try:
            completed = subprocess.run(  # noqa: S603 (fixed arguments, no shell)
                command,
                capture_output=True,
                timeout=timeout,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as error:
            raise RenderError(
                f"LibreOffice không chuyển xong văn bản sang PDF trong {timeout} giây."
            ) from error
        except OSError as error:
            raise RenderError(f"Không chạy được LibreOffice: {error}") from error
        target = folder / "out" / "document.pdf"
        if completed.returncode != 0 or not target.is_file():
            output = (completed.stderr or completed.stdout or b"").decode(
                "utf-8", "replace"
            )
            raise RenderError(
                "LibreOffice không chuyển được văn bản sang PDF "
                f"(mã thoát {completed.returncode}): {output.strip()[-_ERROR_TAIL:]}"
            )
        return target.read_bytes()


def render_pdf(spec: DocumentSpec | Mapping[str, Any], *, timeout: int = 60) -> bytes:
    """The document as PDF bytes: render_docx, then docx_to_pdf."""
    return docx_to_pdf(render_docx(spec), timeout=timeout)
