"""Building blocks for printed sheets made as DOCX then PDF through LibreOffice
(docs/adr/0004-pdf-through-libreoffice.md): diplomas, badges and the like.

Made for batches of hundreds of pages: python-docx rescans the whole document on
every picture, paragraph and table; these helpers keep that linear.
"""

from __future__ import annotations

import io
from typing import Any

from docx import Document as new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.oxml.table import CT_Tbl
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

__all__ = [
    "FONT_NAME",
    "LANGUAGE",
    "Body",
    "line",
    "new_document",
    "picture",
    "saved",
]

FONT_NAME = "Times New Roman"
LANGUAGE = "vi-VN"
# A4
LONG_MM, SHORT_MM = 297, 210


def new_document(*, landscape: bool, margin_mm: float = 15) -> Document:
    """An empty A4 document in Times New Roman 13, Vietnamese, no paragraph spacing."""
    document = new_docx()
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(13)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for name in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{name}"), FONT_NAME)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    rpr.append(language)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(LONG_MM), Mm(SHORT_MM)
    else:
        section.page_width, section.page_height = Mm(SHORT_MM), Mm(LONG_MM)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(margin_mm))
    document.core_properties.language = LANGUAGE
    return document


def line(
    container: Any,
    text: str = "",
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    page_break: bool = False,
) -> Any:
    """Append one paragraph of one run to `container` (body, cell, `Body`)."""
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    if before:
        paragraph.paragraph_format.space_before = Pt(before)
    if page_break:
        paragraph.paragraph_format.page_break_before = True
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold or None
        run.italic = italic or None
    return paragraph


def picture(
    document: Document, run: Any, png: bytes, *, shape_id: int, width_mm: float
) -> None:
    """`run.add_picture` without python-docx's `next_id`, which scans the whole
    document for ids on every picture (quadratic: 18 s of a 1,000-page batch).
    The caller numbers the pictures (`shape_id`, unique in the document)."""
    part = document.part
    relationship_id, image = part.get_or_add_image(io.BytesIO(png))
    cx, cy = image.scaled_dimensions(Mm(width_mm), None)
    run._r.add_drawing(
        CT_Inline.new_pic_inline(shape_id, relationship_id, image.filename, cx, cy)
    )


class Body:
    """Appends paragraphs and tables to the end of the document body.

    python-docx looks for the final `w:sectPr` among all body children on every
    paragraph and rescans the whole document for the section on every table, both
    quadratic over a 1,000-page batch; this keeps the `w:sectPr` once."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._parent = document._body  # gives the blocks their part (styles)
        self._end = document.element.body.find(qn("w:sectPr"))
        section = document.sections[0]
        self._width = section.page_width - section.left_margin - section.right_margin

    def add_paragraph(self) -> DocxParagraph:
        element = OxmlElement("w:p")
        self._end.addprevious(element)
        return DocxParagraph(element, self._parent)

    def add_table(self, rows: int, cols: int) -> DocxTable:
        element = CT_Tbl.new_tbl(rows, cols, self._width)
        self._end.addprevious(element)
        return DocxTable(element, self._parent)


def saved(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
