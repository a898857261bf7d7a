"""What a school's office reads on each paper of the credentials app before signing:
the wording of the three kinds, the course dates, the
register label per kind, the bảng điểm's Quốc hiệu on one line, and the columns and
order of the sổ gốc. The PDF pages are rendered to PNG in $ARTIFACTS_DIR/credentials
(default artifacts/) to be looked at."""

import datetime
import io
import os
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from daotao.assessment import selectors as assessment
from daotao.core.access import Role
from daotao.credentials import printing, services
from daotao.credentials.models import DEFAULT_WORDING, Credential, Kind
from daotao.credentials.services import Graduate
from daotao.credentials.tests.conftest import ISSUED_ON
from daotao.credentials.tests.factories import blank_stock
from daotao.org.models import Ethnicity, School
from daotao.people.models import Sex

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "credentials"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
COURSE = "Khóa học từ ngày 02/03/2026 đến ngày 02/09/2026"


def url_for(credential):
    return f"https://daotao.test/xac-minh/{credential.verification_code}/"


def _paragraphs(data):
    """The page's text, paragraph by paragraph, table cells included, in order."""
    document = Document(io.BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return [line for line in lines if line.strip()]


def _png(pdf: bytes, name: str) -> list[Path]:
    """The PDF's pages as PNG files in the artifacts folder, to be looked at."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob(f"{name}-*.png"):
        old.unlink()
    path = ARTIFACTS / f"{name}.pdf"
    path.write_bytes(pdf)
    command = ["pdftoppm", "-png", "-r", "100", str(path), str(ARTIFACTS / name)]
    subprocess.run(command, check=True, timeout=60)  # noqa: S603 (fixed arguments)
    return sorted(ARTIFACTS.glob(f"{name}-*.png"))


def _pdf_lines(pdf: bytes) -> list[list[str]]:
    reader = PdfReader(io.BytesIO(pdf))
    return [
        [line.strip() for line in page.extract_text().splitlines()]
        for page in reader.pages
    ]


# --- Kinds and their wording ---------------------------------------------------------


def test_each_kind_has_its_own_wording_as_template_data(school):
    titles = {
        kind: services.credential_template_for(school_id=school.pk, kind=kind)
        for kind in Kind.values
    }
    assert {k: (t.title, t.register_label) for k, t in titles.items()} == {
        "diploma": ("BẰNG TỐT NGHIỆP", "Số vào sổ cấp bằng:"),
        "certificate": ("CHỨNG CHỈ", "Số vào sổ cấp chứng chỉ:"),
        "completion": ("GIẤY CHỨNG NHẬN", "Số vào sổ cấp giấy chứng nhận:"),
    }
    assert set(DEFAULT_WORDING) == set(Kind.values)
    assert [t.is_confirmed for t in titles.values()] == [False, False, False]
    assert titles["certificate"].is_holder_first is True
    assert titles["certificate"].course_dates == (
        "Khóa học từ ngày {tu_ngay} đến ngày {den_ngay}"
    )


def test_the_programme_decides_the_kind_and_a_wrong_kind_is_refused(
    issuer, school, certificate_cohort, completion_cohort, diploma_cohort
):
    kinds = [
        assessment.credential_kind(cohort=enrollments[0].cohort)
        for enrollments in (diploma_cohort, certificate_cohort, completion_cohort)
    ]
    assert kinds == ["diploma", "certificate", "completion"]
    blank_stock(school, kind=Kind.CERTIFICATE, first=1, last=5)
    with pytest.raises(ValidationError, match="không cấp chứng chỉ bồi dưỡng"):
        services.credentials_issue(
            actor=issuer,
            kind=Kind.CERTIFICATE,
            year=2026,
            graduates=[Graduate(completion_cohort[0].pk, "")],
            issued_on=ISSUED_ON,
            signer="Nguyễn Văn Hiệu",
        )
    assert not Credential.objects.exists()


def test_issuing_copies_the_course_dates_and_the_decision(papers):
    certificate = papers[Kind.CERTIFICATE][0]
    assert (
        certificate.course_starts_on,
        certificate.course_ends_on,
        certificate.decision_number,
        certificate.decision_date,
    ) == (
        datetime.date(2026, 3, 2),
        datetime.date(2026, 9, 2),
        "13/QĐ-TrCT",
        datetime.date(2026, 9, 5),
    )


# --- The DOCX of each kind -----------------------------------------------------------


def test_the_certificate_names_the_holder_before_the_programme(papers):
    certificate = papers[Kind.CERTIFICATE][0]
    lines = _paragraphs(printing.credentials_docx([certificate], url_for=url_for))
    holder = lines.index(f"Chứng nhận ông (bà): {certificate.holder_name}")
    completed = lines.index("Đã hoàn thành chương trình Bồi dưỡng ngạch chuyên viên")
    assert holder < completed
    assert lines[completed + 1] == COURSE
    assert "CHỨNG CHỈ" in lines
    assert "Số vào sổ cấp chứng chỉ: 1/CCBD-2026" in lines
    assert f"Số hiệu: {certificate.serial}" in lines
    assert not [line for line in lines if "cấp bằng" in line]


def test_the_diploma_prints_its_course_dates_and_its_register(papers):
    diploma = papers[Kind.DIPLOMA][0]
    lines = _paragraphs(printing.credentials_docx([diploma], url_for=url_for))
    assert lines.index("Cho ông (bà): Trần Thị Hà") < lines.index(
        "Công nhận tốt nghiệp Trung cấp lý luận chính trị"
    )
    assert COURSE in lines
    assert "Số vào sổ cấp bằng: 1/TCLLCT-2026" in lines
    assert "BẰNG TỐT NGHIỆP" in lines


def test_the_completion_certificate_is_its_own_kind(papers):
    paper = papers[Kind.COMPLETION][0]
    lines = _paragraphs(printing.credentials_docx([paper], url_for=url_for))
    assert "GIẤY CHỨNG NHẬN" in lines
    assert "CHỨNG CHỈ" not in lines
    assert lines.index("Chứng nhận ông (bà): Phạm Thu Trang") < lines.index(
        "Đã hoàn thành chương trình Bồi dưỡng lý luận chính trị dành cho đảng viên mới"
    )
    assert COURSE in lines
    assert "Số vào sổ cấp giấy chứng nhận: 1/GCN-2026" in lines
    assert "Số hiệu: GCN000001" in lines


def test_a_one_day_course_prints_its_one_date(papers):
    paper = papers[Kind.COMPLETION][0]
    paper.course_ends_on = paper.course_starts_on
    lines = _paragraphs(printing.credentials_docx([paper], url_for=url_for))
    assert "Khóa học ngày 02/03/2026" in lines
    assert not [line for line in lines if "đến ngày" in line]


def test_the_transcript_keeps_the_national_title_in_one_paragraph(papers):
    transcript = printing.Transcript(
        papers[Kind.DIPLOMA][0], [("Triết học Mác - Lênin", "8,5")], "8,5"
    )
    lines = _paragraphs(printing.transcripts_docx([transcript]))
    assert NATIONAL_TITLE in lines


# --- The PDFs, read and rendered for a look ------------------------------------------


def test_each_kind_and_the_transcript_read_right_in_the_pdf(papers, school):
    # A real school's name, as long as the header has to hold.
    School.objects.filter(pk=school.pk).update(
        name="Trường Chính trị tỉnh Thanh Hóa", governing_body="Tỉnh ủy Thanh Hóa"
    )
    batch = [papers[kind][0] for kind in Kind.values]
    pdf = printing.credentials_pdf(batch, url_for=url_for)
    pages = _pdf_lines(pdf)
    assert len(pages) == 3
    for lines in pages:
        assert NATIONAL_TITLE in lines
        assert COURSE in lines
    diploma, certificate, completion = pages
    assert "Số vào sổ cấp bằng: 1/TCLLCT-2026" in diploma
    assert "Số vào sổ cấp chứng chỉ: 1/CCBD-2026" in certificate
    holder = papers[Kind.CERTIFICATE][0].holder_name
    assert certificate.index(f"Chứng nhận ông (bà): {holder}") < certificate.index(
        "Đã hoàn thành chương trình Bồi dưỡng ngạch chuyên viên"
    )
    assert "GIẤY CHỨNG NHẬN" in completion
    assert len(_png(pdf, "van-bang-ba-loai")) == 3

    transcripts = [
        printing.Transcript(
            papers[Kind.DIPLOMA][0],
            [("Triết học Mác - Lênin", "8,5"), ("Kinh tế chính trị", "7,0")],
            "7,8",
        ),
        printing.Transcript(
            papers[Kind.CERTIFICATE][0], [("Quản lý nhà nước", "8,0")], "8,0"
        ),
    ]
    pdf = printing.transcripts_pdf(transcripts)
    pages = _pdf_lines(pdf)
    assert len(pages) == 2
    for lines in pages:
        assert lines[:3] == [
            "TỈNH ỦY THANH HÓA",
            "TRƯỜNG CHÍNH TRỊ TỈNH THANH HÓA",
            NATIONAL_TITLE,
        ]
        assert "BẢNG ĐIỂM" in lines
    assert len(_png(pdf, "bang-diem")) == 2


# --- The master register (sổ gốc) ----------------------------------------------------

REGISTER_HEADERS = (
    "Số TT",
    "Họ và tên",
    "Ngày sinh",
    "Nơi sinh",
    "Giới tính",
    "Dân tộc",
    "Chương trình đào tạo, bồi dưỡng",
    "Lớp",
    "Xếp loại",
    "Số hiệu",
    "Số vào sổ",
    "Số quyết định",
    "Ngày quyết định",
    "Ngày cấp",
    "Người nhận ký",
    "Ghi chú",
)


def test_the_master_register_has_the_offices_columns_in_entry_order(
    client, make_user, papers, diploma_cohort
):
    person = diploma_cohort[1].person  # Lê Văn An, second in the register
    person.birthplace = "Xã Quảng Phú, tỉnh Thanh Hóa"  # quê quán: not printed
    person.place_of_birth = "Phường Hạc Thành, tỉnh Thanh Hóa"
    person.sex = Sex.FEMALE
    person.ethnicity = Ethnicity.objects.get(name="Mường")
    person.save()
    client.force_login(make_user(Role.TRAINING_OFFICE))
    response = client.get("/van-bang/xuat-excel/", {"kind": "diploma"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[1] == REGISTER_HEADERS
    cohort = diploma_cohort[0].cohort.code
    programme = "Trung cấp lý luận chính trị"
    decision = ("12/QĐ-TrCT", "05/09/2026", "15/09/2026", None)
    assert rows[2:] == [
        (1, "Trần Thị Hà", "10/01/1981", None, "Nam", None, programme, cohort,
         "Giỏi", "A000001", "1/TCLLCT-2026", *decision, None),
        (2, "Lê Văn An", "10/02/1982", "Phường Hạc Thành, tỉnh Thanh Hóa", "Nữ",
         "Mường", programme, cohort,
         "Khá", "A000002", "2/TCLLCT-2026", *decision, None),
        (3, "Đỗ Minh Tuấn", "10/03/1983", None, "Nam", None, programme, cohort,
         "Xuất sắc", "A000003", "3/TCLLCT-2026", *decision, None),
    ]  # fmt: skip


def test_the_register_notes_a_revoked_entry(client, issuer, papers):
    services.credential_revoke(
        actor=issuer, credential=papers[Kind.COMPLETION][0], reason="Cấp nhầm người"
    )
    client.force_login(issuer)
    response = client.get("/van-bang/xuat-excel/", {"kind": "completion"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[2][-1] == "Đã thu hồi: Cấp nhầm người"
    assert rows[2][9:11] == ("GCN000001", "1/GCN-2026")
