"""The proceedings (kỷ yếu) of a conference as one PDF: a cover, a table of contents
with page numbers, then the accepted papers in programme order.

DOCX papers are converted by LibreOffice through the documents app's helper
(docs/adr/0004); each conversion has its own profile, so two run side by side on
the two cores. PDF papers are merged as they are (pypdf). The table of contents
is laid out after the papers' page counts are known; when its own length changes
the page numbers, it is laid out again with the corrected numbers.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.utils.translation import gettext as _
from docx import Document as new_document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from pypdf import PdfReader, PdfWriter

from daotao.documents.rendering.pdf import RenderError, docx_to_pdf
from daotao.research.models import Conference, Paper

FONT_NAME = "Times New Roman"
CONVERSION_WORKERS = 2
_LAYOUT_ATTEMPTS = 3


@dataclass(frozen=True)
class Entry:
    """One line of the table of contents."""

    title: str
    authors: str
    first_page: int


def _document():
    document = new_document()
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(13)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for name in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{name}"), FONT_NAME)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    return document


def _line(document, text: str, *, size: float = 13, bold: bool = False, before=0):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(before)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold or None
    return paragraph


def _page_break(document) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run()
    br = OxmlElement("w:br")
    br.set(qn("w:type"), "page")
    run._r.append(br)


def front_matter_docx(conference: Conference, entries: Sequence[Entry]) -> bytes:
    """The cover and the table of contents as a DOCX."""
    document = _document()
    _line(document, conference.school.governing_body.upper(), size=13)
    _line(document, conference.school.name.upper(), bold=True)
    _line(document, _("KỶ YẾU HỘI THẢO KHOA HỌC"), size=16, bold=True, before=180)
    _line(document, conference.title.upper(), size=18, bold=True, before=18)
    _line(
        document,
        _("%(place)s, tháng %(month)s năm %(year)s")
        % {
            "place": conference.school.place_name,
            "month": conference.starts_on.month,
            "year": conference.starts_on.year,
        },
        size=13,
        before=260,
    )
    _page_break(document)
    _line(document, _("MỤC LỤC"), size=14, bold=True)
    width = Mm(160)
    for number, entry in enumerate(entries, 1):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.tab_stops.add_tab_stop(
            width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )
        run = paragraph.add_run(f"{number}. {entry.title}\t{entry.first_page}")
        run.bold = True
        authors = document.add_paragraph()
        authors.paragraph_format.left_indent = Mm(8)
        authors.add_run(entry.authors).italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _paper_pdf(paper: Paper) -> bytes:
    with paper.file.open("rb") as handle:
        data = handle.read()
    if paper.file_kind == Paper.FileKind.DOCX:
        return docx_to_pdf(data, timeout=120)
    return data


def _authors(paper: Paper) -> str:
    return "; ".join(
        f"{author.full_name} ({author.organisation_label})"
        for author in paper.authors.all()
    )


def proceedings_pdf(
    conference: Conference,
    papers: Sequence[Paper],
    *,
    convert: Callable[[Paper], bytes] = _paper_pdf,
) -> bytes:
    """One PDF: cover, table of contents, then each paper that has a file, in the
    given order; RenderError (Vietnamese) when a paper cannot be read."""
    with_file = [paper for paper in papers if paper.file]
    if not with_file:
        raise RenderError(_("Chưa có tham luận được chấp nhận nào có tệp."))
    with ThreadPoolExecutor(max_workers=CONVERSION_WORKERS) as pool:
        bodies = list(pool.map(convert, with_file))
    readers = []
    for paper, body in zip(with_file, bodies, strict=True):
        try:
            readers.append(PdfReader(io.BytesIO(body)))
        except Exception as error:  # pypdf raises many kinds on a damaged file
            raise RenderError(
                _("Không đọc được tệp của tham luận “%s”.") % paper.title
            ) from error
    front = _front_matter(conference, with_file, readers)
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)))
    for paper, reader in zip(with_file, readers, strict=True):
        writer.append(reader, outline_item=paper.title)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _front_matter(conference, papers, readers) -> bytes:
    front_pages = 2  # the cover and one page of contents, corrected below
    for _attempt in range(_LAYOUT_ATTEMPTS):
        entries, page = [], front_pages + 1
        for paper, reader in zip(papers, readers, strict=True):
            entries.append(Entry(paper.title, _authors(paper), page))
            page += len(reader.pages)
        front = docx_to_pdf(front_matter_docx(conference, entries))
        pages = len(PdfReader(io.BytesIO(front)).pages)
        if pages == front_pages:
            return front
        front_pages = pages
    raise RenderError(_("Không dàn trang được mục lục kỷ yếu."))
