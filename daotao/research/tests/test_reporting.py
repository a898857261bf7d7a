"""The post-event report and the invitations drafted from the conference's data, and
the proceedings as one PDF."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from daotao.core.access import Role
from daotao.documents.models import OutgoingDocument
from daotao.documents.services import issuer_ensure_default
from daotao.research import services
from daotao.research.models import (
    ConferenceDocument,
    Delegate,
    InvitedOrganisation,
    Liaison,
    Paper,
)
from daotao.research.proceedings import proceedings_pdf
from daotao.research.selectors import papers as paper_selectors
from daotao.research.services import papers as paper_services
from daotao.research.services import reporting
from daotao.research.tests.paper_setup import (
    MINIMAL_PDF,
    Group,
    accept,
    conference_setup,
    docx_bytes,
    submit,
    upload,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(Role.RESEARCH_OFFICE)


@pytest.fixture
def setup(school):
    return conference_setup(school)


def _settings(school, unit):
    return reporting.DraftSettings(
        issuer=issuer_ensure_default(school=school), drafting_unit_id=unit.pk
    )


def _number(text: str, pattern: str) -> int:
    match = re.search(pattern, text)
    assert match, pattern
    return int(match.group(1).replace(".", ""))


def report_figures_match_the_database(document: OutgoingDocument, conference) -> None:
    """Every figure the drafted report states, compared with a count of its own."""
    text = document.body_text
    delegates = Delegate.objects.filter(conference=conference)
    papers = Paper.objects.filter(conference=conference).exclude(status="withdrawn")
    assert _number(text, r"có ([\d.]+) đại biểu") == delegates.count()
    for value, label in InvitedOrganisation.Group.choices:
        count = delegates.filter(delegation__organisation__group=value).count()
        if count:
            assert f"{label}: {count} đại biểu" in text
    for group, word in (
        (Group.REGIONAL_SCHOOL, "trường chính trị trong khu vực"),
        (Group.PARTNER_SCHOOL, "trường bạn"),
    ):
        names = list(
            conference.delegations.filter(organisation__group=group)
            .order_by("position", "organisation__sort_key")
            .values_list("organisation__name", flat=True)
        )
        assert _number(text, rf"(\d+) {word} \(") == len(names)
        listed = re.search(rf"\d+ {word} \(([^)]*)\)", text).group(1)
        assert listed.split("; ") == names
    assert _number(text, r"nhận được ([\d.]+) tham luận") == papers.count()
    assert _number(text, r"trong đó ([\d.]+) tham luận được chấp nhận") == (
        papers.filter(status="accepted").count()
    )
    for theme in conference.themes.all():
        assert (
            f"+ {theme.name}: {papers.filter(theme_group=theme).count()} tham luận"
            in text
        )
    assert _number(text, r"tổ chức thành (\d+) phần") == conference.parts.count()
    for part in conference.parts.all():
        assert part.name in text
    liaisons = Liaison.objects.filter(delegation__conference=conference)
    assert _number(text, r"Chọn cử (\d+) giảng viên") == (
        liaisons.values("lecturer").distinct().count()
    )
    assert _number(text, r"với (\d+) đoàn đại biểu") == (
        liaisons.values("delegation").distinct().count()
    )
    lodged = (
        delegates.filter(needs_lodging=True).count()
        + delegates.filter(needs_lodging=False).exclude(lodging="").count()
    )
    assert _number(text, r"nơi nghỉ cho ([\d.]+) đại biểu") == lodged
    assert _number(text, r"phục vụ ([\d.]+) suất ăn") == sum(
        delegates.values_list("meals", flat=True)
    )
    assert _number(text, r"tổ chức (\d+) ngày") == (
        (conference.ends_on - conference.starts_on).days + 1
    )
    annex = next(b for b in document.body if b["kind"] == "annex")
    by_group, by_theme = (b for b in annex["blocks"] if b["kind"] == "table")
    for label, count in by_group["rows"][:-1]:
        value = next(
            v for v, text in InvitedOrganisation.Group.choices if text == label
        )
        assert (
            int(count)
            == delegates.filter(delegation__organisation__group=value).count()
        )
    assert by_group["rows"][-1] == ["Tổng cộng", str(delegates.count())]
    for name, count in by_theme["rows"][:-1]:
        assert (
            int(count.replace(".", "")) == papers.filter(theme_group__name=name).count()
        )
    assert by_theme["rows"][-1] == ["Tổng cộng", str(papers.count())]


def test_the_report_states_the_figures_of_the_data(office, setup, school, unit):
    accepted = accept(office, submit(office, setup, title="Bài 1"), setup)
    submit(office, setup, title="Bài 2", theme=1)
    withdrawn = submit(office, setup, title="Bài 3", theme=2)
    paper_services.paper_withdraw(actor=office, paper=withdrawn, reason="Xin rút")
    record = reporting.report_draft(
        actor=office, conference=setup.conference, settings=_settings(school, unit)
    )
    document = record.document
    assert document.status == OutgoingDocument.Status.DRAFT
    assert document.template.code == "bao-cao"
    assert document.summary == (
        "Kết quả thực hiện Hội thảo khoa học “Đổi mới công tác quản lý đào tạo, bồi "
        "dưỡng cán bộ”"
    )
    text = document.body_text
    assert "có 27 đại biểu" in text
    assert "2 trường chính trị trong khu vực (Trường Chính trị tỉnh Nghệ An; " in text
    assert "1 trường bạn (Trường Chính trị tỉnh Ninh Bình)" in text
    assert "nhận được 2 tham luận, trong đó 1 tham luận được chấp nhận" in text
    assert "48/KH-HVCT-HCQG ngày 20/12/2013 của Giám đốc Học viện" in text
    assert accepted.status == "accepted"
    assert record.figures["papers_accepted"] == 1
    assert record.figures["delegates"] == 27
    report_figures_match_the_database(document, setup.conference)
    with pytest.raises(ValidationError, match="hãy cập nhật dự thảo"):
        reporting.report_draft(
            actor=office, conference=setup.conference, settings=_settings(school, unit)
        )
    assert ConferenceDocument.objects.filter(kind="report").count() == 1


def test_an_edited_narrative_keeps_the_generated_tables(office, setup, school, unit):
    from daotao.documents import services as documents

    record = reporting.report_draft(
        actor=office, conference=setup.conference, settings=_settings(school, unit)
    )
    document = record.document
    edited = document.body_text.replace("[…]", "Nhà trường đã chuẩn bị chu đáo.", 1)
    documents.document_draft_update(
        actor=office,
        document=document,
        expected_version=document.version,
        data=documents.DraftData(
            summary=document.summary,
            body_text=edited,
            drafting_unit_id=unit.pk,
            signer_title=document.signer_title,
        ),
    )
    document.refresh_from_db()
    assert "Nhà trường đã chuẩn bị chu đáo." in document.body_text
    annex = [b for b in document.body if b["kind"] == "annex"]
    assert [b["kind"] for b in annex[0]["blocks"]].count("table") == 2


def test_proceedings_cover_contents_and_papers_in_programme_order(office, setup):
    docx_paper = accept(
        office,
        submit(
            office,
            setup,
            title="Quản lý học viên",
            file=upload("a.docx", docx_bytes("Quản lý học viên")),
        ),
        setup,
    )
    pdf_paper = accept(
        office,
        submit(
            office, setup, title="Đào tạo cán bộ", file=upload("b.pdf", MINIMAL_PDF)
        ),
        setup,
    )
    papers = paper_selectors.papers_in_programme_order(conference=setup.conference)
    # Not placed in sessions yet: by theme group, then title in Vietnamese order.
    assert [p.pk for p in papers] == [pdf_paper.pk, docx_paper.pk]
    pdf = PdfReader(io.BytesIO(proceedings_pdf(setup.conference, papers)))
    # cover, contents, one page of the DOCX paper, one page of the PDF paper
    assert len(pdf.pages) == 4
    contents = pdf.pages[1].extract_text()
    assert "MỤC LỤC" in contents
    first, second = papers
    assert re.search(rf"1\. {first.title}\W+3", contents)
    assert re.search(rf"2\. {second.title}\W+4", contents)
    assert "Trần Thị Tác Giả (Trường Chính trị tỉnh Nghệ An)" in contents
    assert "KỶ YẾU HỘI THẢO KHOA HỌC" in pdf.pages[0].extract_text()
    # One bookmark per paper (a DOCX paper's own headings nest under its own).
    top = [item.title for item in pdf.outline if not isinstance(item, list)]
    assert top == [first.title, second.title]


def test_the_report_has_the_seeds_five_sections_with_speeches_and_experience(
    office, setup, school, unit
):
    conference = setup.conference
    conference.experience = "Một là, biết chủ động tham mưu.\nHai là, biết tổ chức."
    conference.save()
    services.speech_add(
        actor=office,
        conference=conference,
        speaker="Trương Thị Thông",
        post="Phó Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh",
        gist="đánh giá cao sự cố gắng nỗ lực của các trường chính trị.",
    )
    text = reporting.report_draft(
        actor=office, conference=conference, settings=_settings(school, unit)
    ).document.body_text
    lines = text.splitlines()
    headings = [line for line in lines if re.match(r"^\d\. ", line)]
    assert headings == [
        "1. Công tác tham mưu, phối hợp",
        "2. Kết quả cụ thể",
        "3. Đánh giá chung",
        "4. Một số kinh nghiệm bước đầu",
        "5. Những kiến nghị, đề xuất",
    ]
    section_4 = lines[lines.index(headings[3]) + 1 : lines.index(headings[4])]
    assert section_4 == [
        "Từ thành công của Hội thảo, Trường Chính trị tỉnh Thanh Hóa rút ra những "
        "kinh nghiệm bước đầu như sau:",
        "Một là, biết chủ động tham mưu.",
        "Hai là, biết tổ chức.",
    ]
    assert (
        "- Tại Hội thảo, đồng chí Trương Thị Thông, Phó Giám đốc Học viện Chính trị "
        "quốc gia Hồ Chí Minh, đánh giá cao sự cố gắng nỗ lực của các trường chính "
        "trị." in lines
    )
    assert "- Hội thảo được tổ chức 1 ngày (ngày 07/04/2026) tại Hội trường lớn." in (
        lines
    )
    assert "từ ngày 07/04/2026" not in text


def test_the_liaisons_serve_only_the_delegations_that_have_one(
    office, setup, school, unit
):
    text = reporting.report_draft(
        actor=office, conference=setup.conference, settings=_settings(school, unit)
    ).document.body_text
    # Two regional schools have a liaison (the same two lecturers); seven
    # delegations in all.
    assert (
        "+ Chọn cử 2 giảng viên của Nhà trường làm liên lạc viên với 2 đoàn đại biểu,"
        in text
    )
    assert setup.conference.delegations.count() == 7


def test_schools_are_listed_in_the_conferences_order(office, setup, school, unit):
    conference = setup.conference
    conference.delegations.filter(
        organisation__name="Trường Chính trị tỉnh Nghệ An"
    ).update(position=2)
    conference.delegations.filter(
        organisation__name="Trường Chính trị Trần Phú - Hà Tĩnh"
    ).update(position=1)
    text = reporting.report_draft(
        actor=office, conference=conference, settings=_settings(school, unit)
    ).document.body_text
    assert (
        "2 trường chính trị trong khu vực (Trường Chính trị Trần Phú - Hà Tĩnh; "
        "Trường Chính trị tỉnh Nghệ An)" in text
    )


def test_the_recipients_default_to_the_seeds_lines(office, setup, school, unit):
    document = reporting.report_draft(
        actor=office, conference=setup.conference, settings=_settings(school, unit)
    ).document
    assert document.recipients == [
        "Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh (để b/c);",
        "Thường trực Tỉnh ủy (để b/c);",
        "Thường trực HĐND, UBND tỉnh;",
        "Các ban của Tỉnh ủy;",
        "Văn phòng Tỉnh ủy;",
        "Đảng ủy các cơ quan Đảng tỉnh;",
        "Các đảng ủy xã, phường;",
        "Ban Giám hiệu;",
        "Các khoa, phòng;",
    ]


def test_the_conferences_own_recipients_replace_the_default(
    office, setup, school, unit
):
    setup.conference.report_recipients = "Thường trực Tỉnh ủy;\n\nBan Giám hiệu;"
    setup.conference.save()
    document = reporting.report_draft(
        actor=office, conference=setup.conference, settings=_settings(school, unit)
    ).document
    assert document.recipients == ["Thường trực Tỉnh ủy;", "Ban Giám hiệu;"]


def _edit(office, document, unit, body_text):
    from daotao.documents import services as documents

    return documents.document_draft_update(
        actor=office,
        document=document,
        expected_version=document.version,
        data=documents.DraftData(
            summary=document.summary,
            body_text=body_text,
            drafting_unit_id=unit.pk,
            signer_title=document.signer_title,
            recipients_text="\n".join(document.recipients),
        ),
    )


def test_a_refresh_takes_the_new_figures_and_keeps_the_offices_text(
    office, setup, school, unit
):
    conference = setup.conference
    record = reporting.report_draft(
        actor=office, conference=conference, settings=_settings(school, unit)
    )
    document = record.document
    body = document.body_text.replace(
        "1. Công tác tham mưu, phối hợp\n[…]",
        "1. Công tác tham mưu, phối hợp\nNhà trường đã tham mưu sớm.\nĐoạn hai.",
    ).replace("3. Đánh giá chung\n[…]", "3. Đánh giá chung\nHội thảo thành công.")
    _edit(office, document, unit, body)
    delegation = conference.delegations.get(organisation__group=Group.HOST_SCHOOL)
    Delegate.objects.create(
        school=school,
        conference=conference,
        delegation=delegation,
        full_name="Nguyễn Văn Mới",
    )
    refreshed = reporting.report_refresh(actor=office, record=record)
    document.refresh_from_db()
    text = document.body_text
    assert "có 28 đại biểu" in text and "có 27 đại biểu" not in text
    lines = text.splitlines()
    assert lines[lines.index("1. Công tác tham mưu, phối hợp") + 1 :][:3] == [
        "Nhà trường đã tham mưu sớm.",
        "Đoạn hai.",
        "2. Kết quả cụ thể",
    ]
    assert lines[lines.index("3. Đánh giá chung") + 1] == "Hội thảo thành công."
    assert text.count("[…]") == 3  # the results' narrative, sections 4 and 5
    assert refreshed.figures["delegates"] == 28
    annex = next(b for b in document.body if b["kind"] == "annex")
    by_group = next(b for b in annex["blocks"] if b["kind"] == "table")
    assert by_group["rows"][-1] == ["Tổng cộng", "28"]
    assert document.recipients[0] == (
        "Giám đốc Học viện Chính trị quốc gia Hồ Chí Minh (để b/c);"
    )
    report_figures_match_the_database(document, conference)


def test_a_report_sent_for_signature_is_not_refreshed(office, setup, school, unit):
    from daotao.documents import services as documents

    record = reporting.report_draft(
        actor=office, conference=setup.conference, settings=_settings(school, unit)
    )
    documents.document_submit(actor=office, document=record.document)
    Delegate.objects.create(
        school=school,
        conference=setup.conference,
        delegation=setup.conference.delegations.first(),
        full_name="Nguyễn Văn Mới",
    )
    before = OutgoingDocument.objects.get(pk=record.document_id).body_text
    with pytest.raises(ValidationError, match="Chỉ sửa được văn bản đang là dự thảo"):
        reporting.report_refresh(actor=office, record=record)
    assert OutgoingDocument.objects.get(pk=record.document_id).body_text == before
    record.refresh_from_db()
    assert record.figures["delegates"] == 27


def test_merge_puts_the_offices_lines_where_the_placeholder_stood():
    previous = "Mở đầu 1\n1. Công tác tham mưu, phối hợp\n[…]\n2. Kết quả cụ thể\n- 5"
    current = (
        "Mở đầu 1\n1. Công tác tham mưu, phối hợp\nViết A\n2. Kết quả cụ thể\n- 5\n"
        "Thêm B"
    )
    new = "Mở đầu 2\n1. Công tác tham mưu, phối hợp\n[…]\n2. Kết quả cụ thể\n- 6"
    assert reporting.merge_office_text(
        previous=previous, current=current, new=new
    ).splitlines() == [
        "Mở đầu 2",
        "1. Công tác tham mưu, phối hợp",
        "Viết A",
        "2. Kết quả cụ thể",
        "- 6",
        "Thêm B",
    ]
