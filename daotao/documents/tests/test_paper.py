"""What the office reads on the paper: the type name as printed, the
signer's name under the signature, annex tables sized by their content, a công văn
signed and numbered; and the rule of re-drafting line by line."""

from __future__ import annotations

import datetime

import pytest

from daotao.core.access import Role
from daotao.documents import services
from daotao.documents.drafting import merge_lines
from daotao.documents.models import DocumentTemplate, DocumentType, OutgoingDocument
from daotao.documents.rendering import docx as layout
from daotao.documents.rendering import render_docx
from daotao.documents.tests.docx_reading import (
    Paper,
    alignment,
    pages_to_png,
    pdf_lines,
    rows,
    widths_mm,
)
from daotao.documents.tests.factories import IssuerFactory, OutgoingDocumentFactory

Status = OutgoingDocument.Status
DAY = datetime.date(2026, 3, 5)


@pytest.fixture
def issuer(school):
    return IssuerFactory(school=school)


@pytest.fixture
def leader(make_user):
    user = make_user(Role.LEADERSHIP)
    user.display_name = "Lê Thị Hiệu"
    user.save(update_fields=["display_name"])
    return user


def signed(document: OutgoingDocument, leader) -> OutgoingDocument:
    OutgoingDocument.objects.filter(pk=document.pk).update(status=Status.SUBMITTED)
    return services.document_sign(actor=leader, document=document, signed_on=DAY)


def stored_paper(document: OutgoingDocument) -> Paper:
    with document.docx_file.open("rb") as handle:
        return Paper.read(handle.read())


@pytest.mark.django_db
def test_the_type_names_print_without_the_table_category():
    """Phụ lục III lists "Quyết định (cá biệt)"; the paper says "QUYẾT ĐỊNH"."""
    printed = {t.abbreviation: t.title_name for t in DocumentType.objects.all()}
    assert (printed["QĐ"], printed["NQ"], printed["KH"]) == (
        "Quyết định",
        "Nghị quyết",
        "Kế hoạch",
    )
    assert not any("(" in name for name in printed.values())


@pytest.mark.django_db
def test_a_signed_decision_prints_quyet_dinh_and_the_signers_name(issuer, leader):
    template = DocumentTemplate.objects.get(code="quyet-dinh")
    document = OutgoingDocumentFactory(
        issuer=issuer,
        template=template,
        document_type=template.document_type,
        summary="Về việc cử cán bộ đi học",
        signer_authority="KT. HIỆU TRƯỞNG",
        signer_title="PHÓ HIỆU TRƯỞNG",
        signer_name="",
    )
    document = signed(document, leader)
    assert document.signer_name == "Lê Thị Hiệu"
    paper = stored_paper(document)
    assert "QUYẾT ĐỊNH" in paper.paragraphs
    assert not any("CÁ BIỆT" in line.upper() for line in paper.paragraphs)
    assert paper.signature_lines == [
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
        "Lê Thị Hiệu",
    ]


@pytest.mark.django_db
def test_a_name_typed_in_the_draft_is_the_one_printed(issuer, leader):
    document = signed(
        OutgoingDocumentFactory(issuer=issuer, signer_name="Nguyễn Văn Ký"), leader
    )
    assert stored_paper(document).signature_lines[-1] == "Nguyễn Văn Ký"


@pytest.mark.django_db
def test_the_signers_name_comes_from_their_cadre_record(issuer, leader):
    from daotao.people.tests.factories import PersonFactory

    leader.person = PersonFactory(
        school=issuer.school,
        family_name="Trịnh",
        middle_name="Văn",
        given_name="Sơn",
    )
    leader.save(update_fields=["person"])
    document = signed(OutgoingDocumentFactory(issuer=issuer, signer_name=""), leader)
    assert document.signer_name == "Trịnh Văn Sơn"


@pytest.mark.django_db
def test_a_summary_does_not_repeat_the_type_name(issuer, make_user, unit):
    template = DocumentTemplate.objects.get(code="ke-hoach")
    document = services.document_draft_create(
        actor=make_user(Role.TRAINING_OFFICE),
        school_id=issuer.school_id,
        template=template,
        issuer=issuer,
        data=services.DraftData(
            summary="Kế hoạch đào tạo, bồi dưỡng cán bộ năm 2027",
            body_text="I. MỤC ĐÍCH, YÊU CẦU",
            drafting_unit_id=unit.pk,
            signer_title="Hiệu trưởng",
        ),
    )
    assert document.summary == "Đào tạo, bồi dưỡng cán bộ năm 2027"
    paper = Paper.read(services.document_docx(document))
    assert paper.paragraphs[:2] == ["KẾ HOẠCH", "Đào tạo, bồi dưỡng cán bộ năm 2027"]


@pytest.mark.django_db
def test_a_cong_van_signed_has_its_vv_line_number_and_signer(issuer, leader, unit):
    template = DocumentTemplate.objects.get(code="cong-van")
    document = OutgoingDocumentFactory(
        issuer=issuer,
        template=template,
        document_type=None,
        drafting_unit=unit,
        summary="Cử cán bộ dự lớp bồi dưỡng",
        body_text="Kính gửi: …",
        body=[
            {"kind": "paragraph", "text": "Kính gửi:"},
            {
                "kind": "list",
                "items": ["Ban Tổ chức Tỉnh ủy;", "Đảng ủy phường Hạc Thành."],
            },
            {"kind": "paragraph", "text": "Trường Chính trị đề nghị cử cán bộ."},
        ],
        signer_name="",
    )
    document = signed(document, leader)
    with document.docx_file.open("rb") as handle:
        data = handle.read()
    paper = Paper.read(data)
    assert f"Số: 01/TrCT-{unit.abbreviation}" in paper.header_lines
    assert "V/v Cử cán bộ dự lớp bồi dưỡng" in paper.header_lines
    # A công văn has no type name line; "Kính gửi" is laid out as NĐ 30 shows it.
    assert paper.paragraphs[:3] == [
        "Kính gửi:\t- Ban Tổ chức Tỉnh ủy;",
        "- Đảng ủy phường Hạc Thành.",
        "Trường Chính trị đề nghị cử cán bộ.",
    ]
    assert paper.signature_lines == [
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
        "Lê Thị Hiệu",
    ]
    pdf, pages = pages_to_png(data, "cong-van")
    assert len(pages) == 1
    assert "Lê Thị Hiệu" in pdf_lines(pdf)


ROSTER = {
    "header": ["STT", "Mã học viên", "Họ và tên", "Ngày sinh", "Điểm"],
    "rows": [
        [str(n), f"LDP-2025-{n:03d}", name, "05/11/1985", mark]
        for n, (name, mark) in enumerate(
            [("Nguyễn Thị Hồng Nhung", "8,5"), ("Lê Văn Thành", "10"), ("Hà Anh", "7")],
            1,
        )
    ],
}


def test_columns_are_sized_by_their_content():
    widths = layout.column_widths(
        tuple(ROSTER["header"]), tuple(map(tuple, ROSTER["rows"]))
    )
    assert round(sum(widths), 1) == layout.TEXT_WIDTH_MM
    ordinal, code, name, born, mark = widths
    assert ordinal < 15
    assert ordinal < mark < born < code < name
    # The code fits on one line: at least its estimated width.
    assert code >= layout._text_mm("LDP-2025-001")
    # The full name on one line too.
    assert name >= layout._text_mm("Nguyễn Thị Hồng Nhung")


def test_a_crowded_table_wraps_the_longest_text_never_a_word():
    header = (*ROSTER["header"], "Cơ quan, đơn vị cử đi học")
    agency = "Ban Tổ chức Đảng ủy các cơ quan Đảng tỉnh Thanh Hóa"
    table_rows = tuple((*row, agency) for row in ROSTER["rows"])
    widths = layout.column_widths(header, table_rows)
    assert round(sum(widths), 1) == layout.TEXT_WIDTH_MM
    assert widths[1] >= layout._text_mm("LDP-2025-001")
    assert widths[2] >= layout._text_mm("Nguyễn")
    assert widths[5] >= layout._text_mm("Thanh")


def test_numbers_right_ordinals_and_dates_centred_text_left():
    assert layout.column_alignments(
        tuple(ROSTER["header"]), tuple(map(tuple, ROSTER["rows"]))
    ) == ("center", "left", "left", "center", "right")


def test_widths_given_by_the_caller_are_kept():
    header = ("STT", "Tên")
    assert layout.column_widths(header, (("1", "A"),), total_mm=100) != (50.0, 50.0)
    spec = _spec(
        [
            {
                "kind": "table",
                "header": list(header),
                "rows": [["1", "A"]],
                "widths_mm": [50, 115],
            }
        ]
    )
    paper = Paper.read(render_docx(spec))
    assert widths_mm(paper.data_tables[0]) == [50.0, 115.0]


def _spec(body):
    return {
        "format": "state",
        "governing_body": "TỈNH ỦY THANH HÓA",
        "issuer_name": "TRƯỜNG CHÍNH TRỊ",
        "number": 5,
        "type_abbreviation": "QĐ",
        "issuer_abbreviation": "TrCT",
        "unit_abbreviation": "QLĐT",
        "type_name": "QUYẾT ĐỊNH",
        "place": "Thanh Hóa",
        "date": "2026-03-05",
        "summary": "Về việc triệu tập học viên",
        "body": body,
        "signer": {"title": "HIỆU TRƯỞNG", "name": "Lê Thị Hiệu"},
    }


def test_an_annex_table_on_paper_keeps_codes_whole_and_numbers_right():
    spec = _spec(
        [
            {"kind": "article", "number": 1, "text": "Triệu tập học viên."},
            {
                "kind": "annex",
                "title": "DANH SÁCH HỌC VIÊN",
                "subtitle": (
                    "(Kèm theo Quyết định số [số ký hiệu] [ngày] của Hiệu trưởng)"
                ),
                "blocks": [{"kind": "table", **ROSTER}],
            },
        ]
    )
    data = render_docx(spec)
    table = Paper.read(data).data_tables[0]
    widths = widths_mm(table)
    assert widths[0] < 15 and widths[2] > 50
    assert [alignment(table, 1, i) for i in range(5)] == [
        "center",
        "left",
        "left",
        "center",
        "right",
    ]
    assert rows(table)[1][1] == "LDP-2025-001"
    pdf, pages = pages_to_png(data, "phu-luc-bang")
    lines = pdf_lines(pdf)
    assert (
        "(Kèm theo Quyết định số 05/QĐ-TrCT ngày 05 tháng 3 năm 2026 của Hiệu trưởng)"
        in " ".join(lines)
    )
    for code in ("LDP-2025-001", "LDP-2025-002", "LDP-2025-003"):
        assert any(code in line for line in lines), code
    assert len(pages) == 2


def test_merge_keeps_the_office_lines_and_refreshes_the_drafted_ones():
    previous = [
        [0, "Điều 1. Triệu tập 3 học viên."],
        [1, "Điều 2. A."],
        [2, "Điều 3. B."],
    ]
    current = [
        "Điều 1. Triệu tập 3 học viên.",
        "Điều 2. A, như văn phòng sửa.",
        "Một đoạn văn phòng thêm.",
    ]
    fresh = [[0, "Điều 1. Triệu tập 4 học viên."], [1, "Điều 2. A."], [2, "Điều 3. C."]]
    # Điều 3 was deleted by the office: it stays deleted.
    assert merge_lines(previous, current, fresh) == [
        "Điều 1. Triệu tập 4 học viên.",
        "Điều 2. A, như văn phòng sửa.",
        "Một đoạn văn phòng thêm.",
    ]


def test_merge_puts_a_new_drafted_line_after_the_one_before_it():
    previous = [[0, "Căn cứ A;"], [3, "Theo đề nghị của B."]]
    current = ["Căn cứ A;", "Căn cứ do văn phòng thêm;", "Theo đề nghị của B."]
    fresh = [
        [0, "Căn cứ A;"],
        [1, "Căn cứ Kế hoạch số 12/KH-TrCT;"],
        [3, "Theo đề nghị của B."],
    ]
    assert merge_lines(previous, current, fresh) == [
        "Căn cứ A;",
        "Căn cứ Kế hoạch số 12/KH-TrCT;",
        "Căn cứ do văn phòng thêm;",
        "Theo đề nghị của B.",
    ]


@pytest.mark.django_db
def test_a_hand_typed_decision_starts_from_the_records(client, make_user, issuer):
    """The office's own Quyết định form starts with the school's full name, the
    dated căn cứ from the registry and the office named from its record; the
    templates drafted from data are not offered there."""
    from daotao.documents import selectors
    from daotao.org.models import LegalBasis
    from daotao.org.tests.factories import UnitFactory

    school = issuer.school
    UnitFactory(
        school=school,
        name="Phòng Quản lý đào tạo, bồi dưỡng và nghiên cứu khoa học",
        kind="office",
    )
    LegalBasis.objects.filter(number="393-QĐ/TW").update(
        issued_on=datetime.date(2025, 10, 20)
    )
    client.force_login(make_user(Role.TRAINING_OFFICE))
    template = DocumentTemplate.objects.get(code="quyet-dinh")
    form = client.get(f"/van-ban/soan/{template.pk}/").context["form"]
    assert form.initial["decision_heading"] == f"HIỆU TRƯỞNG {school.name.upper()}"
    assert form.initial["basis_text"].splitlines() == [
        "Căn cứ Quy định số 393-QĐ/TW ngày 20/10/2025 của Ban Bí thư về chức năng, "
        "nhiệm vụ, tổ chức bộ máy của trường chính trị tỉnh, thành phố trực thuộc "
        "Trung ương;",
        "Theo đề nghị của Trưởng phòng Quản lý đào tạo, bồi dưỡng và nghiên cứu "
        "khoa học.",
    ]
    assert (
        form.initial["body_text"]
        .splitlines()[-1]
        .startswith(
            "Điều 3. Trưởng phòng Quản lý đào tạo, bồi dưỡng và nghiên cứu khoa học, "
        )
    )
    offered = set(selectors.template_choices().values_list("code", flat=True))
    assert "quyet-dinh" in offered
    assert not offered & {
        "qd-trieu-tap",
        "qd-trieu-tap-bo-sung",
        "qd-tot-nghiep",
        "qd-hoan-thanh",
        "ke-hoach-nam",
    }


@pytest.mark.django_db
def test_a_basis_cites_its_date_its_successor_or_shows_the_gap():
    """393-QĐ/TW is seeded unconfirmed without its date: the line shows the gap
    for the office to see; a superseded basis is cited by its successor."""
    from daotao.documents.drafting import keyed_lines
    from daotao.org.models import LegalBasis

    entry = {
        "legal_basis": "393-QĐ/TW",
        "text": "Căn cứ Quy định số {number} {issued_on} của {issuer};",
    }
    today = datetime.date(2026, 3, 5)
    seeded = LegalBasis.objects.get(number="393-QĐ/TW")
    assert (seeded.issued_on, seeded.is_confirmed) == (None, False)
    assert keyed_lines([entry], {}, today) == [
        [0, "Căn cứ Quy định số 393-QĐ/TW ngày …/…/…… của Ban Bí thư;"]
    ]
    newer = LegalBasis.objects.create(
        number="999-QĐ/TW", issued_on=datetime.date(2026, 1, 2), issuer="Ban Bí thư"
    )
    LegalBasis.objects.filter(pk=seeded.pk).update(
        superseded_by=newer, valid_to=datetime.date(2026, 1, 1)
    )
    assert keyed_lines([entry], {}, today) == [
        [0, "Căn cứ Quy định số 999-QĐ/TW ngày 02/01/2026 của Ban Bí thư;"]
    ]
