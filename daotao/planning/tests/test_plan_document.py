"""The Kế hoạch drafted from the annual plan, read back from its DOCX:
a title that does not repeat itself, its căn cứ, an annex with its heading and the
agencies' places, drafted at any stage and drafted again from the current data."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from daotao.core.access import Role
from daotao.core.models import AuditEvent
from daotao.documents import services as documents
from daotao.documents.models import OutgoingDocument
from daotao.documents.tests.docx_reading import (
    Paper,
    alignment,
    is_italic,
    pages_to_png,
    pdf_lines,
    rows,
    widths_mm,
)
from daotao.org.models import LegalBasis, Site
from daotao.org.tests.factories import AgencyFactory, UnitFactory
from daotao.planning import services

SIGNED_ON = datetime.date(2026, 12, 15)
SCHOOL_BASIS = (
    "Căn cứ Quy định số 393-QĐ/TW ngày 20/10/2025 của Ban Bí thư về chức năng, "
    "nhiệm vụ, tổ chức bộ máy của trường chính trị tỉnh, thành phố trực thuộc "
    "Trung ương;"
)
LEAD_IN = (
    "Trường Chính trị tỉnh Thanh Hóa xây dựng Kế hoạch đào tạo, bồi dưỡng cán bộ "
    "năm 2027 như sau:"
)
OFFICE = "Phòng Quản lý đào tạo, bồi dưỡng và nghiên cứu khoa học"


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
def plan(office, school):
    from daotao.programs.tests.factories import ProgramVersionFactory

    type(school).objects.filter(pk=school.pk).update(
        name="Trường Chính trị tỉnh Thanh Hóa"
    )
    school.refresh_from_db()
    # The office enters the date of 393-QĐ/TW in the registry once.
    LegalBasis.objects.filter(number="393-QĐ/TW").update(
        issued_on=datetime.date(2025, 10, 20)
    )
    UnitFactory(school=school, name=OFFICE, abbreviation="QLĐT", kind="office")
    plan = services.plan_create(
        actor=office,
        school_id=school.pk,
        year=2027,
        title="Kế hoạch đào tạo, bồi dưỡng cán bộ năm 2027",
    )
    version = ProgramVersionFactory(program__school=school)
    site = Site.objects.create(school=school, name="Cơ sở chính")
    hac_thanh = AgencyFactory(school=school, name="Đảng ủy phường Hạc Thành")
    tho_xuan = AgencyFactory(school=school, name="Đảng ủy xã Thọ Xuân")
    for code, name, size, places in (
        ("TC-2027-01", "Trung cấp lý luận chính trị K61A", 50, (30, 20)),
        ("BD-2027-01", "Bồi dưỡng lãnh đạo cấp phòng khóa 1", 40, (15, 0)),
    ):
        planned = services.planned_class_add(
            actor=office,
            plan=plan,
            data=services.PlannedClassData(
                code=code,
                name=name,
                program_version_id=version.pk,
                mode="full_time",
                site_id=site.pk,
                planned_size=size,
                starts_on=datetime.date(2027, 3, 1),
                ends_on=datetime.date(2027, 9, 1),
                target_group="Cán bộ cấp xã",
            ),
        )
        for agency, count in zip((hac_thanh, tho_xuan), places, strict=True):
            if count:
                services.quota_set(
                    actor=office,
                    planned_class=planned,
                    agency_id=agency.pk,
                    places=count,
                )
    return plan


def paper(document) -> Paper:
    return Paper.read(documents.document_docx(document))


@pytest.mark.django_db
def test_the_plan_reads_as_a_ke_hoach(office, plan):
    document = services.plan_document_draft(actor=office, plan=plan)
    read = paper(document)
    # The title does not repeat itself.
    assert read.paragraphs[:2] == ["KẾ HOẠCH", "Đào tạo, bồi dưỡng cán bộ năm 2027"]
    # Căn cứ with its date, then the lead-in, upright (not a decision's italics).
    assert read.paragraphs[2:4] == [SCHOOL_BASIS, LEAD_IN]
    assert not is_italic(read.paragraph(SCHOOL_BASIS))
    assert "III. TỔ CHỨC THỰC HIỆN" in read.paragraphs
    assert (
        f"{OFFICE} chủ trì, phối hợp với các khoa và các cơ quan, đơn vị cử cán bộ "
        "đi học thực hiện Kế hoạch này." in read.paragraphs
    )
    # The annex: its title, its name and the "(Kèm theo …)" line.
    start = read.paragraphs.index("PHỤ LỤC")
    assert read.paragraphs[start : start + 3] == [
        "PHỤ LỤC",
        "DANH MỤC CÁC LỚP VÀ CHỈ TIÊU ĐÀO TẠO, BỒI DƯỠNG NĂM 2027",
        "(Kèm theo Kế hoạch số      /KH-TrCT ngày "
        + read.paragraphs[start + 2].split(" ngày ")[1],
    ]
    assert read.paragraphs[start + 2].endswith("của Trường Chính trị tỉnh Thanh Hóa)")
    classes, quotas = read.data_tables
    assert rows(classes)[1] == [
        "1",
        "Trung cấp lý luận chính trị K61A",
        "Cán bộ cấp xã",
        "50",
        "01/03/2027 - 01/09/2027",
        "Cơ sở chính",
    ]
    assert rows(quotas) == [
        ["STT", "Lớp", "Cơ quan, đơn vị", "Chỉ tiêu"],
        ["1", "Trung cấp lý luận chính trị K61A", "Đảng ủy phường Hạc Thành", "30"],
        ["2", "", "Đảng ủy xã Thọ Xuân", "20"],
        ["3", "Bồi dưỡng lãnh đạo cấp phòng khóa 1", "Đảng ủy phường Hạc Thành", "15"],
        ["", "Tổng cộng", "", "65"],
    ]
    assert alignment(quotas, 1, 3) == "right"
    assert alignment(classes, 1, 3) == "right"
    assert widths_mm(quotas)[0] < 15


@pytest.mark.django_db
def test_approval_needs_the_confirmation_box_and_without_it_changes_nothing(
    office, leader, plan, client
):
    services.plan_submit(actor=office, plan=plan)
    client.force_login(leader)
    url = reverse("planning:plan-detail", args=[plan.pk])
    assert 'name="confirm" value="yes" required' in client.get(url).content.decode()
    approve = reverse("planning:plan-approve", args=[plan.pk])
    events = AuditEvent.objects.count()

    refused = client.post(approve, follow=True)

    assert "Chưa xác nhận" in refused.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.approved_at) == ("submitted", None)
    assert AuditEvent.objects.count() == events

    client.post(approve, {"confirm": "yes"})

    plan.refresh_from_db()
    assert plan.status == "approved"


def test_the_plan_can_be_drafted_after_approval_citing_it(office, leader, plan, client):
    services.plan_submit(actor=office, plan=plan)
    plan = services.plan_approve(actor=leader, plan=plan)
    approved_on = plan.approved_at.astimezone().strftime("%d/%m/%Y")
    client.force_login(office)
    page = client.get(reverse("planning:plan-detail", args=[plan.pk]))
    assert "Soạn văn bản Kế hoạch" in page.content.decode()
    document = services.plan_document_draft(actor=office, plan=plan)
    assert document.basis == [
        SCHOOL_BASIS,
        "Căn cứ ý kiến phê duyệt kế hoạch đào tạo, bồi dưỡng năm 2027 ngày "
        f"{approved_on};",
        LEAD_IN,
    ]


@pytest.mark.django_db
def test_a_redraft_takes_new_data_and_keeps_the_office_text(office, leader, plan):
    document = services.plan_document_draft(actor=office, plan=plan)
    # The office rewrites the purpose and adds a line of its own.
    edited = (
        document.body_text.replace(
            "Đào tạo, bồi dưỡng cán bộ theo quy hoạch và chỉ tiêu được giao năm 2027.",
            "Nâng cao chất lượng đội ngũ cán bộ cấp xã sau sắp xếp.",
        )
        + "\nKinh phí thực hiện từ nguồn ngân sách tỉnh năm 2027."
    )
    data = documents.DraftData(
        summary=document.summary,
        body_text=edited,
        drafting_unit_id=document.drafting_unit_id,
        signer_title=document.signer_title,
        basis_text="\n".join(document.basis),
        recipients_text="\n".join(document.recipients),
    )
    document = documents.document_draft_update(
        actor=office, document=document, data=data, expected_version=document.version
    )
    # The data change: one more class; then the plan is approved.
    services.planned_class_add(
        actor=office,
        plan=plan,
        data=services.PlannedClassData(
            code="BD-2027-02",
            name="Bồi dưỡng cấp ủy viên",
            program_version_id=plan.classes.first().program_version_id,
            mode="part_time",
            site_id=plan.classes.first().site_id,
            planned_size=60,
            starts_on=datetime.date(2027, 5, 4),
            ends_on=datetime.date(2027, 5, 8),
        ),
    )
    services.plan_submit(actor=office, plan=plan)
    services.plan_approve(actor=leader, plan=plan)
    again = services.plan_document_draft(actor=office, plan=plan)
    assert again.pk == document.pk
    lines = again.body_text.splitlines()
    assert "Nâng cao chất lượng đội ngũ cán bộ cấp xã sau sắp xếp." in lines
    assert lines[-1] == "Kinh phí thực hiện từ nguồn ngân sách tỉnh năm 2027."
    assert (
        "Năm 2027, Trường mở 3 lớp với 150 học viên; danh mục các lớp và chỉ tiêu "
        "của từng cơ quan, đơn vị tại Phụ lục kèm theo Kế hoạch này."
    ) in lines
    assert len(again.basis) == 3  # the approval is cited now
    annex = again.body[-1]
    assert [row[1] for row in annex["blocks"][1]["rows"]][-1] == "Bồi dưỡng cấp ủy viên"
    assert AuditEvent.objects.filter(action="documents.document_redraft").count() == 1


@pytest.mark.django_db
def test_a_signed_plan_is_not_redrafted_and_its_annex_names_it(office, leader, plan):
    document = services.plan_document_draft(actor=office, plan=plan)
    documents.document_submit(actor=office, document=document)
    document = documents.document_sign(
        actor=leader, document=document, signed_on=SIGNED_ON
    )
    with document.docx_file.open("rb") as handle:
        data = handle.read()
    read = Paper.read(data)
    assert (
        "(Kèm theo Kế hoạch số 01/KH-TrCT ngày 15 tháng 12 năm 2026 của Trường "
        "Chính trị tỉnh Thanh Hóa)"
    ) in read.paragraphs
    assert read.signature_lines == ["HIỆU TRƯỞNG", "Nguyễn Văn Hiệu"]
    before = (document.version, document.body_text, AuditEvent.objects.count())
    with pytest.raises(ValidationError, match="chỉ soạn lại được dự thảo"):
        services.plan_document_draft(actor=office, plan=plan)
    document.refresh_from_db()
    assert (document.version, document.body_text, AuditEvent.objects.count()) == before
    assert OutgoingDocument.objects.count() == 1
    pdf, pages = pages_to_png(data, "ke-hoach")
    assert len(pages) == 2  # the plan, then its annex on a page of its own
    text = " ".join(pdf_lines(pdf))
    assert "KẾ HOẠCH Đào tạo, bồi dưỡng cán bộ năm 2027" in text
    assert "Nguyễn Văn Hiệu" in text
