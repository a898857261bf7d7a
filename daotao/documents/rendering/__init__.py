"""The rendering engine of outgoing documents: plain data in, DOCX or PDF bytes out.

`DocumentSpec.from_dict()` validates the data (see `spec` for its JSON shape),
`render_docx()` lays it out per NĐ 30/2020 (or the Party format of Hướng dẫn
36-HD/VPTW) and `docx_to_pdf()` converts with LibreOffice. Nothing here touches the
database; it imports nothing from other apps but `daotao.core`.
"""

from daotao.documents.rendering.docx import render_docx
from daotao.documents.rendering.pdf import RenderError, docx_to_pdf, render_pdf
from daotao.documents.rendering.spec import (
    Annex,
    Article,
    Block,
    DocumentSpec,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Signer,
    SpecError,
    Table,
    number_text,
)

__all__ = [
    "Annex",
    "Article",
    "Block",
    "DocumentSpec",
    "Heading",
    "ListBlock",
    "PageBreak",
    "Paragraph",
    "RenderError",
    "Signer",
    "SpecError",
    "Table",
    "docx_to_pdf",
    "number_text",
    "render_docx",
    "render_pdf",
]
