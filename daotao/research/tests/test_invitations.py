"""Invitations (Giấy mời) drafted from the conference: the day as an office writes
it, who is invited, who signs to whom, and the warnings before sending."""

import datetime

import pytest

from daotao.core.access import Role
from daotao.documents.services import issuer_ensure_default
from daotao.research import rules
from daotao.research.models import ConferenceDocument, Delegation, InvitedOrganisation
from daotao.research.services import invitations, reporting
from daotao.research.tests.paper_setup import Group, conference_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(make_user):
    return make_user(Role.RESEARCH_OFFICE)


@pytest.fixture
def setup(school):
    return conference_setup(school)


def _settings(school, unit, **signer):
    return reporting.DraftSettings(
        issuer=issuer_ensure_default(school=school), drafting_unit_id=unit.pk, **signer
    )


def _by_name(result):
    return {c.organisation.name: c.document for c in result.created}


def test_a_one_day_event_is_named_by_its_day_and_weekday(office, setup, school, unit):
    result = invitations.invitations_draft(
        actor=office,
        conference=setup.conference,
        settings=_settings(school, unit),
        today=datetime.date(2026, 3, 10),
    )
    body = result.created[0].document.body_text
    assert "Thời gian: ngày 07/04/2026 (thứ Ba)." in body
    assert "từ ngày" not in body
    assert "Phần hội thảo: 07 giờ 30, ngày 07/04/2026" in body


def test_a_two_day_event_reads_from_to_with_weekdays():
    assert rules.event_days(datetime.date(2026, 4, 7), datetime.date(2026, 4, 8)) == (
        "từ ngày 07/04/2026 (thứ Ba) đến ngày 08/04/2026 (thứ Tư)"
    )
    assert rules.day_with_weekday(datetime.date(2026, 4, 12)) == (
        "ngày 12/04/2026 (Chủ nhật)"
    )


def test_neither_the_host_nor_its_learners_are_invited_and_never_twice(
    office, setup, school, unit
):
    learners = InvitedOrganisation.objects.create(
        school=school, name="Học viên các lớp trung cấp", group=Group.LEARNERS
    )
    Delegation.objects.create(conference=setup.conference, organisation=learners)
    result = invitations.invitations_draft(
        actor=office,
        conference=setup.conference,
        settings=_settings(school, unit),
        today=datetime.date(2026, 3, 10),
    )
    assert sorted(_by_name(result)) == sorted(
        o.name for o in setup.organisations.values() if o.group != Group.HOST_SCHOOL
    )
    assert learners.name not in _by_name(result)
    assert result.created[0].document.template.code == "giay-moi"
    again = invitations.invitations_draft(
        actor=office, conference=setup.conference, settings=_settings(school, unit)
    )
    assert again.created == [] and again.warnings == []
    assert ConferenceDocument.objects.filter(kind="invitation").count() == 6


def test_left_blank_the_head_signs_to_the_standing_committee_and_the_academy(
    office, setup, school, unit
):
    documents = _by_name(
        invitations.invitations_draft(
            actor=office,
            conference=setup.conference,
            settings=_settings(school, unit),
            today=datetime.date(2026, 3, 10),
        )
    )
    for name in (
        "Thường trực Tỉnh ủy Thanh Hóa",
        "Học viện Chính trị quốc gia Hồ Chí Minh",
    ):
        assert (documents[name].signer_authority, documents[name].signer_title) == (
            "",
            "HIỆU TRƯỞNG",
        )
    school_doc = documents["Trường Chính trị tỉnh Nghệ An"]
    assert (school_doc.signer_authority, school_doc.signer_title) == (
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
    )


def test_a_deputy_signing_to_the_standing_committee_is_warned(
    office, setup, school, unit
):
    result = invitations.invitations_draft(
        actor=office,
        conference=setup.conference,
        settings=_settings(
            school,
            unit,
            signer_authority="KT. HIỆU TRƯỞNG",
            signer_title="PHÓ HIỆU TRƯỞNG",
        ),
        today=datetime.date(2026, 3, 10),
    )
    assert result.warnings == [
        "Giấy mời gửi Học viện Chính trị quốc gia Hồ Chí Minh; Thường trực Tỉnh ủy "
        "Thanh Hóa do cấp phó ký thay (KT.): giấy mời gửi Ban Thường vụ Tỉnh ủy trở "
        "lên nên do người đứng đầu ký."
    ]
    assert len(result.created) == 6


def test_the_head_signing_draws_no_warning(office, setup, school, unit):
    result = invitations.invitations_draft(
        actor=office,
        conference=setup.conference,
        settings=_settings(school, unit, signer_title="HIỆU TRƯỞNG"),
        today=datetime.date(2026, 3, 10),
    )
    assert result.warnings == []


def test_invitations_drafted_months_ahead_are_warned(office, setup, school, unit):
    result = invitations.invitations_draft(
        actor=office,
        conference=setup.conference,
        settings=_settings(school, unit),
        today=datetime.date(2025, 8, 1),
    )
    assert result.warnings == [
        "Giấy mời được soạn trước ngày hội thảo 249 ngày (hơn 3 tháng): hãy kiểm tra "
        "lại ngày hội thảo hoặc soạn gần ngày hơn."
    ]


def test_a_month_ahead_is_not_warned():
    assert (
        rules.invitation_warnings(
            starts_on=datetime.date(2026, 4, 7),
            today=datetime.date(2026, 3, 7),
            deputy_signs=False,
            high_rank_addressees=[],
        )
        == []
    )


@pytest.mark.parametrize(
    ("group", "name", "expected"),
    [
        ("province_bodies", "Ban Thường vụ Tỉnh ủy Thanh Hóa", True),
        ("province_leaders", "Lãnh đạo tỉnh", True),
        ("academy", "Vụ các Trường chính trị", True),
        ("province_bodies", "Sở Nội vụ", False),
        ("regional_school", "Trường Chính trị tỉnh Nghệ An", False),
    ],
)
def test_high_rank_addressees(group, name, expected):
    assert rules.is_high_rank(group=group, name=name) is expected


def test_an_invitation_on_paper_names_the_day_and_the_signer(
    office, setup, school, unit
):
    """The Giấy mời as the office prints it: its type, the one day with its
    weekday, and a signature block; its pages go to the artifacts to be looked at."""
    from daotao.documents.services import document_docx
    from daotao.documents.tests.docx_reading import Paper, pages_to_png, pdf_lines

    result = invitations.invitations_draft(
        actor=office,
        conference=setup.conference,
        settings=_settings(school, unit),
        today=datetime.date(2026, 3, 10),
    )
    data = document_docx(result.created[0].document)
    read = Paper.read(data)
    assert "GIẤY MỜI" in read.paragraphs
    assert "Thời gian: ngày 07/04/2026 (thứ Ba)." in read.paragraphs
    pdf, pages = pages_to_png(data, "giay-moi")
    assert len(pages) >= 1
    text = " ".join(pdf_lines(pdf))
    assert "GIẤY MỜI" in text
    assert "ngày 07/04/2026 (thứ Ba)" in text
