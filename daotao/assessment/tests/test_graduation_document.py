"""The decision recognising a cohort's graduates, read back from its DOCX (issue
15): "công nhận tốt nghiệp" for a degree course, "hoàn thành chương trình" for a
bồi dưỡng course; the school named in full, the dated căn cứ citing the summons
decision, the office named alike, the signer's name; re-drafted from the results."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daotao.assessment.graduation import graduation_decision_redraft
from daotao.assessment.models import GraduationDecision
from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents import services as documents
from daotao.documents.tests.docx_reading import (
    Paper,
    alignment,
    pages_to_png,
    pdf_lines,
    rows,
)
from daotao.enrolment.services import summons_decision_draft
from daotao.org.models import LegalBasis
from daotao.org.tests.factories import UnitFactory
from daotao.programs.models import Program

OFFICE = "Phòng Quản lý đào tạo, bồi dưỡng và nghiên cứu khoa học"
HEAD = "Trưởng phòng Quản lý đào tạo, bồi dưỡng và nghiên cứu khoa học"
SCHOOL = "Trường Chính trị tỉnh Thanh Hóa"
CLASS = "Trung cấp lý luận chính trị K63A"


@pytest.fixture
def leader(make_user):
    user = make_user(Role.LEADERSHIP)
    user.display_name = "Nguyễn Văn Hiệu"
    user.save(update_fields=["display_name"])
    return user


@pytest.fixture
def school_records(school):
    type(school).objects.filter(pk=school.pk).update(name=SCHOOL)
    school.refresh_from_db()
    LegalBasis.objects.filter(number="393-QĐ/TW").update(
        issued_on=datetime.date(2025, 10, 20)
    )
    return UnitFactory(school=school, name=OFFICE, abbreviation="QLĐT", kind="office")


def draft(client, cohort):
    return client.post(
        reverse("assessment:graduation-decision", args=[cohort.pk]),
        {"signer_title": "Hiệu trưởng"},
    )


def signed_paper(document, office, leader, name):
    documents.document_submit(actor=office, document=document)
    document = documents.document_sign(
        actor=leader, document=document, signed_on=datetime.date(2027, 9, 10)
    )
    with document.docx_file.open("rb") as handle:
        data = handle.read()
    return Paper.read(data), pages_to_png(data, name)


def test_a_degree_course_is_recognised_as_graduated(
    client,
    considered,
    office,
    leader,
    school_records,
):
    cohort = considered["cohort"]
    summons = summons_decision_draft(
        actor=office,
        cohort=cohort,
        enrollments=considered["enrollments"],
        issuer=documents.issuer_ensure_default(school=cohort.school),
        drafting_unit_id=school_records.pk,
        signer_title="HIỆU TRƯỞNG",
    )
    documents.document_submit(actor=office, document=summons)
    documents.document_sign(
        actor=leader, document=summons, signed_on=datetime.date(2027, 2, 20)
    )
    type(cohort).objects.filter(pk=cohort.pk).update(summons_document=summons)
    client.force_login(office)
    assert draft(client, cohort).status_code == 302
    decision = GraduationDecision.objects.get()
    paper, (pdf, pages) = signed_paper(
        decision.document, office, leader, "qd-tot-nghiep"
    )
    assert paper.paragraphs[:9] == [
        "QUYẾT ĐỊNH",
        f"Về việc công nhận tốt nghiệp lớp {CLASS}",
        "HIỆU TRƯỞNG TRƯỜNG CHÍNH TRỊ TỈNH THANH HÓA",
        "Căn cứ Quy định số 393-QĐ/TW ngày 20/10/2025 của Ban Bí thư về chức năng, "
        "nhiệm vụ, tổ chức bộ máy của trường chính trị tỉnh, thành phố trực thuộc "
        "Trung ương;",
        "Căn cứ Quyết định số 01/QĐ-TrCT ngày 20/02/2027 của Hiệu trưởng "
        f"{SCHOOL} về việc triệu tập học viên lớp {CLASS};",
        "Căn cứ kết quả học tập và kết quả xét tốt nghiệp của học viên;",
        f"Theo đề nghị của {HEAD}.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Công nhận tốt nghiệp trung cấp lý luận chính trị cho 1 học viên "
        f"lớp {CLASS} (khai giảng ngày 01/03/2027) có tên trong danh sách kèm theo "
        "Quyết định này.",
    ]
    assert paper.paragraphs[9:11] == [
        f"Điều 2. {OFFICE} làm thủ tục cấp bằng tốt nghiệp cho các học viên có tên "
        "tại Điều 1.",
        f"Điều 3. {HEAD}, Thủ trưởng các cơ quan, đơn vị có liên quan và các học "
        "viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    ]
    assert paper.signature_lines == ["HIỆU TRƯỞNG", "Nguyễn Văn Hiệu"]
    assert (
        "(Kèm theo Quyết định số 02/QĐ-TrCT ngày 10 tháng 9 năm 2027 của Hiệu "
        f"trưởng {SCHOOL})"
    ) in paper.paragraphs
    [table] = paper.data_tables
    agency = considered["enrollments"][0].agency.name
    assert rows(table) == [
        [
            "STT",
            "Họ và tên",
            "Ngày sinh",
            "Cơ quan, đơn vị",
            "Điểm trung bình",
            "Xếp loại",
        ],
        ["1", "Trần Thị Hà", rows(table)[1][2], agency, "6,9", "Khá"],
    ]
    assert alignment(table, 1, 4) == "right"
    assert len(pages) == 2
    assert "(CÁ BIỆT)" not in " ".join(pdf_lines(pdf)).upper()


def test_a_boi_duong_course_is_recognised_as_completed(
    client,
    considered,
    office,
    leader,
    school_records,
):
    cohort = considered["cohort"]
    Program.objects.filter(pk=cohort.program_version.program_id).update(
        kind="lanh_dao_phong", name="Bồi dưỡng lãnh đạo cấp phòng"
    )
    client.force_login(office)
    page = client.get(reverse("assessment:graduation-list", args=[cohort.pk]))
    assert "Soạn quyết định công nhận hoàn thành chương trình" in page.content.decode()
    assert draft(client, cohort).status_code == 302
    document = GraduationDecision.objects.get().document
    paper, (_pdf, pages) = signed_paper(document, office, leader, "qd-hoan-thanh")
    text = paper.paragraphs
    assert text[1] == f"Về việc công nhận hoàn thành chương trình lớp {CLASS}"
    assert (
        f"Điều 1. Công nhận 1 học viên lớp {CLASS} (khai giảng ngày 01/03/2027) có "
        "tên trong danh sách kèm theo Quyết định này đã hoàn thành chương trình bồi "
        "dưỡng lãnh đạo cấp phòng."
    ) in text
    assert (
        f"Điều 2. {OFFICE} làm thủ tục cấp chứng chỉ cho các học viên có tên tại "
        "Điều 1."
    ) in text
    assert f"DANH SÁCH HỌC VIÊN HOÀN THÀNH CHƯƠNG TRÌNH LỚP {CLASS.upper()}" in text
    assert not any("tốt nghiệp" in line.lower() for line in text)
    assert paper.signature_lines == ["HIỆU TRƯỞNG", "Nguyễn Văn Hiệu"]
    assert len(pages) == 2


def test_an_unsigned_decision_is_redrafted_from_the_results(
    client,
    considered,
    office,
    leader,
    school_records,
):
    cohort = considered["cohort"]
    client.force_login(office)
    draft(client, cohort)
    decision = GraduationDecision.objects.get()
    document = decision.document
    documents.document_draft_update(
        actor=office,
        document=document,
        data=documents.DraftData(
            summary=document.summary,
            body_text=document.body_text
            + "\nQuyết định này có hiệu lực kể từ ngày ký.",
            drafting_unit_id=document.drafting_unit_id,
            signer_title=document.signer_title,
            decision_heading=document.decision_heading,
            basis_text="\n".join(document.basis),
            recipients_text="\n".join(document.recipients),
        ),
        expected_version=document.version,
    )
    # The school's name is corrected in its records after drafting.
    type(cohort.school).objects.filter(pk=cohort.school_id).update(
        name="Trường Chính trị tỉnh Thanh Hoá mới"
    )
    response = client.post(reverse("assessment:graduation-redraft", args=[cohort.pk]))
    assert response.status_code == 302
    document.refresh_from_db()
    assert (
        document.decision_heading == "HIỆU TRƯỞNG TRƯỜNG CHÍNH TRỊ TỈNH THANH HOÁ MỚI"
    )
    assert document.body_text.splitlines()[-1] == (
        "Quyết định này có hiệu lực kể từ ngày ký."
    )
    assert AuditEvent.objects.filter(action="documents.document_redraft").count() == 1
    # Once signed, it is never drafted again.
    documents.document_submit(actor=office, document=document)
    documents.document_sign(actor=leader, document=document)
    document.refresh_from_db()
    before = (document.version, document.body, decision.graduates)
    response = client.post(reverse("assessment:graduation-redraft", args=[cohort.pk]))
    document.refresh_from_db()
    decision.refresh_from_db()
    assert (document.version, document.body, decision.graduates) == before
    with pytest.raises(ValidationError, match="chỉ soạn lại được dự thảo"):
        graduation_decision_redraft(actor=office, cohort=cohort)
