"""The Quyết định triệu tập drafted at admission, read back from its DOCX:
the type name, the authority line naming the school in full, the dated căn cứ, the
office named alike in the căn cứ and in Điều 3, the annex, the signer's name; and
the draft drafted again from the current roster."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents import services as documents
from daotao.documents.services import issuer_ensure_default
from daotao.documents.tests.docx_reading import (
    Paper,
    alignment,
    is_italic,
    pages_to_png,
    pdf_lines,
    rows,
    widths_mm,
)
from daotao.enrolment import services
from daotao.enrolment.models import Enrollment
from daotao.org.models import LegalBasis, Unit
from daotao.people.models import Person

OFFICE = "Phòng Quản lý đào tạo, bồi dưỡng và nghiên cứu khoa học"
HEAD = "Trưởng phòng Quản lý đào tạo, bồi dưỡng và nghiên cứu khoa học"
SCHOOL = "Trường Chính trị tỉnh Thanh Hóa"
SIGNED_ON = datetime.date(2026, 2, 20)
GOOD = services.NominationData(
    is_post_qualifying=True, rating_previous_year="good", rating_year_before="excellent"
)


@pytest.fixture
def office(make_user):
    return make_user(Role.TRAINING_OFFICE)


@pytest.fixture
def leader(make_user):
    user = make_user(Role.LEADERSHIP)
    user.display_name = "Nguyễn Văn Hiệu"
    user.save(update_fields=["display_name"])
    return user


@pytest.fixture
def admitted(coordinator, office, planned_class, eligible_person):
    school = planned_class.school
    type(school).objects.filter(pk=school.pk).update(name=SCHOOL)
    Unit.objects.filter(school=school, abbreviation="QLĐT").update(name=OFFICE)
    LegalBasis.objects.filter(number="393-QĐ/TW").update(
        issued_on=datetime.date(2025, 10, 20)
    )
    people = [
        eligible_person(
            family_name="Nguyễn", middle_name="Thị Hồng", given_name="Nhung"
        ),
        eligible_person(family_name="Lê", middle_name="Văn", given_name="An"),
    ]
    for person in people:
        nomination = services.nomination_submit(
            actor=coordinator,
            planned_class=planned_class,
            agency_id=person.agency_id,
            person=person,
            data=GOOD,
        )
        services.nomination_check(actor=office, nomination=nomination)
    planned_class.refresh_from_db()
    return services.cohort_admit(
        actor=office,
        planned_class=planned_class,
        code="K60A",
        issuer=issuer_ensure_default(school=planned_class.school),
        drafting_unit_id=Unit.objects.get(abbreviation="QLĐT").pk,
        signer_title="HIỆU TRƯỞNG",
    )


def sign(document, office, leader):
    documents.document_submit(actor=office, document=document)
    return documents.document_sign(actor=leader, document=document, signed_on=SIGNED_ON)


@pytest.mark.django_db
def test_the_summons_decision_reads_as_an_office_signs_it(admitted, office, leader):
    document = sign(admitted.summons_document, office, leader)
    with document.docx_file.open("rb") as handle:
        data = handle.read()
    paper = Paper.read(data)
    assert paper.paragraphs[:8] == [
        "QUYẾT ĐỊNH",
        "Về việc triệu tập học viên lớp Trung cấp lý luận chính trị K60A",
        "HIỆU TRƯỞNG TRƯỜNG CHÍNH TRỊ TỈNH THANH HÓA",
        "Căn cứ Quy định số 393-QĐ/TW ngày 20/10/2025 của Ban Bí thư về chức năng, "
        "nhiệm vụ, tổ chức bộ máy của trường chính trị tỉnh, thành phố trực thuộc "
        "Trung ương;",
        "Căn cứ danh sách cán bộ do các cơ quan, đơn vị cử đi học;",
        f"Theo đề nghị của {HEAD}.",
        "QUYẾT ĐỊNH:",
        "Điều 1. Triệu tập 2 học viên có tên trong danh sách kèm theo Quyết định "
        "này tham gia lớp Trung cấp lý luận chính trị K60A, khai giảng ngày "
        "02/03/2026 tại Cơ sở chính.",
    ]
    assert is_italic(paper.paragraph(f"Theo đề nghị của {HEAD}."))
    assert paper.paragraphs[9] == (
        f"Điều 3. {HEAD}, Thủ trưởng các cơ quan, đơn vị có liên quan và các học "
        "viên có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./."
    )
    assert paper.signature_lines == ["HIỆU TRƯỞNG", "Nguyễn Văn Hiệu"]
    assert paper.recipient_lines == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Các cơ quan, đơn vị cử cán bộ đi học;",
        "- Lưu: VT, QLĐT.",
    ]
    annex_at = paper.paragraphs.index(
        "DANH SÁCH HỌC VIÊN LỚP TRUNG CẤP LÝ LUẬN CHÍNH TRỊ K60A"
    )
    assert paper.paragraphs[annex_at + 1] == (
        "(Kèm theo Quyết định số 01/QĐ-TrCT ngày 20 tháng 02 năm 2026 của Hiệu "
        f"trưởng {SCHOOL})"
    )
    [table] = paper.data_tables
    assert rows(table) == [
        ["STT", "Họ và tên", "Ngày sinh", "Chức vụ", "Cơ quan, đơn vị cử đi học"],
        ["1", "Lê Văn An", "01/01/1990", "", "Đảng ủy xã Thọ Xuân"],
        ["2", "Nguyễn Thị Hồng Nhung", "01/01/1990", "", "Đảng ủy xã Thọ Xuân"],
    ]
    assert widths_mm(table)[0] < 15
    assert alignment(table, 1, 2) == "center"
    pdf, pages = pages_to_png(data, "quyet-dinh-trieu-tap")
    assert len(pages) == 2
    text = " ".join(pdf_lines(pdf))
    assert "(CÁ BIỆT)" not in text.upper()
    assert "Nguyễn Văn Hiệu" in text


@pytest.mark.django_db
def test_a_redraft_takes_the_current_roster_and_keeps_the_office_text(
    admitted, office, client
):
    document = admitted.summons_document
    body = document.body_text.replace(
        "Điều 2. Các cơ quan, đơn vị cử cán bộ đi học tạo điều kiện",
        "Điều 2. Thủ trưởng các cơ quan, đơn vị cử cán bộ đi học tạo mọi điều kiện",
    )
    document = documents.document_draft_update(
        actor=office,
        document=document,
        data=documents.DraftData(
            summary=document.summary,
            body_text=body,
            drafting_unit_id=document.drafting_unit_id,
            signer_title=document.signer_title,
            decision_heading=document.decision_heading,
            basis_text="\n".join(document.basis),
            recipients_text="\n".join(document.recipients),
        ),
        expected_version=document.version,
    )
    # A learner's name is corrected in the cadre records after admission.
    person = Person.objects.get(given_name="An")
    person.given_name = "Ân"
    person.save()
    client.force_login(office)
    page = client.get(reverse("enrolment:cohort-detail", args=[admitted.pk]))
    assert "Soạn lại quyết định từ danh sách lớp" in page.content.decode()
    response = client.post(
        reverse("enrolment:cohort-summons-redraft", args=[admitted.pk])
    )
    assert response.status_code == 302
    document.refresh_from_db()
    lines = document.body_text.splitlines()
    assert lines[1].startswith("Điều 2. Thủ trưởng các cơ quan, đơn vị cử cán bộ")
    assert lines[0].startswith("Điều 1. Triệu tập 2 học viên")
    table = document.body[-1]["blocks"][0]
    assert [row[1] for row in table["rows"]] == ["Lê Văn Ân", "Nguyễn Thị Hồng Nhung"]
    assert AuditEvent.objects.filter(action="documents.document_redraft").count() == 1


@pytest.mark.django_db
def test_a_signed_summons_is_not_redrafted(admitted, office, leader, coordinator):
    document = sign(admitted.summons_document, office, leader)
    before = (document.version, document.body, AuditEvent.objects.count())
    with pytest.raises(ValidationError, match="chỉ soạn lại được dự thảo"):
        services.cohort_summons_redraft(actor=office, cohort=admitted)
    with pytest.raises(PermissionDenied):
        services.cohort_summons_redraft(actor=coordinator, cohort=admitted)
    document.refresh_from_db()
    assert (document.version, document.body, AuditEvent.objects.count()) == before
    assert Enrollment.objects.filter(cohort=admitted).count() == 2


@pytest.mark.django_db
def test_a_redraft_keeps_the_signer_chosen_at_admission(admitted, office):
    document = admitted.summons_document
    services.summons_decision_draft(
        actor=office,
        cohort=admitted,
        enrollments=list(admitted.enrollments.order_by("position")),
        issuer=document.issuer,
        drafting_unit_id=document.drafting_unit_id,
        signer_title="PHÓ HIỆU TRƯỞNG",
        document=document,
    )
    document.refresh_from_db()
    assert document.signer_title == "PHÓ HIỆU TRƯỞNG"
    services.cohort_summons_redraft(actor=office, cohort=admitted)
    document.refresh_from_db()
    assert (document.signer_title, document.signer_authority) == (
        "PHÓ HIỆU TRƯỞNG",
        "",
    )


@pytest.mark.django_db
def test_a_redraft_leaves_late_learners_to_their_own_decision(
    admitted, office, eligible_person
):
    """A learner admitted late is on the supplementary decision, not on the first
    summons drafted again."""
    from daotao.documents.tests.factories import OutgoingDocumentFactory
    from daotao.enrolment.models import Nomination

    person = eligible_person(family_name="Đỗ", middle_name="Thị", given_name="Ăn")
    late = Nomination.objects.create(
        school=admitted.school,
        person=person,
        agency=person.agency,
        planned_class=admitted.planned_class,
        created_by=office,
        status="admitted",
    )
    Enrollment.objects.create(
        cohort=admitted,
        person=person,
        nomination=late,
        agency=person.agency,
        learner_code="K60A-003",
        position=3,
        summons_document=OutgoingDocumentFactory(
            issuer=admitted.summons_document.issuer
        ),
    )
    document = services.cohort_summons_redraft(actor=office, cohort=admitted)
    table = document.body[-1]["blocks"][0]
    assert [row[1] for row in table["rows"]] == ["Lê Văn An", "Nguyễn Thị Hồng Nhung"]
    assert document.body_text.startswith("Điều 1. Triệu tập 2 học viên")
