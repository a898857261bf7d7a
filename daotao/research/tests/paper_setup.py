"""A small conference shaped like the seed's, for the tests of papers, reviews,
the programme, the proceedings and the report; and paper files to upload."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document
from pypdf import PdfWriter

from daotao.core.actors import Actor
from daotao.core.text import search_key
from daotao.faculty.tests.factories import LecturerFactory
from daotao.research.models import (
    Conference,
    ConferencePart,
    Delegate,
    Delegation,
    InvitedOrganisation,
    Liaison,
    ThemeGroup,
)
from daotao.research.services import papers as paper_services

Group = InvitedOrganisation.Group
DAY = datetime.date(2026, 4, 7)

ORGANISATIONS = [
    ("Học viện Chính trị quốc gia Hồ Chí Minh", Group.ACADEMY, 3),
    ("Thường trực Tỉnh ủy Thanh Hóa", Group.PROVINCE_LEADERS, 2),
    ("Ban Tuyên giáo và Dân vận Tỉnh ủy", Group.PROVINCE_BODIES, 4),
    ("Trường Chính trị tỉnh Nghệ An", Group.REGIONAL_SCHOOL, 5),
    ("Trường Chính trị Trần Phú - Hà Tĩnh", Group.REGIONAL_SCHOOL, 4),
    ("Trường Chính trị tỉnh Ninh Bình", Group.PARTNER_SCHOOL, 3),
    ("Trường Chính trị tỉnh Thanh Hóa", Group.HOST_SCHOOL, 6),
]


def _at(hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(DAY, datetime.time(hour, minute))
    )


@dataclass
class Setup:
    conference: Conference
    parts: list[ConferencePart]
    themes: list[ThemeGroup]
    organisations: dict[str, InvitedOrganisation]
    lecturers: list[Any] = field(default_factory=list)

    def org(self, group: str) -> InvitedOrganisation:
        return next(o for o in self.organisations.values() if o.group == group)


def conference_setup(school: Any, *, tag: str = "") -> Setup:
    """A one-day conference with two parts, three theme groups, seven invited
    organisations with delegates (some lodged, with meals) and two liaisons."""
    conference = Conference.objects.create(
        school=school,
        title="Đổi mới công tác quản lý đào tạo, bồi dưỡng cán bộ",
        slug=f"hoi-thao-{school.pk}{search_key(tag).replace(' ', '-')}",
        host="Trường Chính trị tỉnh Thanh Hóa",
        basis_number="48/KH-HVCT-HCQG",
        basis_date=datetime.date(2013, 12, 20),
        basis_issuer="Giám đốc Học viện",
        starts_on=DAY,
        ends_on=DAY,
        venue="Hội trường lớn",
    )
    parts = [
        ConferencePart.objects.create(
            conference=conference,
            name="Phần hội thảo",
            kind=ConferencePart.Kind.CONFERENCE,
            order=1,
            starts_at=_at(7, 30),
            ends_at=_at(11, 30),
        ),
        ConferencePart.objects.create(
            conference=conference,
            name="Phần tọa đàm",
            kind=ConferencePart.Kind.ROUNDTABLE,
            order=2,
            starts_at=_at(14),
            ends_at=_at(17),
        ),
    ]
    themes = [
        ThemeGroup.objects.create(conference=conference, name=name, order=n)
        for n, name in enumerate(
            [
                "Thể chế đào tạo, bồi dưỡng",
                "Quản lý quy trình đào tạo",
                "Quản lý học viên",
            ],
            1,
        )
    ]
    organisations = {}
    lecturers = [LecturerFactory(school=school) for _ in range(2)]
    for index, (name, group, count) in enumerate(ORGANISATIONS):
        organisation = InvitedOrganisation.objects.create(
            school=school, name=f"{name}{tag}", group=group
        )
        organisations[name] = organisation
        delegation = Delegation.objects.create(
            conference=conference, organisation=organisation
        )
        for number in range(count):
            Delegate.objects.create(
                school=school,
                conference=conference,
                delegation=delegation,
                full_name=f"Lê Văn Đại Biểu {index}{number}",
                needs_lodging=group in (Group.REGIONAL_SCHOOL, Group.PARTNER_SCHOOL),
                meals=2 if group != Group.HOST_SCHOOL else 1,
            )
        if group == Group.REGIONAL_SCHOOL:
            Liaison.objects.create(
                delegation=delegation, lecturer=lecturers[len(organisations) % 2]
            )
    return Setup(conference, parts, themes, organisations, lecturers)


def docx_bytes(title: str, paragraphs: int = 3) -> bytes:
    document = Document()
    document.add_heading(title, level=1)
    for number in range(paragraphs):
        document.add_paragraph(f"Đoạn {number + 1}: nội dung tham luận về {title}.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def blank_pdf(pages: int = 1) -> bytes:
    """A valid PDF of blank A4 pages (pypdf), for uploads and the proceedings."""
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


MINIMAL_PDF = blank_pdf()


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def submit(
    actor: Actor,
    setup: Setup,
    *,
    title: str,
    theme: int = 0,
    organisation: InvitedOrganisation | None = None,
    file: SimpleUploadedFile | None = None,
):
    organisation = organisation or setup.org(Group.REGIONAL_SCHOOL)
    return paper_services.paper_submit(
        actor=actor,
        conference=setup.conference,
        data=paper_services.PaperData(
            title=title,
            theme_group_id=setup.themes[theme].pk,
            authors=(
                paper_services.AuthorData(
                    full_name="Trần Thị Tác Giả",
                    organisation_id=organisation.pk,
                    is_presenter=True,
                ),
            ),
        ),
        upload=file,
    )


def accept(actor: Actor, paper: Any, setup: Setup) -> Any:
    """Review by an Academy expert, scored, then accepted."""
    review = paper_services.review_assign(
        actor=actor,
        paper=paper,
        reviewer_name="PGS.TS Nguyễn Văn Phản Biện",
        organisation=setup.org(Group.ACADEMY),
    )
    paper_services.review_record(
        actor=actor, review=review, score="8.5", comments="Tốt", recommendation="accept"
    )
    return paper_services.paper_decide(actor=actor, paper=paper, accept=True)


def paper_routes(school: Any, reviewer: Any = None) -> dict[str, int]:
    """For the role matrix: a conference with a paper (with a file) under review, a
    review and a programme session; the paper, review and programme routes each
    mapped to the record they are walked with. With `reviewer` (a lecturer), the
    paper is assigned to them too: the reviewer's own routes walk that review."""
    from daotao.accounts.models import Membership, User
    from daotao.core.access import Role

    actor = User.objects.create_user(
        username=f"phong-nckh-ma-tran-{school.pk}", password="x" * 16
    )
    Membership.objects.create(user=actor, role=Role.RESEARCH_OFFICE, school=school)
    setup = conference_setup(school, tag=" (ma trận quyền)")
    paper = submit(
        actor,
        setup,
        title="Tham luận để duyệt quyền",
        file=SimpleUploadedFile("bai.pdf", MINIMAL_PDF),
    )
    review = paper_services.review_assign(
        actor=actor,
        paper=paper,
        reviewer_name="TS. Phản Biện",
        organisation=setup.org(Group.ACADEMY),
    )
    own = (
        paper_services.review_assign(actor=actor, paper=paper, lecturer=reviewer)
        if reviewer is not None
        else None
    )
    session = setup.parts[0].sessions.create(
        title="Phiên 1", starts_at=_at(8), ends_at=_at(9)
    )
    conference_routes = [
        "paper-list",
        "paper-export",
        "paper-create",
        "programme-edit",
        "programme-print",
        "proceedings",
        "conference-documents",
        "invitations-draft",
        "report-draft",
    ]
    paper_routes_ = [
        "paper-detail",
        "paper-update",
        "paper-file",
        "review-assign",
        "paper-decide",
        "paper-withdraw",
        "paper-place",
    ]
    return {
        **{f"research:{name}": setup.conference.pk for name in conference_routes},
        **{f"research:{name}": paper.pk for name in paper_routes_},
        "research:review-record": review.pk,
        **(
            {
                "research:my-review-submit": own.pk,
                "research:my-review-file": own.pk,
            }
            if own is not None
            else {}
        ),
        "research:session-update": session.pk,
        "research:session-delete": session.pk,
    }
