"""Diplomas, certificates and transcripts as DOCX, then PDF through LibreOffice
(docs/adr/0004-pdf-through-libreoffice.md).

Many credentials make one DOCX, one A4 landscape page each (a page break before
every page but the first), converted once: a LibreOffice start costs ~2-3 s, so one
conversion of the whole batch, never one per diploma. The layout is fixed here; the
words come from the school's `CredentialTemplate` of the kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from daotao.core.text import date_line, format_date
from daotao.credentials import qr
from daotao.credentials.models import Credential, CredentialTemplate
from daotao.credentials.services import credential_template_for
from daotao.documents.rendering import pages
from daotao.documents.rendering.pdf import docx_to_pdf

__all__ = [
    "Transcript",
    "credentials_docx",
    "credentials_pdf",
    "transcripts_docx",
    "transcripts_pdf",
]

# A4 landscape for credentials, portrait for transcripts.
LONG_MM, SHORT_MM = 297, 210
MARGIN_MM = 15
QR_MM = 28
OVERALL_LABEL = "Điểm trung bình chung toàn khóa"
# The transcript's right header column: the Quốc hiệu (12 pt bold capitals) needs
# ~88 mm of text (90 with 1 mm cell margins) to stay on one line; it broke as
# "…VIỆT / NAM" when the grid gave it half the width. The left column
# keeps 88 mm for "TRƯỜNG CHÍNH TRỊ TỈNH THANH HÓA" (~80 mm).
NATIONAL_TITLE_MM = 92
CELL_MARGIN_MM = 1
TWIPS_PER_MM = 1440 / 25.4
FIRST_SHAPE_ID = 1000  # the body has no other ids; one per picture from here
# 1,000 pages: 19-37 s in all, 8-16 s of it LibreOffice (bench/credentials_pdf.py).
TIMEOUT_PER_PAGE_S = 0.25
MIN_TIMEOUT_S = 60

UrlFor = Callable[[Credential], str]


@dataclass(frozen=True)
class Transcript:
    """One learner's bảng điểm: the credential it goes with, (module, result) rows
    and the overall result, given by the caller (selectors.transcript_rows)."""

    credential: Credential
    rows: Sequence[tuple[str, str]] = field(default_factory=tuple)
    overall: str = ""


# --- Low-level helpers ---------------------------------------------------------------


def _new_document(*, landscape: bool) -> Document:
    return pages.new_document(landscape=landscape, margin_mm=MARGIN_MM)


def _picture(document: Document, run: Any, png: bytes, *, shape_id: int) -> None:
    pages.picture(document, run, png, shape_id=shape_id, width_mm=QR_MM)


_line = pages.line
_Body = pages.Body
_saved = pages.saved


def _labelled(container: Any, label: str, value: str, *, size: float = 14) -> None:
    paragraph = _line(container, before=4)
    run = paragraph.add_run(f"{label} ")
    run.font.size = Pt(size)
    run = paragraph.add_run(value)
    run.font.size = Pt(size)
    run.bold = True


def _grid(body: Any, widths_mm: Sequence[float]) -> list[_Cell]:
    """A borderless one-row table of fixed column widths; its cells."""
    table = body.add_table(rows=1, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _narrow_cell_margins(table)
    cells = list(table.rows[0].cells)
    # LibreOffice lays a table out by its grid (w:gridCol), not by the cells' widths.
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
    for cell, width in zip(cells, widths_mm, strict=True):
        cell.width = Mm(width)
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    return cells


def _narrow_cell_margins(table: Any) -> None:
    """1 mm left and right inside each cell (Word's default is 1.9 mm), as the
    documents engine's header: the header lines need the width."""
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(round(CELL_MARGIN_MM * TWIPS_PER_MM)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    properties = table._tbl.tblPr
    # Schema order: … tblLayout, tblCellMar, tblLook.
    layout = properties.find(qn("w:tblLayout"))
    look = properties.find(qn("w:tblLook"))
    if layout is not None:
        layout.addnext(margins)
    elif look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)


def _fill(cell: _Cell, lines: Iterable[tuple[str, dict[str, Any]]]) -> None:
    first = True
    for text, style in lines:
        if first:
            paragraph = cell.paragraphs[0]
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(text)
            run.font.size = Pt(style.get("size", 13))
            run.bold = style.get("bold") or None
            run.italic = style.get("italic") or None
            first = False
        else:
            _line(cell, text, **style)


# A one-day course reads "ngày 02/03/2026", not "từ ngày 02/03/2026 đến ngày
# 02/03/2026"; only the default wording's phrase is shortened.
_RANGE = "từ ngày {tu_ngay} đến ngày {den_ngay}"
_ONE_DAY = "ngày {tu_ngay}"


def _course_dates(template: CredentialTemplate, credential: Credential) -> str:
    """The course-dates line, empty when the template has none or the credential
    has no dates (issued before they were copied)."""
    starts, ends = credential.course_starts_on, credential.course_ends_on
    if not template.course_dates.strip() or starts is None or ends is None:
        return ""
    text = template.course_dates
    if starts == ends:
        text = text.replace(_RANGE, _ONE_DAY)
    return text.replace("{tu_ngay}", format_date(starts)).replace(
        "{den_ngay}", format_date(ends)
    )


def _wording(template: CredentialTemplate, credential: Credential) -> dict[str, Any]:
    school = credential.school
    values = {
        "{truong}": school.name.upper(),
        "{co_quan_chu_quan}": school.governing_body.upper(),
        "{chuong_trinh}": credential.programme_name,
    }

    def fill(text: str) -> str:
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        return text

    words: dict[str, Any] = {
        name: fill(getattr(template, name))
        for name in CredentialTemplate.PRINTED_TEXT_FIELDS
    }
    words["course_dates"] = _course_dates(template, credential)
    words["is_holder_first"] = template.is_holder_first
    return words


def _templates() -> Callable[[Credential], CredentialTemplate]:
    cache: dict[tuple[int, str], CredentialTemplate] = {}

    def template_of(credential: Credential) -> CredentialTemplate:
        key = (credential.school_id, credential.kind)
        if key not in cache:
            cache[key] = credential_template_for(
                school_id=credential.school_id, kind=credential.kind
            )
        return cache[key]

    return template_of


def _timeout(pages: int) -> int:
    return max(MIN_TIMEOUT_S, int(pages * TIMEOUT_PER_PAGE_S) + 30)


# --- Credentials ---------------------------------------------------------------------

_HALF = (LONG_MM - 2 * MARGIN_MM) / 2


def _credential_page(
    body: _Body,
    credential: Credential,
    words: dict[str, str],
    url: str,
    *,
    first: bool,
    shape_id: int,
) -> None:
    # A 1 pt paragraph carries the page break: a table cannot.
    _line(body, size=1, page_break=not first)
    left, right = _grid(body, (_HALF, _HALF))
    _fill(
        left,
        [
            (line, {"size": 13, "bold": True})
            for line in words["issuer_lines"].splitlines()
            if line.strip()
        ],
    )
    _fill(
        right,
        [
            (words["national_title"], {"size": 13, "bold": True}),
            (words["motto"], {"size": 14, "bold": True}),
        ],
    )
    _line(body, words["grantor"], size=14, bold=True, before=14)
    _line(body, "cấp", size=14, italic=True, before=2)
    _line(body, words["title"], size=30, bold=True, before=6)
    if words["subtitle"]:
        _line(body, words["subtitle"], size=18, bold=True)
    _holder_and_programme(body, credential, words)
    left, right = _grid(body, (_HALF, _HALF))
    paragraph = left.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(10)
    _picture(body.document, paragraph.add_run(), qr.qr_png(url), shape_id=shape_id)
    _line(left, f"Số hiệu: {credential.serial}", size=12)
    _line(
        left,
        f"{words['register_label']} {credential.entry_number}"
        f"/{credential.register.book_number}",
        size=12,
    )
    _fill(
        right,
        [
            (
                date_line(place=credential.school.place_name, on=credential.issued_on),
                {"size": 14, "italic": True, "before": 10},
            ),
            (words["signer_title"], {"size": 14, "bold": True}),
            ("", {"size": 14}),
            ("", {"size": 14}),
            ("", {"size": 14}),
            (credential.signer, {"size": 14, "bold": True}),
        ],
    )


def _holder_and_programme(
    body: _Body, credential: Credential, words: dict[str, Any]
) -> None:
    """Who (name, date of birth), what (the programme and its dates) in the
    template's order, then the classification when there is one."""

    def holder() -> None:
        _labelled(body, words["holder_label"], credential.holder_name, size=16)
        _labelled(body, "Ngày sinh:", _date_or_blank(credential.holder_date_of_birth))

    def programme() -> None:
        _line(body, words["recognition"], size=14, italic=True, before=8)
        if words["course_dates"]:
            _line(body, words["course_dates"], size=14, italic=True, before=2)

    for part in (
        (holder, programme) if words["is_holder_first"] else (programme, holder)
    ):
        part()
    if credential.classification_label:
        _labelled(body, words["classification_label"], credential.classification_label)


def _date_or_blank(value: Any) -> str:
    return format_date(value) if value else ""


def credentials_docx(credentials: Iterable[Credential], *, url_for: UrlFor) -> bytes:
    """One A4 landscape page per credential, in the given order, as one DOCX.
    `url_for` gives each credential's absolute verification URL (the QR)."""
    document = _new_document(landscape=True)
    body = _Body(document)
    template_of = _templates()
    for index, credential in enumerate(credentials):
        words = _wording(template_of(credential), credential)
        _credential_page(
            body,
            credential,
            words,
            url_for(credential),
            first=index == 0,
            shape_id=FIRST_SHAPE_ID + index,
        )
    return _saved(document)


def credentials_pdf(credentials: Sequence[Credential], *, url_for: UrlFor) -> bytes:
    """The credentials as one PDF, one page each (one LibreOffice conversion)."""
    return docx_to_pdf(
        credentials_docx(credentials, url_for=url_for),
        timeout=_timeout(len(credentials)),
    )


# --- Transcripts ---------------------------------------------------------------------


def _transcript_page(
    body: _Body, transcript: Transcript, words: dict[str, str], *, first: bool
) -> None:
    credential = transcript.credential
    width = SHORT_MM - 2 * MARGIN_MM
    _line(body, size=1, page_break=not first)
    left, right = _grid(body, (width - NATIONAL_TITLE_MM, NATIONAL_TITLE_MM))
    _fill(
        left,
        [
            (line, {"size": 12, "bold": True})
            for line in words["issuer_lines"].splitlines()
            if line.strip()
        ],
    )
    _fill(
        right,
        [
            (words["national_title"], {"size": 12, "bold": True}),
            (words["motto"], {"size": 13, "bold": True}),
        ],
    )
    _line(body, "BẢNG ĐIỂM", size=16, bold=True, before=14)
    _line(body, credential.programme_name, size=14, bold=True)
    _labelled(body, "Họ và tên:", credential.holder_name)
    _labelled(
        body,
        "Ngày sinh:",
        format_date(credential.holder_date_of_birth)
        if credential.holder_date_of_birth
        else "",
    )
    table = body.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Mm(15), Mm(125), Mm(35))
    for column, column_width in zip(table.columns, widths, strict=True):
        column.width = column_width
    for cell, text, cell_width in zip(
        table.rows[0].cells, ("STT", "Học phần", "Kết quả"), widths, strict=True
    ):
        cell.width = cell_width
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for number, (module_name, result) in enumerate(transcript.rows, 1):
        cells = table.add_row().cells
        for cell, text, cell_width in zip(
            cells, (str(number), module_name, result), widths, strict=True
        ):
            cell.width = cell_width
            cell.paragraphs[0].add_run(text)
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    if transcript.overall:
        cells = table.add_row().cells
        for cell, text, cell_width in zip(
            cells, ("", OVERALL_LABEL, transcript.overall), widths, strict=True
        ):
            cell.width = cell_width
            cell.paragraphs[0].add_run(text).bold = True
        cells[2].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _labelled(body, words["classification_label"], credential.classification_label)
    _line(
        body,
        f"Số hiệu văn bằng: {credential.serial}",
        size=12,
        align=WD_ALIGN_PARAGRAPH.LEFT,
        before=4,
    )
    _left, right = _grid(body, (width - NATIONAL_TITLE_MM, NATIONAL_TITLE_MM))
    _fill(
        right,
        [
            (
                date_line(place=credential.school.place_name, on=credential.issued_on),
                {"size": 13, "italic": True, "before": 10},
            ),
            (words["signer_title"], {"size": 13, "bold": True}),
            ("", {}),
            ("", {}),
            (credential.signer, {"size": 13, "bold": True}),
        ],
    )


def transcripts_docx(transcripts: Iterable[Transcript]) -> bytes:
    """One A4 portrait page per learner (a long list of modules may run over)."""
    document = _new_document(landscape=False)
    body = _Body(document)
    template_of = _templates()
    for index, transcript in enumerate(transcripts):
        credential = transcript.credential
        words = _wording(template_of(credential), credential)
        _transcript_page(body, transcript, words, first=index == 0)
    return _saved(document)


def transcripts_pdf(transcripts: Sequence[Transcript]) -> bytes:
    return docx_to_pdf(
        transcripts_docx(transcripts), timeout=_timeout(len(transcripts))
    )
