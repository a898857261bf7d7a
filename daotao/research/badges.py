"""Delegate badges: eight to an A4 page (2 × 4, cut along the borders), each with
the name, position, organisation, role and a QR code of the check-in URL. One
DOCX for the whole batch, converted to PDF once by LibreOffice (ADR 0004)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docx.document import Document
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import _Cell

from daotao.core.qr import qr_png
from daotao.documents.rendering import pages
from daotao.documents.rendering.pdf import docx_to_pdf
from daotao.research.models import Delegate

COLUMNS, ROWS = 2, 4
MARGIN_MM = 10
BADGE_WIDTH_MM = (210 - 2 * MARGIN_MM) / COLUMNS
# Each page after the first starts with a page-break paragraph (~5 mm): 4 × 66 mm
# and that paragraph fit in the 277 mm between the margins.
BADGE_HEIGHT_MM = 66
QR_MM = 24
FIRST_SHAPE_ID = 1000
# 400 badges (50 pages): see bench/badges_pdf.py for the measured time.
TIMEOUT_PER_BADGE_S = 0.2
MIN_TIMEOUT_S = 60

UrlFor = Callable[[Delegate], str]


def _badge(
    document: Document,
    cell: _Cell,
    delegate: Delegate,
    *,
    title: str,
    png: bytes,
    shape_id: int,
) -> None:
    first = cell.paragraphs[0]
    first.alignment = WD_ALIGN_PARAGRAPH.CENTER
    first.paragraph_format.space_before = Pt(4)
    run = first.add_run(title)
    run.font.size = Pt(8)
    run.italic = True
    pages.line(cell, delegate.get_role_display().upper(), size=12, bold=True, before=4)
    pages.line(cell, delegate.full_name, size=16, bold=True, before=2)
    if delegate.position:
        pages.line(cell, delegate.position, size=11)
    pages.line(cell, delegate.delegation.organisation.name, size=11)
    paragraph = pages.line(cell, before=3)
    pages.picture(
        document,
        paragraph.add_run(),
        png,
        shape_id=shape_id,
        width_mm=QR_MM,
    )
    pages.line(cell, delegate.badge_token, size=6)


def _title(title: str) -> str:
    return title if len(title) <= 120 else title[:117].rstrip() + "…"


def badges_docx(
    delegates: Sequence[Delegate], *, conference_title: str, url_for: UrlFor
) -> bytes:
    """Badges for `delegates` in the given order, eight per page, as one DOCX."""
    document = pages.new_document(landscape=False, margin_mm=MARGIN_MM)
    body = pages.Body(document)
    title = _title(conference_title)
    per_page = COLUMNS * ROWS
    for start in range(0, len(delegates), per_page):
        chunk = delegates[start : start + per_page]
        if start:
            pages.line(body, size=1, page_break=True)
        rows = -(-len(chunk) // COLUMNS)
        table = body.add_table(rows=rows, cols=COLUMNS)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for row in table.rows:
            row.height = Mm(BADGE_HEIGHT_MM)
            row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
        for offset, delegate in enumerate(chunk):
            cell = table.cell(offset // COLUMNS, offset % COLUMNS)
            cell.width = Mm(BADGE_WIDTH_MM)
            _badge(
                document,
                cell,
                delegate,
                title=title,
                png=qr_png(url_for(delegate), scale=6),
                shape_id=FIRST_SHAPE_ID + start + offset,
            )
    return pages.saved(document)


def badges_pdf(
    delegates: Sequence[Delegate], *, conference_title: str, url_for: UrlFor
) -> bytes:
    """The badges as one PDF (one LibreOffice conversion for the batch)."""
    timeout = max(MIN_TIMEOUT_S, int(len(delegates) * TIMEOUT_PER_BADGE_S) + 30)
    return docx_to_pdf(
        badges_docx(delegates, conference_title=conference_title, url_for=url_for),
        timeout=timeout,
    )
