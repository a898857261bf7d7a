"""The rendering engine: specs validated, DOCX laid out per NĐ 30, PDF through
LibreOffice with fonts that carry every Vietnamese letter."""

from __future__ import annotations

import copy
import io
import json
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Mm, Pt
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from daotao.core.text import normalize
from daotao.documents.rendering import (
    DocumentSpec,
    RenderError,
    SpecError,
    docx_to_pdf,
    number_text,
    render_docx,
    render_pdf,
)
from daotao.documents.rendering import docx as layout
from daotao.documents.rendering import pdf as pdf_module

EXAMPLES = Path(__file__).resolve().parents[3] / "docs" / "examples"
SEED = "bao-cao-104-BC-TrCT-2014"
# Page counts of the examples as LibreOffice lays them out (measured once).
PAGE_COUNTS = {
    SEED: 6,
    "quyet-dinh-mau": 2,
    "cong-van-mau": 1,
    "nghi-quyet-dang-uy-mau": 1,
}
SEED_HEADINGS = [
    "1. Công tác tham mưu, phối hợp.",
    "2. Kết quả cụ thể",
    "3. Đánh giá chung",
    "4. Một số kinh nghiệm bước đầu",
    "5. Những kiến nghị, đề xuất",
    "5.1. Đối với Học viện Chính trị Quốc gia Hồ Chí Minh",
    "5.2. Đối với Tỉnh ủy, Ủy ban nhân dân tỉnh",
    "5.3. Đối với các huyện thị, thành phố",
]
SEED_RECIPIENTS = [
    "- GĐ Học viện Chính trị QGHCM;",
    "- Thường trực Tỉnh ủy;",
    "- Thường trực HĐND, UBND tỉnh;",
    "- Các Ban của Tỉnh ủy;",
    "- Văn phòng Tỉnh ủy;",
    "- Đảng ủy khối;",
    "- Các huyện, thị, thành phố;",
    "- Giám hiệu;",
    "- Các khoa, phòng, tổ bộ môn;",
    "- Lưu: VT, PNCKH.",
]


def example(name: str) -> dict[str, Any]:
    return json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))


def read_docx(spec: dict[str, Any]) -> Any:
    return Document(io.BytesIO(render_docx(spec)))


def paragraphs_of(container: Any) -> list[Any]:
    return [p for p in container.paragraphs if p.text.strip()]


def texts_of(container: Any) -> list[str]:
    return [p.text for p in paragraphs_of(container)]


def all_paragraphs(document: Any) -> list[Any]:
    """Body, table cells, headers and footers, in document order for the body."""
    found = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += cell.paragraphs
    section = document.sections[0]
    for part in (section.header, section.first_page_header, section.footer):
        found += part.paragraphs
    return found


def minimal_spec(**overrides: Any) -> dict[str, Any]:
    spec = {
        "format": "state",
        "governing_body": "UBND TỈNH THANH HÓA",
        "issuer_name": "TRƯỜNG CHÍNH TRỊ",
        "number": 104,
        "type_abbreviation": "BC",
        "issuer_abbreviation": "TrCT",
        "unit_abbreviation": "PNCKH",
        "type_name": "BÁO CÁO",
        "place": "Thanh Hóa",
        "date": "2014-04-29",
        "summary": "Kết quả công tác",
        "body": [{"kind": "paragraph", "text": "Nội dung."}],
        "signer": {"title": "HIỆU TRƯỞNG", "name": "Nguyễn Văn A"},
        "recipients": ["Giám hiệu;"],
        "archive_units": ["PNCKH"],
    }
    spec.update(overrides)
    return spec


@pytest.fixture(scope="module")
def seed() -> Any:
    return read_docx(example(SEED))


# --- The seed report, read back ----------------------------------------------------


def test_header_left_cell_has_governing_body_then_issuer_in_capitals(seed):
    cell = seed.tables[0].cell(0, 0)
    first, second = paragraphs_of(cell)[:2]
    assert (first.text, second.text) == ("UBND TỈNH THANH HÓA", "TRƯỜNG CHÍNH TRỊ")
    assert first.runs[0].bold is None and first.runs[0].font.size == Pt(13)
    assert second.runs[0].bold is True and second.runs[0].font.size == Pt(13)


def test_a_short_line_sits_under_the_issuer_name(seed):
    rule = seed.tables[0].cell(0, 0).paragraphs[2]
    assert rule.text == ""
    bottom = rule._p.pPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}pBdr"
    )[0]
    assert bottom.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val"
    ) == ("single")
    space = layout._cell_space(layout.HEADER_COLUMNS_MM["state"][0])
    indent = Mm((space - layout.ISSUER_RULE_MM) / 2)
    assert abs(rule.paragraph_format.left_indent - indent) < Mm(0.1)
    assert abs(rule.paragraph_format.right_indent - indent) < Mm(0.1)


def test_header_right_cell_has_national_title_and_underlined_motto(seed):
    national, motto = paragraphs_of(seed.tables[0].cell(0, 1))
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert national.runs[0].bold is True and national.runs[0].font.size == Pt(12)
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert motto.runs[0].bold is True and motto.runs[0].font.size == Pt(13)
    assert motto.runs[0].underline is True


def test_number_line_and_italic_date_line(seed):
    (number,) = paragraphs_of(seed.tables[0].cell(1, 0))
    (dated,) = paragraphs_of(seed.tables[0].cell(1, 1))
    assert number.text == "Số: 104/BC-TrCT"
    assert number.runs[0].font.size == Pt(13)
    assert dated.text == "Thanh Hóa, ngày 29 tháng 4 năm 2014"
    assert dated.runs[0].italic is True and dated.runs[0].font.size == Pt(14)


def test_header_table_has_no_borders(seed):
    borders = seed.tables[0]._tbl.tblPr.find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblBorders"
    )
    values = {
        edge.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
        for edge in borders
    }
    assert values == {"nil"}


def test_type_name_and_summary_are_centred_bold(seed):
    body = paragraphs_of(seed)
    title, summary = body[0], body[1]
    assert title.text == "BÁO CÁO"
    assert summary.text == example(SEED)["summary"]
    assert summary.text.startswith("Kết quả thực hiện Hội thảo khoa học")
    for paragraph in (title, summary):
        assert paragraph.runs[0].bold is True
        assert paragraph.runs[0].font.size == Pt(14)
        assert paragraph.alignment == 1  # centre


def test_numbered_section_headings_in_order_and_bold(seed):
    headings = [p for p in seed.paragraphs if p.text in SEED_HEADINGS]
    assert [p.text for p in headings] == SEED_HEADINGS
    for paragraph in headings:
        level = paragraph.text.split(" ")[0].count(".")
        assert paragraph.runs[0].bold is True
        assert paragraph.runs[0].italic is (True if level == 2 else None)


def test_body_paragraphs_are_justified_and_indented(seed):
    opening = next(p for p in seed.paragraphs if p.text.startswith("Được sự đồng ý"))
    fmt = opening.paragraph_format
    assert opening.alignment == 3  # justify
    assert abs(fmt.first_line_indent - Mm(layout.FIRST_LINE_INDENT_MM)) < Mm(0.1)
    assert fmt.space_before == Pt(6)
    assert opening.runs[0].font.size == Pt(14)


def test_lists_are_rendered_with_their_dashes(seed):
    texts = [p.text for p in seed.paragraphs]
    assert "- Hội thảo được tổ chức 1 ngày (ngày 7/4/2014)" in texts
    assert any(
        text.startswith("+ Trường Chính trị Thanh Hóa tập trung") for text in texts
    )


def test_every_paragraph_of_the_seed_is_in_the_document(seed):
    texts = {p.text for p in seed.paragraphs}
    for block in example(SEED)["body"]:
        for text in block.get("items", [block.get("text")]):
            assert any(text in rendered for rendered in texts), text


def test_recipients_end_with_the_archive_line(seed):
    cell = seed.tables[-1].cell(0, 0)
    label, *recipients = paragraphs_of(cell)
    assert label.text == "Nơi nhận:"
    assert label.runs[0].bold is True and label.runs[0].italic is True
    assert label.runs[0].font.size == Pt(12)
    assert [p.text for p in recipients] == SEED_RECIPIENTS
    assert {p.runs[0].font.size for p in recipients} == {Pt(11)}


def test_signature_block_in_bold_capitals_and_centred(seed):
    lines = paragraphs_of(seed.tables[-1].cell(0, 1))
    assert [p.text for p in lines] == ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]
    assert all(p.runs[0].bold and p.alignment == 1 for p in lines)
    blank = len(seed.tables[-1].cell(0, 1).paragraphs) - len(lines)
    assert blank == layout.SIGNATURE_SPACE_LINES


def test_every_run_is_times_new_roman_for_every_script(seed):
    runs = [run for p in all_paragraphs(seed) for run in p.runs]
    assert len(runs) > 70
    attributes = ("ascii", "hAnsi", "cs", "eastAsia")
    for run in runs:
        assert run.font.name == "Times New Roman"
        fonts = run._r.rPr.rFonts
        for attribute in attributes:
            assert fonts.get(f"{{{fonts.nsmap['w']}}}{attribute}") == "Times New Roman"


def test_normal_style_and_defaults_are_times_new_roman_without_theme_fonts(seed):
    assert seed.styles["Normal"].font.name == "Times New Roman"
    xml = seed.styles.element.xml
    assert "asciiTheme" not in xml.split("</w:docDefaults>")[0]
    assert 'w:lang w:val="vi-VN"' in xml


def test_page_is_a4_portrait_with_the_margins_of_the_constants(seed):
    section = seed.sections[0]
    # Word stores twips; 1 mm is 56.7 twips, so a tenth of a millimetre is exact.
    in_mm = {
        name: round(getattr(section, name).mm, 1)
        for name in (
            "page_width",
            "page_height",
            "top_margin",
            "bottom_margin",
            "left_margin",
            "right_margin",
        )
    }
    assert in_mm == {
        "page_width": 210,
        "page_height": 297,
        "top_margin": layout.MARGIN_TOP_MM,
        "bottom_margin": layout.MARGIN_BOTTOM_MM,
        "left_margin": layout.MARGIN_LEFT_MM,
        "right_margin": layout.MARGIN_RIGHT_MM,
    }
    assert (layout.MARGIN_TOP_MM, layout.MARGIN_BOTTOM_MM) == (20, 20)
    assert (layout.MARGIN_LEFT_MM, layout.MARGIN_RIGHT_MM) == (30, 15)
    assert section.orientation == 0  # portrait


def test_page_numbers_from_page_two_only(seed):
    section = seed.sections[0]
    assert section.different_first_page_header_footer is True
    assert "PAGE" not in section.first_page_header._element.xml
    assert texts_of(section.first_page_header) == []
    header = section.header
    (paragraph,) = header.paragraphs
    assert "<w:instrText" in paragraph._p.xml and " PAGE " in paragraph._p.xml
    assert 'w:fldCharType="begin"' in paragraph._p.xml
    assert paragraph.alignment == 1
    assert {run.font.size for run in paragraph.runs} == {Pt(13)}


# --- Dates and numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso", "expected"),
    [
        ("2026-03-05", "Thanh Hóa, ngày 05 tháng 3 năm 2026"),
        ("2023-02-28", "Thanh Hóa, ngày 28 tháng 02 năm 2023"),
        ("2025-01-12", "Thanh Hóa, ngày 12 tháng 01 năm 2025"),
        ("2014-12-31", "Thanh Hóa, ngày 31 tháng 12 năm 2014"),
    ],
)
def test_date_line_pads_days_and_only_months_one_and_two(iso, expected):
    document = read_docx(minimal_spec(date=iso))
    assert texts_of(document.tables[0].cell(1, 1)) == [expected]


@pytest.mark.parametrize(
    ("number", "expected"), [(1, "01"), (5, "05"), (10, "10"), (104, "104")]
)
def test_number_text_pads_below_ten(number, expected):
    assert number_text(number) == expected


def test_number_below_ten_is_rendered_with_a_leading_zero():
    document = read_docx(minimal_spec(number=5))
    assert texts_of(document.tables[0].cell(1, 0)) == ["Số: 05/BC-TrCT"]


def test_draft_leaves_blank_space_for_the_number():
    document = read_docx(minimal_spec(number=None))
    assert texts_of(document.tables[0].cell(1, 0)) == ["Số:      /BC-TrCT"]


def test_dict_and_spec_render_the_same_document():
    data = minimal_spec()
    from_dict = Document(io.BytesIO(render_docx(data)))
    from_spec = Document(io.BytesIO(render_docx(DocumentSpec.from_dict(data))))
    assert [p.text for p in all_paragraphs(from_dict)] == [
        p.text for p in all_paragraphs(from_spec)
    ]


# --- The other examples ------------------------------------------------------------


def test_decision_has_authority_basis_enacting_line_and_articles():
    document = read_docx(example("quyet-dinh-mau"))
    texts = [p.text for p in document.paragraphs]
    assert texts_of(document.tables[0].cell(1, 0)) == ["Số: 05/QĐ-TrCT"]
    assert texts[:2] == [
        "QUYẾT ĐỊNH",
        "Về việc mở lớp Trung cấp lý luận chính trị hệ không tập trung khóa "
        "2025 - 2026",
    ]
    authority = next(p for p in document.paragraphs if p.text.startswith("HIỆU"))
    assert authority.text == "HIỆU TRƯỞNG TRƯỜNG CHÍNH TRỊ TỈNH THANH HÓA"
    assert authority.runs[0].bold is True
    basis = [p for p in document.paragraphs if p.text.startswith("Căn cứ")]
    assert len(basis) == 2 and all(p.runs[0].italic for p in basis)
    enacting = next(p for p in document.paragraphs if p.text == "QUYẾT ĐỊNH:")
    assert enacting.runs[0].bold is True and enacting.alignment == 1
    articles = [p for p in document.paragraphs if p.text.startswith("Điều ")]
    assert [p.runs[0].text for p in articles] == ["Điều 1.", "Điều 2.", "Điều 3."]
    assert all(p.runs[0].bold and not p.runs[1].bold for p in articles)
    assert texts.index("QUYẾT ĐỊNH:") < texts.index(articles[0].text)


def test_decision_annex_follows_the_signature_with_a_bordered_table():
    document = read_docx(example("quyet-dinh-mau"))
    annex_title = next(p for p in document.paragraphs if p.text == "DANH SÁCH HỌC VIÊN")
    assert annex_title.paragraph_format.page_break_before is True
    grid = document.tables[-1]
    assert [c.text for c in grid.rows[0].cells] == [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Đơn vị công tác",
    ]
    assert grid.rows[1].cells[1].text == "Lê Thị Hồng Nhung"
    assert grid.rows[0].cells[0].paragraphs[0].runs[0].font.size == Pt(13)
    assert "w:tblHeader" in grid.rows[0]._tr.xml
    assert 'w:val="single"' in grid._tbl.tblPr.xml
    # The signature table comes before the annex table.
    assert "Nơi nhận:" in document.tables[1].cell(0, 0).text


def test_letter_has_v_v_line_and_unit_symbol_and_no_type_name():
    document = read_docx(example("cong-van-mau"))
    number_cell = texts_of(document.tables[0].cell(1, 0))
    assert number_cell == [
        "Số: 15/TrCT-QLĐT",
        "V/v cử cán bộ tham gia lớp Trung cấp lý luận chính trị năm 2025",
    ]
    v_v = paragraphs_of(document.tables[0].cell(1, 0))[1]
    assert v_v.runs[0].font.size == Pt(12) and v_v.alignment == 1
    texts = [p.text for p in document.paragraphs]
    assert "Kính gửi:\t- Ban Thường vụ các huyện ủy, thị ủy, thành ủy;" in texts
    assert "- Đảng ủy Khối cơ quan và doanh nghiệp tỉnh." in texts
    assert "CÔNG VĂN" not in texts


def test_single_addressee_is_one_centred_line():
    spec = example("cong-van-mau")
    spec["addressees"] = ["Sở Nội vụ tỉnh Thanh Hóa."]
    document = read_docx(spec)
    line = next(p for p in document.paragraphs if p.text.startswith("Kính gửi"))
    assert line.text == "Kính gửi: Sở Nội vụ tỉnh Thanh Hóa."
    assert line.alignment == 1


def test_party_format_has_party_title_asterisk_and_hyphenated_number():
    document = read_docx(example("nghi-quyet-dang-uy-mau"))
    all_text = "\n".join(p.text for p in all_paragraphs(document))
    assert "CỘNG HÒA" not in all_text and "Độc lập" not in all_text
    (title,) = paragraphs_of(document.tables[0].cell(0, 1))
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM"
    assert title.runs[0].bold is True and title.runs[0].underline is True
    assert texts_of(document.tables[0].cell(0, 0)) == [
        "ĐẢNG BỘ TỈNH THANH HÓA",
        "ĐẢNG ỦY TRƯỜNG CHÍNH TRỊ",
        "*",
    ]
    assert texts_of(document.tables[0].cell(1, 0)) == ["Số 12-NQ/ĐU"]
    assert texts_of(document.tables[0].cell(1, 1)) == [
        "Thanh Hóa, ngày 28 tháng 02 năm 2025"
    ]


def test_party_letter_number_is_issuer_then_unit():
    spec = DocumentSpec.from_dict(
        minimal_spec(
            format="party",
            type_abbreviation=None,
            type_name=None,
            issuer_abbreviation="ĐU",
            unit_abbreviation="VP",
            number=7,
        )
    )
    assert spec.number_line == "Số 07/ĐU-VP"


def test_page_break_block_breaks_the_page():
    spec = minimal_spec(
        body=[
            {"kind": "paragraph", "text": "Trang một."},
            {"kind": "page_break"},
            {"kind": "paragraph", "text": "Trang hai."},
        ]
    )
    assert 'w:type="page"' in read_docx(spec).element.body.xml


# --- Validation --------------------------------------------------------------------


def errors_for(data: Any) -> list[str]:
    with pytest.raises(SpecError) as caught:
        DocumentSpec.from_dict(data)
    return caught.value.messages


def test_bad_date_and_empty_paragraph_are_named_with_their_place():
    body = [
        {"kind": "heading", "level": 1, "text": "1. Mở đầu"},
        {"kind": "paragraph", "text": "Một."},
        {"kind": "list", "items": ["a"]},
        {"kind": "paragraph", "text": "   "},
    ]
    messages = errors_for(minimal_spec(date="2014-13-01", body=body))
    assert messages == [
        "date: ngày không hợp lệ '2014-13-01' (cần dạng YYYY-MM-DD)",
        "body[3]: thiếu nội dung đoạn văn",
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"format": "pdf"}, "format: phải là 'state' hoặc 'party', nhận được 'pdf'"),
        ({"number": 0}, "number: số văn bản phải là số nguyên dương, nhận được 0"),
        (
            {"number": "104"},
            "number: số văn bản phải là số nguyên dương, nhận được '104'",
        ),
        ({"issuer_name": ""}, "issuer_name: thiếu tên cơ quan ban hành"),
        ({"summary": None}, "summary: thiếu trích yếu"),
        ({"place": 5}, "place: phải là chuỗi ký tự, nhận được 5"),
        ({"date": None}, "date: thiếu ngày ban hành"),
        ({"signer": {"name": "A"}}, "signer.title: thiếu chức vụ người ký"),
        ({"signer": None}, "signer: thiếu thông tin người ký (authority, title, name)"),
        ({"recipients": "Giám hiệu"}, "recipients: phải là danh sách chuỗi ký tự"),
        ({"recipients": ["A;", ""]}, "recipients[1]: thiếu nơi nhận"),
        ({"colour": "red"}, "khóa không được hỗ trợ 'colour'"),
        (
            {"type_name": None},
            "type_name: tên loại và ký hiệu loại văn bản phải cùng có (văn bản có "
            "tên loại) hoặc cùng để trống (công văn)",
        ),
        (
            {"type_abbreviation": None, "type_name": None, "unit_abbreviation": None},
            "unit_abbreviation: thiếu ký hiệu đơn vị soạn thảo (bắt buộc với công văn)",
        ),
        ({"body": None}, "body: thiếu nội dung văn bản (danh sách khối)"),
        (
            {"body": [{"kind": "quote", "text": "x"}]},
            "body[0]: loại khối không hợp lệ 'quote' (cần một trong: heading, "
            "paragraph, list, article, table, page_break, annex)",
        ),
        (
            {"body": [{"kind": "heading", "level": 4, "text": "x"}]},
            "body[0]: cấp đề mục phải là 1, 2 hoặc 3, nhận được 4",
        ),
        (
            {"body": [{"kind": "heading", "level": 1}]},
            "body[0]: thiếu nội dung đề mục",
        ),
        (
            {"body": [{"kind": "list", "items": ["a", " "]}]},
            "body[0].items[1]: thiếu nội dung mục",
        ),
        (
            {"body": [{"kind": "list", "items": []}]},
            "body[0]: danh sách phải có ít nhất một mục ('items')",
        ),
        (
            {"body": [{"kind": "article", "number": -1, "text": "x"}]},
            "body[0]: số điều phải là số nguyên dương, nhận được -1",
        ),
        (
            {"body": [{"kind": "table", "header": ["A", "B"], "rows": [["1"]]}]},
            "body[0].rows[0]: có 1 ô, tiêu đề bảng có 2 cột",
        ),
        (
            {
                "body": [
                    {"kind": "table", "header": ["A"], "rows": [], "widths_mm": [0]}
                ]
            },
            "body[0].widths_mm: cần 1 độ rộng cột dương (mm), nhận được [0]",
        ),
        (
            {
                "body": [
                    {
                        "kind": "annex",
                        "title": "PHỤ LỤC",
                        "blocks": [{"kind": "annex", "title": "X", "blocks": []}],
                    }
                ]
            },
            "body[0].blocks[0]: phụ lục chỉ được đặt ở cấp ngoài cùng của nội dung",
        ),
        (
            {"body": [{"kind": "paragraph", "text": "x", "style": "bold"}]},
            "body[0]: khóa không được hỗ trợ 'style'",
        ),
    ],
)
def test_each_bad_field_gives_its_vietnamese_message(overrides, message):
    assert errors_for(minimal_spec(**overrides)) == [message]


def test_not_an_object_is_refused():
    assert errors_for([1, 2]) == ["đặc tả văn bản phải là một đối tượng JSON"]


def test_every_example_is_a_valid_spec():
    for name in PAGE_COUNTS:
        assert DocumentSpec.from_dict(example(name)).issuer_abbreviation


def test_text_is_normalised_to_nfc_with_single_spaces():
    decomposed = unicodedata.normalize("NFD", "Kết  quả\tcông tác")
    spec = DocumentSpec.from_dict(minimal_spec(summary=decomposed))
    assert spec.summary == "Kết quả công tác"
    assert unicodedata.is_normalized("NFC", spec.summary)


def test_render_does_not_change_the_input():
    data = example(SEED)
    before = copy.deepcopy(data)
    render_docx(data)
    assert data == before


# --- PDF through LibreOffice -------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs() -> dict[str, bytes]:
    """One conversion per example, shared by the PDF tests."""
    return {name: render_pdf(example(name)) for name in PAGE_COUNTS}


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.mark.parametrize("name", list(PAGE_COUNTS))
def test_every_example_converts_to_pdf_with_its_page_count(pdfs, name):
    assert pdfs[name].startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(pdfs[name])).pages) == PAGE_COUNTS[name]


KEY_TEXTS = {
    SEED: [
        "UBND TỈNH THANH HÓA",
        "TRƯỜNG CHÍNH TRỊ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 104/BC-TrCT",
        "Thanh Hóa, ngày 29 tháng 4 năm 2014",
        "BÁO CÁO",
        "Nơi nhận:",
        "- Lưu: VT, PNCKH.",
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
    ],
    "quyet-dinh-mau": ["Số: 05/QĐ-TrCT", "QUYẾT ĐỊNH:", "Điều 1.", "Điều 3."],
    "cong-van-mau": ["Số: 15/TrCT-QLĐT", "V/v cử cán bộ", "Kính gửi:"],
    "nghi-quyet-dang-uy-mau": ["ĐẢNG CỘNG SẢN VIỆT NAM", "Số 12-NQ/ĐU", "*"],
}


@pytest.mark.parametrize("name", list(PAGE_COUNTS))
def test_pdf_text_has_the_key_texts(pdfs, name):
    text = "\n".join(pdf_pages(pdfs[name]))
    for key in KEY_TEXTS[name]:
        assert key in text, key


def test_party_pdf_has_no_national_title(pdfs):
    assert "CỘNG HÒA" not in "\n".join(pdf_pages(pdfs["nghi-quyet-dang-uy-mau"]))


def test_seed_pdf_carries_every_word_of_the_body(pdfs):
    pages = pdf_pages(pdfs[SEED])
    # From page 2 the first line is the page number; page 1 has none.
    assert not pages[0].startswith("1")
    for number, page in enumerate(pages[1:], start=2):
        assert page.split("\n", 1)[0].strip() == str(number)
    words = " ".join(
        [pages[0]] + [page.split("\n", 1)[1] for page in pages[1:]]
    ).split()
    flowing = " ".join(words)
    for block in example(SEED)["body"]:
        for text in block.get("items", [block.get("text")]):
            assert normalize(text) in flowing, text


def test_pdf_embeds_liberation_serif_only(pdfs):
    fonts = set()
    for page in PdfReader(io.BytesIO(pdfs[SEED])).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert fonts == {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
        "LiberationSerif-BoldItalic",
    }


def vietnamese_letters() -> set[str]:
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    letters = {"đ", "Đ"}
    for vowel in "aăâeêioôơuưy":
        for tone in tones:
            for case in (vowel, vowel.upper()):
                letters.add(unicodedata.normalize("NFC", case + tone))
    return {letter for letter in letters if not letter.isascii()}


def test_the_vietnamese_sample_has_all_134_letters_with_diacritics():
    letters = vietnamese_letters()
    assert len(letters) == 134
    assert all(len(letter) == 1 for letter in letters)  # precomposed in NFC


@pytest.mark.parametrize("style", ["", ":bold", ":italic", ":bold:italic"])
def test_times_new_roman_resolves_to_liberation_serif_with_every_letter(style):
    found = subprocess.run(  # noqa: S603 (fixed arguments)
        ["fc-match", "-f", "%{file}", f"Times New Roman{style}"],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert Path(found).name.startswith("LiberationSerif-")
    cmap = TTFont(found).getBestCmap()
    seed_text = (EXAMPLES / f"{SEED}.json").read_text(encoding="utf-8")
    characters = vietnamese_letters() | {c for c in seed_text if c.isprintable()}
    missing = sorted(c for c in characters if ord(c) not in cmap)
    assert missing == []


# --- Failures of the conversion ----------------------------------------------------


def test_missing_libreoffice_is_a_render_error(monkeypatch):
    monkeypatch.setattr(pdf_module.shutil, "which", lambda name: None)
    with pytest.raises(RenderError, match="Không tìm thấy LibreOffice"):
        docx_to_pdf(b"not used")


def test_failing_libreoffice_is_a_render_error(monkeypatch):
    monkeypatch.setattr(pdf_module, "soffice_path", lambda: "/bin/false")
    with pytest.raises(RenderError, match=r"không chuyển được .* \(mã thoát 1\)"):
        docx_to_pdf(b"PK")


def test_slow_libreoffice_is_a_render_error(monkeypatch, tmp_path):
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\nsleep 5\n")
    script.chmod(0o755)
    monkeypatch.setattr(pdf_module, "soffice_path", lambda: str(script))
    with pytest.raises(RenderError, match="trong 1 giây"):
        docx_to_pdf(b"PK", timeout=1)


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (2, "(Kèm theo Quyết định số 02/QĐ-TrCT ngày 30 tháng 11 năm 2026)"),
        (None, "(Kèm theo Quyết định số      /QĐ-TrCT ngày 30 tháng 11 năm 2026)"),
    ],
    ids=["signed", "draft"],
)
def test_an_annex_subtitle_names_its_decision_by_number_and_date(number, expected):
    annex = {
        "kind": "annex",
        "title": "DANH SÁCH HỌC VIÊN",
        "subtitle": "(Kèm theo Quyết định số [số ký hiệu] [ngày])",
        "blocks": [{"kind": "paragraph", "text": "Một dòng."}],
    }
    document = read_docx(
        minimal_spec(
            number=number,
            type_abbreviation="QĐ",
            type_name="QUYẾT ĐỊNH",
            date="2026-11-30",
            body=[{"kind": "paragraph", "text": "Nội dung."}, annex],
        )
    )
    texts = [p.text for p in document.paragraphs]
    assert texts[texts.index("DANH SÁCH HỌC VIÊN") + 1] == expected
