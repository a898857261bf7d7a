"""The demo conference's papers, shaped like the seed report 104/BC-TrCT: 25 papers
from the host school, the regional schools, the partner schools and the province's
bodies,
in the conference's theme groups; reviewed, decided, ordered into the programme;
and, once the conference is over, the report drafted from the data, with the parts
only the office can write filled in as the seed's were.

Every write goes through the research services as the research office would.
Idempotent: a conference that has papers is left as it is."""

from __future__ import annotations

import io
from collections import Counter
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document

from daotao.documents import services as documents
from daotao.documents.services import issuer_ensure_default
from daotao.faculty.models import Lecturer
from daotao.research.models import (
    Conference,
    ConferenceDocument,
    InvitedOrganisation,
    Paper,
)
from daotao.research.services import papers as services
from daotao.research.services import programme, reporting

Group = InvitedOrganisation.Group

# (author group, theme index, title) — the seed's groups of papers.
HOST_TITLES = [
    "Vai trò tham mưu của Trường Chính trị cho Tỉnh ủy, UBND tỉnh trong hoàn thiện "
    "thể chế đào tạo, bồi dưỡng cán bộ",
    "Phát triển đội ngũ lãnh đạo, quản lý nhà trường và đội ngũ giảng viên",
    "Đổi mới đầu tư cơ sở vật chất phục vụ giảng dạy, học tập và nghiên cứu",
    "Kinh nghiệm đổi mới công tác nghiên cứu khoa học, tổng kết thực tiễn",
    "Những khâu đột phá trong đổi mới đồng bộ công tác đào tạo, bồi dưỡng",
    "Ứng dụng công nghệ thông tin trong quản lý đào tạo tại Trường Chính trị",
]
PROCESS_TITLES = [
    "Xây dựng kế hoạch đào tạo, bồi dưỡng sát với quy hoạch cán bộ",
    "Kết quả và kinh nghiệm trong công tác tuyển sinh các lớp trung cấp",
    "Quản lý giảng dạy và đánh giá học viên: kết quả, hạn chế, kiến nghị",
    "Xây dựng đội ngũ giảng viên đáp ứng yêu cầu đổi mới",
]
STUDENT_TITLES = [
    "Giải pháp đổi mới hoạt động quản lý của các khoa, phòng",
    "Tăng cường quản lý học viên các lớp tập trung",
    "Kinh nghiệm đào tạo trung cấp lý luận chính trị cho cán bộ nước "
    "Cộng hòa dân chủ nhân dân Lào",
    "Quản lý học viên theo hướng phát huy tính chủ động, tự giác",
    "Phối hợp giữa khoa và phòng trong quản lý lớp học",
    "Nâng cao chất lượng công tác chủ nhiệm lớp",
]
PARTNER_TITLES = [
    "Thuận lợi, khó khăn trong công tác đào tạo, bồi dưỡng cán bộ hiện nay",
    "Nâng cao trách nhiệm trong công tác quản lý đào tạo",
    "Cơ chế phối hợp giữa trường chính trị với các cơ quan cử cán bộ đi học",
    "Kiến nghị sớm ban hành quy định mô hình trường chính trị chuẩn",
    "Kinh nghiệm quản lý đào tạo tại trường bạn",
]
DISTRICT_TITLES = [
    "Phát huy cơ chế phối hợp giữa Trường Chính trị với các xã, phường",
    "Gắn đào tạo, bồi dưỡng với sử dụng cán bộ ở cơ sở",
    "Chuyển từ quản lý hành chính sang phát huy tính tự giác của người học",
    "Giao nhiệm vụ nghiên cứu sát chức danh cho cán bộ đi học",
]
REJECTED = {"Kinh nghiệm quản lý đào tạo tại trường bạn", PROCESS_TITLES[3]}
AUTHOR_NAMES = [
    "Nguyễn Văn Hùng",
    "Lê Thị Hương",
    "Trần Đình Thắng",
    "Phạm Thị Lan",
    "Hoàng Văn Minh",
    "Đỗ Thị Thu",
    "Vũ Quang Hải",
    "Bùi Thị Hà",
]
ACADEMY_REVIEWER = "PGS.TS Trần Văn Phản Biện"
SESSION_OF_THEME = (0, 0, 1, 2)


def _docx(title: str, organisation: str) -> bytes:
    document = Document()
    document.add_heading(title, level=1)
    document.add_paragraph(organisation).italic = True
    for heading in ("Đặt vấn đề", "Thực trạng", "Giải pháp", "Kết luận"):
        document.add_heading(heading, level=2)
        for _n in range(3):
            document.add_paragraph(
                f"{heading} của tham luận “{title}”: nội dung trình bày tại hội thảo, "
                "gồm kết quả đạt được, hạn chế, nguyên nhân và kinh nghiệm rút ra "
                "trong công tác đào tạo, bồi dưỡng cán bộ ở địa phương."
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _organisations(conference: Conference, group: str) -> list[InvitedOrganisation]:
    return [
        d.organisation
        for d in conference.delegations.select_related("organisation")
        .filter(organisation__group=group)
        .order_by("id")
    ]


def _plan(conference: Conference) -> list[tuple[str, int, InvitedOrganisation]]:
    """(title, theme index, author organisation) for the 25 papers."""
    host = _organisations(conference, Group.HOST_SCHOOL)
    regional = _organisations(conference, Group.REGIONAL_SCHOOL) or host
    partners = _organisations(conference, Group.PARTNER_SCHOOL) or host
    districts = _organisations(conference, Group.PROVINCE_BODIES) or host
    if not host:
        return []

    def pick(organisations: list[InvitedOrganisation], n: int) -> InvitedOrganisation:
        return organisations[n % len(organisations)]

    return [
        *((t, 0, host[0]) for t in HOST_TITLES),
        *((t, 1, pick(regional, n)) for n, t in enumerate(PROCESS_TITLES)),
        *((t, 2, pick(regional, 2 + n % 3)) for n, t in enumerate(STUDENT_TITLES)),
        *((t, 3, pick(partners, n)) for n, t in enumerate(PARTNER_TITLES)),
        *((t, 3, pick(districts, n)) for n, t in enumerate(DISTRICT_TITLES)),
    ]


def _submit(office, conference, themes, number, title, theme, organisation) -> Paper:
    return services.paper_submit(
        actor=office,
        conference=conference,
        data=services.PaperData(
            title=title,
            theme_group_id=themes[theme % len(themes)].pk,
            abstract=f"Tham luận của {organisation.name} về: {title.lower()}.",
            authors=(
                services.AuthorData(
                    full_name=AUTHOR_NAMES[number % len(AUTHOR_NAMES)],
                    organisation_id=organisation.pk,
                    is_presenter=True,
                ),
                services.AuthorData(
                    full_name=AUTHOR_NAMES[(number + 3) % len(AUTHOR_NAMES)],
                    organisation_id=organisation.pk,
                ),
            ),
        ),
        upload=SimpleUploadedFile(
            f"tham-luan-{number:02d}.docx", _docx(title, organisation.name)
        ),
    )


def _review_and_decide(office, paper, lecturers, academy, number) -> None:
    host_paper = paper.authors.filter(organisation__group=Group.HOST_SCHOOL).exists()
    if host_paper or not lecturers:
        review = services.review_assign(
            actor=office,
            paper=paper,
            reviewer_name=ACADEMY_REVIEWER,
            organisation=academy,
        )
    else:
        review = services.review_assign(
            actor=office, paper=paper, lecturer=lecturers[number % len(lecturers)]
        )
    rejected = paper.title in REJECTED
    services.review_record(
        actor=office,
        review=review,
        score="5" if rejected else ("9" if number % 3 else "8.5"),
        comments="Chưa sát chủ đề hội thảo." if rejected else "Nội dung thiết thực.",
        recommendation="reject" if rejected else "accept",
    )
    services.paper_decide(actor=office, paper=paper, accept=not rejected)


def _sessions(office, conference) -> list[Any]:
    """Two sessions in the first part (morning halves), one per later part."""
    parts = list(conference.parts.order_by("order", "starts_at", "id"))
    specs = []
    if parts:
        first = parts[0]
        middle = first.starts_at + (first.ends_at - first.starts_at) / 2
        specs += [
            (
                first,
                "Phiên thứ nhất: Thể chế và quy trình quản lý",
                first.starts_at,
                middle,
            ),
            (
                first,
                "Phiên thứ hai: Quản lý khoa, phòng và học viên",
                middle,
                first.ends_at,
            ),
        ]
    specs += [
        (part, f"Phiên {part.name.lower()}", part.starts_at, part.ends_at)
        for part in parts[1:]
    ]
    return [
        programme.session_create(
            actor=office,
            conference=conference,
            data=programme.SessionData(
                part_id=part.pk,
                title=title,
                starts_at=start,
                ends_at=end,
                chairs="Hiệu trưởng Trường Chính trị\nĐại diện lãnh đạo Học viện",
            ),
        )
        for part, title, start, end in specs
    ]


def ensure_papers(
    *, conference: Conference, office: Any, unit: Any = None, signer_name: str = ""
) -> Counter:
    """The 25 papers of the demo conference with their reviews, decisions and the
    programme; the report drafted when the conference is over. Counts created."""
    created: Counter = Counter()
    if conference.papers.exists():
        return created
    themes = list(conference.themes.order_by("order", "id"))
    if not themes:
        return created
    academy = next(iter(_organisations(conference, Group.ACADEMY)), None)
    lecturers = list(
        Lecturer.objects.filter(school_id=conference.school_id, is_active=True)
        .select_related("person")
        .order_by("person__sort_key", "id")[:10]
    )
    papers = []
    for number, (title, theme, organisation) in enumerate(_plan(conference), 1):
        paper = _submit(office, conference, themes, number, title, theme, organisation)
        if academy is not None:
            _review_and_decide(office, paper, lecturers, academy, number)
        papers.append(paper)
    created["tham luận"] = len(papers)
    sessions = _sessions(office, conference)
    if sessions:
        for paper in Paper.objects.filter(
            conference=conference, status=Paper.Status.ACCEPTED
        ).order_by("theme_group__order", "id"):
            # Themes 1-2 in the first session, 3 in the second, the rest after.
            index = SESSION_OF_THEME[min(max(paper.theme_group.order, 1), 4) - 1]
            programme.programme_place(
                actor=office,
                paper=paper,
                session=sessions[min(index, len(sessions) - 1)],
            )
    created["phiên"] = len(sessions)
    if unit is not None and conference.ends_on < timezone.localdate():
        _report(conference, office, unit, signer_name)
        created["báo cáo hội thảo"] = 1
    return created


def _report(conference, office, unit, signer_name) -> None:
    if ConferenceDocument.objects.filter(
        conference=conference, kind=ConferenceDocument.Kind.REPORT
    ).exists():
        return
    record = reporting.report_draft(
        actor=office,
        conference=conference,
        settings=reporting.DraftSettings(
            issuer=issuer_ensure_default(school=conference.school),
            drafting_unit_id=unit.pk,
            signer_name=signer_name,
        ),
    )
    _write_narrative(record.document, office)


# What the office writes in the draft where the data has no answer, in the order
# of the "[…]" the draft leaves: sections 1, 2 (the papers' content), 3 and 5.
OFFICE_TEXT = [
    "Ngay sau khi có Kế hoạch của Học viện, Nhà trường đã tham mưu với Thường trực "
    "Tỉnh ủy, thường xuyên liên hệ với các trường chính trị trong khu vực và các "
    "trường bạn để chuẩn bị tham luận và các điều kiện phục vụ Hội thảo; làm việc "
    "với lãnh đạo một số đảng ủy xã, phường về cơ chế phối hợp trong đào tạo, bồi "
    "dưỡng cán bộ.",
    "Các tham luận tập trung làm rõ kết quả, hạn chế và kinh nghiệm trong các khâu "
    "của quy trình quản lý đào tạo, đề xuất giải pháp đổi mới quản lý của các khoa, "
    "phòng và quản lý học viên.",
    "- Hội thảo đã thực sự là diễn đàn để các trường chính trị trao đổi cởi mở, "
    "khách quan những kết quả, hạn chế, nguyên nhân và kinh nghiệm quản lý.\n"
    "- Hội thảo góp phần cụ thể hóa chủ trương đổi mới căn bản, toàn diện giáo dục, "
    "đào tạo trong công tác đào tạo, bồi dưỡng cán bộ.",
    "5.1. Đối với Học viện Chính trị quốc gia Hồ Chí Minh\n"
    "- Ban hành hướng dẫn thống nhất về tiêu chuẩn giảng viên và mô hình chuẩn cơ "
    "sở vật chất của trường chính trị.\n"
    "5.2. Đối với Tỉnh ủy, Ủy ban nhân dân tỉnh\n"
    "- Có chính sách luân chuyển giảng viên về cơ sở để nâng cao kiến thức thực "
    "tiễn.\n"
    "5.3. Đối với các đảng ủy xã, phường\n"
    "- Gắn kết quả học tập của cán bộ với việc đánh giá, sử dụng cán bộ.",
]


def _write_narrative(document: Any, office: Any) -> None:
    """The office's edit of the draft, through the documents service."""
    text = document.body_text
    for paragraph in OFFICE_TEXT:
        text = text.replace(reporting.TO_WRITE, paragraph, 1)
    documents.document_draft_update(
        actor=office,
        document=document,
        expected_version=document.version,
        data=documents.DraftData(
            summary=document.summary,
            body_text=text,
            drafting_unit_id=document.drafting_unit_id,
            signer_title=document.signer_title,
            signer_authority=document.signer_authority,
            signer_name=document.signer_name,
            recipients_text="\n".join(document.recipients),
            archive_units_text=", ".join(document.archive_units),
        ),
    )
