"""A DocumentSpec laid out as a DOCX per NĐ 30/2020 (or Hướng dẫn 36-HD/VPTW).

Everything is direct formatting on the Normal style, Times New Roman in every run
(ascii, hAnsi, cs and eastAsia), so Word and LibreOffice pick the same font for
Vietnamese. Header and signature are borderless two-column tables of fixed width.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from docx import Document as new_document
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from daotao.core.text import document_date
from daotao.documents.rendering.spec import (
    Annex,
    Article,
    Block,
    DocumentSpec,
    Heading,
    ListBlock,
    PageBreak,
    Paragraph,
    Table,
)

__all__ = ["column_alignments", "column_widths", "render_docx"]

# Page (NĐ 30 §5.2: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm).
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
HEADER_DISTANCE_MM = 10
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM

FONT_NAME = "Times New Roman"
LANGUAGE = "vi-VN"

# Sizes in points, each within the NĐ 30 range noted beside it.
SIZE_GOVERNING_BODY = 13  # 12-13, upright capitals
SIZE_ISSUER = 13  # 12-13, bold capitals
SIZE_NUMBER = 13  # 13
SIZE_LETTER_SUMMARY = 12  # 12-13, the "V/v" line of a công văn
SIZE_NATIONAL_TITLE = 12  # 12-13, Quốc hiệu, bold capitals
SIZE_MOTTO = 13  # 13-14, Tiêu ngữ, bold
SIZE_PARTY_TITLE = 14  # "ĐẢNG CỘNG SẢN VIỆT NAM", bold capitals
SIZE_DATE_LINE = 14  # 13-14, italic
SIZE_TYPE_NAME = 14  # 13-14, bold capitals
SIZE_SUMMARY = 14  # 13-14, bold
SIZE_BODY = 14  # 13-14
SIZE_TABLE = 13  # 12-13
SIZE_RECIPIENTS_LABEL = 12  # "Nơi nhận:", bold italic
SIZE_RECIPIENTS = 11  # 11
SIZE_SIGNER = 14  # 13-14, bold
SIZE_PAGE_NUMBER = 13  # 13-14

FIRST_LINE_INDENT_MM = 12.7
PARAGRAPH_SPACING_PT = 6
SIGNATURE_SPACE_LINES = 4  # blank lines left for the signature and the seal

# Column widths (mm) of the header table: issuer block | Quốc hiệu (or Party title).
HEADER_COLUMNS_MM = {"state": (65, 100), "party": (80, 85)}
SIGNATURE_COLUMNS_MM = (80, 85)
CELL_MARGIN_MM = 1
ISSUER_RULE_MM = 25  # the short line under the issuer name
SUMMARY_RULE_MM = 40  # the short line under the summary
ADDRESSEE_INDENT_MM = 35
ORDINAL_HEADERS = frozenset({"STT", "TT", "Số TT"})  # ordinal columns, centred
RULE_GAP_PT = 3  # between the summary (or annex title) and its short line

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def render_docx(spec: DocumentSpec | Mapping[str, Any]) -> bytes:
    """The document as DOCX bytes; a mapping is validated first (SpecError)."""
    if not isinstance(spec, DocumentSpec):
        spec = DocumentSpec.from_dict(spec)
    document = _new_document(spec)
    _header_table(document, spec)
    _title(document, spec)
    _preamble(document, spec)
    annexes = []
    for block in spec.body:
        if isinstance(block, Annex):
            annexes.append(block)
        else:
            _block(document, block)
    _signature_table(document, spec)
    for annex in annexes:
        _annex(document, annex, spec)
    _page_numbers(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Document and runs -------------------------------------------------------------


def _new_document(spec: DocumentSpec) -> Document:
    document = new_document()
    _set_defaults(document)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.header_distance = section.footer_distance = Mm(HEADER_DISTANCE_MM)
    properties = document.core_properties
    properties.title = " ".join(filter(None, (spec.type_name, spec.summary)))[:250]
    properties.subject = spec.number_line
    properties.author = properties.last_modified_by = spec.issuer_name
    properties.language = LANGUAGE
    properties.comments = ""
    return document


def _set_defaults(document: Document) -> None:
    """Times New Roman and Vietnamese in the document defaults and the Normal style,
    without theme fonts (Word prefers a theme font over a named one)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run_defaults)
    run_defaults.find(qn("w:sz")).set(qn("w:val"), str(SIZE_BODY * 2))
    run_defaults.find(qn("w:szCs")).set(qn("w:val"), str(SIZE_BODY * 2))
    language = run_defaults.find(qn("w:lang"))
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = document.styles["Normal"]
    normal.font.name = FONT_NAME
    normal.font.size = Pt(SIZE_BODY)
    _set_fonts(normal.element.get_or_add_rPr())


def _set_fonts(rpr: Any) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in list(fonts.attrib):
        if attribute.endswith("Theme") or attribute.endswith("theme"):
            del fonts.attrib[attribute]
    for name in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{name}"), FONT_NAME)


def _run(
    paragraph: DocxParagraph,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> Any:
    run = paragraph.add_run(text)
    font = run.font
    font.name = FONT_NAME
    _set_fonts(run._r.get_or_add_rPr())
    font.size = Pt(size)
    if bold:
        font.bold = True
    if italic:
        font.italic = True
    if underline:
        font.underline = True
    return run


def _format(
    paragraph: DocxParagraph,
    *,
    align: str = "justify",
    first_line_mm: float | None = None,
    left_mm: float | None = None,
    right_mm: float | None = None,
    before: float = 0,
    after: float = 0,
    keep_with_next: bool = False,
) -> DocxParagraph:
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if first_line_mm is not None:
        fmt.first_line_indent = Mm(first_line_mm)
    if left_mm is not None:
        fmt.left_indent = Mm(left_mm)
    if right_mm is not None:
        fmt.right_indent = Mm(right_mm)
    if keep_with_next:
        fmt.keep_with_next = True
    return paragraph


def _line(
    container: Any,
    text: str,
    *,
    size: float,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    **formatting: Any,
) -> DocxParagraph:
    """One paragraph of one run; in a cell, the cell's empty first paragraph is used."""
    paragraph = _new_paragraph(container)
    _format(paragraph, **formatting)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic, underline=underline)
    else:
        _mark_size(paragraph, size)
    return paragraph


def _new_paragraph(container: Any) -> DocxParagraph:
    if isinstance(container, _Cell):
        paragraphs = container.paragraphs
        first = paragraphs[0]
        # A new cell holds one bare paragraph; use it rather than leave a blank line.
        if len(paragraphs) == 1 and first._p.pPr is None and not first.runs:
            return first
        return container.add_paragraph()
    return container.add_paragraph()


# Child order of w:pPr (ECMA-376 §17.3.1.26); python-docx knows only some of them.
_PPR_TAGS = (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr",
    "widowControl", "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs",
    "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct",
    "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl",
    "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
_PPR_ORDER = [qn(f"w:{tag}") for tag in _PPR_TAGS]


def _ppr_child(paragraph: DocxParagraph, tag: str) -> Any:
    """The pPr child `tag` ("w:rPr", "w:pBdr"), created in schema order if missing."""
    ppr = paragraph._p.get_or_add_pPr()
    found = ppr.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    rank = _PPR_ORDER.index(qn(tag))
    for child in ppr:
        if child.tag in _PPR_ORDER and _PPR_ORDER.index(child.tag) > rank:
            child.addprevious(element)
            return element
    ppr.append(element)
    return element


def _mark_size(paragraph: DocxParagraph, size: float) -> None:
    """The size of the paragraph mark, which sets the height of an empty line."""
    rpr = _ppr_child(paragraph, "w:rPr")
    _set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), str(round(size * 2)))
        rpr.append(element)


def _short_rule(
    container: Any, *, width_mm: float, space_mm: float, gap_pt: float = 0
) -> None:
    """A centred solid line `width_mm` long, `gap_pt` below the text above: the
    bottom border of an empty paragraph indented from both sides of `space_mm`."""
    indent = max((space_mm - width_mm) / 2, 0)
    paragraph = _new_paragraph(container)
    _format(paragraph, align="center", left_mm=indent, right_mm=indent, before=gap_pt)
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(2)
    _mark_size(paragraph, 1)
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("val", "single"),
        ("sz", "6"),
        ("space", "1"),
        ("color", "000000"),
    ):
        bottom.set(qn(f"w:{key}"), value)
    _ppr_child(paragraph, "w:pBdr").append(bottom)


# --- Tables ------------------------------------------------------------------------


def _table(
    document: Document, *, rows: int, widths_mm: tuple[float, ...], borders: bool
) -> DocxTable:
    table = document.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(_twips(sum(widths_mm))))
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if borders:
            for key, value in (("val", "single"), ("sz", "4"), ("space", "0")):
                element.set(qn(f"w:{key}"), value)
            element.set(qn("w:color"), "000000")
        else:
            element.set(qn("w:val"), "nil")
        edges.append(element)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(_twips(CELL_MARGIN_MM)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    # Schema order: tblW, jc, tblInd, tblBorders, shd, tblLayout, tblCellMar, tblLook.
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.find(qn("w:tblLook")).addprevious(layout)
    layout.set(qn("w:type"), "fixed")
    layout.addprevious(edges)
    layout.addnext(margins)
    for index, column_width in enumerate(widths_mm):
        table.columns[index].width = Mm(column_width)
        for cell in table.columns[index].cells:
            cell.width = Mm(column_width)
    return table


def _twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def _row_property(row: Any, tag: str) -> None:
    row._tr.get_or_add_trPr().append(OxmlElement(tag))


def _cell_space(width_mm: float) -> float:
    return width_mm - 2 * CELL_MARGIN_MM


# --- Header ------------------------------------------------------------------------


def _header_table(document: Document, spec: DocumentSpec) -> None:
    left_mm, right_mm = HEADER_COLUMNS_MM[spec.format]
    table = _table(document, rows=2, widths_mm=(left_mm, right_mm), borders=False)
    issuer, national = table.cell(0, 0), table.cell(0, 1)
    number, dated = table.cell(1, 0), table.cell(1, 1)
    for cell in (issuer, national, number, dated):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    if spec.governing_body:
        _line(issuer, spec.governing_body, size=SIZE_GOVERNING_BODY, align="center")
    _line(issuer, spec.issuer_name, size=SIZE_ISSUER, bold=True, align="center")
    if spec.format == "party":
        _line(issuer, "*", size=SIZE_ISSUER, align="center")
        _line(
            national,
            "ĐẢNG CỘNG SẢN VIỆT NAM",
            size=SIZE_PARTY_TITLE,
            bold=True,
            underline=True,
            align="center",
        )
    else:
        _short_rule(issuer, width_mm=ISSUER_RULE_MM, space_mm=_cell_space(left_mm))
        _line(
            national,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            size=SIZE_NATIONAL_TITLE,
            bold=True,
            align="center",
        )
        _line(
            national,
            "Độc lập - Tự do - Hạnh phúc",
            size=SIZE_MOTTO,
            bold=True,
            underline=True,
            align="center",
        )
    _line(number, spec.number_line, size=SIZE_NUMBER, align="center", before=6)
    if spec.is_letter:
        _line(
            number,
            f"V/v {spec.summary}",
            size=SIZE_LETTER_SUMMARY,
            align="center",
            before=3,
        )
    _line(
        dated,
        spec.date_line,
        size=SIZE_DATE_LINE,
        italic=True,
        align="center",
        before=6,
    )


def _title(document: Document, spec: DocumentSpec) -> None:
    if spec.is_letter:
        return
    _line(
        document,
        spec.type_name or "",
        size=SIZE_TYPE_NAME,
        bold=True,
        align="center",
        before=18,
        keep_with_next=True,
    )
    _line(
        document,
        spec.summary,
        size=SIZE_SUMMARY,
        bold=True,
        align="center",
        keep_with_next=True,
    )
    _short_rule(
        document, width_mm=SUMMARY_RULE_MM, space_mm=TEXT_WIDTH_MM, gap_pt=RULE_GAP_PT
    )


def _preamble(document: Document, spec: DocumentSpec) -> None:
    """Kính gửi (công văn); authority line, căn cứ and the enacting line (QĐ)."""
    if spec.addressees:
        _addressees(document, spec.addressees)
    if spec.decision_heading:
        _line(
            document,
            spec.decision_heading,
            size=SIZE_BODY,
            bold=True,
            align="center",
            before=12,
            after=6,
        )
    # The căn cứ of a decision are italic (NĐ 30); in a plan or a report they
    # open the text, upright.
    for basis in spec.basis:
        _line(
            document,
            basis,
            size=SIZE_BODY,
            italic=bool(spec.enacting_line),
            first_line_mm=FIRST_LINE_INDENT_MM,
            before=PARAGRAPH_SPACING_PT,
        )
    if spec.enacting_line:
        _line(
            document,
            spec.enacting_line,
            size=SIZE_BODY,
            bold=True,
            align="center",
            before=12,
            after=6,
            keep_with_next=True,
        )


def _addressees(document: Document, addressees: tuple[str, ...]) -> None:
    if len(addressees) == 1:
        _line(
            document,
            f"Kính gửi: {addressees[0]}",
            size=SIZE_BODY,
            align="center",
            before=18,
            after=6,
        )
        return
    for index, addressee in enumerate(addressees):
        paragraph = _new_paragraph(document)
        _format(
            paragraph,
            align="left",
            left_mm=ADDRESSEE_INDENT_MM + 25,
            first_line_mm=-25 if index == 0 else 0,
            before=18 if index == 0 else 0,
            after=6 if index == len(addressees) - 1 else 0,
        )
        if index == 0:
            paragraph.paragraph_format.tab_stops.add_tab_stop(
                Mm(ADDRESSEE_INDENT_MM + 25)
            )
            _run(paragraph, "Kính gửi:\t", size=SIZE_BODY)
        _run(paragraph, f"- {addressee}", size=SIZE_BODY)


# --- Body --------------------------------------------------------------------------


def _block(document: Document, block: Block) -> None:
    body = {
        "size": SIZE_BODY,
        "first_line_mm": FIRST_LINE_INDENT_MM,
        "before": PARAGRAPH_SPACING_PT,
    }
    if isinstance(block, Heading):
        _line(
            document,
            block.text,
            bold=block.level in (1, 2),
            italic=block.level in (2, 3),
            keep_with_next=True,
            **body,
        )
    elif isinstance(block, Paragraph):
        _line(document, block.text, **body)
    elif isinstance(block, ListBlock):
        for item in block.items:
            _line(document, f"{block.marker} {item}", **body)
    elif isinstance(block, Article):
        paragraph = _format(
            document.add_paragraph(),
            first_line_mm=FIRST_LINE_INDENT_MM,
            before=PARAGRAPH_SPACING_PT,
        )
        _run(paragraph, f"Điều {block.number}.", size=SIZE_BODY, bold=True)
        _run(paragraph, f" {block.text}", size=SIZE_BODY)
    elif isinstance(block, Table):
        _data_table(document, block)
    elif isinstance(block, PageBreak):
        paragraph = document.add_paragraph()
        _run(paragraph, "", size=SIZE_BODY).add_break(WD_BREAK.PAGE)


def _data_table(document: Document, block: Table) -> None:
    columns = len(block.header)
    widths = block.widths_mm or column_widths(block.header, block.rows)
    alignments = column_alignments(block.header, block.rows)
    _line(document, "", size=SIZE_BODY, before=0)  # spacing before the grid
    table = _table(document, rows=1 + len(block.rows), widths_mm=widths, borders=True)
    _row_property(table.rows[0], "w:tblHeader")  # repeat on every page
    for index, text in enumerate(block.header):
        _line(
            table.cell(0, index),
            text,
            size=SIZE_TABLE,
            bold=True,
            align="center",
            before=2,
            after=2,
        )
    for row_index, row in enumerate(block.rows, start=1):
        _row_property(table.rows[row_index], "w:cantSplit")
        for index, text in enumerate(row[:columns]):
            _line(
                table.cell(row_index, index),
                text,
                size=SIZE_TABLE,
                align=alignments[index],
                before=2,
                after=2,
            )


# Column sizing. Widths are estimated from Times New Roman's advance widths (in em)
# by kind of character: close enough to keep a code on one line and give the
# names the room, without measuring fonts at render time.
_EM_MM = SIZE_TABLE * 25.4 / 72
_BOLD_FACTOR = 1.08
_SLACK = 1.1  # estimates err short on wide letters (m, w, M, W)
_CELL_PADDING_MM = 2 * CELL_MARGIN_MM + 1.5
_WANTED_CAP_MM = 90  # a long cell wraps rather than starve the other columns
_NUMBER = re.compile(r"^[+-]?\d[\d.]*(,\d+)?%?$")
_DATE = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


_NARROW = frozenset("IJfijlrt")
_WIDE = frozenset("MWmw")


def _char_em(char: str) -> float:
    base = unicodedata.normalize("NFD", char)[0]
    if base.isdigit():
        return 0.5
    if base == " ":
        return 0.25
    if base in _NARROW:
        return 0.33
    if base in _WIDE:
        return 0.85
    if base.isupper():
        return 0.68
    if base.isalpha():
        return 0.48
    return 0.33


def _text_mm(text: str, *, bold: bool = False) -> float:
    em = sum(_char_em(char) for char in text) * (_BOLD_FACTOR if bold else 1)
    return em * _EM_MM * _SLACK + _CELL_PADDING_MM


def column_widths(
    header: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    total_mm: float = TEXT_WIDTH_MM,
) -> tuple[float, ...]:
    """Widths (mm) summing to `total_mm`: each column at least as wide as its longest
    word (so a code never breaks over two lines), the rest of the line shared by
    the columns whose text would otherwise wrap, in proportion to that text."""
    minimum, wanted = [], []
    for index, title in enumerate(header):
        cells = [row[index] for row in rows if index < len(row)]
        words = [w for cell in cells for w in cell.split()]
        shortest = max(
            [_text_mm(w) for w in words]
            + [_text_mm(w, bold=True) for w in title.split()]
            or [_CELL_PADDING_MM]
        )
        longest = max([_text_mm(cell) for cell in cells] or [shortest])
        minimum.append(shortest)
        wanted.append(max(shortest, min(longest, _WANTED_CAP_MM)))
    if sum(minimum) >= total_mm:
        scale = total_mm / sum(minimum)
        return _rounded([w * scale for w in minimum], total_mm)
    if sum(wanted) <= total_mm:
        # Room to spare: it goes to the columns of running text (names, posts).
        stretch = [w - m for w, m in zip(wanted, minimum, strict=True)]
        weights = stretch if sum(stretch) > 0 else wanted
        spare = total_mm - sum(wanted)
        widths = [
            w + spare * x / sum(weights) for w, x in zip(wanted, weights, strict=True)
        ]
    else:
        columns = [
            _longest_cells([row[i] for row in rows if i < len(row)])
            for i in range(len(header))
        ]
        widths = _fewest_lines(columns, minimum, wanted, total_mm - sum(minimum))
    return _rounded(widths, total_mm)


def _longest_cells(cells: list[str], keep: int = 12) -> list[list[float]]:
    """The word widths of the longest cells of a column (enough to size it)."""
    longest = sorted(cells, key=len, reverse=True)[:keep]
    return [
        [_text_mm(word) - _CELL_PADDING_MM for word in cell.split()] for cell in longest
    ]


def _wrapped_lines(words_mm: list[float], width_mm: float) -> int:
    """Lines a cell takes when its words (their widths, without padding) are
    packed into `width_mm`."""
    room = width_mm - _CELL_PADDING_MM
    space = _char_em(" ") * _EM_MM * _SLACK
    lines, used = 1, 0.0
    for word in words_mm:
        if used and used + space + word > room:
            lines, used = lines + 1, word
        else:
            used += (space if used else 0) + word
    return lines


def _column_lines(cells: list[list[float]], width_mm: float) -> int:
    return max((_wrapped_lines(words, width_mm) for words in cells), default=1)


def _fewest_lines(
    columns: list[list[list[float]]],
    minimum: list[float],
    wanted: list[float],
    spare: float,
) -> list[float]:
    """Short of room, every column keeps its longest word whole; the rest goes,
    step by step, to the column whose cells take the most lines, the cheapest
    first, so the rows are as low as they can be (a name on one line, a long
    post or agency on two)."""
    widths = list(minimum)
    step = 0.5
    while spare >= step:
        lines = [_column_lines(c, w) for c, w in zip(columns, widths, strict=True)]
        tallest = max(lines)
        if tallest <= 1:
            break
        costs = {}
        for index, count in enumerate(lines):
            if count != tallest:
                continue
            extra = step
            while extra <= spare and (
                _column_lines(columns[index], widths[index] + extra) >= count
            ):
                extra += step
            if extra <= spare:
                costs[index] = extra
        if not costs:
            break
        index = min(costs, key=costs.__getitem__)
        widths[index] += costs[index]
        spare -= costs[index]
    # What is left goes to the columns of running text, as they still wrap.
    weights = [max(x - w, 0) for x, w in zip(wanted, widths, strict=True)]
    if not sum(weights):
        weights = [x - m for x, m in zip(wanted, minimum, strict=True)]
    total = sum(weights) or 1
    return [w + spare * x / total for w, x in zip(widths, weights, strict=True)]


def _rounded(widths: list[float], total_mm: float) -> tuple[float, ...]:
    """To 0.1 mm, the rounding put on the widest column so the sum is exact."""
    rounded = [round(w, 1) for w in widths]
    widest = rounded.index(max(rounded))
    rounded[widest] = round(rounded[widest] + total_mm - sum(rounded), 1)
    return tuple(rounded)


def column_alignments(
    header: tuple[str, ...], rows: tuple[tuple[str, ...], ...]
) -> tuple[str, ...]:
    """Ordinals and dates centred, numbers right-aligned, text left."""
    alignments = []
    for index, title in enumerate(header):
        cells = [row[index] for row in rows if index < len(row) and row[index]]
        if title in ORDINAL_HEADERS or (cells and all(_DATE.match(c) for c in cells)):
            alignments.append("center")
        elif cells and all(_NUMBER.match(c) for c in cells):
            alignments.append("right")
        else:
            alignments.append("left")
    return tuple(alignments)


# --- Signature and recipients ------------------------------------------------------


def _signature_table(document: Document, spec: DocumentSpec) -> None:
    table = _table(document, rows=1, widths_mm=SIGNATURE_COLUMNS_MM, borders=False)
    _row_property(table.rows[0], "w:cantSplit")
    recipients, signer = table.cell(0, 0), table.cell(0, 1)
    _line(
        recipients,
        "Nơi nhận:",
        size=SIZE_RECIPIENTS_LABEL,
        bold=True,
        italic=True,
        align="left",
        before=12,
    )
    for recipient in spec.recipients:
        _line(
            recipients,
            f"- {_without_dash(recipient)}",
            size=SIZE_RECIPIENTS,
            align="left",
        )
    _line(recipients, spec.archive_line, size=SIZE_RECIPIENTS, align="left")

    lines = [spec.signer.authority, spec.signer.title]
    first = True
    for text in filter(None, lines):
        _line(
            signer,
            text.upper(),
            size=SIZE_SIGNER,
            bold=True,
            align="center",
            before=12 if first else 0,
        )
        first = False
    for _ in range(SIGNATURE_SPACE_LINES):
        _line(signer, "", size=SIZE_SIGNER, align="center")
    if spec.signer.name:
        _line(signer, spec.signer.name, size=SIZE_SIGNER, bold=True, align="center")


def _without_dash(text: str) -> str:
    return text.lstrip("-+• ").strip()


# An annex names the document it belongs to before that document has a number; the
# markers are filled in from the spec each time the document is laid out.
ANNEX_SYMBOL_MARK = "[số ký hiệu]"
ANNEX_DATE_MARK = "[ngày]"


def _annex_subtitle(text: str, spec: DocumentSpec) -> str:
    return text.replace(ANNEX_SYMBOL_MARK, spec.symbol).replace(
        ANNEX_DATE_MARK, document_date(spec.date)
    )


def _annex(document: Document, annex: Annex, spec: DocumentSpec) -> None:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.page_break_before = True
    _format(paragraph, align="center", keep_with_next=True)
    _run(paragraph, annex.title, size=SIZE_TYPE_NAME, bold=True)
    if annex.name:
        _line(
            document,
            annex.name,
            size=SIZE_TYPE_NAME,
            bold=True,
            align="center",
            keep_with_next=True,
        )
    if annex.subtitle:
        _line(
            document,
            _annex_subtitle(annex.subtitle, spec),
            size=SIZE_BODY,
            italic=True,
            align="center",
            keep_with_next=True,
        )
    _short_rule(
        document, width_mm=SUMMARY_RULE_MM, space_mm=TEXT_WIDTH_MM, gap_pt=RULE_GAP_PT
    )
    for block in annex.blocks:
        _block(document, block)


# --- Page numbers ------------------------------------------------------------------


def _page_numbers(document: Document) -> None:
    """Centred page numbers in the header from page 2; page 1 has an empty header."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    _format(first.paragraphs[0], align="center")
    header = section.header
    header.is_linked_to_previous = False
    paragraph = _format(header.paragraphs[0], align="center")
    _run(paragraph, "", size=SIZE_PAGE_NUMBER)._r.append(_field_char("begin"))
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    _run(paragraph, "", size=SIZE_PAGE_NUMBER)._r.append(instruction)
    _run(paragraph, "", size=SIZE_PAGE_NUMBER)._r.append(_field_char("separate"))
    _run(paragraph, "2", size=SIZE_PAGE_NUMBER)
    _run(paragraph, "", size=SIZE_PAGE_NUMBER)._r.append(_field_char("end"))


def _field_char(kind: str) -> Any:
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element
