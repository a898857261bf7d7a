"""Reading a rendered DOCX as an office reads the paper, for the tests of each kind
of document: the title, the căn cứ, the articles, the signature block, the annex
tables and their columns; and the PDF pages as PNG images in the test artifacts
($ARTIFACTS_DIR/documents, default artifacts/documents) for a person to look at."""

from __future__ import annotations

import io
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

from daotao.documents.rendering import docx_to_pdf

ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "documents"
EMU_PER_MM = 36000


@dataclass
class Paper:
    """The DOCX as read: body paragraphs, header cells, signature, data tables."""

    document: Document

    @classmethod
    def read(cls, data: bytes) -> Paper:
        return cls(Document(io.BytesIO(data)))

    @property
    def paragraphs(self) -> list[str]:
        """Body paragraphs outside tables, in order, empty ones left out."""
        return [p.text for p in self.document.paragraphs if p.text.strip()]

    def paragraph(self, text: str) -> Paragraph:
        return next(p for p in self.document.paragraphs if p.text == text)

    @property
    def header_lines(self) -> list[str]:
        table = self.document.tables[0]
        return [
            p.text
            for row in table.rows
            for cell in row.cells
            for p in cell.paragraphs
            if p.text.strip()
        ]

    @property
    def signature_table(self) -> Table:
        return next(
            t
            for t in self.document.tables
            if t.cell(0, 0).paragraphs[0].text == "Nơi nhận:"
        )

    @property
    def signature_lines(self) -> list[str]:
        """The right-hand block: authority, title, then the signer's name."""
        cell = self.signature_table.cell(0, 1)
        return [p.text for p in cell.paragraphs if p.text.strip()]

    @property
    def recipient_lines(self) -> list[str]:
        cell = self.signature_table.cell(0, 0)
        return [p.text for p in cell.paragraphs if p.text.strip()]

    @property
    def data_tables(self) -> list[Table]:
        signature = self.signature_table._tbl
        return [t for t in self.document.tables[1:] if t._tbl is not signature]

    def paragraphs_after(self, text: str) -> list[str]:
        lines = self.paragraphs
        return lines[lines.index(text) + 1 :]


def rows(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def widths_mm(table: Table) -> list[float]:
    """The grid's column widths in mm."""
    grid = table._tbl.tblGrid
    return [
        round(int(col.get(qn("w:w"))) / 1440 * 25.4, 1)
        for col in grid.findall(qn("w:gridCol"))
    ]


def alignment(table: Table, row: int, column: int) -> str | None:
    """ "left", "center", "right" or "both" of a cell's first paragraph."""
    jc = table.cell(row, column).paragraphs[0]._p.pPr.find(qn("w:jc"))
    return None if jc is None else jc.get(qn("w:val"))


def is_italic(paragraph: Paragraph) -> bool:
    return all(run.font.italic for run in paragraph.runs if run.text.strip())


def is_bold(paragraph: Paragraph) -> bool:
    return all(run.font.bold for run in paragraph.runs if run.text.strip())


def pdf_lines(pdf: bytes) -> list[str]:
    """The text of every page, line by line, as LibreOffice laid it out."""
    reader = PdfReader(io.BytesIO(pdf))
    return [
        line.strip()
        for page in reader.pages
        for line in (page.extract_text() or "").splitlines()
        if line.strip()
    ]


def pages_to_png(docx: bytes, name: str) -> tuple[bytes, list[Path]]:
    """The PDF of `docx` and its pages as PNG files named `<name>-N.png` in the
    artifacts folder (LibreOffice, then pdftoppm at 70 dpi)."""
    pdf = docx_to_pdf(docx)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    (ARTIFACTS / f"{name}.pdf").write_bytes(pdf)
    command = ["pdftoppm", "-r", "70", "-png", str(ARTIFACTS / f"{name}.pdf")]
    subprocess.run(  # noqa: S603 (fixed arguments, no shell)
        [*command, str(ARTIFACTS / name)],
        check=True,
        timeout=60,
    )
    return pdf, sorted(ARTIFACTS.glob(f"{name}-*.png"))
